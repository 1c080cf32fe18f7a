//! Synth's construct tree: CDK's [`Tree`](crate::construct::Tree) whose resource nodes hold
//! CloudFormation resources, and its rendering as the template's `Resources` section.

use crate::synth::json::{Map, Value};

pub use crate::construct::{DuplicateId, NodeId};

/// The construct tree synth builds.
pub type Tree = crate::construct::Tree<Resource>;

/// Where a synthesized resource comes from: its construct path, logical ID and type.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceRef {
    /// The construct path below the stack (`HttpApi/GET--books/Resource`).
    pub path: String,
    /// Its logical ID.
    pub logical_id: String,
    /// Its `AWS::...` type.
    pub cfn_type: String,
}

/// A CloudFormation resource held by a node.
#[derive(Clone, Debug)]
pub struct Resource {
    /// `AWS::...` type.
    pub cfn_type: String,
    /// Its properties.
    pub properties: Map,
    /// `UpdateReplacePolicy` and `DeletionPolicy`, when a removal policy is applied.
    pub removal: Option<(&'static str, &'static str)>,
}

impl Resource {
    /// A resource of `cfn_type` with `properties`.
    pub fn new(cfn_type: &str, properties: Map) -> Resource {
        Resource {
            cfn_type: cfn_type.to_string(),
            properties,
            removal: None,
        }
    }

    /// The resource with CDK's `applyRemovalPolicy` for a `RemovalPolicy` member's value
    /// (`Delete`, `Retain`, `RetainExceptOnCreate`, `Snapshot`).
    pub fn with_removal_policy(mut self, policy: &'static str) -> Resource {
        // RETAIN_ON_UPDATE_OR_DELETE keeps replaced resources too.
        let update_replace = if policy == "RetainExceptOnCreate" {
            "Retain"
        } else {
            policy
        };
        self.removal = Some((update_replace, policy));
        self
    }
}

/// The `Resources` section: logical ID to resource, in construct-tree order, with `DependsOn`
/// from every dependency of the node and its ancestors; and where each resource comes from.
pub fn render_resources(mut tree: Tree) -> (Map, Vec<ResourceRef>) {
    let order = tree.resource_nodes();
    // Dependencies are read before any resource is taken out of the tree.
    let facts: Vec<(Vec<String>, String, String)> = order
        .iter()
        .map(|n| (tree.depends_on(*n), tree.logical_id(*n), tree.path(*n)))
        .collect();
    let mut out = Map::with_capacity(order.len());
    let mut refs = Vec::with_capacity(order.len());
    for (node, (depends_on, logical_id, path)) in order.into_iter().zip(facts) {
        let Some(resource) = tree.take_resource(node) else {
            continue;
        };
        refs.push(ResourceRef {
            path,
            logical_id: logical_id.clone(),
            cfn_type: resource.cfn_type.clone(),
        });
        let mut entry = Map::with_capacity(4);
        entry.insert("Type".into(), Value::from(resource.cfn_type));
        let mut properties = resource.properties;
        properties.sort_keys();
        if !properties.is_empty() {
            entry.insert("Properties".into(), Value::Object(properties));
        }
        if let Some((update_replace, deletion)) = resource.removal {
            entry.insert(
                "UpdateReplacePolicy".into(),
                Value::String(update_replace.into()),
            );
            entry.insert("DeletionPolicy".into(), Value::String(deletion.into()));
        }
        if !depends_on.is_empty() {
            entry.insert(
                "DependsOn".into(),
                Value::Array(depends_on.into_iter().map(Value::from).collect()),
            );
        }
        out.push_new(logical_id.into(), Value::Object(entry));
    }
    (out, refs)
}
