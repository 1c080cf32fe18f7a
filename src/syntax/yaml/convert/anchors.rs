//! Anchors (`&name`) and aliases (`*name`): anchored nodes are kept for the aliases that repeat
//! them, and alias expansion is bounded by [`MAX_ALIAS_NODES`] (billion laughs).

use tree_sitter::Node as TsNode;

use super::super::text::{slice, span_of};
use super::super::{MAX_ALIAS_NODES, Node, NodeValue, SyntaxError};
use super::Converter;

/// An anchored node, kept for the aliases that repeat it.
pub(super) struct Anchored {
    /// The node; `None` when keeping it would have exceeded the alias budget.
    node: Option<Node>,
    /// How many nodes the anchored node holds (what an alias to it costs).
    size: usize,
}

impl<'t> Converter<'t> {
    /// Keeps the value of an anchored node, for its aliases. `before` is the node count before
    /// converting it.
    pub(super) fn keep_anchor(&mut self, name: String, before: usize, value: &Node) {
        let size = self.produced.saturating_sub(before).max(1);
        // Keeping a copy costs as much as expanding it once (nested anchors would otherwise
        // copy the same nodes once per level).
        let node = match self.expanded.checked_add(size) {
            Some(total) if total <= MAX_ALIAS_NODES => {
                self.expanded = total;
                Some(value.clone())
            }
            _ => None,
        };
        self.anchors.insert(name, Anchored { node, size });
    }

    pub(super) fn alias(&mut self, node: TsNode) -> Node {
        self.contextual = true;
        let span = span_of(node);
        let name = slice(self.text, span).trim_start_matches('*').to_owned();
        let Some(anchored) = self.anchors.get(&name) else {
            self.error(
                span,
                format!("unknown anchor `{name}`"),
                Some(format!("define `&{name}` on a node before this alias")),
            );
            return self.make(NodeValue::Null, span);
        };
        let size = anchored.size;
        let too_large = self.expanded.saturating_add(size) > MAX_ALIAS_NODES;
        let copy = match &anchored.node {
            Some(node) if !self.expansion_stopped && !too_large => Some(node.clone()),
            _ => None,
        };
        let Some(mut copy) = copy else {
            if !self.expansion_stopped {
                self.expansion_stopped = true;
                self.errors.push(SyntaxError::new(
                    span,
                    "alias expansion too large (billion laughs?)",
                ));
            }
            return self.make(NodeValue::Null, span);
        };
        self.expanded += size;
        self.produced += size;
        copy.span = span;
        copy
    }
}
