//! Where the cursor is: the cursor's place in the document, for completion and hover.
//!
//! [`context`] answers, for a byte offset, the key path from the root
//! (`constructs / HttpApi / addRoutes / 0 / integration`), whether the cursor is on a key or a
//! value, the word being typed, the tree nodes around it, what the schema table expects there
//! ([`Place`]) and, inside a string, the `${...}` expression being written ([`ExprCursor`]).
//!
//! The YAML tree answers when the cursor is on a node it holds. While the user types, the line
//! under the cursor is often missing from the tree (a half-typed key is a syntax error, and the
//! parser's recovery blanks it), so the raw text decides then: indentation chooses the parent
//! of a block key, and a small scanner reads a flow collection (`- { path: /a, integration: `)
//! up to the cursor. Lines above the cursor are found in the tree by the offset of their key,
//! and read from the text only when the tree lost them too.
//!
//! Mapping a path onto the schema ([`place_at`]) is driven by the schema table alone: sections,
//! construct entries (their `type:`, or the type of the child CDK creates for an entry without
//! one), props, imports, methods and their call shapes, structs, lists, maps, enum factories,
//! inline integrations and outputs.
//!
//! The work is split by job: [`locate`] finds the cursor in the tree or the raw text (with
//! [`lines`] for the block structure of the lines above it, [`flow`] for a flow collection
//! typed up to it and [`text`] for character-level reading), [`place`] maps a key path onto
//! the schema, [`known`] collects the names a document defines and [`expr`] reads the
//! `${...}` expression under the cursor.

mod expr;
mod flow;
mod known;
mod lines;
mod locate;
mod place;
#[cfg(test)]
mod tests;
mod text;

use std::fmt;

use super::analysis::Analysis;
use crate::model::schema::Kind;
use crate::syntax::{Node, NodeValue, Span, line_start};

pub use expr::{ExprAt, ExprCursor, expr_cursor};
pub use known::Known;
use lines::Lines;
pub use place::{KeyDef, Place, key_def_at, node_at, place_at};
pub use text::floor_char_boundary;

/// One step of a path from the document root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// The value of a mapping key.
    Key(String),
    /// An item of a sequence.
    Index(usize),
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Key(k) => f.write_str(k),
            Segment::Index(i) => write!(f, "{i}"),
        }
    }
}

/// What the cursor is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spot {
    /// A key of the mapping at the context's path (written, being typed, or a new one).
    Key,
    /// The value at the context's path.
    Value,
}

/// Everything completion and hover need to know about the cursor.
#[derive(Clone, Debug)]
pub struct CursorContext<'a> {
    /// The byte offset (clamped to the text and to a char boundary).
    pub offset: usize,
    /// Whether the cursor is on a key or a value.
    pub spot: Spot,
    /// For [`Spot::Key`], the path of the mapping the key belongs to; for [`Spot::Value`], the
    /// path of the value.
    pub path: Vec<Segment>,
    /// What the schema expects at `path` (for keys, use [`CursorContext::key_place`]).
    pub place: Place,
    /// The word at the cursor: the range a completion replaces (may be empty).
    pub word: Span,
    /// The key or value node under the cursor, when the tree holds it.
    pub node: Option<&'a Node>,
    /// For [`Spot::Key`], the mapping node at `path` (to see which keys exist).
    pub mapping: Option<&'a Node>,
    /// The column (bytes from the line start) where a key written at the cursor starts, the
    /// indentation of a block snippet's further lines.
    pub column: usize,
    /// Whether the cursor is inside a flow collection (`{ }` or `[ ]`): snippets stay on one line.
    pub flow: bool,
    /// Whether a value inserted here needs a space first (the cursor is right after `key:`).
    pub needs_space: bool,
    /// For [`Spot::Value`], where the value's text starts (after an opening quote).
    pub value_start: Option<usize>,
    /// The `${...}` expression the cursor is in.
    pub expr: Option<ExprCursor>,
    /// The names the document defines.
    pub known: &'a Known,
}

impl CursorContext<'_> {
    /// The place whose keys a key at the cursor may be (the place at `path` seen as a mapping).
    pub fn key_place(&self) -> Place {
        self.place.mapping(self.mapping)
    }

    /// The keys already written in the mapping at the cursor (the key under the cursor aside).
    pub fn existing_keys(&self) -> Vec<&str> {
        let Some(entries) = self.mapping.and_then(Node::as_map) else {
            return Vec::new();
        };
        entries
            .iter()
            .filter(|e| !e.key.span.contains(self.offset))
            .filter_map(|e| e.key.as_str())
            .collect()
    }
}

/// The context of the cursor at byte `offset` of the analysed document, or `None` where
/// nothing can be said (inside a comment).
pub fn context(a: &Analysis, offset: usize) -> Option<CursorContext<'_>> {
    let text = a.text.as_str();
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let root = a.root();
    let known = a.known();
    let lines = Lines { text, root, known };
    let located = lines.locate(offset)?;
    let place = place_at(root, &located.path, known);
    let mut located = located;
    if located.spot == Spot::Value && starts_block_key(text, located.node, place) {
        // A word alone on its line where a mapping belongs (`Foo:\n    ap`) is a key being typed.
        located.spot = Spot::Key;
        located.value_start = None;
        located.needs_space = false;
    }
    let mapping = match located.spot {
        Spot::Key => node_at(root, &located.path),
        Spot::Value => None,
    };
    let expr = match (located.spot, located.value_start) {
        (Spot::Value, Some(start)) => expr_cursor(text, start, offset, known),
        _ => None,
    };
    Some(CursorContext {
        offset,
        spot: located.spot,
        path: located.path,
        place,
        word: located.word,
        node: located.node,
        mapping,
        column: located.column,
        flow: located.flow,
        needs_space: located.needs_space,
        value_start: located.value_start,
        expr,
        known,
    })
}

/// Whether a plain scalar value is alone on its line (after indentation and `- `) where the
/// schema expects a mapping: then it is a key being typed.
fn starts_block_key(text: &str, node: Option<&Node>, place: Place) -> bool {
    let Some(node) = node else {
        return false;
    };
    let plain = matches!(&node.value, NodeValue::Scalar(s) if s.plain);
    let ls = line_start(text, node.span.start);
    let alone = text
        .get(ls..node.span.start)
        .is_some_and(|t| t.chars().all(|c| c == ' ' || c == '-'));
    let expects_mapping = match place {
        Place::Document | Place::Constructs | Place::Objects(_) | Place::Outputs => true,
        Place::Construct { .. } | Place::Props(_) | Place::Calls(_) => true,
        Place::Object { inline, .. } => !inline,
        Place::Value { kind, .. } => {
            matches!(
                kind,
                Kind::Struct(_) | Kind::Map(_) | Kind::ParameterMapping
            )
        }
        // A call item may be the bare first argument as well as a mapping.
        Place::CallItem(_) => false,
        Place::Output | Place::TypeName { .. } | Place::MappingValue | Place::Unknown => false,
    };
    plain && alone && expects_mapping
}
