//! The block structure of the text, line by line: a line's indentation, `- ` indicators and
//! `key:`, and the path a line's key or item belongs to, found in the tree by the offset of
//! its key or, when the tree lost it too, from the indentation of the lines above.

use super::text::{line_end, quoted};
use super::{Known, Segment};
use crate::syntax::line_start;
use crate::syntax::{Node, NodeValue};

/// One line, read for its block structure.
#[derive(Debug)]
pub(super) struct Line<'t> {
    /// Byte offset of the line start.
    pub(super) start: usize,
    /// The line's text (without its line break).
    pub(super) text: &'t str,
    /// Leading spaces.
    pub(super) indent: usize,
    /// Columns of the `- ` sequence indicators.
    pub(super) dashes: Vec<usize>,
    /// Column after the indentation and the dashes.
    pub(super) content: usize,
    /// The `key:` at `content`, when there is one.
    pub(super) key: Option<LineKey>,
    /// Only spaces or a comment.
    pub(super) blank: bool,
}

#[derive(Debug)]
pub(super) struct LineKey {
    /// The key, quotes removed.
    pub(super) name: String,
    /// Column of the first byte after the `:`.
    pub(super) colon_end: usize,
}

impl<'t> Line<'t> {
    pub(super) fn parse(start: usize, text: &'t str) -> Line<'t> {
        let bytes = text.as_bytes();
        let mut i = 0;
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        let indent = i;
        let blank = matches!(bytes.get(i), None | Some(b'#'));
        let mut dashes = Vec::new();
        while bytes.get(i) == Some(&b'-') && matches!(bytes.get(i + 1), None | Some(b' ')) {
            dashes.push(i);
            i += 1;
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
        }
        let key = text
            .get(i..)
            .and_then(parse_key)
            .map(|(name, end)| LineKey {
                name,
                colon_end: i + end,
            });
        Line {
            start,
            text,
            indent,
            dashes,
            content: i,
            key,
            blank,
        }
    }

    /// The text after the indentation and dashes.
    pub(super) fn rest(&self) -> &'t str {
        self.text.get(self.content..).unwrap_or("")
    }
}

/// A `key:` at the start of `s`: the key (unquoted) and the offset after the `:`.
fn parse_key(s: &str) -> Option<(String, usize)> {
    let first = s.chars().next()?;
    let colon_ok = |at: usize| {
        s.as_bytes().get(at) == Some(&b':')
            && matches!(s.as_bytes().get(at + 1), None | Some(b' ' | b'\t' | b'\r'))
    };
    if first == '"' || first == '\'' {
        let (value, len) = quoted(s)?;
        let mut at = len;
        while s.as_bytes().get(at) == Some(&b' ') {
            at += 1;
        }
        return colon_ok(at).then(|| (value, at + 1));
    }
    if matches!(
        first,
        '{' | '[' | '|' | '>' | '&' | '*' | '!' | '%' | '@' | '`' | '#' | '?'
    ) {
        return None;
    }
    let mut prev_space = false;
    for (i, c) in s.char_indices() {
        if c == '#' && prev_space {
            return None;
        }
        if c == ':' && colon_ok(i) {
            let name = s.get(..i)?.trim_end();
            return Some((name.to_string(), i + 1));
        }
        prev_space = c == ' ' || c == '\t';
    }
    None
}

/// Reads the document around a cursor: the tree first, the text where the tree has nothing.
pub(super) struct Lines<'a> {
    pub(super) text: &'a str,
    pub(super) root: Option<&'a Node>,
    /// The names the document defines.
    pub(super) known: &'a Known,
}

/// The deepest recursion through parent lines (a guard against pathological input).
const MAX_LINE_DEPTH: usize = 64;

impl<'a> Lines<'a> {
    fn line(&self, start: usize) -> Line<'a> {
        let end = line_end(self.text, start);
        Line::parse(start, self.text.get(start..end).unwrap_or(""))
    }

    fn prev_line(&self, start: usize) -> Option<usize> {
        (start > 0).then(|| line_start(self.text, start - 1))
    }

    /// Whether the line starting at `ls` lies inside a scalar that began on an earlier line
    /// (a block scalar, a multi-line quoted string).
    fn in_multiline_scalar(&self, ls: usize, at: usize) -> bool {
        let Some(mut node) = self.root else {
            return false;
        };
        loop {
            let next = match &node.value {
                NodeValue::Map(entries) => entries.iter().find_map(|e| {
                    if e.key.span.contains(at) {
                        Some(&e.key)
                    } else if e.value.span.contains(at) && !e.value.is_alias() {
                        Some(&e.value)
                    } else {
                        None
                    }
                }),
                NodeValue::Seq(items) => {
                    items.iter().find(|i| i.span.contains(at) && !i.is_alias())
                }
                NodeValue::Scalar(_) => return node.span.start < ls,
                NodeValue::Null => return false,
            };
            match next {
                Some(n) => node = n,
                None => return false,
            }
        }
    }

    /// The path of the key written on `line`: from the tree when it holds that key, else from
    /// the lines above.
    pub(super) fn line_key_path(&self, line: &Line<'_>, depth: usize) -> Option<Vec<Segment>> {
        let key = line.key.as_ref()?;
        if let Some(path) = self.tree_key_path(line.start + line.content) {
            return Some(path);
        }
        let mut path = match line.dashes.first() {
            Some(&dash) => self.item_path(line.start, dash, line.dashes.len(), depth + 1)?,
            None => self.container_path(line.start, line.content, depth + 1)?,
        };
        path.push(Segment::Key(key.name.clone()));
        Some(path)
    }

    /// The path of the entry whose key starts at byte `at`, from the tree.
    fn tree_key_path(&self, at: usize) -> Option<Vec<Segment>> {
        let mut node = self.root?;
        let mut path = Vec::new();
        loop {
            match &node.value {
                NodeValue::Map(entries) => {
                    if let Some(e) = entries.iter().find(|e| e.key.span.start == at) {
                        path.push(Segment::Key(e.key.as_str()?.to_string()));
                        return Some(path);
                    }
                    let e = entries
                        .iter()
                        .find(|e| e.value.span.contains(at) && !e.value.is_alias())?;
                    path.push(Segment::Key(e.key.as_str()?.to_string()));
                    node = &e.value;
                }
                NodeValue::Seq(items) => {
                    let (i, item) = items
                        .iter()
                        .enumerate()
                        .find(|(_, i)| i.span.contains(at) && !i.is_alias())?;
                    path.push(Segment::Index(i));
                    node = item;
                }
                _ => return None,
            }
        }
    }

    /// The path of the sequence item whose first `- ` is at column `dash` of the line at `ls`
    /// (`dashes` indicators on that line: nested items are the first of their sequence).
    pub(super) fn item_path(
        &self,
        ls: usize,
        dash: usize,
        dashes: usize,
        depth: usize,
    ) -> Option<Vec<Segment>> {
        let (mut path, index) = self.sequence_of(ls, dash, depth)?;
        path.push(Segment::Index(index));
        for _ in 1..dashes {
            path.push(Segment::Index(0));
        }
        Some(path)
    }

    /// The path of the block sequence holding an item at column `dash` of the line at `ls`,
    /// and the item's index.
    fn sequence_of(&self, ls: usize, dash: usize, depth: usize) -> Option<(Vec<Segment>, usize)> {
        if depth > MAX_LINE_DEPTH {
            return None;
        }
        let mut count = 0;
        let mut cur = ls;
        while let Some(prev) = self.prev_line(cur) {
            cur = prev;
            let line = self.line(prev);
            if line.blank || self.in_multiline_scalar(prev, prev + line.indent) {
                continue;
            }
            if line.indent == dash && line.dashes.first() == Some(&dash) {
                count += 1;
                continue;
            }
            if line.indent > dash {
                continue;
            }
            // The key whose value is this sequence (`key:` above it, or at the same column).
            if line.key.is_some() && (line.content < dash || line.dashes.is_empty()) {
                return Some((self.line_key_path(&line, depth + 1)?, count));
            }
            if line.indent == dash {
                continue;
            }
            if line.key.is_none()
                && line.rest().trim().is_empty()
                && let Some(&outer) = line.dashes.first()
            {
                // `-` alone: this sequence is the item's value.
                return Some((
                    self.item_path(prev, outer, line.dashes.len(), depth + 1)?,
                    count,
                ));
            }
            return None;
        }
        Some((Vec::new(), count))
    }

    /// The path of the block mapping holding a key at column `column` of the line at `ls`.
    pub(super) fn container_path(
        &self,
        ls: usize,
        column: usize,
        depth: usize,
    ) -> Option<Vec<Segment>> {
        if depth > MAX_LINE_DEPTH {
            return None;
        }
        let mut cur = ls;
        while let Some(prev) = self.prev_line(cur) {
            cur = prev;
            let line = self.line(prev);
            if line.blank || self.in_multiline_scalar(prev, prev + line.indent) {
                continue;
            }
            if line.content == column && line.key.is_some() {
                // A sibling key: the same mapping.
                let mut path = self.line_key_path(&line, depth + 1)?;
                path.pop();
                return Some(path);
            }
            if line.indent >= column {
                continue;
            }
            if line.key.is_some() && line.content < column {
                // The key whose value this mapping is.
                return self.line_key_path(&line, depth + 1);
            }
            if line.key.is_none()
                && line.rest().trim().is_empty()
                && let Some(&dash) = line.dashes.first()
            {
                // `-` alone: the mapping is the item.
                return self.item_path(prev, dash, line.dashes.len(), depth + 1);
            }
            if line.content == column {
                // A scalar item at the same column (`- GET`): keep looking.
                continue;
            }
            return None;
        }
        (column == 0).then(Vec::new)
    }
}
