//! The YAML tree: tree-sitter's concrete syntax tree turned into mappings, sequences and
//! decoded scalars, each with its byte span. Anchors, aliases and merge keys are resolved here.
//!
//! [`parse`] and [`from_tree`] drive the submodules: `guard` keeps over-deep block nesting and
//! text past the size `limits` away from the parser, `salvage` patches and re-parses documents whose structure tree-sitter
//! lost, `errors` locates and words the syntax errors, and `convert` turns the tree into
//! [`Node`]s (decoding scalars with `scalar`).

use super::Span;

/// One YAML node with the span of its source text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: NodeValue,
    /// Where the node is written. For an alias, the span of the alias (`*name`).
    pub span: Span,
    /// The identity of the object the node denotes: its own span, or for an alias the span of
    /// the anchored node it repeats. Two nodes with the same origin are the same YAML object.
    pub origin: Span,
}

/// The content of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// An empty value (`key:` with nothing after it).
    Null,
    /// A scalar, decoded (quotes, escapes, block scalar folding resolved).
    Scalar(Scalar),
    /// A block or flow sequence.
    Seq(Vec<Node>),
    /// A block or flow mapping, entries in source order, merge keys (`<<`) already applied.
    Map(Vec<Entry>),
}

/// A decoded scalar.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The scalar's value after decoding.
    pub text: ScalarText,
    /// `true` for a plain (unquoted, non-block) scalar: only those can be `true`, `null` or numbers.
    pub plain: bool,
}

/// A scalar's decoded text, shared: a range of the document's text when the scalar reads as
/// written (most do: no copy, no allocation), else a text of its own. Reads as a `str`.
#[derive(Clone)]
pub struct ScalarText {
    source: Arc<str>,
    start: u32,
    end: u32,
}

impl ScalarText {
    /// `range` of `source` (the whole text when the range is not in it).
    pub fn slice(source: &Arc<str>, range: std::ops::Range<usize>) -> ScalarText {
        ScalarText::try_slice(source, range).unwrap_or_else(|| ScalarText::from(&**source))
    }

    /// `range` of `source`, when it is a range of whole characters of it.
    pub fn try_slice(source: &Arc<str>, range: std::ops::Range<usize>) -> Option<ScalarText> {
        source.get(range.clone())?;
        Some(ScalarText {
            source: Arc::clone(source),
            start: u32::try_from(range.start).ok()?,
            end: u32::try_from(range.end).ok()?,
        })
    }
}

impl From<&str> for ScalarText {
    fn from(text: &str) -> ScalarText {
        let source: Arc<str> = Arc::from(text);
        let end = u32::try_from(source.len()).unwrap_or(0);
        ScalarText {
            source,
            start: 0,
            end,
        }
    }
}

impl From<String> for ScalarText {
    fn from(text: String) -> ScalarText {
        ScalarText::from(text.as_str())
    }
}

impl std::ops::Deref for ScalarText {
    type Target = str;

    fn deref(&self) -> &str {
        self.source
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

impl std::borrow::Borrow<str> for ScalarText {
    fn borrow(&self) -> &str {
        self
    }
}

impl PartialEq for ScalarText {
    fn eq(&self, other: &ScalarText) -> bool {
        **self == **other
    }
}

impl Eq for ScalarText {}

impl std::hash::Hash for ScalarText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl std::fmt::Debug for ScalarText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for ScalarText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// One `key: value` pair of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key node (normally a scalar).
    pub key: Node,
    /// The value node.
    pub value: Node,
}

impl Entry {
    /// From the start of its key to the end of its value.
    pub fn span(&self) -> Span {
        self.key.span.cover(self.value.span)
    }
}

/// A problem found while parsing: a YAML syntax error or a construct the format does not allow.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// Where the problem is.
    pub span: Span,
    /// What is wrong, as a sentence.
    pub message: String,
    /// How to fix it, when there is an obvious fix.
    pub hint: Option<String>,
}

mod convert;
mod direct;
mod errors;
mod grammar;
mod guard;
pub mod limits;
mod salvage;
mod scalar;
mod text;

use std::collections::HashSet;
use std::sync::Arc;

use tree_sitter::{Parser, Tree};

use convert::Converter;
use grammar::Grammar;

/// Collections nested deeper than this are dropped (and reported once).
pub const MAX_DEPTH: usize = 256;
/// The most nodes that alias expansion may produce in one document.
pub const MAX_ALIAS_NODES: usize = 200_000;

const TOO_DEEP_BLOCK_MESSAGE: &str =
    "nesting is too deep (more than 200 levels of block indentation); the deeper lines are ignored";
const _: () = assert!(
    guard::MAX_BLOCK_LEVELS == 200,
    "update TOO_DEEP_BLOCK_MESSAGE"
);

impl Node {
    /// A node whose span and origin are both `span`.
    pub fn new(value: NodeValue, span: Span) -> Node {
        Node {
            value,
            span,
            origin: span,
        }
    }

    /// The decoded text, if the node is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar(s) => Some(&s.text),
            _ => None,
        }
    }

    /// The entries, if the node is a mapping.
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            NodeValue::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if the node is a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value of the entry whose key is the scalar `key`, if the node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|e| e.key.as_str() == Some(key))
            .map(|e| &e.value)
    }

    /// Whether the node was written as an alias (`*name`): its span differs from its origin.
    /// (The nodes inside an alias's copy keep the spans of the anchored node's children.)
    pub fn is_alias(&self) -> bool {
        self.span != self.origin
    }
}

impl SyntaxError {
    /// An error at `span` with `message` and no hint.
    pub fn new(span: Span, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            span,
            message: message.into(),
            hint: None,
        }
    }

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> SyntaxError {
        self.hint = Some(hint.into());
        self
    }
}

/// Parses YAML text from scratch. Never fails: returns the tree (None for an empty document:
/// only whitespace/comments) and every problem found.
///
/// Most definition files are read by a direct reader (see `direct`), which gives up on
/// anything it is unsure of; a fresh tree-sitter parser reads the rest.
pub fn parse(text: &str) -> (Option<Node>, Vec<SyntaxError>) {
    let guarded = Guarded::of(text);
    if let Some(yaml) = read_directly(text, &guarded, None) {
        return (yaml.root, yaml.errors);
    }
    parse_guarded(text, &guarded)
}

/// The YAML of `text` as the direct reader reads it (see `direct`), given the text's guard;
/// `None` when tree-sitter must read it. With `reuse`, the block sequence items the edit left
/// alone are taken from the previous reading when the direct reader made it.
pub(crate) fn read_directly(text: &str, guarded: &Guarded, reuse: Option<Reuse>) -> Option<Yaml> {
    if guarded.is_sanitized() {
        return None;
    }
    let previous = reuse.and_then(|r| {
        Some(direct::Previous {
            root: r.old.root.as_ref()?,
            source: r.old.source.as_ref()?,
            changed: r.changed,
        })
    });
    let read = direct::parse(text, previous)?;
    Some(Yaml {
        root: Some(read.root),
        errors: Vec::new(),
        reusable: true,
        reused: read.reused,
        source: Some(read.source),
    })
}

/// [`parse`] with tree-sitter alone: what the direct reader is tested against.
pub fn parse_with_tree_sitter(text: &str) -> (Option<Node>, Vec<SyntaxError>) {
    parse_guarded(text, &Guarded::of(text))
}

/// [`parse`] with tree-sitter, given the text's guard.
fn parse_guarded(text: &str, guarded: &Guarded) -> (Option<Node>, Vec<SyntaxError>) {
    let tree = guarded.parse(text);
    let yaml = convert(&tree, text, guarded, None);
    (yaml.root, yaml.errors)
}

/// A tree-sitter parser for YAML.
pub(crate) fn new_parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_yaml::LANGUAGE.into())
        // Not input-dependent: the grammar's ABI is fixed at build time and supported.
        .expect("tree-sitter-yaml is compatible with the tree-sitter runtime");
    parser
}

/// A text as the parser may be given it: the text itself, or, when it nests too deep for the
/// scanner or goes past a size limit (see `guard`), a sanitized copy (same length and line
/// structure) and the errors that say why. Computed once per version of a text: the parse
/// and the conversion both read it.
pub(crate) struct Guarded {
    sanitized: Option<(String, Vec<SyntaxError>)>,
}

impl Guarded {
    /// Checks `text` against the scanner's nesting and the size limits.
    pub(crate) fn of(text: &str) -> Guarded {
        Guarded {
            sanitized: guard::sanitize(text),
        }
    }

    /// [`Guarded::of`] a text edited since `previous` was checked (see
    /// [`limits::check_after_edit`]), with the checkpoints for its next version.
    pub(crate) fn after_edit(
        text: &str,
        previous: Option<(&limits::Checkpoints, super::Changed)>,
    ) -> (Guarded, Option<limits::Checkpoints>) {
        let (limit, checkpoints) = limits::check_after_edit(text, previous);
        let guarded = Guarded {
            sanitized: guard::sanitize_within(text, limit),
        };
        (guarded, checkpoints)
    }

    /// Whether the parser is given a sanitized copy; such documents are always parsed from
    /// scratch.
    pub(crate) fn is_sanitized(&self) -> bool {
        self.sanitized.is_some()
    }

    /// Parses `text` (the text this was made of) from scratch, sanitized if need be.
    pub(crate) fn parse(&self, text: &str) -> Tree {
        parse_raw(self.text(text))
    }

    /// The text the parser is given.
    fn text<'a>(&'a self, text: &'a str) -> &'a str {
        self.sanitized.as_ref().map_or(text, |(clean, _)| clean)
    }
}

/// Parses text that is known to be safe for the scanner.
fn parse_raw(text: &str) -> Tree {
    new_parser()
        .parse(text, None)
        // Not input-dependent: `parse` only returns None without a language or when cancelled.
        .expect("a YAML parser without cancellation always returns a tree")
}

/// A converted document: its YAML tree and syntax errors, and whether a later conversion may
/// take unchanged parts from it (see [`convert_reusing`]).
#[derive(Debug, Default, PartialEq)]
pub struct Yaml {
    /// The document's content, if it has one.
    pub root: Option<Node>,
    /// The syntax errors, in document order.
    pub errors: Vec<SyntaxError>,
    /// Whether the conversion depended only on each subtree's own text: no syntax error, no
    /// anchor, alias or merge key, no sanitized or salvaged text.
    reusable: bool,
    /// How many collection items were taken from the previous conversion.
    reused: usize,
    /// The text the scalars share, when the direct reader read it.
    source: Option<Arc<str>>,
}

impl Yaml {
    /// Whether each subtree was read from its own text alone (no syntax error, no anchor,
    /// alias or merge key, no sanitized or salvaged text): equal text, equal subtree.
    pub fn is_local(&self) -> bool {
        self.reusable
    }

    /// How many collection items (sequence items, mapping entries) were taken unchanged from
    /// the previous conversion instead of being converted again.
    pub fn reused_items(&self) -> usize {
        self.reused
    }
}

/// The previous conversion of a document and where its text changed since, for
/// [`convert_reusing`].
#[derive(Clone, Copy, Debug)]
pub struct Reuse<'a> {
    /// The previous conversion.
    pub old: &'a Yaml,
    /// The bytes of the current text that differ from the previous one, or whose syntax tree
    /// changed (tree-sitter's changed ranges): outside it the text is the same, moved after it.
    pub changed: super::Changed,
}

/// Converts a tree-sitter tree of `text`, taking the collection items that lie wholly outside
/// `reuse.changed` (and on other lines after it) from the previous conversion instead of
/// converting them again. The result equals [`from_tree`]'s.
pub(crate) fn convert_reusing(
    tree: &Tree,
    text: &str,
    guarded: &Guarded,
    reuse: Option<Reuse>,
) -> Yaml {
    let reuse = reuse.filter(|r| r.old.reusable && r.old.root.is_some());
    convert(tree, text, guarded, reuse)
}

/// Builds the YAML tree from an existing tree-sitter tree of `text` (used by Document after
/// incremental re-parse).
///
/// When tree-sitter lost the document structure (the root is an `ERROR` node, or the stream
/// holds one), the reported error is located, the rest of its line is blanked in a copy of the
/// text (same byte offsets) and the copy is re-parsed, a few times at most, so that the rest of
/// the document still yields a tree.
pub fn from_tree(tree: &Tree, text: &str) -> (Option<Node>, Vec<SyntaxError>) {
    let yaml = convert(tree, text, &Guarded::of(text), None);
    (yaml.root, yaml.errors)
}

/// [`from_tree`], reusing unchanged parts of a previous conversion (see [`convert_reusing`]).
fn convert(tree: &Tree, text: &str, guarded: &Guarded, reuse: Option<Reuse>) -> Yaml {
    let mut errors = Vec::new();
    let mut depth_reported = false;
    let sanitized = &guarded.sanitized;
    if let Some((_, found)) = sanitized {
        depth_reported = found
            .iter()
            .any(|e| e.message.starts_with("nesting is too deep"));
        errors.extend(found.iter().cloned());
    }
    let base = guarded.text(text);

    let (work, patched) = salvage::recover(tree, base, &mut errors, &mut depth_reported);
    let tree = patched.as_ref().unwrap_or(tree);

    errors::collect_syntax_errors(tree, &work, &mut errors);
    let grammar = Grammar::of(&tree.language());
    let plain = sanitized.is_none() && patched.is_none();
    let reuse = reuse.filter(|_| plain && errors.is_empty());
    let mut converter = Converter::new(&work, &grammar, depth_reported, reuse);
    let mut node = converter.document(tree);
    if reuse.is_some() && converter.contextual {
        // An anchor, alias or merge key makes items depend on others: convert it all.
        converter = Converter::new(&work, &grammar, depth_reported, None);
        node = converter.document(tree);
    }
    errors.append(&mut converter.errors);
    let reusable = plain && errors.is_empty() && !converter.contextual;

    errors.sort_by_key(|e| e.span.start);
    let mut seen = HashSet::new();
    errors.retain(|e| seen.insert((e.span, e.message.clone())));
    Yaml {
        root: node,
        errors,
        reusable,
        reused: converter.reused,
        source: None,
    }
}

impl Node {
    /// Moves the node and everything in it by `delta` bytes.
    pub(crate) fn shift(&mut self, delta: isize) {
        self.span = self.span.shifted(delta);
        self.origin = self.origin.shifted(delta);
        match &mut self.value {
            NodeValue::Seq(items) => items.iter_mut().for_each(|n| n.shift(delta)),
            NodeValue::Map(entries) => entries.iter_mut().for_each(|e| {
                e.key.shift(delta);
                e.value.shift(delta);
            }),
            NodeValue::Null | NodeValue::Scalar(_) => {}
        }
    }
}

#[cfg(test)]
mod tests;
