//! Taking the items of block sequences that an edit left alone from the document's previous
//! reading, instead of reading them again (a keystroke in one route of a long `addRoutes`
//! list reads that route only).
//!
//! An item is taken when the reading of its text cannot have changed: it lies wholly before
//! the edit, last line included, and the next content line still ends it (it is not indented
//! deeper than the sequence's dashes); or it starts on a line after the edit, where the text
//! is the same, only moved. The copy is moved by the edit's length change, and its scalars,
//! which share the previous text, are made to share the new one (the same bytes, moved), so
//! that no earlier version of the text is kept alive.

use std::sync::Arc;

use super::super::super::{Changed, Span, line_start};
use super::super::{Entry, MAX_DEPTH, Node, NodeValue, Scalar, ScalarText};
use super::{Next, Reader};

/// The previous reading of a document, and where its text changed since.
#[derive(Clone, Copy)]
pub(in super::super) struct Previous<'o> {
    /// Its tree.
    pub root: &'o Node,
    /// The text its scalars share.
    pub source: &'o Arc<str>,
    /// The bytes of the current text that changed: before them the text is the same, after
    /// them the same but moved.
    pub changed: Changed,
}

impl Previous<'_> {
    /// Where the byte at `at` of the current text was, when it is outside the change.
    fn old_offset(&self, at: usize) -> Option<usize> {
        if at < self.changed.span.start {
            Some(at)
        } else if at > self.changed.span.end {
            at.checked_add_signed(-self.changed.delta)
        } else {
            None
        }
    }
}

impl<'t> Reader<'t> {
    /// The items of the previous reading's block sequence whose first dash was where `start`
    /// now is.
    pub(super) fn old_sequence(&self, start: usize) -> Option<&'t [Node]> {
        let previous = self.previous?;
        let at = previous.old_offset(start)?;
        let mut node = previous.root;
        loop {
            match &node.value {
                NodeValue::Seq(items) if node.span.start == at => return Some(items),
                NodeValue::Seq(items) => node = containing(items, |n| n.span, at)?,
                NodeValue::Map(entries) => {
                    node = &containing(entries, Entry::span, at)?.value;
                }
                NodeValue::Null | NodeValue::Scalar(_) => return None,
            }
        }
    }

    /// The item whose content starts at `at` (at `column`, `depth`) in a block sequence whose
    /// dashes are at `dashes`, taken from `old` (the previous reading's items of that
    /// sequence) when the edit left its reading alone; with the next content line.
    pub(super) fn take_item(
        &self,
        old: Option<&[Node]>,
        at: usize,
        dashes: usize,
        depth: usize,
    ) -> Option<(Node, Next)> {
        let previous = self.previous?;
        let old = old?;
        let line_start = line_start(self.text, at);
        let changed = previous.changed;
        let (before, delta) = if at < changed.span.start {
            (true, 0)
        } else if line_start > changed.span.end {
            (false, changed.delta)
        } else {
            return None;
        };
        let old_at = at.checked_add_signed(-delta)?;
        let index = old.partition_point(|n| n.span.start < old_at);
        let item = old.get(index).filter(|n| n.span.start == old_at)?;
        let end = item.span.end.checked_add_signed(delta)?;
        let last_line_end = self.line_end(end);
        if before && last_line_end >= changed.span.start {
            return None;
        }
        let next = self.next_content(last_line_end + 1).ok()?;
        if before && next.is_some_and(|(_, column)| column > dashes) {
            return None;
        }
        let (copy, height) = self.moved(item, delta, previous.source)?;
        if depth + height + 1 >= MAX_DEPTH / 2 {
            return None;
        }
        self.reused.set(self.reused.get() + 1);
        Some((copy, next))
    }

    /// A copy of `node` moved by `delta` bytes, its scalars sharing this text where they
    /// shared `old_source`; with its height (1 for a leaf).
    fn moved(&self, node: &Node, delta: isize, old_source: &Arc<str>) -> Option<(Node, usize)> {
        let (value, height) = match &node.value {
            NodeValue::Null => (NodeValue::Null, 1),
            NodeValue::Scalar(scalar) => {
                let text = self.rebased(&scalar.text, delta, old_source)?;
                let plain = scalar.plain;
                (NodeValue::Scalar(Scalar { text, plain }), 1)
            }
            NodeValue::Seq(items) => {
                let mut height = 0;
                let mut copies = Vec::with_capacity(items.len());
                for item in items {
                    let (copy, h) = self.moved(item, delta, old_source)?;
                    height = height.max(h);
                    copies.push(copy);
                }
                (NodeValue::Seq(copies), height + 1)
            }
            NodeValue::Map(entries) => {
                let mut height = 0;
                let mut copies = Vec::with_capacity(entries.len());
                for entry in entries {
                    let (key, k) = self.moved(&entry.key, delta, old_source)?;
                    let (value, v) = self.moved(&entry.value, delta, old_source)?;
                    height = height.max(k).max(v);
                    copies.push(Entry { key, value });
                }
                (NodeValue::Map(copies), height + 1)
            }
        };
        let node = Node {
            value,
            span: node.span.shifted(delta),
            origin: node.origin.shifted(delta),
        };
        Some((node, height))
    }

    /// `text` as a range of this text when it was a range of `old_source` (the same bytes,
    /// moved by `delta`), else as it is.
    fn rebased(
        &self,
        text: &ScalarText,
        delta: isize,
        old_source: &Arc<str>,
    ) -> Option<ScalarText> {
        if !Arc::ptr_eq(&text.source, old_source) {
            return Some(text.clone());
        }
        let start = (text.start as usize).checked_add_signed(delta)?;
        let end = (text.end as usize).checked_add_signed(delta)?;
        let moved = ScalarText::try_slice(&self.source, start..end)?;
        // The bytes are the same, moved: the item lies outside the edit.
        debug_assert_eq!(moved, *text, "an unchanged scalar moved by the edit");
        Some(moved)
    }
}

/// The item of `items` (in text order) whose span, as `span` gives it, holds `at`.
fn containing<T>(items: &[T], span: impl Fn(&T) -> Span, at: usize) -> Option<&T> {
    let index = items.partition_point(|item| span(item).end <= at);
    items
        .get(index)
        .filter(|item| span(item).start <= at && at < span(item).end)
}
