//! Conversion between byte offsets and line/column positions.
//!
//! Two conventions are supported: LSP positions (0-based line, column in UTF-16 code units) and
//! CLI positions (1-based line, 1-based column in Unicode scalar values). Line breaks are the
//! YAML ones: `\n`, `\r\n` and a lone `\r`.
//!
//! Every method takes the text the index was built from. Nothing here panics, even when given
//! another text, an offset past the end or a position past the last line: values are clamped.

/// 0-based line and UTF-16 code-unit column (LSP semantics).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Position {
    /// 0-based line number.
    pub line: u32,
    /// 0-based column, counted in UTF-16 code units from the start of the line.
    pub character: u32,
}

impl Position {
    /// A position at `line` and UTF-16 column `character`.
    pub const fn new(line: u32, character: u32) -> Self {
        Position { line, character }
    }
}

/// The start offsets of the lines of a text, for position conversions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the first byte of each line; `starts[0] == 0`, strictly increasing.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut bytes = text.bytes().enumerate().peekable();
        while let Some((i, b)) = bytes.next() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' => match bytes.next_if(|&(_, next)| next == b'\n') {
                    Some((j, _)) => starts.push(j + 1),
                    None => starts.push(i + 1),
                },
                _ => {}
            }
        }
        LineIndex { starts }
    }

    /// Updates the index after `text` (the text after the edit) had the bytes `start..old_end`
    /// replaced by `start..new_end`: the lines from the one before the edit to the one after it
    /// are scanned again, the later line starts shift. The same index as [`LineIndex::new`] of
    /// `text`, in time proportional to the edit and the number of lines.
    pub fn edit(&mut self, text: &str, start: usize, old_end: usize, new_end: usize) {
        // From the line holding the byte before the edit: a `\n` inserted after a `\r` joins it.
        let first = self.line_of(start.saturating_sub(1));
        let region = self.starts.get(first).copied().unwrap_or(0).min(text.len());
        let tail_at = self.starts.partition_point(|&s| s <= old_end + 1);
        let tail: Vec<usize> = self.starts[tail_at..]
            .iter()
            .map(|&s| s - old_end + new_end)
            .collect();
        self.starts.truncate(first + 1);
        let scan_end = (new_end + 1).min(text.len());
        let bytes = text.as_bytes();
        let mut i = region;
        while i < scan_end {
            match bytes[i] {
                b'\n' => self.starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    self.starts.push(i + 2);
                    i += 1;
                }
                b'\r' => self.starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let last = self.starts.last().copied().unwrap_or(0);
        self.starts.extend(tail.into_iter().filter(|&s| s > last));
    }

    /// The number of lines (a text without line breaks has one line; a final line break starts
    /// a last, empty line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset of the start of 0-based `line`, or `None` past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// Byte offset -> Position. Offsets past the end clamp to the end; an offset inside a
    /// multi-byte char rounds down to the char start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let character: usize = text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .map(char::len_utf16)
            .sum();
        Position {
            line: saturate(line),
            character: saturate(character),
        }
    }

    /// Position -> byte offset. Lines past the end clamp to the end of text; a character past
    /// the end of its line clamps to the line end (before the line break); a column in the
    /// middle of a surrogate pair rounds down.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let Some(line) = text.get(start..) else {
            return text.len();
        };
        let mut units = 0usize;
        let wanted = pos.character as usize;
        for (i, c) in line.char_indices() {
            if c == '\n' || c == '\r' {
                return start + i;
            }
            let next = units + c.len_utf16();
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        text.len()
    }

    /// 1-based line and 1-based column counted in Unicode scalar values, for CLI messages
    /// (`file:LINE:COL`).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let col = text.get(start..offset).unwrap_or("").chars().count();
        (line + 1, col + 1)
    }

    /// The 0-based line containing byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }
}

/// Converts many offsets of one text, remembering where the last one was: converting offsets
/// in increasing order along a line costs the distance between them, not from the line start
/// each time (40,000 diagnostics on one long line stay linear).
#[derive(Debug)]
pub struct Cursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    line: usize,
    offset: usize,
    utf16: usize,
    chars: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`, which `index` indexes.
    pub fn new(index: &'a LineIndex, text: &'a str) -> Cursor<'a> {
        Cursor {
            index,
            text,
            line: 0,
            offset: 0,
            utf16: 0,
            chars: 0,
        }
    }

    fn seek(&mut self, offset: usize) {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.index.line_of(offset);
        if line != self.line || offset < self.offset {
            self.line = line;
            self.offset = self
                .index
                .starts
                .get(line)
                .copied()
                .unwrap_or(0)
                .min(offset);
            self.utf16 = 0;
            self.chars = 0;
        }
        for c in self.text.get(self.offset..offset).unwrap_or("").chars() {
            self.utf16 += c.len_utf16();
            self.chars += 1;
        }
        self.offset = offset;
    }

    /// The LSP position of `offset` (as [`LineIndex::position`]).
    pub fn position(&mut self, offset: usize) -> Position {
        self.seek(offset);
        Position {
            line: saturate(self.line),
            character: saturate(self.utf16),
        }
    }

    /// The 1-based line and character column of `offset` (as [`LineIndex::line_col`]).
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        self.seek(offset);
        (self.line + 1, self.chars + 1)
    }
}

/// `offset` clamped to `text.len()` and moved down to the start of the char it falls in.
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks offset -> position -> offset for every char boundary of `text`.
    fn round_trip(text: &str) {
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            if offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                continue; // between the two chars of a CRLF: not a position of its own
            }
            let pos = index.position(text, offset);
            assert_eq!(
                index.offset(text, pos),
                offset,
                "{text:?} at {offset} -> {pos:?}"
            );
        }
    }

    #[test]
    fn ascii_lines() {
        let text = "ab\ncd\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.position(text, 0), Position::new(0, 0));
        assert_eq!(index.position(text, 2), Position::new(0, 2));
        assert_eq!(index.position(text, 3), Position::new(1, 0));
        assert_eq!(index.position(text, 6), Position::new(2, 0));
        assert_eq!(index.offset(text, Position::new(1, 1)), 4);
        round_trip(text);
    }

    #[test]
    fn utf16_columns_with_accents_and_surrogate_pairs() {
        // é: 2 bytes, 1 UTF-16 unit. 𝄞: 4 bytes, 2 units. 😀: 4 bytes, 2 units.
        let text = "é𝄞x\n😀: y\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 2), Position::new(0, 1)); // after é
        assert_eq!(index.position(text, 6), Position::new(0, 3)); // after 𝄞
        assert_eq!(index.position(text, 7), Position::new(0, 4)); // after x
        assert_eq!(index.position(text, 12), Position::new(1, 2)); // after 😀
        assert_eq!(index.offset(text, Position::new(0, 3)), 6);
        assert_eq!(index.offset(text, Position::new(1, 2)), 12);
        // In the middle of a surrogate pair: round down to the char start.
        assert_eq!(index.offset(text, Position::new(0, 2)), 2);
        assert_eq!(index.offset(text, Position::new(1, 1)), 8);
        // Inside a multi-byte char: round down.
        assert_eq!(index.position(text, 1), Position::new(0, 0));
        assert_eq!(index.position(text, 4), Position::new(0, 1));
        round_trip(text);
    }

    #[test]
    fn crlf_and_lone_cr_are_line_breaks() {
        let text = "a: 1\r\nb: é\rc: 3";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.position(text, 6), Position::new(1, 0));
        assert_eq!(index.position(text, 12), Position::new(2, 0));
        assert_eq!(index.offset(text, Position::new(2, 3)), 15);
        // A column past the end of a line stops before its line break.
        assert_eq!(index.offset(text, Position::new(0, 99)), 4);
        assert_eq!(index.offset(text, Position::new(1, 99)), 11);
        assert_eq!(index.line_col(text, 14), (3, 3));
        assert_eq!(index.line_col(text, 11), (2, 5));
        round_trip(text);
    }

    #[test]
    fn line_col_counts_scalar_values() {
        let text = "x\n😀é: v";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 8), (2, 3)); // after 😀é
        assert_eq!(index.line_col(text, 999), (2, 6));
    }

    #[test]
    fn clamping_never_panics() {
        for text in ["", "\n", "\r", "\r\n", "é", "a\nb"] {
            let index = LineIndex::new(text);
            assert_eq!(
                index.position(text, usize::MAX),
                index.position(text, text.len())
            );
            assert_eq!(
                index.offset(text, Position::new(u32::MAX, u32::MAX)),
                text.len()
            );
            assert!(index.offset(text, Position::new(0, u32::MAX)) <= text.len());
            let _ = index.line_col(text, usize::MAX);
            round_trip(text);
        }
        // An index used with a different text still returns in-range values.
        let index = LineIndex::new("a long line\nand another one\n");
        let other = "é";
        assert!(index.offset(other, Position::new(1, 3)) <= other.len());
        let _ = index.position(other, 20);
        let _ = index.line_col(other, 20);
    }

    #[test]
    fn empty_text_has_one_line() {
        let index = LineIndex::new("");
        assert_eq!(index.line_count(), 1);
        assert_eq!(index.position("", 0), Position::default());
        assert_eq!(index.offset("", Position::new(0, 5)), 0);
        assert_eq!(index.offset("", Position::new(3, 0)), 0);
    }

    #[test]
    fn edits_give_the_index_of_the_new_text() {
        // A deterministic pseudo-random walk over edits with every kind of line break.
        let pieces = [
            "", "a", "\n", "\r", "\r\n", "é", "😀\n", "xy\r", "\n\n", "\rz",
        ];
        let mut random = crate::test_random::Random::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| random.below(n);
        let mut text = String::from("a\r\nb\rc\nd");
        let mut index = LineIndex::new(&text);
        for _ in 0..5_000 {
            let mut a = floor_char_boundary(&text, next(text.len() + 1));
            let mut b = floor_char_boundary(&text, next(text.len() + 1));
            if a > b {
                std::mem::swap(&mut a, &mut b);
            }
            let inserted = pieces[next(pieces.len())];
            text.replace_range(a..b, inserted);
            index.edit(&text, a, b, a + inserted.len());
            assert_eq!(
                index,
                LineIndex::new(&text),
                "after editing {a}..{b} in {text:?}"
            );
        }
    }

    #[test]
    fn cursors_agree_with_the_index() {
        let text = "ab\r\nçé😀x\ry\n\nlast😀";
        let index = LineIndex::new(text);
        let mut cursor = Cursor::new(&index, text);
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        offsets.extend([9, 3, 0, 17, 5]);
        for offset in offsets {
            assert_eq!(
                cursor.position(offset),
                index.position(text, offset),
                "{offset}"
            );
            assert_eq!(
                cursor.line_col(offset),
                index.line_col(text, offset),
                "{offset}"
            );
        }
    }
}
