//! Taking unchanged collection items from the previous conversion of a document (see
//! [`super::super::convert_reusing`]).
//!
//! When a collection is converted, its items are matched with the previous collection's: the
//! items wholly before the dirty range are the previous ones at the same index, those wholly
//! after it (on later lines) the previous ones counted from the end, shifted; an edited item
//! with exactly one previous item between those is its counterpart, converted again but able
//! to reuse in turn. A previous item whose span does not fall inside the new item's bytes is
//! never taken.

use super::super::super::Span;
use super::super::{Entry, Node, Reuse};
use super::kids::Kid;

/// What an item of a collection being converted is in the previous conversion.
pub(super) enum Counterpart<'o, T> {
    /// The same item, unchanged: take it, moved by the delta.
    Same(&'o T, isize),
    /// The item that was edited: convert again, reusing inside it.
    Edited(&'o T),
    /// No counterpart: convert it.
    Fresh,
}

/// Something a collection holds, with the span it covers.
pub(super) trait Item {
    /// The bytes the item covers.
    fn covers(&self) -> Span;
}

impl Item for Node {
    fn covers(&self) -> Span {
        self.span
    }
}

impl Item for Entry {
    fn covers(&self) -> Span {
        self.span()
    }
}

impl Reuse<'_> {
    /// Whether the bytes `start..end` of the current text lie wholly before the dirty range.
    fn before(&self, end: usize) -> bool {
        end < self.changed.span.start
    }

    /// Whether a node starting at `start` lies after the dirty range, on a later line.
    fn after(&self, text: &str, start: usize) -> bool {
        start > self.changed.span.end
            && text
                .get(self.changed.span.end..start)
                .is_some_and(|between| between.contains('\n'))
    }
}

/// The counterparts of the items `kids` (tree-sitter nodes, in order) among `old`.
pub(super) fn align<'o, T: Item>(
    reuse: &Reuse,
    text: &str,
    kids: &[Kid],
    old: &'o [T],
) -> Vec<Counterpart<'o, T>> {
    let count = kids.len();
    let prefix = kids
        .iter()
        .take_while(|k| reuse.before(k.node.end_byte()))
        .count();
    let suffix = kids[prefix..]
        .iter()
        .rev()
        .take_while(|k| reuse.after(text, k.node.start_byte()))
        .count();
    let mut out = Vec::with_capacity(count);
    if prefix + suffix > old.len() {
        out.resize_with(count, || Counterpart::Fresh);
        return out;
    }
    let edited = count - prefix - suffix == 1 && old.len() - prefix - suffix == 1;
    for (i, kid) in kids.iter().enumerate() {
        let bytes = Span::new(kid.node.start_byte(), kid.node.end_byte());
        let same = |item: &'o T, delta: isize| {
            let span = item.covers().shifted(delta);
            if bytes.start <= span.start && span.end <= bytes.end {
                Counterpart::Same(item, delta)
            } else {
                Counterpart::Fresh
            }
        };
        out.push(if i < prefix {
            same(&old[i], 0)
        } else if i >= count - suffix {
            same(&old[old.len() - (count - i)], reuse.changed.delta)
        } else if edited {
            Counterpart::Edited(&old[prefix])
        } else {
            Counterpart::Fresh
        });
    }
    out
}

/// A copy of `node` moved by `delta` bytes.
pub(super) fn moved(node: &Node, delta: isize) -> Node {
    let mut copy = node.clone();
    if delta != 0 {
        copy.shift(delta);
    }
    copy
}
