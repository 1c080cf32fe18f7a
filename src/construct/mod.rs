//! CDK's construct tree: nodes with ids under a parent, in creation order, some holding a
//! resource. Paths decide logical IDs (`makeUniqueId`); creation order decides template order.
//!
//! The tree is generic over what a resource node holds: the model's plan records where each
//! resource comes from (to point diagnostics at it), synth records its CloudFormation
//! properties.

mod collation;
pub mod logical_id;

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

pub use collation::locale_compare;
pub use logical_id::{HIDDEN_ID, IdKey, id_key, looks_hashed, make_unique_id};

/// `id` with each `/` written `--`, as CDK writes construct ids that hold a path
/// (`GET/books` -> `GET--books`).
pub fn slashes_as_dashes(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 8);
    push_slashes_as_dashes(&mut out, id);
    out
}

/// Appends `id` to `out` with each `/` written `--`.
pub fn push_slashes_as_dashes(out: &mut String, id: &str) {
    // A byte loop: ids are short, where a substring search costs more than it saves.
    let mut start = 0;
    for (at, b) in id.bytes().enumerate() {
        if b == b'/' {
            // `/` is ASCII: the pieces around it are whole characters.
            out.push_str(id.get(start..at).unwrap_or(""));
            out.push_str("--");
            start = at + 1;
        }
    }
    out.push_str(id.get(start..).unwrap_or(""));
}

/// Whether node `n` is the child of `parent` with construct id `id` (the `by_id` key).
fn is_child<R>(nodes: &[Node<R>], n: NodeId, parent: NodeId, id: &str) -> bool {
    nodes
        .get(n)
        .is_some_and(|n| n.parent == Some(parent) && n.id == id)
}

/// The hash of node `n`'s `by_id` key, `(parent, id)`, as lookups hash it.
fn key_hash<R>(hasher: &RandomState, nodes: &[Node<R>], n: NodeId) -> u64 {
    match nodes.get(n) {
        Some(n) => hasher.hash_one((n.parent.unwrap_or(Tree::<R>::ROOT), n.id.as_str())),
        None => 0,
    }
}

/// Index of a node in a [`Tree`].
pub type NodeId = usize;

#[derive(Clone, Debug)]
struct Node<R> {
    id: String,
    parent: Option<NodeId>,
    children: Vec<NodeId>,
    resource: Option<R>,
    /// `node.addDependency` targets.
    dependencies: Vec<NodeId>,
    /// The logical ID set with `overrideLogicalId`, instead of the one the path gives.
    logical_id: Option<String>,
    /// The logical ID the path gives, once computed (a path never changes).
    path_id: OnceLock<String>,
}

/// The construct tree of one stack. Node 0 is the stack itself.
#[derive(Clone, Debug)]
pub struct Tree<R> {
    nodes: Vec<Node<R>>,
    /// Every node but the stack, hashed by parent and construct id (compared through
    /// `nodes`, so no id is stored twice), for duplicate checks and lookups.
    by_id: HashTable<NodeId>,
    hasher: RandomState,
}

/// A child id already taken under the same parent.
#[derive(Debug)]
pub struct DuplicateId {
    /// The node that has the id already.
    pub existing: NodeId,
    /// The path of the parent (empty for the stack).
    pub parent_path: String,
    /// The id.
    pub id: String,
}

impl<R> Tree<R> {
    /// A tree holding only the stack, whose construct id is `stack_id`.
    pub fn new(stack_id: &str) -> Tree<R> {
        Tree::with_capacity(stack_id, 1)
    }

    /// [`Tree::new`] with room for `nodes` nodes: a large tree grows without copying its
    /// nodes over and over.
    pub fn with_capacity(stack_id: &str, nodes: usize) -> Tree<R> {
        let mut all = Vec::with_capacity(nodes.max(1));
        all.push(Node {
            id: stack_id.to_string(),
            parent: None,
            children: Vec::new(),
            resource: None,
            dependencies: Vec::new(),
            logical_id: None,
            path_id: OnceLock::new(),
        });
        Tree {
            nodes: all,
            by_id: HashTable::with_capacity(nodes),
            hasher: RandomState::default(),
        }
    }

    /// The stack node.
    pub const ROOT: NodeId = 0;

    /// Adds a child; `/` in the id becomes `--`, as CDK sanitizes ids.
    pub fn add(&mut self, parent: NodeId, id: &str) -> Result<NodeId, DuplicateId> {
        let id = if id.contains('/') {
            Cow::Owned(slashes_as_dashes(id))
        } else {
            Cow::Borrowed(id)
        };
        // One hash and one probe: the slot found for a new id is where it goes.
        let hash = self.hasher.hash_one((parent, &*id));
        let (nodes, hasher) = (&self.nodes, &self.hasher);
        let slot = self.by_id.entry(
            hash,
            |&n| is_child(nodes, n, parent, &id),
            |&n| key_hash(hasher, nodes, n),
        );
        let vacant = match slot {
            hashbrown::hash_table::Entry::Vacant(vacant) => vacant,
            hashbrown::hash_table::Entry::Occupied(existing) => {
                let existing = *existing.get();
                return Err(DuplicateId {
                    existing,
                    parent_path: self.path(parent),
                    id: id.into_owned(),
                });
            }
        };
        let node = self.nodes.len();
        vacant.insert(node);
        self.push(parent, id.into_owned());
        Ok(node)
    }

    /// Appends a node with construct id `id` under `parent`.
    fn push(&mut self, parent: NodeId, id: String) {
        let node = self.nodes.len();
        self.nodes.push(Node {
            id,
            parent: Some(parent),
            children: Vec::new(),
            resource: None,
            dependencies: Vec::new(),
            logical_id: None,
            path_id: OnceLock::new(),
        });
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children.push(node);
        }
    }

    /// Adds a child holding a resource.
    pub fn add_resource(
        &mut self,
        parent: NodeId,
        id: &str,
        resource: R,
    ) -> Result<NodeId, DuplicateId> {
        let node = self.add(parent, id)?;
        self.set_resource(node, resource);
        Ok(node)
    }

    /// The child of `parent` with construct id `id`.
    pub fn child(&self, parent: NodeId, id: &str) -> Option<NodeId> {
        let hash = self.hasher.hash_one((parent, id));
        self.by_id
            .find(hash, |&n| is_child(&self.nodes, n, parent, id))
            .copied()
    }

    /// Makes `node` hold `resource` (a construct that is itself a resource: `CfnResource`).
    pub fn set_resource(&mut self, node: NodeId, resource: R) {
        if let Some(n) = self.nodes.get_mut(node) {
            n.resource = Some(resource);
        }
    }

    /// The node's construct id.
    pub fn id(&self, node: NodeId) -> &str {
        self.nodes.get(node).map_or("", |n| n.id.as_str())
    }

    /// The stack's construct id.
    pub fn stack_id(&self) -> &str {
        self.id(Self::ROOT)
    }

    /// The path components below the stack.
    pub fn components(&self, node: NodeId) -> Vec<&str> {
        let mut out = Vec::new();
        self.components_into(node, &mut out);
        out
    }

    /// [`Tree::components`] into `out` (cleared first), for loops that reuse one buffer.
    pub fn components_into<'t>(&'t self, node: NodeId, out: &mut Vec<&'t str>) {
        out.clear();
        out.extend(
            self.ancestry(node)
                .filter_map(|n| self.nodes.get(n))
                .map(|n| n.id.as_str()),
        );
        out.reverse();
    }

    /// `node` and its ancestors up to the one directly under the stack, innermost first.
    pub fn ancestry(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(node), |n| self.nodes.get(*n).and_then(|e| e.parent))
            .take_while(|n| *n != Self::ROOT && *n < self.nodes.len())
    }

    /// The path below the stack, `/`-separated (as users write it).
    pub fn path(&self, node: NodeId) -> String {
        self.components(node).join("/")
    }

    /// `Names.nodeUniqueId`: the unique id of the full path, stack id included.
    pub fn node_unique_id(&self, node: NodeId) -> String {
        let mut components = vec![self.stack_id()];
        components.extend(self.components(node));
        make_unique_id(&components)
    }

    /// The logical ID of the node's resource: the one `overrideLogicalId` set, or CDK's
    /// `makeUniqueId` of its path.
    pub fn logical_id(&self, node: NodeId) -> String {
        let Some(n) = self.nodes.get(node) else {
            return make_unique_id(&[]);
        };
        if let Some(id) = &n.logical_id {
            return id.clone();
        }
        n.path_id
            .get_or_init(|| make_unique_id(&self.components(node)))
            .clone()
    }

    /// The logical ID `overrideLogicalId` set on the node, if any.
    pub fn overridden_logical_id(&self, node: NodeId) -> Option<&str> {
        self.nodes.get(node)?.logical_id.as_deref()
    }

    /// `resource.overrideLogicalId(id)`.
    pub fn override_logical_id(&mut self, node: NodeId, id: &str) {
        if let Some(n) = self.nodes.get_mut(node) {
            n.logical_id = Some(id.to_string());
        }
    }

    /// The resource a node holds.
    pub fn resource(&self, node: NodeId) -> Option<&R> {
        self.nodes.get(node)?.resource.as_ref()
    }

    /// The resource of a node, for changes after creation (`addStageVariable`).
    pub fn resource_mut(&mut self, node: NodeId) -> Option<&mut R> {
        self.nodes.get_mut(node)?.resource.as_mut()
    }

    /// Takes the resource out of a node, leaving it empty.
    pub fn take_resource(&mut self, node: NodeId) -> Option<R> {
        self.nodes.get_mut(node)?.resource.take()
    }

    /// `from.node.addDependency(to)`.
    pub fn add_dependency(&mut self, from: NodeId, to: NodeId) {
        if let Some(n) = self.nodes.get_mut(from)
            && !n.dependencies.contains(&to)
        {
            n.dependencies.push(to);
        }
    }

    /// Whether any node in the stack has this construct id and a resource `matches` accepts.
    pub fn has_resource_with_id(&self, id: &str, matches: impl Fn(&R) -> bool) -> bool {
        self.nodes
            .iter()
            .any(|n| n.id == id && n.resource.as_ref().is_some_and(&matches))
    }

    /// Nodes in construct-tree order (depth first, children in creation order).
    pub fn preorder(&self) -> Vec<NodeId> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![Self::ROOT];
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev());
        }
        out
    }

    /// The nodes holding a resource, in construct-tree order (the template's order).
    pub fn resource_nodes(&self) -> Vec<NodeId> {
        self.preorder()
            .into_iter()
            .filter(|n| self.nodes[*n].resource.is_some())
            .collect()
    }

    /// The node at a `/`-separated path below the stack.
    pub fn node_at(&self, path: &str) -> Option<NodeId> {
        path.split('/')
            .try_fold(Self::ROOT, |node, id| self.child(node, id))
    }

    /// The resource nodes at or under `node`, in construct-tree order.
    pub fn resources_at(&self, node: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        self.resources_under(node, &mut out);
        out
    }

    fn resources_under(&self, node: NodeId, out: &mut Vec<NodeId>) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if self.nodes[n].resource.is_some() {
                out.push(n);
            }
            stack.extend(self.nodes[n].children.iter().rev());
        }
    }

    /// The logical IDs a resource node depends on: every resource under a dependency of the
    /// node or of its ancestors, ordered by construct path as CDK orders them.
    pub fn depends_on(&self, node: NodeId) -> Vec<String> {
        let mut targets = Vec::new();
        let mut cur = Some(node);
        while let Some(n) = cur {
            for dep in &self.nodes[n].dependencies {
                self.resources_under(*dep, &mut targets);
            }
            cur = self.nodes[n].parent;
        }
        targets.retain(|t| *t != node);
        let mut paths: Vec<(String, String)> = targets
            .iter()
            .map(|t| (self.path(*t), self.logical_id(*t)))
            .collect();
        paths.sort_by(|a, b| locale_compare(&a.0, &b.0));
        paths.dedup_by(|a, b| a.1 == b.1);
        paths.into_iter().map(|(_, id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_ids_below_the_stack() {
        let mut tree: Tree<()> = Tree::new("Stack");
        let api = tree.add(Tree::<()>::ROOT, "Api").expect("new id");
        let route = tree.add(api, "GET/bücher/{id}").expect("new id");
        let resource = tree.add(route, "Resource").expect("new id");
        assert_eq!(tree.path(api), "Api");
        assert_eq!(tree.path(route), "Api/GET--bücher--{id}");
        assert_eq!(tree.path(resource), "Api/GET--bücher--{id}/Resource");
        assert_eq!(
            tree.node_at("Api/GET--bücher--{id}/Resource"),
            Some(resource)
        );
        assert_eq!(tree.path(Tree::<()>::ROOT), "");
    }
}
