//! The construct tree CDK would build: nodes with ids, in creation order, some holding a
//! CloudFormation resource. Paths decide logical IDs; creation order decides template order.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::logical_id::make_unique_id;

/// Index of a node in the [`Tree`].
pub type NodeId = usize;

/// Where a synthesized resource comes from: its construct path, logical ID and type.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceRef {
    /// The construct path below the stack (`HttpApi/GET--books/Resource`).
    pub path: String,
    /// Its logical ID.
    pub logical_id: String,
    /// Its `AWS::...` type.
    pub cfn_type: &'static str,
}

/// A CloudFormation resource held by a node.
#[derive(Clone, Debug)]
pub struct Resource {
    /// `AWS::...` type.
    pub cfn_type: &'static str,
    /// Its properties.
    pub properties: Map<String, Value>,
}

#[derive(Clone, Debug)]
struct Node {
    id: String,
    parent: Option<NodeId>,
    children: Vec<NodeId>,
    resource: Option<Resource>,
    /// `node.addDependency` targets.
    dependencies: Vec<NodeId>,
}

/// The construct tree of one stack. Node 0 is the stack itself.
#[derive(Clone, Debug)]
pub struct Tree {
    nodes: Vec<Node>,
    /// Children by parent and construct id, for duplicate checks and lookups.
    by_id: HashMap<(NodeId, String), NodeId>,
}

/// A child id already taken under the same parent.
#[derive(Debug)]
pub struct DuplicateId {
    /// The path of the parent.
    pub parent_path: String,
    /// The id.
    pub id: String,
}

impl Tree {
    /// A tree holding only the stack, whose construct id is `stack_id`.
    pub fn new(stack_id: &str) -> Tree {
        Tree {
            nodes: vec![Node {
                id: stack_id.to_string(),
                parent: None,
                children: Vec::new(),
                resource: None,
                dependencies: Vec::new(),
            }],
            by_id: HashMap::new(),
        }
    }

    /// The stack node.
    pub const ROOT: NodeId = 0;

    /// Adds a child; `/` in the id becomes `--`, as CDK sanitizes ids.
    pub fn add(&mut self, parent: NodeId, id: &str) -> Result<NodeId, DuplicateId> {
        let id = id.replace('/', "--");
        if self.child(parent, &id).is_some() {
            return Err(DuplicateId {
                parent_path: self.path(parent),
                id,
            });
        }
        let node = self.nodes.len();
        self.by_id.insert((parent, id.clone()), node);
        self.nodes.push(Node {
            id,
            parent: Some(parent),
            children: Vec::new(),
            resource: None,
            dependencies: Vec::new(),
        });
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children.push(node);
        }
        Ok(node)
    }

    /// Adds a child holding a resource.
    pub fn add_resource(
        &mut self,
        parent: NodeId,
        id: &str,
        resource: Resource,
    ) -> Result<NodeId, DuplicateId> {
        let node = self.add(parent, id)?;
        self.nodes[node].resource = Some(resource);
        Ok(node)
    }

    /// The child of `parent` with construct id `id`.
    pub fn child(&self, parent: NodeId, id: &str) -> Option<NodeId> {
        self.by_id.get(&(parent, id.to_string())).copied()
    }

    /// The node's construct id.
    pub fn id(&self, node: NodeId) -> &str {
        self.nodes.get(node).map_or("", |n| n.id.as_str())
    }

    /// The path components below the stack.
    pub fn components(&self, node: NodeId) -> Vec<&str> {
        let mut out = Vec::new();
        let mut cur = Some(node);
        while let Some(n) = cur {
            if n == Self::ROOT {
                break;
            }
            out.push(self.nodes[n].id.as_str());
            cur = self.nodes[n].parent;
        }
        out.reverse();
        out
    }

    /// The path below the stack, `/`-separated (as users write it).
    pub fn path(&self, node: NodeId) -> String {
        self.components(node).join("/")
    }

    /// `Names.nodeUniqueId`: the unique id of the full path, stack id included.
    pub fn node_unique_id(&self, node: NodeId) -> String {
        let mut components = vec![self.nodes[Self::ROOT].id.as_str()];
        components.extend(self.components(node));
        make_unique_id(&components)
    }

    /// The logical ID of the node's resource.
    pub fn logical_id(&self, node: NodeId) -> String {
        make_unique_id(&self.components(node))
    }

    /// The resource of a node, for changes after creation (`addStageVariable`).
    pub fn resource_mut(&mut self, node: NodeId) -> Option<&mut Resource> {
        self.nodes.get_mut(node)?.resource.as_mut()
    }

    /// `from.node.addDependency(to)`.
    pub fn add_dependency(&mut self, from: NodeId, to: NodeId) {
        if let Some(n) = self.nodes.get_mut(from)
            && !n.dependencies.contains(&to)
        {
            n.dependencies.push(to);
        }
    }

    /// Whether any node in the stack has this construct id and holds a resource of `cfn_type`.
    pub fn has_resource_with_id(&self, id: &str, cfn_type: &str) -> bool {
        self.nodes
            .iter()
            .any(|n| n.id == id && n.resource.as_ref().is_some_and(|r| r.cfn_type == cfn_type))
    }

    /// Nodes in construct-tree order (depth first, children in creation order).
    fn preorder(&self) -> Vec<NodeId> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![Self::ROOT];
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev());
        }
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

    /// The `Resources` section: logical ID to resource, in construct-tree order, with
    /// `DependsOn` from every dependency of the node and its ancestors; and where each resource
    /// comes from. Consumes the tree.
    pub fn into_resources(mut self) -> (Map<String, Value>, Vec<ResourceRef>) {
        let order: Vec<NodeId> = self
            .preorder()
            .into_iter()
            .filter(|n| self.nodes[*n].resource.is_some())
            .collect();
        let depends_on: Vec<Vec<String>> = order.iter().map(|n| self.depends_on(*n)).collect();
        let logical_ids: Vec<String> = order.iter().map(|n| self.logical_id(*n)).collect();
        let refs: Vec<ResourceRef> = order
            .iter()
            .zip(&logical_ids)
            .filter_map(|(n, id)| {
                let cfn_type = self.nodes[*n].resource.as_ref()?.cfn_type;
                Some(ResourceRef {
                    path: self.path(*n),
                    logical_id: id.clone(),
                    cfn_type,
                })
            })
            .collect();
        let mut out = Map::new();
        for ((node, depends_on), logical_id) in order.into_iter().zip(depends_on).zip(logical_ids) {
            let Some(resource) = self.nodes[node].resource.take() else {
                continue;
            };
            let mut entry = Map::new();
            entry.insert("Type".into(), Value::String(resource.cfn_type.into()));
            let mut properties: Vec<(String, Value)> = resource.properties.into_iter().collect();
            properties.sort_by(|a, b| a.0.cmp(&b.0));
            if !properties.is_empty() {
                entry.insert(
                    "Properties".into(),
                    Value::Object(properties.into_iter().collect()),
                );
            }
            if !depends_on.is_empty() {
                entry.insert(
                    "DependsOn".into(),
                    Value::Array(depends_on.into_iter().map(Value::String).collect()),
                );
            }
            out.insert(logical_id, Value::Object(entry));
        }
        (out, refs)
    }

    fn depends_on(&self, node: NodeId) -> Vec<String> {
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

/// An approximation of JavaScript's `localeCompare` (ICU root collation) for construct paths:
/// punctuation first, then letters case-insensitively with lower case first, digits before letters.
fn locale_compare(a: &str, b: &str) -> Ordering {
    let key = |s: &str| -> Vec<(u8, char)> {
        s.chars()
            .map(|c| {
                let class = if c.is_ascii_digit() {
                    1
                } else if c.is_alphabetic() {
                    2
                } else {
                    0
                };
                (class, c.to_ascii_lowercase())
            })
            .collect()
    };
    key(a).cmp(&key(b)).then_with(|| {
        let case = |s: &str| s.chars().map(|c| c.is_uppercase()).collect::<Vec<_>>();
        case(a).cmp(&case(b))
    })
}
