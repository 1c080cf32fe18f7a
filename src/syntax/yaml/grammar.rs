//! The node kinds and fields of the YAML grammar that the conversion looks at, resolved once to
//! tree-sitter's numeric ids, so that classifying a node is a table lookup rather than a string
//! comparison.

use std::sync::OnceLock;

use tree_sitter::{Language, Node as TsNode};

/// The node kinds the conversion distinguishes (every other kind is [`Kind::Other`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Other,
    PlainScalar,
    SingleQuoteScalar,
    DoubleQuoteScalar,
    BlockScalar,
    /// Any other kind whose name ends with `scalar` (the typed children of plain scalars).
    OtherScalar,
    Alias,
    Anchor,
    Tag,
    Comment,
    BlockNode,
    FlowNode,
    Document,
    BlockMapping,
    BlockMappingPair,
    FlowMapping,
    FlowPair,
    BlockSequence,
    BlockSequenceItem,
    FlowSequence,
    /// `-`
    Dash,
    /// `?`
    Question,
    /// `:`
    Colon,
    /// `---`
    DocumentStart,
}

impl Kind {
    /// The kind named `name` (the name [`TsNode::kind`] returns).
    fn from_name(name: &str) -> Kind {
        match name {
            "plain_scalar" => Kind::PlainScalar,
            "single_quote_scalar" => Kind::SingleQuoteScalar,
            "double_quote_scalar" => Kind::DoubleQuoteScalar,
            "block_scalar" => Kind::BlockScalar,
            n if n.ends_with("scalar") => Kind::OtherScalar,
            "alias" => Kind::Alias,
            "anchor" => Kind::Anchor,
            "tag" => Kind::Tag,
            "comment" => Kind::Comment,
            "block_node" => Kind::BlockNode,
            "flow_node" => Kind::FlowNode,
            "document" => Kind::Document,
            "block_mapping" => Kind::BlockMapping,
            "block_mapping_pair" => Kind::BlockMappingPair,
            "flow_mapping" => Kind::FlowMapping,
            "flow_pair" => Kind::FlowPair,
            "block_sequence" => Kind::BlockSequence,
            "block_sequence_item" => Kind::BlockSequenceItem,
            "flow_sequence" => Kind::FlowSequence,
            "-" => Kind::Dash,
            "?" => Kind::Question,
            ":" => Kind::Colon,
            "---" => Kind::DocumentStart,
            _ => Kind::Other,
        }
    }

    /// Whether the kind is a scalar (its name ends with `scalar`).
    pub(super) fn is_scalar(self) -> bool {
        matches!(
            self,
            Kind::PlainScalar
                | Kind::SingleQuoteScalar
                | Kind::DoubleQuoteScalar
                | Kind::BlockScalar
                | Kind::OtherScalar
        )
    }

    /// `block_node` or `flow_node`.
    pub(super) fn is_node(self) -> bool {
        matches!(self, Kind::BlockNode | Kind::FlowNode)
    }
}

/// The kinds of one language by kind id, and its `key`/`value` field ids.
pub(super) struct Grammar {
    /// Indexed by [`TsNode::kind_id`] (the public symbol, whose name is what [`TsNode::kind`]
    /// returns). Ids past the end (`ERROR`, `_ERROR`) are [`Kind::Other`].
    kinds: Vec<Kind>,
    /// The `key` field (0 if the language has none: then no child has it).
    pub(super) key: u16,
    /// The `value` field (0 if the language has none).
    pub(super) value: u16,
}

impl Grammar {
    fn new(language: &Language) -> Grammar {
        let count = u16::try_from(language.node_kind_count()).unwrap_or(u16::MAX);
        let kinds = (0..count)
            .map(|id| {
                language
                    .node_kind_for_id(id)
                    .map_or(Kind::Other, Kind::from_name)
            })
            .collect();
        let field = |name: &str| language.field_id_for_name(name).map_or(0, |id| id.get());
        Grammar {
            kinds,
            key: field("key"),
            value: field("value"),
        }
    }

    /// The grammar of `language`: the cached tree-sitter-yaml one, or a new one for another.
    pub(super) fn of(language: &Language) -> GrammarRef {
        static YAML: OnceLock<(Language, Grammar)> = OnceLock::new();
        let (yaml, grammar) = YAML.get_or_init(|| {
            let yaml: Language = tree_sitter_yaml::LANGUAGE.into();
            let grammar = Grammar::new(&yaml);
            (yaml, grammar)
        });
        if language == yaml {
            GrammarRef::Yaml(grammar)
        } else {
            GrammarRef::Other(Box::new(Grammar::new(language)))
        }
    }

    /// The kind of `node`.
    #[inline]
    pub(super) fn kind(&self, node: TsNode) -> Kind {
        self.kinds
            .get(usize::from(node.kind_id()))
            .copied()
            .unwrap_or(Kind::Other)
    }
}

/// A [`Grammar`], cached or built for an unexpected language.
pub(super) enum GrammarRef {
    Yaml(&'static Grammar),
    Other(Box<Grammar>),
}

impl std::ops::Deref for GrammarRef {
    type Target = Grammar;

    fn deref(&self) -> &Grammar {
        match self {
            GrammarRef::Yaml(g) => g,
            GrammarRef::Other(g) => g,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_the_node_names() {
        let text = "--- &a !t\nk: [x, 'y', \"z\", *a, {p: q}]\n? c\n: |\n  b\n# c\n- 1\n";
        let mut parser = super::super::new_parser();
        let tree = parser.parse(text, None).expect("a tree");
        // The tree's language is the cached one.
        let grammar = Grammar::of(&tree.language());
        assert!(matches!(grammar, GrammarRef::Yaml(_)));
        assert_ne!(grammar.key, 0);
        assert_ne!(grammar.value, 0);
        let mut cursor = tree.walk();
        let mut seen = 0;
        loop {
            let node = cursor.node();
            assert_eq!(grammar.kind(node), Kind::from_name(node.kind()), "{node:?}");
            seen += usize::from(grammar.kind(node) != Kind::Other);
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    assert!(seen > 20);
                    return;
                }
            }
        }
    }
}
