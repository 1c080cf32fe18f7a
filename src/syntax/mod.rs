//! Syntax: the text of a definition file, its tree-sitter tree, and the YAML tree with byte
//! spans that the model is built from.
//!
//! Everything here speaks byte offsets; conversion to line/column positions lives in
//! [`line_index`] and nowhere else.

pub mod document;
pub mod line_index;
pub mod yaml;

pub use document::Document;
pub use line_index::{Cursor, LineIndex, Position};
pub use yaml::{Entry, Node, NodeValue, Scalar, SyntaxError};

/// A half-open byte range `start..end` in a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span moved by `delta` bytes (clamped at 0).
    pub fn shifted(self, delta: isize) -> Span {
        let by = |at: usize| at.saturating_add_signed(delta);
        Span::new(by(self.start), by(self.end))
    }

    /// Whether `offset` lies inside the span (the end counts, for cursors at a token's end).
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
}

/// The start of the line holding byte `offset` of `text` (just after the `\n` before it).
pub fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The region of a text that changed since an earlier version (its last conversion, its last
/// limit check), as one range: the text before it is unchanged, the text after it unchanged
/// but moved by `delta`.
#[derive(Clone, Copy, Debug)]
pub struct Changed {
    /// The region in the current text.
    pub span: Span,
    /// The current text's length minus the earlier text's.
    pub delta: isize,
}

impl Changed {
    /// The region after `start..old_end` of the current text became `start..new_end`.
    pub fn after_edit(
        dirty: Option<Changed>,
        start: usize,
        old_end: usize,
        new_end: usize,
    ) -> Changed {
        let growth = new_end as isize - old_end as isize;
        let map = |at: usize| {
            if at <= start {
                at
            } else if at >= old_end {
                at.saturating_add_signed(growth)
            } else {
                new_end
            }
        };
        match dirty {
            None => Changed {
                span: Span::new(start, new_end),
                delta: growth,
            },
            Some(d) => Changed {
                span: Span::new(map(d.span.start).min(start), map(d.span.end).max(new_end)),
                delta: d.delta + growth,
            },
        }
    }
}
