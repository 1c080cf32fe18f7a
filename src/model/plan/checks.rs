//! What CDK refuses about the planned tree as a whole: two resources or two outputs with one
//! logical ID, and more resources than CloudFormation takes in a stack.

use crate::hash::HashMap;

use super::{PERMISSION, Plan, Planned, RESOURCE_LIMIT};
use crate::construct::{HIDDEN_ID, IdKey, NodeId, Tree, id_key, looks_hashed};
use crate::diagnostic::Diagnostic;

/// Two resources with one logical ID: CDK refuses the template (`section 'Resources' already
/// contains ...`). Reported at each resource's creating text.
pub(super) fn check_logical_ids(plan: &Plan, diags: &mut Vec<Diagnostic>) {
    let resources = plan.tree.resource_nodes();
    // Grouped by what decides the ID, which spares an MD5 per resource on every keystroke.
    // A nested path without a `Default` component is its own key, and paths in a tree are
    // unique: such a resource (nearly all) shares its ID only with a path that drops a
    // `Default` to become its own, or with a lookalike. It is set aside without building its
    // key, and found again by path for those two checks.
    let mut by_key: HashMap<IdKey, Vec<NodeId>> = HashMap::default();
    let mut own_key: Vec<NodeId> = Vec::new();
    let mut components = Vec::new();
    for node in &resources {
        // An ID set with `overrideLogicalId` is taken as written (no hash).
        let key = match plan.tree.overridden_logical_id(*node) {
            Some(id) => IdKey::Unhashed(id.to_owned()),
            None => {
                plan.tree.components_into(*node, &mut components);
                if components.len() > 1 && !components.contains(&HIDDEN_ID) {
                    own_key.push(*node);
                    continue;
                }
                id_key(&components)
            }
        };
        by_key.entry(key).or_default().push(*node);
    }
    // A path with `Default` dropped may be another resource's own path.
    for (key, nodes) in by_key.iter_mut() {
        if let IdKey::Hashed(path) = key
            && let Some(node) = plan.tree.node_at(path)
            && plan.tree.resource(node).is_some()
            && plan.tree.overridden_logical_id(node).is_none()
            && !nodes.contains(&node)
        {
            nodes.push(node);
            own_key.retain(|n| *n != node);
        }
    }
    // An unhashed ID that reads like a hashed one may still equal another path's ID.
    let lookalikes: Vec<String> = by_key
        .keys()
        .filter_map(|k| match k {
            IdKey::Unhashed(id) if looks_hashed(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    if !lookalikes.is_empty() {
        let grouped = by_key
            .iter()
            .filter(|(k, _)| matches!(k, IdKey::Hashed(_)))
            .filter_map(|(k, nodes)| Some((Some(k.clone()), *nodes.first()?)));
        let own = own_key.iter().map(|node| (None, *node));
        let hashed: Vec<(Option<IdKey>, NodeId, String)> = grouped
            .chain(own)
            .map(|(key, node)| (key, node, plan.tree.logical_id(node)))
            .collect();
        for id in lookalikes {
            for (key, node, logical_id) in &hashed {
                if *logical_id != id {
                    continue;
                }
                let mut nodes = match key {
                    Some(key) => by_key.remove(key).unwrap_or_default(),
                    None => vec![*node],
                };
                if let Some(group) = by_key.get_mut(&IdKey::Unhashed(id.clone())) {
                    group.append(&mut nodes);
                }
            }
        }
    }
    let mut groups: Vec<Vec<NodeId>> = by_key.into_values().filter(|n| n.len() > 1).collect();
    for group in &mut groups {
        group.sort_unstable();
    }
    groups.sort_by_key(|nodes| nodes.first().copied());
    for nodes in groups {
        let Some(first) = nodes.first() else { continue };
        let logical_id = plan.tree.logical_id(*first);
        collision(plan, "Resources", &logical_id, &nodes, diags);
    }
}

/// Reports one logical ID shared by `nodes`: an error at each node's text, naming the others.
fn collision(
    plan: &Plan,
    section: &str,
    logical_id: &str,
    nodes: &[NodeId],
    diags: &mut Vec<Diagnostic>,
) {
    let hidden_default = nodes
        .iter()
        .any(|n| plan.tree.components(*n).contains(&"Default"));
    let overridden = nodes
        .iter()
        .any(|n| plan.tree.overridden_logical_id(*n).is_some());
    let hint = if overridden {
        "`overrideLogicalId` sets this ID: give it another one"
    } else if hidden_default {
        "CDK drops a construct id `Default` from logical IDs: rename the construct called `Default`"
    } else {
        "a logical ID keeps only the letters and digits of the construct path (and a hash of it when nested): rename one of them"
    };
    for (i, node) in nodes.iter().enumerate() {
        let Some(span) = plan.span(*node) else {
            continue;
        };
        let mut d = Diagnostic::error(
            span,
            format!("section '{section}' already contains '{logical_id}'"),
        )
        .with_hint(hint);
        for (j, other) in nodes.iter().enumerate() {
            if i != j
                && let Some(other_span) = plan.span(*other)
            {
                d = d.with_related(
                    other_span,
                    format!("`{}` has the same logical ID", plan.tree.path(*other)),
                );
            }
        }
        diags.push(d);
    }
}

/// Outputs: CDK's logical ID of each (`makeUniqueId` of its path), unique among outputs.
pub(super) fn check_outputs(plan: &Plan, diags: &mut Vec<Diagnostic>) {
    let mut by_id: HashMap<String, Vec<NodeId>> = HashMap::default();
    for node in &plan.outputs {
        by_id
            .entry(plan.tree.logical_id(*node))
            .or_default()
            .push(*node);
    }
    let mut groups: Vec<(String, Vec<NodeId>)> =
        by_id.into_iter().filter(|(_, n)| n.len() > 1).collect();
    groups.sort_by_key(|(_, nodes)| nodes.first().copied());
    for (logical_id, nodes) in groups {
        collision(plan, "Outputs", &logical_id, &nodes, diags);
    }
}

/// More than 500 resources: CloudFormation refuses the stack and CDK refuses to synthesize it.
pub(super) fn check_resource_count(plan: &Plan, diags: &mut Vec<Diagnostic>) {
    let resources = plan.tree.resource_nodes();
    if resources.len() <= RESOURCE_LIMIT {
        return;
    }
    // Reported at the top-level entry that creates the most resources.
    let mut per_entry: HashMap<&str, usize> = HashMap::default();
    let mut per_type: Vec<(&str, usize)> = Vec::new();
    for node in &resources {
        if let Some(top) = plan.tree.ancestry(*node).last() {
            *per_entry.entry(plan.tree.id(top)).or_default() += 1;
        }
        let Some(cfn_type) = plan.tree.resource(*node).map(|r| &*r.cfn_type) else {
            continue;
        };
        match per_type.iter_mut().find(|(t, _)| *t == cfn_type) {
            Some((_, count)) => *count += 1,
            None => per_type.push((cfn_type, 1)),
        }
    }
    let Some((entry, count)) = per_entry.into_iter().max_by_key(|(_, count)| *count) else {
        return;
    };
    let Some(span) = plan
        .tree
        .child(Tree::<Planned>::ROOT, entry)
        .and_then(|n| plan.span(n))
    else {
        return;
    };
    let permissions = per_type
        .iter()
        .find(|(t, _)| *t == PERMISSION)
        .map_or(0, |(_, n)| *n);
    let hint = if permissions > RESOURCE_LIMIT / 4 {
        format!(
            "{permissions} of them are Lambda permissions, one per route: `scopePermissionToRoute: false` on the integration shares one per function (an imported function needs none)"
        )
    } else {
        "split the resources over several stacks (one definition file each)".to_string()
    };
    let breakdown: Vec<String> = per_type.iter().map(|(t, n)| format!("{t} ({n})")).collect();
    diags.push(
        Diagnostic::error(
            span,
            format!(
                "Number of resources in stack '{}': {} is greater than allowed maximum of {RESOURCE_LIMIT}: {}",
                plan.tree.stack_id(),
                resources.len(),
                breakdown.join(", ")
            ),
        )
        .with_hint(format!("`{entry}` creates {count} of them; {hint}")),
    );
}
