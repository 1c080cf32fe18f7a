//! Size limits checked on the text before it reaches the parser. tree-sitter keeps every
//! token and every open flow collection as a node of a few hundred bytes, and the model and
//! the synthesizer grow with the tokens and `${...}` expressions: a 1 MB file of `[{` or of
//! `${Api.apiId}` once took gigabytes. Definition files stay far below these limits (API
//! Gateway allows 300 routes per API, a stack 500 resources); past one, the rest of the file is
//! not read, and the error says which limit and where.
//!
//! The scan is an estimate made in one pass over the bytes: tokens are runs of non-blank
//! characters, flow indicators, comments and quoted scalars (one each); the contents of block
//! scalars (`|`, `>`) count as nothing.

use super::super::Span;
use super::text::lines;

/// The most tokens read (about 300 bytes of parser memory each).
pub const MAX_TOKENS: usize = 50_000;
/// The most flow collections open at once (`[` and `{`).
pub const MAX_FLOW_LEVELS: usize = 1_000;
/// The most `${...}` expressions read.
pub const MAX_EXPRESSIONS: usize = 10_000;

/// A limit the text goes past: from `at` on, the text is not read.
#[derive(Debug, PartialEq)]
pub struct Exceeded {
    /// The first byte not read.
    pub at: usize,
    /// The span to report (the token that went past the limit, to the end of its line).
    pub span: Span,
    /// What was exceeded, as a sentence with the fix.
    pub message: String,
}

/// The first limit `text` exceeds, if any.
pub fn check(text: &str) -> Option<Exceeded> {
    if within_by_counting(text) {
        return None;
    }
    scan(text)
}

/// [`check`] the long way: the scan over every line.
fn scan(text: &str) -> Option<Exceeded> {
    let mut scan = Scan::default();
    let bytes = text.as_bytes();
    for (start, end, _) in lines(text) {
        let line = bytes.get(start..end).unwrap_or(&[]);
        if let Some(at) = scan.line(line) {
            let at = start + at;
            let message = scan.message();
            return Some(Exceeded {
                at,
                span: Span::new(at, end.max(at)),
                message,
            });
        }
    }
    None
}

/// The bytes that may end a word or start a token or an expression: blanks, `#`, quotes,
/// flow indicators and `$`; the scan passes over the others in a tight loop.
const SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    let mut i = 0;
    let bytes = b" \t#\"'[]{},$";
    while i < bytes.len() {
        special[bytes[i] as usize] = true;
        i += 1;
    }
    special
};

/// Whether `text` is within every limit by counting bytes, without the scan: each expression
/// needs a `$` and each flow collection a `[` or `{`; each token the scan counts starts a run
/// of non-blank bytes, or is (or follows) a flow indicator `[]{},`, or follows a closing
/// quote. So runs + 2 x indicators + quotes bounds the tokens. Counting takes a few vectorized
/// passes over the bytes (a small fraction of the scan); the scan runs only when a bound is
/// over its limit.
fn within_by_counting(text: &str) -> bool {
    !bounds_by_counting(text).over()
}

/// Upper bounds of the scan's counts (see [`within_by_counting`]). Each count is its own
/// pass of comparisons over 255-byte chunks with byte-sized sums, which the compiler turns
/// into vector instructions.
fn bounds_by_counting(text: &str) -> Scan {
    fn count(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> usize {
        bytes
            .chunks(255)
            .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(wanted(b)))))
            .sum()
    }
    fn blank(b: u8) -> bool {
        b == b' ' || b == b'\t' || b == b'\n' || b == b'\r'
    }
    let bytes = text.as_bytes();
    // A run starts at a non-blank byte after a blank one (or at the start).
    let starts = |chunk: &[u8]| {
        let before = chunk.get(..chunk.len() - 1).unwrap_or(&[]);
        let after = chunk.get(1..).unwrap_or(&[]);
        before
            .iter()
            .zip(after)
            .fold(0u8, |n, (&a, &b)| n + u8::from(blank(a) & !blank(b)))
    };
    let mut runs = usize::from(bytes.first().is_some_and(|&b| !blank(b)));
    let mut at = 0;
    while at + 1 < bytes.len() {
        let end = (at + 256).min(bytes.len());
        runs += usize::from(starts(&bytes[at..end]));
        at = end - 1;
    }
    let indicators = count(bytes, |b| matches!(b, b'[' | b']' | b'{' | b'}' | b','));
    let quotes = count(bytes, |b| b == b'"' || b == b'\'');
    Scan {
        tokens: runs + 2 * indicators + quotes,
        expressions: count(bytes, |b| b == b'$'),
        flow: count(bytes, |b| b == b'[' || b == b'{'),
        ..Scan::default()
    }
}

/// Where the scan is.
#[derive(Default)]
struct Scan {
    tokens: usize,
    expressions: usize,
    flow: usize,
    /// Inside a quoted scalar that goes on to the next line: its quote.
    quote: Option<u8>,
    /// Inside a block scalar: the indentation of the line that started it.
    block_scalar: Option<usize>,
}

impl Scan {
    /// Scans one line (without its break); the offset in it where a limit was exceeded.
    fn line(&mut self, line: &[u8]) -> Option<usize> {
        let indent = line.iter().take_while(|b| **b == b' ').count();
        if let Some(parent) = self.block_scalar {
            let blank = line.iter().all(|b| matches!(b, b' ' | b'\t'));
            if blank || indent > parent {
                return self.expressions_in(line, 0);
            }
            self.block_scalar = None;
        }
        // Blanks only end words: the indentation is passed over at once.
        let mut i = indent;
        let mut in_word = false;
        let mut last_word = 0..0;
        while let Some(&b) = line.get(i) {
            if let Some(quote) = self.quote {
                match self.quoted(line, i, quote) {
                    Ok(next) => i = next,
                    Err(at) => return Some(at),
                }
                continue;
            }
            match b {
                b' ' | b'\t' => {
                    in_word = false;
                    i += 1;
                    while matches!(line.get(i), Some(b' ' | b'\t')) {
                        i += 1;
                    }
                    continue;
                }
                b'#' if !in_word => {
                    self.tokens += 1;
                    if self.over() {
                        return Some(i);
                    }
                    return self.expressions_in(&line[i..], i);
                }
                b'"' | b'\'' if !in_word => {
                    self.tokens += 1;
                    if self.over() {
                        return Some(i);
                    }
                    self.quote = Some(b);
                    i += 1;
                    continue;
                }
                b'[' | b'{' if !in_word || self.flow > 0 => {
                    self.tokens += 1;
                    self.flow += 1;
                    in_word = false;
                    if self.over() {
                        return Some(i);
                    }
                }
                b']' | b'}' | b',' if self.flow > 0 => {
                    self.tokens += 1;
                    if b != b',' {
                        self.flow -= 1;
                    }
                    in_word = false;
                    if self.over() {
                        return Some(i);
                    }
                }
                _ => {
                    let expression = b == b'$' && line.get(i + 1) == Some(&b'{');
                    if expression {
                        self.expressions += 1;
                    }
                    if !in_word {
                        self.tokens += 1;
                        last_word.start = i;
                    }
                    if (expression || !in_word) && self.over() {
                        return Some(i);
                    }
                    in_word = true;
                    // The rest of the word up to the next byte that may matter.
                    i += 1;
                    while line.get(i).is_some_and(|&b| !SPECIAL[usize::from(b)]) {
                        i += 1;
                    }
                    last_word.end = i;
                    continue;
                }
            }
            i += 1;
        }
        let word = &line[last_word];
        let block_indicator = matches!(word.first(), Some(b'|' | b'>'))
            && word[1..]
                .iter()
                .all(|b| matches!(b, b'+' | b'-' | b'0'..=b'9'));
        if block_indicator && self.quote.is_none() {
            self.block_scalar = Some(indent);
        }
        None
    }

    /// Scans a quoted scalar from `i` to its closing quote (or the line's end): the next
    /// offset, or where a limit was exceeded.
    fn quoted(&mut self, line: &[u8], mut i: usize, quote: u8) -> Result<usize, usize> {
        while let Some(&b) = line.get(i) {
            if b == b'$' && line.get(i + 1) == Some(&b'{') {
                self.expressions += 1;
                if self.over() {
                    return Err(i);
                }
            }
            if quote == b'"' && b == b'\\' {
                i += 2;
                continue;
            }
            if b == quote {
                if quote == b'\'' && line.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                self.quote = None;
                return Ok(i + 1);
            }
            i += 1;
        }
        Ok(i)
    }

    /// Counts the expressions in text that holds no tokens (comments, block scalars).
    fn expressions_in(&mut self, text: &[u8], offset: usize) -> Option<usize> {
        for (i, pair) in text.windows(2).enumerate() {
            if pair == b"${" {
                self.expressions += 1;
                if self.over() {
                    return Some(offset + i);
                }
            }
        }
        None
    }

    /// Whether a limit is exceeded.
    fn over(&self) -> bool {
        self.tokens > MAX_TOKENS
            || self.flow > MAX_FLOW_LEVELS
            || self.expressions > MAX_EXPRESSIONS
    }

    /// The sentence for the exceeded limit.
    fn message(&self) -> String {
        if self.flow > MAX_FLOW_LEVELS {
            format!(
                "nesting is too deep (more than {MAX_FLOW_LEVELS} open flow collections `[` and `{{`); the rest of the file is not read"
            )
        } else if self.expressions > MAX_EXPRESSIONS {
            format!(
                "the file has more than {MAX_EXPRESSIONS} `${{...}}` expressions; the rest of the file is not read: split the definition over several files (a stack holds at most 500 resources)"
            )
        } else {
            format!(
                "the file has more than {MAX_TOKENS} YAML tokens; the rest of the file is not read: split the definition over several files (API Gateway allows 300 routes per API, a stack 500 resources)"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_files_are_within_the_limits() {
        let text = "constructs:\n  Api:\n    type: HttpApi   # a comment\n    description: |\n      [[[[ {{{{ ${not} counted\n    addRoutes: [ { path: '/a[', integration: \"x, y\" } ]\nkey: a[b\n";
        assert_eq!(check(text), None);
        let mut scan = Scan::default();
        for line in text.lines() {
            assert_eq!(scan.line(line.as_bytes()), None);
        }
        assert_eq!(scan.flow, 0);
        assert_eq!(scan.expressions, 1);
    }

    #[test]
    fn counting_bytes_never_hides_an_exceeded_limit() {
        let texts = [
            format!(
                "a: {}{}\n",
                "[".repeat(MAX_FLOW_LEVELS),
                "]".repeat(MAX_FLOW_LEVELS)
            ),
            format!("a: {}\n", "[".repeat(MAX_FLOW_LEVELS + 1)),
            format!("a: \"{}\"\n", "${x}".repeat(MAX_EXPRESSIONS)),
            format!("a: \"{}\"\n", "${x}".repeat(MAX_EXPRESSIONS + 1)),
            "- a\n".repeat(MAX_TOKENS / 4),
            "a b c d e f g h\n".repeat(MAX_TOKENS / 8 + 1),
        ];
        for text in &texts {
            assert_eq!(check(text), scan(text), "{}", &text[..40]);
        }
        assert!(check(&texts[1]).is_some() && check(&texts[3]).is_some());
        assert!(check(&texts[5]).is_some());
    }

    #[test]
    fn the_token_bound_is_never_below_the_scan() {
        // Texts dense in what the bound counts loosely or the scan counts twice: indicators
        // inside words and flow collections, quotes next to words, comments, block scalars.
        let pieces = [
            "a", "bb", " ", "  ", "\n", "\r\n", "\t", "[", "]", "{", "}", ",", "\"", "'", "#",
            "${x}", "$", "|", ">-", ":", "- ", "\\",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for round in 0..20_000 {
            // Short texts, where the bound has the least slack, and longer ones.
            let length = [8, 16, 40, 400][round % 4];
            let mut text = String::new();
            while text.len() < length {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let mut scan = Scan::default();
            for (start, end, _) in lines(&text) {
                scan.line(text.as_bytes().get(start..end).unwrap_or(&[]));
            }
            let bound = bounds_by_counting(&text);
            assert!(
                bound.tokens >= scan.tokens,
                "{text:?}: {} < {}",
                bound.tokens,
                scan.tokens
            );
            assert!(bound.expressions >= scan.expressions, "{text:?}");
        }
    }

    #[test]
    fn deep_flow_nesting_stops_at_the_limit() {
        let text = format!("constructs: {}", "[{".repeat(600));
        let e = check(&text).expect("too deep");
        assert_eq!(e.at, "constructs: ".len() + MAX_FLOW_LEVELS);
        assert!(
            e.message.starts_with("nesting is too deep"),
            "{}",
            e.message
        );
    }

    #[test]
    fn many_tokens_or_expressions_stop_at_the_limit() {
        let text = "- a\n".repeat(MAX_TOKENS);
        let e = check(&text).expect("too many tokens");
        assert_eq!(e.at, (MAX_TOKENS / 2) * 4);
        assert_eq!(e.span, Span::new(e.at, e.at + 3));
        assert!(e.message.contains("YAML tokens"), "{}", e.message);
        let text = format!("o: \"{}\"\n", "${Api.apiId}".repeat(MAX_EXPRESSIONS + 1));
        let e = check(&text).expect("too many expressions");
        assert!(e.message.contains("expressions"), "{}", e.message);
    }
}
