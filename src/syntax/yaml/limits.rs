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

use super::super::{Changed, Span};
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
    check_after_edit(text, None).0
}

/// [`check`], taking up the scan of the previous version of the text where `edit` left it
/// unchanged: the result is [`check`]'s, and the checkpoints are for the next version (none
/// when counting bytes showed the text within the limits, or a limit is exceeded).
pub fn check_after_edit(
    text: &str,
    edit: Option<(&Checkpoints, Changed)>,
) -> (Option<Exceeded>, Option<Checkpoints>) {
    if let Some((old, edit)) = edit
        && let Some(checkpoints) = old.after_edit(text, edit)
    {
        return (None, Some(checkpoints));
    }
    if within_by_counting(text) {
        return (None, None);
    }
    match scan(text) {
        Ok(checkpoints) => (None, Some(checkpoints)),
        Err(exceeded) => (Some(exceeded), None),
    }
}

/// The scan's state at the start of every [`CHECKPOINT_LINES`]th line of a text within the
/// limits, and at its end. The state at a line start decides the scan of the rest, so after an
/// edit the scan resumes at the last checkpoint before it and stops at the first one after it
/// where the state is as before, but for the counts (see [`Checkpoints::after_edit`]).
#[derive(Clone, Debug, Default)]
pub struct Checkpoints {
    /// Line starts and the state there, in text order.
    points: Vec<(usize, Scan)>,
    /// The state at the end of the text.
    end: Scan,
}

/// How many lines apart checkpoints are taken.
const CHECKPOINT_LINES: usize = 64;

impl Checkpoints {
    /// The checkpoints of `text` after `edit` when it is within the limits, scanning only
    /// from the checkpoint before the edit to the first one after it whose state is unchanged;
    /// `None` when the text may exceed a limit (the full scan says where).
    fn after_edit(&self, text: &str, edit: Changed) -> Option<Checkpoints> {
        // The last checkpoint strictly before the edit: the text up to it is unchanged, so it
        // is still a line start with the same state (strictly: an edit at a line start may
        // join a `\r` before it to a `\n`).
        let resume = self
            .points
            .partition_point(|(at, _)| *at < edit.span.start)
            .checked_sub(1)?;
        let (start, state) = self.points.get(resume)?;
        let mut points: Vec<(usize, Scan)> = self.points.get(..=resume)?.to_vec();
        let mut scan = state.clone();
        let mut old = resume + 1;
        let bytes = text.as_bytes();
        let mut since_checkpoint = 0;
        for (line_start, end, _) in lines(text.get(*start..)?) {
            let (line_start, end) = (start + line_start, start + end);
            if line_start > *start {
                // A line after the edit (and after the byte before it) is where it was, moved.
                if line_start > edit.span.end {
                    let before = line_start.checked_add_signed(-edit.delta)?;
                    while self.points.get(old).is_some_and(|(at, _)| *at < before) {
                        old += 1;
                    }
                    if let Some((at, was)) = self.points.get(old)
                        && *at == before
                        && scan.same_but_counts(was)
                    {
                        return self.spliced(points, old, &scan, edit.delta);
                    }
                }
                since_checkpoint += 1;
                if since_checkpoint == CHECKPOINT_LINES {
                    points.push((line_start, scan.clone()));
                    since_checkpoint = 0;
                }
            }
            if scan
                .line(bytes.get(line_start..end).unwrap_or(&[]))
                .is_some()
            {
                return None;
            }
        }
        Some(Checkpoints { points, end: scan })
    }

    /// `points` (the checkpoints up to the edit and across it) followed by the old ones from
    /// `old` on, moved by `delta`, their counts changed as `scan`'s are from the old state
    /// there; `None` when the new counts exceed a limit.
    fn spliced(
        &self,
        mut points: Vec<(usize, Scan)>,
        old: usize,
        scan: &Scan,
        delta: isize,
    ) -> Option<Checkpoints> {
        let (_, was) = self.points.get(old)?;
        let recount = |state: &Scan| -> Option<Scan> {
            Some(Scan {
                tokens: (state.tokens + scan.tokens).checked_sub(was.tokens)?,
                expressions: (state.expressions + scan.expressions).checked_sub(was.expressions)?,
                ..state.clone()
            })
        };
        let end = recount(&self.end)?;
        if end.over() {
            return None;
        }
        for (at, state) in self.points.get(old..)? {
            points.push((at.checked_add_signed(delta)?, recount(state)?));
        }
        Some(Checkpoints { points, end })
    }
}

/// [`check`] the long way: the scan over every line, with its checkpoints when the text is
/// within the limits.
fn scan(text: &str) -> Result<Checkpoints, Exceeded> {
    let mut scan = Scan::default();
    let mut points = Vec::new();
    let bytes = text.as_bytes();
    for (n, (start, end, _)) in lines(text).enumerate() {
        if n % CHECKPOINT_LINES == 0 {
            points.push((start, scan.clone()));
        }
        let line = bytes.get(start..end).unwrap_or(&[]);
        if let Some(at) = scan.line(line) {
            let at = start + at;
            let message = scan.message();
            return Err(Exceeded {
                at,
                span: Span::new(at, end.max(at)),
                message,
            });
        }
    }
    Ok(Checkpoints { points, end: scan })
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
#[derive(Clone, Debug, Default)]
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
    /// Whether the scan of the rest of a text goes on from `other` as from `self`: all but the
    /// counts of tokens and expressions (which only grow) are equal.
    fn same_but_counts(&self, other: &Scan) -> bool {
        self.flow == other.flow
            && self.quote == other.quote
            && self.block_scalar == other.block_scalar
    }

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
            assert_eq!(check(text), scan(text).err(), "{}", &text[..40]);
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
        let mut random = crate::test_random::Random::new(0x9e37_79b9_7f4a_7c15);
        for round in 0..20_000 {
            // Short texts, where the bound has the least slack, and longer ones.
            let length = [8, 16, 40, 400][round % 4];
            let mut text = String::new();
            while text.len() < length {
                text.push_str(pieces[random.below(pieces.len())]);
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

    /// The scan's state at the start of `text[at..]`.
    fn state_at(text: &str, at: usize) -> Scan {
        let mut scan = Scan::default();
        for (start, end, _) in lines(text.get(..at).expect("a boundary")) {
            scan.line(text.as_bytes().get(start..end).unwrap_or(&[]));
        }
        scan
    }

    #[test]
    fn the_scan_taken_up_after_an_edit_equals_a_fresh_one() {
        // Lines with flow collections, quotes and block scalars that go on over several lines,
        // comments and expressions; edits anywhere, of any size.
        let pieces = [
            "a", "key: ", "- ", "[", "]", "{", "}", ", ", "\"", "'", "# c", "${x}", "|\n  ", ">-",
            "\n", "\n", "\n  ", "\r\n", " ",
        ];
        let mut random = crate::test_random::Random::new(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| random.below(n);
        let mut spliced = 0;
        for _ in 0..3_000 {
            let mut text = String::new();
            while text.len() < 2_000 {
                text.push_str(pieces[next(pieces.len())]);
            }
            let Ok(old) = scan(&text) else { continue };
            let start = next(text.len());
            let end = (start + next(40)).min(text.len());
            let mut inserted = String::new();
            for _ in 0..next(6) {
                inserted.push_str(pieces[next(pieces.len())]);
            }
            let mut edited = text.clone();
            edited.replace_range(start..end, &inserted);
            let edit = Changed {
                span: Span::new(start, start + inserted.len()),
                delta: inserted.len() as isize - (end - start) as isize,
            };
            let fresh = scan(&edited);
            let Some(taken_up) = old.after_edit(&edited, edit) else {
                continue;
            };
            let fresh = fresh.expect("within the limits, as the scan taken up found");
            assert_eq!(format!("{:?}", taken_up.end), format!("{:?}", fresh.end));
            for (at, state) in &taken_up.points {
                assert_eq!(
                    format!("{state:?}"),
                    format!("{:?}", state_at(&edited, *at))
                );
            }
            spliced += usize::from(taken_up.points.len() > 3);
        }
        assert!(spliced > 500, "the scan was taken up {spliced} times");
    }

    #[test]
    fn an_edit_past_a_limit_is_found_as_a_fresh_check_finds_it() {
        // Over a thousand flow collections, so that counting bytes cannot clear the text, and
        // as many tokens as the limit allows (4 per `k: [x]` line, 2 per `- a` line).
        let flows = "k: [x]\n".repeat(1_001);
        let items = "- a\n".repeat((MAX_TOKENS - 4 * 1_001) / 2);
        let text = format!("{flows}{items}");
        let (none, checkpoints) = check_after_edit(&text, None);
        assert_eq!(none, None);
        let checkpoints = checkpoints.expect("checkpoints of a text the scan cleared");
        assert_eq!(checkpoints.end.tokens, MAX_TOKENS);
        // After the first `- a`.
        let at = flows.len() + 3;
        for (inserted, over) in [("  ", false), (" b", true)] {
            let mut edited = text.clone();
            edited.insert_str(at, inserted);
            let edit = Changed {
                span: Span::new(at, at + inserted.len()),
                delta: inserted.len() as isize,
            };
            let (found, _) = check_after_edit(&edited, Some((&checkpoints, edit)));
            assert_eq!(found, check(&edited));
            assert_eq!(found.is_some(), over, "{inserted:?}");
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
