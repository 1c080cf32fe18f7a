//! Reading the children of tree-sitter nodes for the conversion, with their [`Kind`]s, into
//! reused lists; and the end of a node's content without trailing comments.

use tree_sitter::Node as TsNode;

use super::super::grammar::Kind;
use super::Converter;

/// Nodes with at most this many children are read child by child, larger ones with a cursor.
const FEW_CHILDREN: usize = 4;

/// A child node with its kind.
#[derive(Clone, Copy)]
pub(super) struct Kid<'t> {
    /// The node.
    pub(super) node: TsNode<'t>,
    /// Its kind.
    pub(super) kind: Kind,
}

impl<'t> Converter<'t> {
    pub(super) fn kid(&self, node: TsNode<'t>) -> Kid<'t> {
        Kid {
            node,
            kind: self.grammar.kind(node),
        }
    }

    /// The children of `node`, in a reused list: hand it back with [`Converter::recycle`].
    pub(super) fn children(&mut self, node: TsNode<'t>) -> Vec<Kid<'t>> {
        let mut kids = self.spare.pop().unwrap_or_default();
        let count = node.child_count();
        if count <= FEW_CHILDREN {
            // `child(i)` skips hidden subtrees by their cached child counts: cheaper than cursor
            // steps for a few children, quadratic for many.
            for i in 0..count as u32 {
                if let Some(child) = node.child(i) {
                    kids.push(self.kid(child));
                }
            }
            return kids;
        }
        kids.reserve(count);
        let grammar = self.grammar;
        let cursor = match &mut self.cursor {
            Some(cursor) => {
                cursor.reset(node);
                cursor
            }
            None => self.cursor.insert(node.walk()),
        };
        if cursor.goto_first_child() {
            loop {
                let node = cursor.node();
                kids.push(Kid {
                    node,
                    kind: grammar.kind(node),
                });
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        kids
    }

    pub(super) fn recycle(&mut self, mut kids: Vec<Kid<'t>>) {
        kids.clear();
        self.spare.push(kids);
    }

    /// The first child of `node` for which `pick` holds.
    pub(super) fn find_child(
        &mut self,
        node: TsNode<'t>,
        pick: impl Fn(Kind) -> bool,
    ) -> Option<Kid<'t>> {
        let kids = self.children(node);
        let found = kids.iter().copied().find(|k| pick(k.kind));
        self.recycle(kids);
        found
    }

    /// The end of `node` without the comments that tree-sitter attaches at its end.
    pub(super) fn content_end(&mut self, node: Kid<'t>) -> usize {
        let mut current = node;
        loop {
            let kind = current.kind;
            let node = current.node;
            if ends_itself(kind) {
                return node.end_byte();
            }
            // Usually the last child: try the last few one by one before reading them all.
            let count = u32::try_from(node.child_count()).unwrap_or(u32::MAX);
            let tail = count.saturating_sub(FEW_CHILDREN as u32);
            let last = match (tail..count)
                .rev()
                .filter_map(|i| node.child(i))
                .map(|k| self.kid(k))
                .find(ends_content)
            {
                Some(last) => Some(last),
                None if tail > 0 => {
                    let kids = self.children(node);
                    let last = last_content(&kids);
                    self.recycle(kids);
                    last
                }
                None => None,
            };
            match last {
                Some(last) => current = last,
                None => return node.end_byte(),
            }
        }
    }
}

/// Whether a node of `kind` is where [`Converter::content_end`] stops.
fn ends_itself(kind: Kind) -> bool {
    kind.is_scalar() || matches!(kind, Kind::Alias | Kind::Anchor | Kind::Tag)
}

/// Whether `kid` can end a node's content: not a comment, not empty.
fn ends_content(kid: &Kid) -> bool {
    kid.kind != Kind::Comment && kid.node.end_byte() > kid.node.start_byte()
}

/// The last child that can end a node's content.
fn last_content<'t>(kids: &[Kid<'t>]) -> Option<Kid<'t>> {
    kids.iter().rev().copied().find(ends_content)
}
