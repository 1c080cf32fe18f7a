//! The conversion of a tree-sitter tree into [`Node`]s: documents, properties (anchors, tags),
//! scalars, sequences and the nesting limit. Mappings are built in [`mapping`], anchors and
//! aliases resolved in [`anchors`], and children read in [`kids`].

mod anchors;
mod kids;
mod mapping;
mod reuse;

use std::collections::HashMap;

use tree_sitter::{Node as TsNode, Tree, TreeCursor};

use super::super::Span;
use super::grammar::{Grammar, Kind};
use super::text::{line_end, skip_whitespace, slice, span_of};
use super::{Entry, MAX_DEPTH, Node, NodeValue, Reuse, Scalar, ScalarText, SyntaxError, scalar};
use anchors::Anchored;
use kids::Kid;
use reuse::{Counterpart, Item};

const TAG_MESSAGE: &str = "YAML tags are not supported";
const TAG_HINT: &str = "write `${...}` expressions instead of CloudFormation short-form tags";
const TOO_DEEP_MESSAGE: &str = "nesting is too deep (more than 256 levels)";

/// Turns a tree-sitter tree into [`Node`]s.
pub(super) struct Converter<'t> {
    text: &'t str,
    grammar: &'t Grammar,
    /// The cursor that [`Converter::children`] walks with (created on first use).
    cursor: Option<TreeCursor<'t>>,
    /// Emptied child lists, kept for reuse (one per nesting level in use).
    spare: Vec<Vec<Kid<'t>>>,
    /// The problems found while converting.
    pub(super) errors: Vec<SyntaxError>,
    anchors: HashMap<String, Anchored>,
    /// Nodes produced so far (alias copies count in full).
    produced: usize,
    /// Nodes produced by alias expansion, plus nodes copied to keep anchored nodes (both count
    /// against [`MAX_ALIAS_NODES`]).
    expanded: usize,
    expansion_stopped: bool,
    depth_reported: bool,
    /// The start byte of the innermost block mapping key or sequence dash being converted: its
    /// column is the parent indentation of block scalars.
    block_indent_at: usize,
    /// The previous conversion to take unchanged items from.
    reuse: Option<Reuse<'t>>,
    /// Whether an anchor, alias or merge key was met: items then depend on each other.
    pub(super) contextual: bool,
    /// How many items were taken from the previous conversion.
    pub(super) reused: usize,
}

/// What [`Converter::properties`] finds among the children of a `block_node`/`flow_node`.
struct Properties<'t> {
    /// The anchor's name.
    anchor: Option<String>,
    /// The content node.
    content: Option<Kid<'t>>,
    /// Where the properties end (where an absent content is).
    end: usize,
}

impl<'t> Converter<'t> {
    pub(super) fn new(
        text: &'t str,
        grammar: &'t Grammar,
        depth_reported: bool,
        reuse: Option<Reuse<'t>>,
    ) -> Self {
        Converter {
            text,
            grammar,
            cursor: None,
            spare: Vec::new(),
            errors: Vec::new(),
            anchors: HashMap::new(),
            produced: 0,
            expanded: 0,
            expansion_stopped: false,
            depth_reported,
            block_indent_at: 0,
            reuse,
            contextual: false,
            reused: 0,
        }
    }

    /// The counterparts of `kids` among `old` (empty without a previous conversion).
    fn counterparts<T: Item>(
        &mut self,
        kids: &[Kid],
        old: Option<&'t [T]>,
    ) -> Vec<Counterpart<'t, T>> {
        let found = match (&self.reuse, old) {
            (Some(reuse), Some(old)) => reuse::align(reuse, self.text, kids, old),
            _ => Vec::new(),
        };
        self.reused += found
            .iter()
            .filter(|c| matches!(c, Counterpart::Same(..)))
            .count();
        found
    }

    fn error(&mut self, span: Span, message: impl Into<String>, hint: Option<String>) {
        self.errors.push(SyntaxError {
            span,
            message: message.into(),
            hint,
        });
    }

    fn make(&mut self, value: NodeValue, span: Span) -> Node {
        self.produced += 1;
        Node::new(value, span)
    }

    fn null_at(&mut self, at: usize) -> Node {
        self.make(NodeValue::Null, Span::new(at, at))
    }

    /// The content of the first document; reports any later document.
    pub(super) fn document(&mut self, tree: &'t Tree) -> Option<Node> {
        let root = tree.root_node();
        if root.is_error() {
            return self.salvage(root);
        }
        let kids = self.children(root);
        let mut documents = kids.iter().filter(|c| c.kind == Kind::Document);
        let first = documents.next().map(|k| k.node);
        let second = documents.next().map(|k| k.node);
        self.recycle(kids);
        let first = first?;
        if let Some(second) = second {
            let marker = self.find_child(second, |k| k == Kind::DocumentStart);
            let span = match marker {
                Some(m) => span_of(m.node),
                None => {
                    let start = skip_whitespace(self.text, second.start_byte());
                    Span::new(start, line_end(self.text, start))
                }
            };
            self.error(
                span,
                "a definition file holds one YAML document; found a second one",
                Some(
                    "remove the `---` line and everything after it, or move it to its own file"
                        .to_owned(),
                ),
            );
        }
        let content = self.find_child(first, Kind::is_node)?;
        let old = self.reuse.and_then(|r| r.old.root.as_ref());
        Some(self.convert(content, 0, old))
    }

    /// Best effort for a tree whose root is an `ERROR` node: its mapping pairs, or its first node.
    fn salvage(&mut self, error: TsNode<'t>) -> Option<Node> {
        let mut kids = self.children(error);
        let node = kids.iter().copied().find(|k| k.kind.is_node());
        kids.retain(|k| matches!(k.kind, Kind::BlockMappingPair | Kind::FlowPair));
        let result = match (kids.first(), kids.last()) {
            (Some(first), Some(last)) => {
                let span = Span::new(first.node.start_byte(), last.node.end_byte());
                Some(self.mapping_from_pairs(&kids, span, 0, None))
            }
            _ => node.map(|node| self.convert(node, 0, None)),
        };
        self.recycle(kids);
        result
    }

    /// Converts a `block_node`/`flow_node` (properties + content) or a bare content node.
    /// `depth` is the number of collections around the node; `old` is its counterpart in the
    /// previous conversion, when it has one.
    fn convert(&mut self, node: Kid<'t>, depth: usize, old: Option<&'t Node>) -> Node {
        if !node.kind.is_node() {
            return self.content(node, depth, old);
        }
        let properties = self.properties(node.node);
        let before = self.produced;
        let value = match properties.content {
            Some(c) => self.content(c, depth, old),
            None => self.null_at(properties.end),
        };
        if let Some(name) = properties.anchor {
            self.keep_anchor(name, before, &value);
        }
        value
    }

    /// Reads the children of a `block_node`/`flow_node`: its properties (reporting tags) and
    /// its content.
    fn properties(&mut self, node: TsNode<'t>) -> Properties<'t> {
        let mut properties = Properties {
            anchor: None,
            content: None,
            end: node.start_byte(),
        };
        let kids = self.children(node);
        for &kid in &kids {
            let child = kid.node;
            match kid.kind {
                Kind::Anchor => {
                    self.contextual = true;
                    let name = slice(self.text, span_of(child)).trim_start_matches('&');
                    properties.anchor = Some(name.to_owned());
                    properties.end = child.end_byte();
                }
                Kind::Tag => {
                    self.error(span_of(child), TAG_MESSAGE, Some(TAG_HINT.to_owned()));
                    properties.end = child.end_byte();
                }
                Kind::Comment => {}
                // (An `ERROR` node is of kind `Other`.)
                _ if properties.content.is_some()
                    || (kid.kind == Kind::Other && child.is_error())
                    || child.is_missing()
                    || !child.is_named() => {}
                _ => properties.content = Some(kid),
            }
        }
        self.recycle(kids);
        properties
    }

    /// Converts a content node (scalar, collection, alias).
    fn content(&mut self, node: Kid<'t>, depth: usize, old: Option<&'t Node>) -> Node {
        match node.kind {
            Kind::PlainScalar
            | Kind::SingleQuoteScalar
            | Kind::DoubleQuoteScalar
            | Kind::BlockScalar => self.scalar(node),
            Kind::Alias => self.alias(node.node),
            Kind::BlockMapping | Kind::FlowMapping | Kind::BlockSequence | Kind::FlowSequence
                if depth >= MAX_DEPTH =>
            {
                self.too_deep(span_of(node.node))
            }
            Kind::BlockMapping => self.block_mapping(node.node, depth, old.and_then(Node::as_map)),
            Kind::FlowMapping => self.flow_mapping(node.node, depth, old.and_then(Node::as_map)),
            Kind::BlockSequence => {
                self.block_sequence(node.node, depth, old.and_then(Node::as_seq))
            }
            Kind::FlowSequence => self.flow_sequence(node.node, depth, old.and_then(Node::as_seq)),
            _ => self.null_at(node.node.start_byte()),
        }
    }

    /// Converts a scalar node.
    fn scalar(&mut self, node: Kid<'t>) -> Node {
        let span = span_of(node.node);
        let raw = slice(self.text, span);
        let (text, plain) = match node.kind {
            Kind::PlainScalar => (scalar::plain(raw), true),
            Kind::SingleQuoteScalar => (scalar::single_quoted(raw), false),
            Kind::DoubleQuoteScalar => {
                let mut problems = Vec::new();
                let text = scalar::double_quoted(raw, span.start, &mut problems);
                for (at, message) in problems {
                    self.error(at, message, None);
                }
                (text, false)
            }
            _ => {
                let indent = self.column(self.block_indent_at);
                (
                    scalar::block(self.text, span.start, span.end, indent),
                    false,
                )
            }
        };
        self.make(
            NodeValue::Scalar(Scalar {
                text: ScalarText::from(text),
                plain,
            }),
            span,
        )
    }

    fn block_mapping(&mut self, node: TsNode<'t>, depth: usize, old: Option<&'t [Entry]>) -> Node {
        let mut pairs = self.children(node);
        pairs.retain(|c| c.kind == Kind::BlockMappingPair);
        let entries = self.entries(&pairs, depth, old);
        let span = self.block_span(node, &pairs);
        self.recycle(pairs);
        self.make(NodeValue::Map(entries), span)
    }

    fn flow_mapping(&mut self, node: TsNode<'t>, depth: usize, old: Option<&'t [Entry]>) -> Node {
        let mut pairs = self.children(node);
        pairs.retain(|c| matches!(c.kind, Kind::FlowPair | Kind::FlowNode));
        let map = self.mapping_from_pairs(&pairs, span_of(node), depth, old);
        self.recycle(pairs);
        map
    }

    fn block_sequence(&mut self, node: TsNode<'t>, depth: usize, old: Option<&'t [Node]>) -> Node {
        let mut items = self.children(node);
        items.retain(|c| c.kind == Kind::BlockSequenceItem);
        let mut out = Vec::with_capacity(items.len());
        let outer_indent = self.block_indent_at;
        let counterparts = self.counterparts(&items, old);
        for (i, &item) in items.iter().enumerate() {
            out.push(match counterparts.get(i) {
                Some(Counterpart::Same(same, delta)) => reuse::moved(same, *delta),
                Some(Counterpart::Edited(before)) => {
                    self.sequence_item(item.node, depth, Some(before))
                }
                _ => self.sequence_item(item.node, depth, None),
            });
        }
        let span = self.block_span(node, &items);
        self.recycle(items);
        self.block_indent_at = outer_indent;
        self.make(NodeValue::Seq(out), span)
    }

    /// The value of a `block_sequence_item` (`- value`).
    fn sequence_item(&mut self, item: TsNode<'t>, depth: usize, old: Option<&'t Node>) -> Node {
        let kids = self.children(item);
        let value = kids.iter().copied().find(|c| c.kind.is_node());
        let dash = kids.iter().find(|c| c.kind == Kind::Dash).map(|c| c.node);
        self.recycle(kids);
        self.block_indent_at = item.start_byte();
        match value {
            Some(v) => self.convert(v, depth + 1, old),
            None => self.null_at(dash.map_or(item.end_byte(), |d| d.end_byte())),
        }
    }

    fn flow_sequence(&mut self, node: TsNode<'t>, depth: usize, old: Option<&'t [Node]>) -> Node {
        let mut kids = self.children(node);
        kids.retain(|k| matches!(k.kind, Kind::FlowNode | Kind::FlowPair));
        let mut out = Vec::with_capacity(kids.len());
        let counterparts = self.counterparts(&kids, old);
        for (i, &kid) in kids.iter().enumerate() {
            let before = match counterparts.get(i) {
                Some(Counterpart::Same(same, delta)) => {
                    out.push(reuse::moved(same, *delta));
                    continue;
                }
                Some(Counterpart::Edited(before)) => Some(*before),
                _ => None,
            };
            match kid.kind {
                Kind::FlowNode => out.push(self.convert(kid, depth + 1, before)),
                Kind::FlowPair if depth + 1 >= MAX_DEPTH => {
                    out.push(self.too_deep(span_of(kid.node)))
                }
                // `[a: b]`: a single-pair mapping.
                Kind::FlowPair => {
                    out.push(self.mapping_from_pairs(&[kid], span_of(kid.node), depth + 1, None))
                }
                _ => {}
            }
        }
        self.recycle(kids);
        self.make(NodeValue::Seq(out), span_of(node))
    }

    /// The span of a block collection: from its first item (`items`) to the content end of its
    /// last, or the span of `node` if it has none.
    fn block_span(&mut self, node: TsNode, items: &[Kid<'t>]) -> Span {
        match (items.first(), items.last()) {
            (Some(first), Some(&last)) => {
                Span::new(first.node.start_byte(), self.content_end(last))
            }
            _ => span_of(node),
        }
    }

    /// A dropped collection: reported once, replaced by an empty value.
    fn too_deep(&mut self, span: Span) -> Node {
        if !self.depth_reported {
            self.depth_reported = true;
            // Point at the opening bracket, or the first line of a block collection.
            let first = slice(self.text, span).chars().next();
            let end = match first {
                Some(c @ ('[' | '{')) => span.start + c.len_utf8(),
                _ => line_end(self.text, span.start).clamp(span.start, span.end),
            };
            self.error(Span::new(span.start, end), TOO_DEEP_MESSAGE, None);
        }
        self.make(NodeValue::Null, span)
    }

    /// The column (in chars) of byte `at`.
    fn column(&self, at: usize) -> usize {
        let before = self.text.get(..at).unwrap_or("");
        let line_start = before
            .as_bytes()
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |i| i + 1);
        before.get(line_start..).unwrap_or("").chars().count()
    }
}
