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
