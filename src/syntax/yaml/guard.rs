//! Protection of the tree-sitter YAML scanner against deep block indentation.
//!
//! tree-sitter-yaml 0.7 keeps a stack of block indentation levels and serializes it into a
//! 1024-byte buffer; with more than 252 levels it overruns the buffer and aborts the process
//! (a C assertion, not a Rust panic). Its columns are also 16-bit. Before any text reaches the
//! parser, [`sanitize`] simulates that stack conservatively (it over-counts: every line's
//! indentation and every compact `- `, `? `, `: ` indicator is a level) and blanks (replaces
//! with spaces, keeping line breaks and byte offsets) the lines that would go deeper than
//! [`MAX_BLOCK_LEVELS`] or start past column [`MAX_COLUMN`]. Such documents are nested far
//! beyond anything a definition file needs; the blanked lines are reported as too deep.

use super::super::Span;
use super::text::lines;
use super::{SyntaxError, TOO_DEEP_BLOCK_MESSAGE, limits};

/// The most block indentation levels the parser is given (the scanner breaks above 252).
pub(super) const MAX_BLOCK_LEVELS: usize = 200;
/// The largest column at which a block level may start (the scanner's columns are `i16`).
pub(super) const MAX_COLUMN: usize = 16_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Map,
    Seq,
}

/// Without a run of this many bytes of indentation and indicators, no line is too deep.
const SHALLOW_RUN: usize = MAX_BLOCK_LEVELS / 2;
const _: () = assert!(SHALLOW_RUN <= MAX_COLUMN);

/// Whether `text` holds a run of [`SHALLOW_RUN`] or more bytes of indentation and block
/// indicators (` `, tab, `-`, `?`, `:`). Without one, every level that [`simulate`] pushes
/// starts within or just after the run that begins its line, at a column below
/// [`SHALLOW_RUN`]; the stack holds at most two levels per column (a mapping, then a sequence),
/// so at most [`MAX_BLOCK_LEVELS`]: no line is too deep.
fn has_long_run(text: &str) -> bool {
    let member = |b: &u8| matches!(b, b' ' | b'\t' | b'-' | b'?' | b':');
    let bytes = text.as_bytes();
    let window = SHALLOW_RUN;
    let mut start = 0;
    // Checks each window from its end: a non-member at `j` rules out every window holding it.
    while let Some(run) = bytes.get(start..start + window) {
        match run.iter().rposition(|b| !member(b)) {
            None => return true,
            Some(j) => start += j + 1,
        }
    }
    false
}

/// The byte ranges (line content, without the line break) of the lines to blank.
fn deep_lines(text: &str) -> Vec<Span> {
    if has_long_run(text) {
        simulate(text)
    } else {
        Vec::new()
    }
}

/// [`deep_lines`], the long way.
fn simulate(text: &str) -> Vec<Span> {
    let mut stack: Vec<(usize, Level)> = Vec::new();
    let mut deep = Vec::new();
    let mut starts: Vec<(usize, Level)> = Vec::new();
    for (start, end, _) in lines(text) {
        let line = text.get(start..end).unwrap_or("").as_bytes();
        let indent = line
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        if matches!(line.get(indent), None | Some(b'#')) {
            continue;
        }
        // The columns where block levels may start on this line: the indentation, then one more
        // after each compact indicator (`- - key: x`).
        starts.clear();
        let mut pos = indent;
        loop {
            let here = line.get(pos).copied();
            starts.push((
                pos,
                if here == Some(b'-') {
                    Level::Seq
                } else {
                    Level::Map
                },
            ));
            let indicator = matches!(here, Some(b'-' | b'?' | b':'))
                && matches!(line.get(pos + 1), None | Some(b' ' | b'\t'));
            if !indicator {
                break;
            }
            pos += 1;
            while matches!(line.get(pos), Some(b' ' | b'\t')) {
                pos += 1;
            }
            if matches!(line.get(pos), None | Some(b'#')) {
                break;
            }
        }
        while stack.last().is_some_and(|&(col, _)| col > indent) {
            stack.pop();
        }
        let base = stack.len();
        let mut too_deep = false;
        for &(col, level) in &starts {
            let push = match stack.last() {
                Some(&(top, top_level)) if top == col => {
                    level == Level::Seq && top_level != Level::Seq
                }
                Some(&(top, _)) => top < col,
                None => true,
            };
            if push {
                stack.push((col, level));
            }
            if col > MAX_COLUMN || stack.len() > MAX_BLOCK_LEVELS {
                too_deep = true;
                break;
            }
        }
        if too_deep {
            stack.truncate(base);
            deep.push(Span::new(start, end));
        }
    }
    deep
}

/// If `text` nests too deep for the parser or goes past a size limit (see `limits`), a copy
/// with the offending lines blanked (replaced by spaces, line breaks and byte offsets kept)
/// and everything from the limit on blanked, and the errors that say why.
pub(super) fn sanitize(text: &str) -> Option<(String, Vec<SyntaxError>)> {
    sanitize_within(text, limits::check(text))
}

/// [`sanitize`] with the limit `text` exceeds (from [`limits::check`] or
/// [`limits::check_after_edit`]).
pub(super) fn sanitize_within(
    text: &str,
    limit: Option<limits::Exceeded>,
) -> Option<(String, Vec<SyntaxError>)> {
    let mut upto = limit.as_ref().map_or(text.len(), |e| e.at.min(text.len()));
    while !text.is_char_boundary(upto) {
        upto -= 1;
    }
    let deep = deep_lines(text.get(..upto).unwrap_or(text));
    if deep.is_empty() && limit.is_none() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for span in &deep {
        if let Some(line) = bytes.get_mut(span.start..span.end) {
            line.fill(b' ');
        }
    }
    for b in bytes.iter_mut().skip(upto) {
        if !matches!(b, b'\n' | b'\r') {
            *b = b' ';
        }
    }
    // Only whole chars (line contents between line breaks, which are ASCII, and the text from
    // a char boundary on) were replaced by ASCII spaces.
    let sanitized = String::from_utf8(bytes).ok()?;
    let mut errors = Vec::new();
    if let Some(first) = deep.first() {
        let line = text.get(first.start..first.end).unwrap_or("");
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        let span = Span::new(first.start + lead, first.end);
        errors.push(SyntaxError::new(span, TOO_DEEP_BLOCK_MESSAGE));
    }
    if let Some(limit) = limit {
        errors.push(SyntaxError::new(limit.span, limit.message));
    }
    Some((sanitized, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested_seqs(levels: usize) -> String {
        (0..levels)
            .map(|i| format!("{}-\n", " ".repeat(i * 2)))
            .collect()
    }

    #[test]
    fn ordinary_documents_are_untouched() {
        let text = "a:\n  b:\n    - c: 1\n      d:\n        - - x\n";
        assert!(sanitize(text).is_none());
        assert!(sanitize(&nested_seqs(MAX_BLOCK_LEVELS)).is_none());
        assert!(sanitize(&format!("{}x: 1\n", " ".repeat(MAX_COLUMN))).is_none());
    }

    #[test]
    fn deep_lines_are_blanked_keeping_offsets() {
        let text = format!("{}top: 1\n", nested_seqs(MAX_BLOCK_LEVELS + 3));
        let (clean, errors) = sanitize(&text).expect("too deep");
        assert_eq!(clean.len(), text.len());
        assert_eq!(clean.lines().count(), text.lines().count());
        let first = errors[0].span;
        assert_eq!(&text[first.start..first.end], "-");
        assert!(clean.ends_with("\ntop: 1\n"));
        assert!(sanitize(&clean).is_none());
    }

    #[test]
    fn short_runs_are_never_deep() {
        assert!(!has_long_run(""));
        let short = " ".repeat(SHALLOW_RUN - 1);
        assert!(!has_long_run(&format!("{short}x\n{short}")));
        assert!(has_long_run(&format!("x\n{short}-")));
        assert!(has_long_run(&format!(
            "x\n{}x",
            "- ".repeat(SHALLOW_RUN / 2)
        )));
        // Deep documents, nested and compact: a mapping and a sequence level at each column.
        for levels in [
            SHALLOW_RUN - 2,
            SHALLOW_RUN - 1,
            SHALLOW_RUN,
            MAX_BLOCK_LEVELS,
        ] {
            let nested: String = (0..levels)
                .map(|i| format!("{0}k:\n{0}-\n", " ".repeat(i)))
                .collect();
            let compact: String = (0..levels / 2)
                .map(|i| format!("{}- - k:\n", " ".repeat(2 * i)))
                .collect();
            let mixed: String = (0..levels)
                .map(|i| format!("{}- ? :\n", " ".repeat(i)))
                .collect();
            for text in [nested, compact, mixed] {
                assert!(has_long_run(&text) || simulate(&text).is_empty());
                assert_eq!(deep_lines(&text), simulate(&text));
            }
        }
    }

    #[test]
    fn compact_indicators_and_huge_columns_count() {
        let compact = format!("{}x\n", "- ".repeat(MAX_BLOCK_LEVELS + 1));
        assert!(sanitize(&compact).is_some());
        let far = format!("{}x: 1\n", " ".repeat(MAX_COLUMN + 1));
        assert!(sanitize(&far).is_some());
    }
}
