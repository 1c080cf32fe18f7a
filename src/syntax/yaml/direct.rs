//! A direct reader for the YAML that definition files are made of, for the CLI and the
//! editor's documents alike: block mappings and sequences (compact and indentless ones too), single-line plain and
//! quoted scalars, single-line flow collections, comments. It builds the same [`Node`]s as the
//! tree-sitter conversion, spans included, about twenty times faster than tree-sitter's parse.
//!
//! It reads nothing it is unsure of: on anything else (block scalars, multi-line scalars or
//! flow collections, anchors, aliases, tags, merge keys, document markers, tabs, carriage
//! returns, duplicate keys, any syntax error) it gives up and the caller parses the text with
//! tree-sitter, which also words the errors. A property test compares the two on generated
//! and mutated documents.

use std::cell::Cell;
use std::sync::Arc;

use crate::hash::HashSet;

use super::super::Span;
use super::{Entry, MAX_DEPTH, Node, NodeValue, Scalar, ScalarText, scalar, text};

/// The reader met something it leaves to tree-sitter.
struct Unsupported;

type Read<T> = Result<T, Unsupported>;

/// Maps with more entries than this look keys up in a set for duplicates.
const LINEAR_KEY_CHECK: usize = 16;

/// The next line with content: where its content starts and at which column.
type Next = Option<(usize, usize)>;

pub(super) use reuse::Previous;

/// A document as the reader read it.
pub(super) struct Reading {
    /// Its tree.
    pub root: Node,
    /// The text its scalars share.
    pub source: Arc<str>,
    /// How many items were taken from the previous reading.
    pub reused: usize,
}

/// The document's YAML tree, or `None` when the text needs tree-sitter (including an empty
/// document, which tree-sitter's path reports as it does); the items of block sequences the
/// edit since `previous` left alone are taken from it (see `reuse`).
pub(super) fn parse<'t>(text: &'t str, previous: Option<Previous<'t>>) -> Option<Reading> {
    let reader = Reader {
        text,
        bytes: text.as_bytes(),
        source: Arc::from(text),
        previous,
        reused: Cell::new(0),
    };
    let root = reader.document().ok()?;
    Some(Reading {
        root,
        reused: reader.reused.get(),
        source: reader.source,
    })
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    /// The text shared by the scalars that read as written.
    source: Arc<str>,
    /// The previous reading, to take unchanged items from.
    previous: Option<Previous<'t>>,
    /// How many items were taken from it.
    reused: Cell<usize>,
}

impl Reader<'_> {
    fn document(&self) -> Read<Node> {
        if has_unusual_characters(self.text) {
            return Err(Unsupported);
        }
        let (start, column) = self.next_content(0)?.ok_or(Unsupported)?;
        let (root, next) = self.block_node(start, column, 0)?;
        match next {
            None => Ok(root),
            Some(_) => Err(Unsupported),
        }
    }

    fn byte(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(b'\n')
    }

    /// The byte before `at` (a line break before the text's start).
    fn before(&self, at: usize) -> u8 {
        at.checked_sub(1).map_or(b'\n', |i| self.byte(i))
    }

    /// Whether `at` is past the line's content: a line break or the end of the text.
    fn at_line_end(&self, at: usize) -> bool {
        self.byte(at) == b'\n'
    }

    /// Skips spaces from `at`.
    fn skip_spaces(&self, mut at: usize) -> usize {
        while self.bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        at
    }

    /// From a line's start: the first line with content (not blank, not a comment), as its
    /// content's offset and column.
    fn next_content(&self, mut at: usize) -> Read<Next> {
        loop {
            if at >= self.bytes.len() {
                return Ok(None);
            }
            let content = self.skip_spaces(at);
            match self.byte(content) {
                b'\n' => at = content + 1,
                b'#' => at = self.line_end(content) + 1,
                // Directives and document markers.
                b'%' if content == at => return Err(Unsupported),
                b'-' | b'.' if content == at && self.is_marker(at) => return Err(Unsupported),
                _ => {
                    if content >= self.bytes.len() {
                        return Ok(None);
                    }
                    return Ok(Some((content, content - at)));
                }
            }
        }
    }

    /// Whether the line at `at` starts with `---` or `...`.
    fn is_marker(&self, at: usize) -> bool {
        let three = self.bytes.get(at..at + 3);
        matches!(three, Some(b"---") | Some(b"..."))
    }

    /// The offset of the line break ending the line holding `at` (or the text's end).
    fn line_end(&self, at: usize) -> usize {
        text::line_end(self.text, at)
    }

    /// After a value: only spaces and a comment may follow on its line. The next content line.
    fn end_of_line(&self, at: usize) -> Read<Next> {
        let after = self.skip_spaces(at);
        let end = match self.byte(after) {
            b'\n' => after,
            b'#' if after > at => self.line_end(after),
            _ => return Err(Unsupported),
        };
        self.next_content(end + 1)
    }

    /// Whether a block sequence entry (`-` then a space or the line's end) starts at `at`.
    fn is_dash(&self, at: usize) -> bool {
        self.byte(at) == b'-' && matches!(self.byte(at + 1), b' ' | b'\n')
    }

    /// A block node whose first line's content starts at `at`, at `column`.
    fn block_node(&self, at: usize, column: usize, depth: usize) -> Read<(Node, Next)> {
        if depth >= MAX_DEPTH / 2 {
            return Err(Unsupported);
        }
        if self.is_dash(at) {
            return self.block_sequence(at, column, depth);
        }
        if let Some(first_key) = self.key_ahead(at)? {
            return self.block_mapping(at, column, depth, first_key);
        }
        let (node, end) = self.inline_node(at, depth, false)?;
        Ok((node, self.end_of_line(end)?))
    }

    /// Where a key at `at` ends and its `:` is, when the line at `at` starts with a key.
    fn key_ahead(&self, at: usize) -> Read<Option<(usize, usize)>> {
        let end = match self.byte(at) {
            b'"' | b'\'' => self.quoted_end(at)?,
            first if is_indicator(first) => return Ok(None),
            _ => {
                // Keys with these are left to tree-sitter; values may hold them.
                let mut unusual = false;
                let mut i = at;
                loop {
                    match self.byte(i) {
                        b'\n' => return Ok(None),
                        b':' if matches!(self.byte(i + 1), b' ' | b'\n') => break,
                        b'#' if self.before(i) == b' ' => return Ok(None),
                        b'[' | b']' | b'{' | b'}' | b',' | b'"' | b'\'' | b'&' | b'*' | b'!'
                        | b'|' | b'>' | b'%' | b'@' | b'`' => unusual = true,
                        _ => {}
                    }
                    i += 1;
                }
                if unusual {
                    return Err(Unsupported);
                }
                trim_end(self.bytes, at, i)
            }
        };
        let colon = self.skip_spaces(end);
        if self.byte(colon) == b':' && matches!(self.byte(colon + 1), b' ' | b'\n') {
            Ok(Some((end, colon)))
        } else {
            Ok(None)
        }
    }

    /// A block mapping at `column` whose first key, at `start`, ends at `first_key`'s end and
    /// colon.
    fn block_mapping(
        &self,
        start: usize,
        column: usize,
        depth: usize,
        first_key: (usize, usize),
    ) -> Read<(Node, Next)> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut keys: Option<HashSet<ScalarText>> = None;
        let (mut at, mut key_at) = (start, first_key);
        loop {
            let (key_end, colon) = key_at;
            let key = self.scalar(at, key_end)?;
            let (value, next) = self.mapping_value(colon, column, depth)?;
            self.add_key(&entries, &mut keys, &key)?;
            entries.push(Entry { key, value });
            match next {
                Some((line, c)) if c == column && !self.is_dash(line) => {
                    at = line;
                    key_at = self.key_ahead(at)?.ok_or(Unsupported)?;
                }
                Some((_, c)) if c >= column => return Err(Unsupported),
                _ => {
                    let end = entries.last().map_or(start, |e| e.value.span.end);
                    let node = Node::new(NodeValue::Map(entries), Span::new(start, end));
                    return Ok((node, next));
                }
            }
        }
    }

    /// The value after the `:` at `colon` of a key at `column`.
    fn mapping_value(&self, colon: usize, column: usize, depth: usize) -> Read<(Node, Next)> {
        let after = self.skip_spaces(colon + 1);
        if self.rest_is_empty(after) {
            return self.value_below(after, colon + 1, column, depth, true);
        }
        let (node, end) = self.inline_node(after, depth + 1, false)?;
        Ok((node, self.end_of_line(end)?))
    }

    /// Whether the line holds nothing (or a comment) from `at`, which follows a space or an
    /// indicator (`:` or `-` followed by a space).
    fn rest_is_empty(&self, at: usize) -> bool {
        self.at_line_end(at) || self.byte(at) == b'#'
    }

    /// The value of a key or sequence entry at `column` whose line holds nothing more after
    /// `after`: the block node on the next content line when it is indented deeper (or, for a
    /// key, an `indentless` sequence at the key's column), else an empty value at `empty`.
    fn value_below(
        &self,
        after: usize,
        empty: usize,
        column: usize,
        depth: usize,
        indentless: bool,
    ) -> Read<(Node, Next)> {
        let next = self.next_content(self.line_end(after) + 1)?;
        match next {
            Some((line, c)) if c > column => self.block_node(line, c, depth + 1),
            // `key:` then `- item` lines at the key's column.
            Some((line, c)) if indentless && c == column && self.is_dash(line) => {
                self.block_sequence(line, c, depth + 1)
            }
            _ => Ok((null_at(empty), next)),
        }
    }

    /// Refuses a duplicate key (tree-sitter's path reports it) and a merge key.
    fn add_key(
        &self,
        entries: &[Entry],
        keys: &mut Option<HashSet<ScalarText>>,
        key: &Node,
    ) -> Read<()> {
        let NodeValue::Scalar(scalar) = &key.value else {
            return Err(Unsupported);
        };
        if scalar.plain && &*scalar.text == "<<" {
            return Err(Unsupported);
        }
        let duplicate = match keys {
            Some(set) => !set.insert(scalar.text.clone()),
            None => {
                let duplicate = entries.iter().any(|e| e.key.as_str() == Some(&scalar.text));
                if entries.len() >= LINEAR_KEY_CHECK {
                    let mut set: HashSet<ScalarText> = entries
                        .iter()
                        .filter_map(|e| match &e.key.value {
                            NodeValue::Scalar(s) => Some(s.text.clone()),
                            _ => None,
                        })
                        .collect();
                    set.insert(scalar.text.clone());
                    *keys = Some(set);
                }
                duplicate
            }
        };
        if duplicate {
            return Err(Unsupported);
        }
        Ok(())
    }

    fn block_sequence(&self, start: usize, column: usize, depth: usize) -> Read<(Node, Next)> {
        let old = self.old_sequence(start);
        let mut items = Vec::with_capacity(old.map_or(0, <[Node]>::len));
        let mut dash = start;
        loop {
            let after = self.skip_spaces(dash + 1);
            let (item, next) = if self.rest_is_empty(after) {
                self.value_below(after, dash + 1, column, depth, false)?
            } else if let Some(taken) = self.take_item(old, after, column, depth + 1) {
                taken
            } else {
                self.block_node(after, column + (after - dash), depth + 1)?
            };
            items.push(item);
            match next {
                Some((line, c)) if c == column && self.is_dash(line) => dash = line,
                Some((_, c)) if c > column => return Err(Unsupported),
                _ => {
                    let end = items.last().map_or(start, |n: &Node| n.span.end);
                    let node = Node::new(NodeValue::Seq(items), Span::new(start, end));
                    return Ok((node, next));
                }
            }
        }
    }

    /// A scalar or flow collection written on one line from `at`, in a block or (`flow`) in a
    /// flow collection; the node and where it ends.
    fn inline_node(&self, at: usize, depth: usize, flow: bool) -> Read<(Node, usize)> {
        // Every nesting passes through here or `block_node`.
        if depth >= MAX_DEPTH / 2 {
            return Err(Unsupported);
        }
        match self.byte(at) {
            b'[' => self.flow_sequence(at, depth),
            b'{' => self.flow_mapping(at, depth),
            b'"' | b'\'' => {
                let end = self.quoted_end(at)?;
                Ok((self.scalar(at, end)?, end))
            }
            first if is_indicator(first) => Err(Unsupported),
            _ => {
                let end = self.plain_end(at, flow)?;
                if end == at {
                    return Err(Unsupported);
                }
                Ok((self.scalar(at, end)?, end))
            }
        }
    }

    /// Where a plain scalar starting at `at` ends (trailing spaces left out). In a flow
    /// collection (`flow`), `,`, `]` and `}` end it too.
    fn plain_end(&self, at: usize, flow: bool) -> Read<usize> {
        let mut i = at;
        loop {
            match self.byte(i) {
                b'\n' => break,
                b'#' if self.before(i) == b' ' => break,
                b':' if matches!(self.byte(i + 1), b' ' | b'\n') => {
                    if flow {
                        break;
                    }
                    return Err(Unsupported);
                }
                b',' | b']' | b'}' if flow => break,
                b'[' | b'{' if flow => return Err(Unsupported),
                b':' if flow && matches!(self.byte(i + 1), b',' | b'[' | b']' | b'{' | b'}') => {
                    return Err(Unsupported);
                }
                _ => i += 1,
            }
        }
        Ok(trim_end(self.bytes, at, i))
    }

    /// Where a quoted scalar starting at `at` ends (after its closing quote), on its line.
    fn quoted_end(&self, at: usize) -> Read<usize> {
        let quote = self.byte(at);
        let mut i = at + 1;
        loop {
            match self.byte(i) {
                b'\n' => return Err(Unsupported),
                // An escaped line break continues the scalar on the next line.
                b'\\' if quote == b'"' && self.byte(i + 1) == b'\n' => return Err(Unsupported),
                b'\\' if quote == b'"' => i += 2,
                b'\'' if quote == b'\'' && self.byte(i + 1) == b'\'' => i += 2,
                b if b == quote => return Ok(i + 1),
                _ => i += 1,
            }
        }
    }

    /// The scalar written at `start..end` (plain or quoted).
    fn scalar(&self, start: usize, end: usize) -> Read<Node> {
        let raw = self.text.get(start..end).ok_or(Unsupported)?;
        let span = Span::new(start, end);
        // Quoted text without escapes is its own content (a scalar is on one line here).
        let inner = || raw.get(1..raw.len() - 1).unwrap_or("");
        let quoted_as_written = || ScalarText::slice(&self.source, start + 1..end - 1);
        let (text, plain): (ScalarText, bool) = match self.byte(start) {
            b'\'' if !inner().contains('\'') => (quoted_as_written(), false),
            b'\'' => (ScalarText::from(scalar::single_quoted(raw)), false),
            b'"' if !inner().contains('\\') => (quoted_as_written(), false),
            b'"' => {
                let mut problems = Vec::new();
                let text = scalar::double_quoted(raw, start, &mut problems);
                if !problems.is_empty() {
                    return Err(Unsupported);
                }
                (ScalarText::from(text), false)
            }
            _ => (ScalarText::slice(&self.source, start..end), true),
        };
        let value = NodeValue::Scalar(Scalar { text, plain });
        Ok(Node::new(value, span))
    }

    /// Spaces after `at` in a flow collection, then the byte there.
    fn flow_skip(&self, at: usize) -> Read<usize> {
        let at = self.skip_spaces(at);
        match self.byte(at) {
            b'\n' | b'#' => Err(Unsupported),
            _ => Ok(at),
        }
    }

    /// After a flow item: `,` then more, or the closing bracket `close`. Whether it closed,
    /// and where the next item (or the end) is.
    fn flow_separator(&self, at: usize, close: u8) -> Read<(bool, usize)> {
        let at = self.flow_skip(at)?;
        match self.byte(at) {
            b if b == close => Ok((true, at + 1)),
            b',' => {
                let next = self.flow_skip(at + 1)?;
                // A trailing comma is left to tree-sitter.
                if matches!(self.byte(next), b']' | b'}' | b',') {
                    return Err(Unsupported);
                }
                Ok((false, next))
            }
            _ => Err(Unsupported),
        }
    }

    fn flow_sequence(&self, start: usize, depth: usize) -> Read<(Node, usize)> {
        let mut items = Vec::new();
        let mut at = self.flow_skip(start + 1)?;
        if self.byte(at) == b']' {
            let node = Node::new(NodeValue::Seq(items), Span::new(start, at + 1));
            return Ok((node, at + 1));
        }
        loop {
            let (item, end) = self.inline_node(at, depth + 1, true)?;
            items.push(item);
            let after = self.skip_spaces(end);
            // `[a: b]`: a single-pair mapping, left to tree-sitter.
            if self.byte(after) == b':' {
                return Err(Unsupported);
            }
            let (closed, next) = self.flow_separator(end, b']')?;
            if closed {
                let node = Node::new(NodeValue::Seq(items), Span::new(start, next));
                return Ok((node, next));
            }
            at = next;
        }
    }

    fn flow_mapping(&self, start: usize, depth: usize) -> Read<(Node, usize)> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut keys = None;
        let mut at = self.flow_skip(start + 1)?;
        if self.byte(at) == b'}' {
            let node = Node::new(NodeValue::Map(entries), Span::new(start, at + 1));
            return Ok((node, at + 1));
        }
        loop {
            // A collection as a key is refused by `add_key`.
            let (key, key_end) = self.inline_node(at, depth + 1, true)?;
            let colon = self.skip_spaces(key_end);
            if self.byte(colon) != b':' || self.byte(colon + 1) != b' ' {
                return Err(Unsupported);
            }
            let value_at = self.flow_skip(colon + 1)?;
            if matches!(self.byte(value_at), b',' | b'}') {
                return Err(Unsupported);
            }
            let (value, end) = self.inline_node(value_at, depth + 1, true)?;
            self.add_key(&entries, &mut keys, &key)?;
            entries.push(Entry { key, value });
            let (closed, next) = self.flow_separator(end, b'}')?;
            if closed {
                let node = Node::new(NodeValue::Map(entries), Span::new(start, next));
                return Ok((node, next));
            }
            at = next;
        }
    }
}

/// Whether `text` holds a character the reader leaves to tree-sitter: control characters
/// other than the line feed (tabs, carriage returns, and NUL, where tree-sitter's input ends),
/// and the byte-order mark, next line, line and paragraph separators.
fn has_unusual_characters(text: &str) -> bool {
    // Whole chunks without an early exit, which the compiler vectorizes.
    let control = |b: &u8| (*b < b' ' && *b != b'\n') || *b == 0x7f;
    text.as_bytes()
        .chunks(256)
        .any(|chunk| chunk.iter().fold(false, |found, b| found | control(b)))
        || (!text.is_ascii() && text.contains(['\u{feff}', '\u{85}', '\u{2028}', '\u{2029}']))
}

/// Whether a node starting with `first` is one the reader leaves to tree-sitter (or that is no
/// scalar): indicators, anchors, aliases, tags, block scalars, reserved characters.
fn is_indicator(first: u8) -> bool {
    matches!(
        first,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'%'
            | b'@'
            | b'`'
            | b'\n'
            | b' '
    )
}

/// `end` moved back over the spaces before it, not before `start`.
fn trim_end(bytes: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && bytes.get(end - 1) == Some(&b' ') {
        end -= 1;
    }
    end
}

fn null_at(at: usize) -> Node {
    Node::new(NodeValue::Null, Span::new(at, at))
}

mod reuse;
#[cfg(test)]
mod tests;
