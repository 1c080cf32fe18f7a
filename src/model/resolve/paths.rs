//! The construct paths a document defines, read from its YAML tree before anything is
//! resolved: the entries under `constructs:` and the children CDK creates for them (default
//! stages, routes, `addStage` stages), through method keys and call entries alike. Resolve
//! and the language server both read them from here.

use crate::construct::push_slashes_as_dashes;
use crate::hash::{HashMap, HashSet};
use std::collections::hash_map::Entry as MapEntry;

use crate::model::schema::{self, MethodDef, Role, TypeDef};
use crate::syntax::{Entry, Node, NodeValue};

/// The construct paths of a document.
#[derive(Debug, Default)]
pub struct Paths {
    /// Every path an expression or reference may name, with its type.
    pub types: HashMap<String, &'static TypeDef>,
    /// Every path in creation order, with whether CDK creates it (a child, not an entry).
    pub order: Vec<(String, &'static TypeDef, bool)>,
    /// The keys of the entries that define a construct (call entries excluded).
    pub entries: HashSet<String>,
    /// Entries whose `type:` is missing or names no type: they are reported once, and
    /// whatever refers to them or lies below them is not reported again.
    pub broken: HashSet<String>,
}

/// Whether `path` or one of its parents is a broken entry.
pub fn is_broken(broken: &HashSet<String>, path: &str) -> bool {
    let mut prefix = path;
    loop {
        if broken.contains(prefix) {
            return true;
        }
        match prefix.rsplit_once('/') {
            Some((parent, _)) => prefix = parent,
            None => return false,
        }
    }
}

impl Paths {
    fn insert(&mut self, path: String, ty: &'static TypeDef, created: bool) {
        if let MapEntry::Vacant(free) = self.types.entry(path) {
            self.order.push((free.key().clone(), ty, created));
            free.insert(ty);
        }
    }
}

fn scalar(node: &Node) -> Option<&str> {
    match &node.value {
        NodeValue::Scalar(s) => Some(&s.text),
        _ => None,
    }
}

/// Collects the paths of the entries under `constructs:`, in order.
pub fn construct_paths(constructs: &[Entry]) -> Paths {
    let mut paths = Paths::default();
    for entry in constructs {
        let Some(path) = scalar(&entry.key) else {
            continue;
        };
        if let Some((target, method)) = call_entry(path, |p| paths.types.get(p).copied()) {
            collect_children(&mut paths, &target, method, &entry.value);
            continue;
        }
        let NodeValue::Map(map) = &entry.value.value else {
            continue;
        };
        let field = |name: &str| {
            map.iter()
                .find(|e| scalar(&e.key) == Some(name))
                .map(|e| &e.value)
        };
        paths.entries.insert(path.to_string());
        let ty = field("type").and_then(scalar).and_then(schema::find_type);
        let Some(ty) = ty.filter(|t| t.role == Role::Construct) else {
            let child = field("type").is_none() && paths.types.contains_key(path);
            if !child {
                paths.broken.insert(path.to_string());
            }
            continue;
        };
        paths.insert(path.to_string(), ty, false);
        let imported = ty.imports.iter().any(|i| field(i.name).is_some());
        if ty.name == "HttpApi" && !imported {
            if field("createDefaultStage").and_then(scalar) != Some("false") {
                paths.insert(format!("{path}/DefaultStage"), &schema::HTTP_STAGE, true);
            }
            if field("defaultIntegration").is_some() {
                paths.insert(format!("{path}/DefaultRoute"), &schema::HTTP_ROUTE, true);
            }
        }
        if ty.name == "RateLimitedApiKey" {
            paths.insert(format!("{path}/Resource"), &schema::API_KEY, true);
            if ["apiStages", "quota", "throttle"]
                .iter()
                .any(|p| field(p).is_some())
            {
                paths.insert(
                    format!("{path}/UsagePlanResource"),
                    &schema::USAGE_PLAN,
                    true,
                );
            }
        }
        for method in ty.methods {
            if let Some(value) = field(method.name) {
                collect_children(&mut paths, path, method, value);
            }
        }
    }
    paths
}

/// A key `Path.method` whose path names a known construct (an entry or a child CDK creates)
/// and whose method is one of that construct's type: a call later in code order. A `#`
/// suffix (`Api.addRoutes#2`) tells apart two call entries of one method, since a YAML map
/// cannot repeat a key.
pub fn call_entry(
    key: &str,
    type_of: impl Fn(&str) -> Option<&'static TypeDef>,
) -> Option<(String, &'static MethodDef)> {
    let (target, method) = key.rsplit_once('.')?;
    let method = method.split_once('#').map_or(method, |(m, _)| m);
    let ty = type_of(target)?;
    Some((target.to_string(), ty.method(method)?))
}

/// Records the children that the calls of `method` on `path` create.
fn collect_children(paths: &mut Paths, path: &str, method: &'static MethodDef, value: &Node) {
    if method.name == "addRoutes" {
        for id in route_ids(value) {
            paths.insert(child_path(path, &id), &schema::HTTP_ROUTE, true);
        }
    }
    if method.name == "addVpcLink" {
        // `VpcLink-N`, one per VPC, numbered in call order.
        let calls: Vec<&Node> = match &value.value {
            NodeValue::Seq(items) => items.iter().collect(),
            NodeValue::Map(_) => vec![value],
            _ => Vec::new(),
        };
        let mut vpcs: Vec<&str> = Vec::new();
        for vpc in calls.iter().filter_map(|c| c.get("vpc").and_then(scalar)) {
            if vpcs.contains(&vpc) {
                continue;
            }
            vpcs.push(vpc);
            let prefix = format!("{path}/VpcLink-");
            let n = paths
                .types
                .keys()
                .filter(|p| p.starts_with(&prefix))
                .count()
                + 1;
            paths.insert(format!("{prefix}{n}"), &schema::VPC_LINK, true);
        }
    }
    let Some(child_ty) = method.creates.and_then(schema::find_type) else {
        return;
    };
    for call in keyed_calls(value) {
        if let Some(id) = scalar(&call.key) {
            paths.insert(child_path(path, id), child_ty, true);
        }
    }
}

/// The path of the child `id` of `parent`.
fn child_path(parent: &str, id: &str) -> String {
    let mut path = String::with_capacity(parent.len() + 1 + id.len());
    path.push_str(parent);
    path.push('/');
    path.push_str(id);
    path
}

/// The construct id CDK gives the route of `method` on `path`: `${method}${path}`, with `/`
/// as `--` (`GET--books`).
pub fn route_id(method: &str, path: &str) -> String {
    let mut id = String::with_capacity(method.len() + path.len() + 8);
    id.push_str(method);
    push_slashes_as_dashes(&mut id, path);
    id
}

/// The construct ids of the routes `addRoutes` calls create: `METHOD--path` (CDK's
/// `${method}${path}` with `/` as `--`) per method of each call.
fn route_ids(add_routes: &Node) -> Vec<String> {
    let calls: Vec<&Node> = match &add_routes.value {
        NodeValue::Seq(items) => items.iter().collect(),
        NodeValue::Map(_) => vec![add_routes],
        _ => Vec::new(),
    };
    let mut ids = Vec::new();
    for call in calls {
        let Some(path) = call.get("path").and_then(scalar) else {
            continue;
        };
        let methods: Vec<&str> = match call.get("methods").map(|m| &m.value) {
            Some(NodeValue::Seq(items)) => items.iter().filter_map(scalar).collect(),
            _ => vec!["ANY"],
        };
        ids.extend(methods.into_iter().map(|m| route_id(m, path)));
    }
    ids
}

/// The calls of a keyed method: the entries of its map, or of each map in a list of maps
/// (a keyed method called once may be written either way).
pub fn keyed_calls(node: &Node) -> Vec<&Entry> {
    match &node.value {
        NodeValue::Map(entries) => entries.iter().collect(),
        NodeValue::Seq(items) => items
            .iter()
            .filter_map(|i| match &i.value {
                NodeValue::Map(entries) => Some(entries),
                _ => None,
            })
            .flatten()
            .collect(),
        _ => Vec::new(),
    }
}
