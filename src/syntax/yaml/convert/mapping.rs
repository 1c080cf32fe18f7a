//! Mappings: their entries read from `block_mapping_pair`/`flow_pair` nodes, non-scalar and
//! complex keys rejected, duplicate keys reported, merge keys (`<<`) applied.

use crate::hash::HashSet;

use tree_sitter::Node as TsNode;

use super::super::super::Span;
use super::super::grammar::Kind;
use super::super::text::slice;
use super::super::{Entry, Node, NodeValue};
use super::Converter;
use super::kids::Kid;
use super::reuse::{self, Counterpart};

/// Mappings with at most this many written keys check them for duplicates by a linear scan;
/// larger ones use a hash set.
const LINEAR_KEY_CHECK: usize = 16;

/// A mapping being built by [`Converter::add_entry`].
struct MapBuilder {
    /// The entries written in the mapping.
    written: Vec<Entry>,
    /// What each merge key (`<<`) brings, with the number of written entries before it.
    merges: Vec<(usize, Vec<Entry>)>,
    /// The keys written so far (those of `written`, and `<<` after a merge) once there are
    /// many; while there are few they are looked up in `written`.
    keys: Option<HashSet<String>>,
}

impl MapBuilder {
    /// The entries in order: written ones, merged ones where their `<<` is, without the merged
    /// entries whose key is written or merged already.
    fn finish(self) -> Vec<Entry> {
        let MapBuilder {
            written,
            merges,
            keys,
        } = self;
        if merges.is_empty() {
            return written;
        }
        let keys = keys.unwrap_or_else(|| written_keys(&written, true));
        let mut entries = Vec::with_capacity(written.len() + merges.len());
        let mut merged_keys: HashSet<String> = HashSet::default();
        let mut merges = merges.into_iter().peekable();
        for (k, entry) in written.into_iter().enumerate() {
            while let Some((_, sources)) = merges.next_if(|(at, _)| *at <= k) {
                merge_into(&mut entries, sources, &keys, &mut merged_keys);
            }
            entries.push(entry);
        }
        for (_, sources) in merges {
            merge_into(&mut entries, sources, &keys, &mut merged_keys);
        }
        entries
    }
}

impl<'t> Converter<'t> {
    /// Builds a mapping from `block_mapping_pair`/`flow_pair` nodes (and `flow_node` keys
    /// without value), applying merge keys and rejecting duplicate keys.
    pub(super) fn mapping_from_pairs(
        &mut self,
        pairs: &[Kid<'t>],
        span: Span,
        depth: usize,
        old: Option<&'t [Entry]>,
    ) -> Node {
        let entries = self.entries(pairs, depth, old);
        self.make(NodeValue::Map(entries), span)
    }

    /// The entries of a mapping of `pairs`: see [`Converter::mapping_from_pairs`].
    /// `old` holds the mapping's entries in the previous conversion, when it has them.
    pub(super) fn entries(
        &mut self,
        pairs: &[Kid<'t>],
        depth: usize,
        old: Option<&'t [Entry]>,
    ) -> Vec<Entry> {
        let mut map = MapBuilder {
            written: Vec::with_capacity(pairs.len()),
            merges: Vec::new(),
            keys: None,
        };
        let counterparts = self.counterparts(pairs, old);
        for (i, &pair) in pairs.iter().enumerate() {
            let entry = match counterparts.get(i) {
                Some(Counterpart::Same(same, delta)) => Some(Entry {
                    key: reuse::moved(&same.key, *delta),
                    value: reuse::moved(&same.value, *delta),
                }),
                Some(Counterpart::Edited(before)) => self.entry(pair, depth, Some(&before.value)),
                _ => self.entry(pair, depth, None),
            };
            if let Some(entry) = entry {
                self.add_entry(&mut map, entry);
            }
        }
        map.finish()
    }

    /// Adds `entry` to `map`: reports it if its key is a duplicate, expands a merge key.
    fn add_entry(&mut self, map: &mut MapBuilder, entry: Entry) {
        let key = entry.key.as_str().unwrap_or("");
        let duplicate = match &map.keys {
            Some(set) => set.contains(key),
            None => {
                (!map.merges.is_empty() && key == "<<")
                    || map
                        .written
                        .iter()
                        .any(|e| e.key.as_str().unwrap_or("") == key)
            }
        };
        if duplicate {
            self.error(
                entry.key.span,
                format!("duplicate key `{key}`"),
                Some(format!("remove one of the two `{key}` entries")),
            );
            return;
        }
        match &mut map.keys {
            Some(set) => {
                set.insert(key.to_owned());
            }
            None if map.written.len() >= LINEAR_KEY_CHECK => {
                let mut set = written_keys(&map.written, !map.merges.is_empty());
                set.insert(key.to_owned());
                map.keys = Some(set);
            }
            None => {}
        }
        let is_merge = key == "<<" && matches!(&entry.key.value, NodeValue::Scalar(s) if s.plain);
        if is_merge {
            self.contextual = true;
            let sources = self.merge_sources(entry.value);
            map.merges.push((map.written.len(), sources));
        } else {
            map.written.push(entry);
        }
    }

    /// The entries a `<<` value brings, in precedence order (earlier sources win).
    fn merge_sources(&mut self, value: Node) -> Vec<Entry> {
        const HINT: &str = "merge a mapping: `<<: *base` or `<<: [*a, *b]`";
        match value.value {
            NodeValue::Map(entries) => entries,
            NodeValue::Seq(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.value {
                        NodeValue::Map(entries) => out.extend(entries),
                        _ => self.error(
                            item.span,
                            "a merge key `<<` list may only hold mappings",
                            Some(HINT.to_owned()),
                        ),
                    }
                }
                out
            }
            _ => {
                self.error(
                    value.span,
                    "the merge key `<<` needs a mapping or a list of mappings",
                    Some(HINT.to_owned()),
                );
                Vec::new()
            }
        }
    }

    /// One `key: value` pair; None (after reporting) when the key is not usable.
    fn entry(&mut self, pair: Kid<'t>, depth: usize, old: Option<&'t Node>) -> Option<Entry> {
        if pair.kind == Kind::FlowNode {
            return self.key_only(pair, depth);
        }
        let outer_indent = self.block_indent_at;
        if pair.kind == Kind::BlockMappingPair {
            self.block_indent_at = pair.node.start_byte();
        }
        let entry = self.pair_entry(pair.node, depth, old);
        self.block_indent_at = outer_indent;
        entry
    }

    /// `{a}`: a key without value.
    fn key_only(&mut self, key: Kid<'t>, depth: usize) -> Option<Entry> {
        let key_node = self.convert(key, depth + 1, None);
        let key_node = self.check_key(key_node)?;
        let value = self.null_at(key.node.end_byte());
        Some(Entry {
            key: key_node,
            value,
        })
    }

    /// [`Converter::entry`] for a `block_mapping_pair` or `flow_pair`.
    fn pair_entry(
        &mut self,
        pair: TsNode<'t>,
        depth: usize,
        old: Option<&'t Node>,
    ) -> Option<Entry> {
        let key_node = pair.child_by_field_id(self.grammar.key);
        let value_node = pair.child_by_field_id(self.grammar.value);
        let colon = self.pair_tokens(pair, key_node, value_node);
        let Some(key_node) = key_node else {
            let at = colon.map_or(pair.start_byte(), |c| c.start_byte());
            self.error(
                Span::new(at, pair.end_byte()),
                "this mapping entry has no key",
                None,
            );
            return None;
        };
        let key = self.convert(self.kid(key_node), depth + 1, None);
        let key = self.check_key(key)?;
        let value = match value_node {
            Some(v) => self.convert(self.kid(v), depth + 1, old),
            None => self.null_at(colon.map_or(key_node.end_byte(), |c| c.end_byte())),
        };
        Some(Entry { key, value })
    }

    /// The `:` of a pair, when it matters (a missing key or value); reports a `?` (complex key).
    fn pair_tokens(
        &mut self,
        pair: TsNode<'t>,
        key_node: Option<TsNode>,
        value_node: Option<TsNode>,
    ) -> Option<TsNode<'t>> {
        // In a pair without errors, a `?` (one `?` char) can only come first, before the key.
        if let (Some(key), Some(_)) = (key_node, value_node)
            && !pair.has_error()
            && !slice(self.text, Span::new(pair.start_byte(), key.start_byte())).contains('?')
        {
            return None;
        }
        let kids = self.children(pair);
        let question = kids
            .iter()
            .find(|k| k.kind == Kind::Question)
            .map(|k| k.node);
        let colon = kids.iter().find(|k| k.kind == Kind::Colon).map(|k| k.node);
        self.recycle(kids);
        if let Some(q) = question {
            let end = key_node.map_or(q.end_byte(), |k| k.end_byte());
            self.error(
                Span::new(q.start_byte(), end),
                "complex mapping keys (`? key`) are not supported",
                Some("write the key directly: `key: value`".to_owned()),
            );
        }
        colon
    }

    /// Keeps scalar keys; reports and drops the others.
    fn check_key(&mut self, key: Node) -> Option<Node> {
        match key.value {
            NodeValue::Scalar(_) => Some(key),
            // An alias to an unknown anchor was reported already.
            NodeValue::Null if key.span.start < key.span.end => None,
            NodeValue::Null => {
                self.error(key.span, "this mapping entry has no key", None);
                None
            }
            NodeValue::Seq(_) | NodeValue::Map(_) => {
                self.error(
                    key.span,
                    "mapping keys must be scalars",
                    Some("use a plain string as the key".to_owned()),
                );
                None
            }
        }
    }
}

/// The keys written in a mapping so far: those of `written`, and `<<` if it `merges`.
fn written_keys(written: &[Entry], merges: bool) -> HashSet<String> {
    let mut keys: HashSet<String> = written
        .iter()
        .map(|e| e.key.as_str().unwrap_or("").to_owned())
        .collect();
    if merges {
        keys.insert("<<".to_owned());
    }
    keys
}

/// Appends the merged `sources` whose keys are neither written in the mapping (`written`) nor
/// merged already (`merged`, updated).
fn merge_into(
    entries: &mut Vec<Entry>,
    sources: Vec<Entry>,
    written: &HashSet<String>,
    merged: &mut HashSet<String>,
) {
    for entry in sources {
        let key = entry.key.as_str().unwrap_or("");
        if !written.contains(key) && merged.insert(key.to_owned()) {
            entries.push(entry);
        }
    }
}
