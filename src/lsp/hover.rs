//! Hover: markdown for the token under the cursor, from the schema table and the synthesized
//! template.
//!
//! - A key: the prop's (method's, import's, section's) doc, its kind, default and whether it is
//!   required.
//! - `type: X`: the type's doc and CDK module; an enum member: its doc and the value
//!   CloudFormation receives; a reference: the construct or integration it names.
//! - A construct entry's key (its path), a keyed call that creates a child (`addStage: { Beta:
//!   ... }`), a route (the `path` of an `addRoutes` item, one of its methods, a WebSocket route
//!   key) or an integration id: the logical ID and the resources it synthesizes (synth records
//!   each resource's construct path), and for routes the execute-api ARN per stage.
//! - A `${...}` expression: what its head and member are, and its value as CloudFormation JSON.
//!   The value is read from the template when the expression is a whole output value; otherwise
//!   the entries the expression needs (its head's entry, that entry's ancestors and everything
//!   they refer to) are synthesized again with the expression as the only output. Values are
//!   only shown when the file synthesizes (no errors), so they are never computed from a partial
//!   model.
//!
//! The hover range is the hovered token (key, value, or the whole expression).

use crate::synth::json::Value as Json;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::analysis::Analysis;
use super::context::{self, CursorContext, KeyDef, Place, Segment, Spot};
use super::convert::to_range;
use super::inlay_hints::arn_previews;
use crate::construct::make_unique_id;
use crate::model::expr::{Expr, SourceMap, TextPart, parse_text};
use crate::model::resolve::paths::{call_entry, route_id};
use crate::model::resolve::{AWS_PSEUDO_PARAMETERS, is_builtin};
use crate::model::schema::{
    self, AttrDef, AttrKind, CallShape, EnumDef, EnumMember, Kind, MethodDef, PropDef, Role,
    TypeDef,
};
use crate::model::{Call, Construct, Model, Output, Spanned, Text, Value, ValueKind};
use crate::syntax::{Node, NodeValue, Span};

/// At most this many resources are listed in one hover.
const MAX_RESOURCES: usize = 12;

/// Hover at `offset`.
pub fn hover(a: &Analysis, offset: usize) -> Option<Hover> {
    let c = context::context(a, offset)?;
    let node = c.node?;
    let (markdown, span) = match c.spot {
        Spot::Key => (key_hover(a, &c, node)?, node.span),
        Spot::Value => match expr_at(a, &c, node, c.offset) {
            Some(expr) => (expr_hover(a, &c, &expr)?, expr.span),
            None => (value_hover(a, &c, node)?, node.span),
        },
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(to_range(a, span)),
    })
}

// ---------------------------------------------------------------------------------------------
// Docs shared with completion.

/// A short description of a key, for a completion item's detail line.
pub(super) fn key_detail(def: KeyDef) -> String {
    match def {
        KeyDef::Section(_) => "section".into(),
        KeyDef::Extension => "ignored (`x-` key)".into(),
        KeyDef::Entry => "construct path".into(),
        KeyDef::ObjectId(role) => format!("{} id", role.noun()),
        KeyDef::OutputId => "output id".into(),
        KeyDef::Type { role, .. } => format!("{} class", role.noun()),
        KeyDef::DependsOn => "list of construct paths".into(),
        KeyDef::Id => "string · required".into(),
        KeyDef::Import(i) => format!("import · {}", i.arg.describe()),
        KeyDef::Method(m) => format!("method · {}", call_shape(m)),
        KeyDef::Prop(p) => {
            let mut s = p.kind.describe();
            if p.required {
                s.push_str(" · required");
            }
            s
        }
        KeyDef::CallKey(m) => format!("`{}` of {}", m.key, m.name),
        KeyDef::Factory(f) => format!("factory · {}", f.arg.describe()),
        KeyDef::MappingKey => "parameter mapping key".into(),
        KeyDef::MapKey(kind) => format!("key of a map of {}", kind.describe()),
        KeyDef::MetricCall(_) => "metric method · its options".into(),
    }
}

fn call_shape(m: &MethodDef) -> String {
    match m.shape {
        CallShape::List => "list of calls".into(),
        CallShape::Keyed => format!("calls keyed by `{}`", m.key),
        CallShape::KeyedValue => format!("values keyed by `{}`", m.key),
    }
}

/// The markdown doc of a key: its doc, kind, default and whether it is required.
pub(super) fn key_markdown(def: KeyDef, owner: Option<&str>) -> String {
    let of = owner.map_or(String::new(), |o| format!(" of `{o}`"));
    match def {
        KeyDef::Section(s) => format!("**{}** (section)\n\n{}", s.name, s.doc),
        KeyDef::Extension => {
            "**`x-` key**\n\nIgnored by the format: a place for YAML anchors of shared snippets."
                .into()
        }
        KeyDef::Entry => "**construct path**\n\n`Id` is `new X(stack, 'Id')`; `Parent/Id` is \
             `new X(parent, 'Id')`."
            .into(),
        KeyDef::ObjectId(role) => format!(
            "**{noun} id**\n\nThe {noun}'s CDK id; routes refer to it by this id.",
            noun = role.noun()
        ),
        KeyDef::OutputId => {
            "**output id**\n\nThe output's construct id (`Id` or `Parent/Id`); its \
             logical ID keeps the letters and digits (`Api-Url` is `ApiUrl`)."
                .into()
        }
        KeyDef::Type { role, accepted } => {
            let what = role.noun();
            let mut s = format!(
                "**type**{of} · {what} class · required\n\nThe CDK class name; classes of other \
                 modules may be qualified (`lambda.Function`)."
            );
            let names: Vec<&str> = if accepted.is_empty() {
                schema::class_types()
                    .filter(|t| t.role == role)
                    .map(|t| t.name)
                    .collect()
            } else {
                accepted.to_vec()
            };
            s.push_str(&format!(
                "\n\nOne of: {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            s
        }
        KeyDef::DependsOn => format!(
            "**dependsOn**{of} · list of construct paths\n\n`node.addDependency(...)`: every \
             resource of this construct depends on every resource of the constructs listed."
        ),
        KeyDef::Id => "**id** · string · required\n\nThe integration's CDK id: an inline \
             integration needs one (it names its resource)."
            .into(),
        KeyDef::Import(i) => format!(
            "**{}**{of} · static import\n\n{}\n\nArgument: {}",
            i.name,
            i.doc,
            i.arg.describe()
        ),
        KeyDef::Method(m) => method_markdown(m, &of),
        KeyDef::Prop(p) => prop_markdown(p, &of),
        KeyDef::CallKey(m) => format!(
            "**{}** of `{}`\n\nThe first argument of each call; the value holds {}.",
            m.key,
            m.name,
            match m.shape {
                CallShape::KeyedValue => m
                    .params
                    .first()
                    .map_or("the value".to_string(), |p| format!("`{}`", p.name)),
                _ => "the options".to_string(),
            }
        ),
        KeyDef::Factory(f) => format!(
            "**{}** · static factory\n\n{}\n\nArgument: {}",
            f.name,
            f.doc,
            f.arg.describe()
        ),
        KeyDef::MappingKey => "**parameter mapping key**\n\n`append`, `overwrite` or `remove`, \
             then `:` and the location: `header.<name>`, `querystring.<name>` or `path`."
            .into(),
        KeyDef::MapKey(kind) => format!("**key** of a map of {}", kind.describe()),
        KeyDef::MetricCall(_) => "**metric**\n\n`Path.metricName`: a metric method of the API \
             or stage at `Path`; the value holds its options (`period`, `statistic`, ...)."
            .into(),
    }
}

fn prop_markdown(p: &PropDef, of: &str) -> String {
    let mut s = format!("**{}**{of} · {}\n\n{}\n", p.name, p.kind.describe(), p.doc);
    if p.required {
        s.push_str("\n- Required");
    } else {
        s.push_str("\n- Optional");
    }
    if let Some(d) = p.default {
        s.push_str(&format!("\n- Default: `{d}`"));
    }
    let e = match p.kind {
        Kind::Enum(e) => Some(e),
        Kind::List(Kind::Enum(e)) => Some(*e),
        _ => None,
    };
    if let Some(e) = e {
        if !e.members.is_empty() {
            let names: Vec<String> = e.members.iter().map(|m| format!("`{}`", m.name)).collect();
            s.push_str(&format!("\n- Members: {}", names.join(", ")));
        }
        if !e.factories.is_empty() {
            let names: Vec<String> = e
                .factories
                .iter()
                .map(|f| format!("`{{ {}: … }}`", f.name))
                .collect();
            s.push_str(&format!("\n- Factories: {}", names.join(", ")));
        }
    }
    s
}

fn method_markdown(m: &MethodDef, of: &str) -> String {
    let mut s = format!(
        "**{}**{of} · method · {}\n\n{}\n",
        m.name,
        call_shape(m),
        m.doc
    );
    if !m.params.is_empty() {
        s.push_str("\nParameters:");
        for p in m.params {
            let mut line = format!("\n- `{}`: {}", p.name, p.kind.describe());
            if p.required {
                line.push_str(", required");
            }
            if let Some(d) = p.default {
                line.push_str(&format!(", default `{d}`"));
            }
            s.push_str(&line);
        }
    }
    if let Some(child) = m.creates {
        s.push_str(&format!(
            "\n\nEach call creates a `{child}` at `<entry>/<{}>`.",
            m.key
        ));
    }
    s
}

/// The markdown doc of a type.
pub(super) fn type_markdown(t: &TypeDef) -> String {
    let role = match t.role {
        Role::Construct => "a construct: an entry under `constructs:`",
        Role::Integration => "an integration: an entry under `integrations:`, or inline",
        Role::Authorizer => "an authorizer: an entry under `authorizers:`, or inline",
        Role::Child => {
            "a construct CDK creates through a method of its parent: refer to it by its path"
        }
    };
    format!(
        "**{}** · `{}`\n\n{}\n\nWritten as {role}.",
        t.name,
        t.module.package(),
        t.doc
    )
}

/// The markdown doc of an enum member.
pub(super) fn member_markdown(e: &EnumDef, m: &EnumMember) -> String {
    format!(
        "**{}.{}** → `{}`\n\n{}\n\nCloudFormation receives `{}`.",
        e.name, m.name, m.value, m.doc, m.value
    )
}

/// The markdown doc of an attribute.
pub(super) fn attr_markdown(owner: &TypeDef, attr: &AttrDef) -> String {
    let what = match attr.kind {
        AttrKind::Value => "attribute".to_string(),
        AttrKind::Child(t) => format!("attribute · a `{t}`"),
        AttrKind::Method(params) => format!("method `{}({})`", attr.name, params.join(", ")),
    };
    format!("**{}.{}** · {what}\n\n{}", owner.name, attr.name, attr.doc)
}

// ---------------------------------------------------------------------------------------------
// Keys.

fn key_hover(a: &Analysis, c: &CursorContext<'_>, key: &Node) -> Option<String> {
    let name = key.as_str()?;
    let place = c.key_place();
    let def = place.key(name)?;
    let owner = owner_name(place, &c.path);
    match def {
        KeyDef::Entry => Some(entry_hover(a, c, name)),
        KeyDef::ObjectId(Role::Integration) => Some(integration_hover(a, name)),
        KeyDef::ObjectId(role) => Some(object_hover(a, role, name)),
        KeyDef::OutputId => Some(output_hover(a, name)),
        KeyDef::CallKey(m) => Some(call_key_hover(a, c, m, name)),
        _ => Some(key_markdown(def, owner.as_deref())),
    }
}

/// What a key belongs to, for "of `HttpApi`": the type of a construct or integration, the
/// method of a call's options, or the key holding a struct (`corsPreflight`, `env`).
pub(super) fn owner_name(place: Place, path: &[Segment]) -> Option<String> {
    match place {
        Place::Construct { ty: Some(t), .. } | Place::Object { ty: Some(t), .. } => {
            Some(t.name.to_string())
        }
        Place::Calls(m) => Some(m.name.to_string()),
        Place::Props(_) => path.iter().rev().find_map(|s| match s {
            Segment::Key(k) => Some(k.clone()),
            Segment::Index(_) => None,
        }),
        _ => None,
    }
}

fn entry_hover(a: &Analysis, c: &CursorContext<'_>, path: &str) -> String {
    let mut s = format!("**{path}**");
    let place = context::place_at(a.root(), &[key("constructs"), key(path)], c.known);
    if let Place::Calls(method) = place
        && let Some((target, _)) = call_entry(path, |p| c.known.path_type(p))
    {
        let ty = c.known.path_type(&target).map_or("", |t| t.name);
        s.push_str(&format!(
            " · call entry: `{}` of `{target}` ({ty}), run at its place in code order\n\n{}",
            method.name, method.doc
        ));
        return s;
    }
    if let Place::Construct {
        ty: Some(t),
        explicit,
    } = place
    {
        s.push_str(&format!(" · `{}`", t.name));
        if !explicit {
            s.push_str(" created by CDK (method calls only)");
        }
        s.push_str(&format!("\n\n{}", t.doc));
    }
    s.push_str(&resources_section(a, path));
    s
}

fn call_key_hover(a: &Analysis, c: &CursorContext<'_>, m: &'static MethodDef, key: &str) -> String {
    let mut s = key_markdown(KeyDef::CallKey(m), None);
    let Some(Segment::Key(entry)) = c.path.get(1) else {
        return s;
    };
    if let Some(child) = m.creates {
        let path = format!("{entry}/{key}");
        s = format!("**{path}** · `{child}` created by `{}`", m.name);
        if let Some(t) = schema::find_type(child) {
            s.push_str(&format!("\n\n{}", t.doc));
        }
        s.push_str(&resources_section(a, &path));
    } else if let Some(route) = routes(&a.checked.model, None)
        .into_iter()
        .find(|r| r.api == *entry && r.key.as_deref() == Some(key))
    {
        s = route_markdown(a, &[route]);
    }
    s
}

/// An authorizer's id: its type, doc and the resources created for it (under the first API
/// that uses it).
fn object_hover(a: &Analysis, role: Role, id: &str) -> String {
    let mut s = format!("**{id}** ({})", role.noun());
    let model = &a.checked.model;
    let Some(object) = model
        .objects
        .iter()
        .find(|o| o.id.value == id && o.ty.role == role)
    else {
        return s;
    };
    s.push_str(&format!(" · `{}`\n\n{}", object.ty.name, object.ty.doc));
    // From the planned tree: the resource under the API that first uses it.
    let suffix = format!("/{id}/Resource");
    let resources: Vec<String> = match (&model.plan, a.checked.has_errors()) {
        (Some(plan), false) => plan
            .tree
            .resource_nodes()
            .into_iter()
            .filter(|n| plan.tree.path(*n).ends_with(&suffix))
            .map(|n| {
                let ty = plan.tree.resource(n).map_or("", |r| &*r.cfn_type);
                format!("- `{}` · `{ty}`", plan.tree.logical_id(n))
            })
            .collect(),
        _ => Vec::new(),
    };
    if !resources.is_empty() {
        s.push_str(&format!("\n\nResources:\n{}", resources.join("\n")));
    }
    s
}

fn integration_hover(a: &Analysis, id: &str) -> String {
    let model = &a.checked.model;
    let mut s = format!("**{id}** (integration)");
    let Some((index, object)) = model
        .objects
        .iter()
        .enumerate()
        .find(|(_, o)| o.id.value == id && o.ty.role == Role::Integration)
    else {
        return s;
    };
    s.push_str(&format!(" · `{}`\n\n{}", object.ty.name, object.ty.doc));
    // CDK creates the integration's resource under the first route that uses it.
    let users: Vec<Route> = routes(model, None)
        .into_iter()
        .filter(|r| r.integration == Some(index))
        .collect();
    if users.is_empty() {
        s.push_str("\n\nNo route uses it: it synthesizes nothing.");
        return s;
    }
    // From the planned tree: the resource under the first route that uses it.
    if let (Some(plan), false) = (&model.plan, a.checked.has_errors()) {
        for route in &users {
            let Some(node) = plan.tree.node_at(&format!("{}/{id}/Resource", route.path)) else {
                continue;
            };
            let ty = plan.tree.resource(node).map_or("?", |r| &*r.cfn_type);
            s.push_str(&format!(
                "\n\n**Logical ID** `{}` (`{ty}`), under the first route that uses it, `{}`",
                plan.tree.logical_id(node),
                route.path
            ));
            break;
        }
    }
    let names: Vec<String> = users.iter().map(|r| format!("`{}`", r.path)).collect();
    s.push_str(&format!("\n\nUsed by: {}", names.join(", ")));
    s
}

fn output_hover(a: &Analysis, id: &str) -> String {
    let logical_id = crate::model::output_logical_id(id);
    let mut s = format!("**{id}** (output) · logical ID `{logical_id}`");
    let value = a
        .checked
        .template()
        .as_ref()
        .and_then(|t| t.get("Outputs"))
        .and_then(|o| o.get(&logical_id));
    if let Some(value) = value {
        s.push_str(&format!("\n\n{}", json_block(value)));
    }
    s
}

fn key(s: &str) -> Segment {
    Segment::Key(s.to_string())
}

// ---------------------------------------------------------------------------------------------
// Values.

fn value_hover(a: &Analysis, c: &CursorContext<'_>, node: &Node) -> Option<String> {
    let text = node.as_str();
    let prop = context::key_def_at(a.root(), &c.path, c.known).map(|def| key_markdown(def, None));
    match c.place {
        Place::TypeName { .. } => {
            let t = schema::find_type(text?)?;
            Some(type_markdown(t))
        }
        Place::Value {
            kind: Kind::Enum(e),
            ..
        } => {
            let member = e.member(text?)?;
            let mut s = member_markdown(e, member);
            if let Some(route) = route_of_method(a, c, node) {
                s.push_str("\n\n---\n\n");
                s.push_str(&route_markdown(a, &[route]));
            }
            Some(s)
        }
        Place::Value {
            kind: Kind::Construct(_),
            ..
        } => {
            let path = text?;
            let ty = c.known.path_type(path)?;
            let mut s = format!("**{path}** · `{}`\n\n{}", ty.name, ty.doc);
            s.push_str(&resources_section(a, path));
            Some(s)
        }
        Place::Value {
            kind: Kind::Object(types),
            ..
        } => match schema::object_role(types) {
            Role::Authorizer => Some(object_hover(a, Role::Authorizer, text?)),
            _ => Some(integration_hover(a, text?)),
        },
        Place::Value {
            kind: Kind::String,
            prop: Some(p),
        } if p.name == "path" => {
            let found: Vec<Route> = routes(&a.checked.model, Some(node.span.start))
                .into_iter()
                .filter(|r| r.path_span == Some(node.span))
                .collect();
            if found.is_empty() {
                prop
            } else {
                Some(route_markdown(a, &found))
            }
        }
        Place::Value {
            kind: Kind::Bool, ..
        } => prop,
        _ => prop,
    }
}

/// The route of one member of an `addRoutes` item's `methods`.
fn route_of_method(a: &Analysis, c: &CursorContext<'_>, node: &Node) -> Option<Route> {
    let [.., Segment::Key(methods), Segment::Index(_)] = c.path.as_slice() else {
        return None;
    };
    if methods != "methods" {
        return None;
    }
    routes(&a.checked.model, Some(node.span.start))
        .into_iter()
        .find(|r| r.method_span == Some(node.span))
}

// ---------------------------------------------------------------------------------------------
// Routes and resources.

/// A route CDK creates, and where it is written.
#[derive(Clone, Debug)]
struct Route {
    /// The API's path.
    api: String,
    /// The route's construct path (`HttpApi/GET--books`).
    path: String,
    /// The HTTP method (`None` for WebSocket routes and the default route).
    method: Option<&'static str>,
    /// The route key of a keyed `addRoute` call.
    key: Option<String>,
    /// The `path` value of the `addRoutes` item.
    path_span: Option<Span>,
    /// The method's value in `methods`.
    method_span: Option<Span>,
    /// The call that creates it.
    call_span: Option<Span>,
    /// The integration, as an index into the model's integrations.
    integration: Option<usize>,
}

/// Every route of the model's APIs, in source order. Construct ids as synth gives them:
/// `METHOD/path` (`/` becomes `--`), `DefaultRoute`, `<routeKey>-Route`.
/// The routes of the model; with `within`, only those written by the call entry whose span
/// holds that offset (a hover needs the route under the cursor, not every route of the file).
fn routes(model: &Model, within: Option<usize>) -> Vec<Route> {
    let mut out = Vec::new();
    let integration = |v: Option<&Value>| match v.map(|v| &v.kind) {
        Some(ValueKind::Object(i)) => Some(*i),
        _ => None,
    };
    for api in &model.constructs {
        let Some(ty) = api.ty else { continue };
        let base = &api.path.value;
        match ty.name {
            "HttpApi" => {
                if let Some(v) = api.props.get("defaultIntegration") {
                    out.push(Route {
                        api: base.clone(),
                        path: format!("{base}/DefaultRoute"),
                        method: None,
                        key: None,
                        path_span: None,
                        method_span: None,
                        call_span: None,
                        integration: integration(Some(v)),
                    });
                }
                for call in model
                    .calls_on(&api.path.value)
                    .filter(|c| c.method.name == "addRoutes")
                    .filter(|c| within.is_none_or(|at| c.span.contains(at)))
                {
                    let Some(path_value) = call.args.get("path") else {
                        continue;
                    };
                    let ValueKind::Text(t) = &path_value.kind else {
                        continue;
                    };
                    let Some(p) = t.as_literal() else { continue };
                    let methods: Vec<(&'static str, Option<Span>)> =
                        match call.args.get("methods").map(|v| &v.kind) {
                            Some(ValueKind::List(items)) => items
                                .iter()
                                .filter_map(|m| match m.kind {
                                    ValueKind::Member(member) => Some((member.name, Some(m.span))),
                                    _ => None,
                                })
                                .collect(),
                            _ => vec![("ANY", None)],
                        };
                    for (method, span) in methods {
                        out.push(Route {
                            api: base.clone(),
                            path: format!("{base}/{}", route_id(method, &p)),
                            method: Some(method),
                            key: None,
                            path_span: Some(path_value.span),
                            method_span: span,
                            call_span: Some(call.span),
                            integration: integration(call.args.get("integration")),
                        });
                    }
                }
            }
            "WebSocketApi" => {
                for (prop, route_key) in [
                    ("connectRouteOptions", "$connect"),
                    ("disconnectRouteOptions", "$disconnect"),
                    ("defaultRouteOptions", "$default"),
                ] {
                    if let Some(ValueKind::Struct(options)) = api.props.get(prop).map(|v| &v.kind) {
                        out.push(Route {
                            api: base.clone(),
                            path: format!("{base}/{route_key}-Route"),
                            method: None,
                            key: Some(route_key.to_string()),
                            path_span: None,
                            method_span: None,
                            call_span: None,
                            integration: integration(options.get("integration")),
                        });
                    }
                }
                for call in model
                    .calls_on(&api.path.value)
                    .filter(|c| c.method.name == "addRoute")
                    .filter(|c| within.is_none_or(|at| c.span.contains(at)))
                {
                    let Some(k) = &call.key else { continue };
                    out.push(Route {
                        api: base.clone(),
                        path: format!("{base}/{}-Route", k.value),
                        method: None,
                        key: Some(k.value.clone()),
                        path_span: None,
                        method_span: None,
                        call_span: Some(call.span),
                        integration: integration(call.args.get("integration")),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

fn route_markdown(a: &Analysis, found: &[Route]) -> String {
    let mut s = String::new();
    // The previews of these routes only: the model without the other routes' calls.
    let calls: Vec<Span> = found.iter().filter_map(|r| r.call_span).collect();
    let model = trimmed(&a.checked.model, &|c: &Construct, call: &Call| {
        call.method.creates.is_some()
            || (found.iter().any(|r| r.api == c.path.value) && calls.contains(&call.span))
    });
    let previews = arn_previews(&model);
    for (i, route) in found.iter().enumerate() {
        if i > 0 {
            s.push_str("\n\n");
        }
        s.push_str(&format!("**route** `{}`", route.path));
        s.push_str(&resources_section(a, &route.path));
        let arns: Vec<&str> = previews
            .iter()
            .filter(|p| match (route.method, &route.key) {
                (Some(m), _) => {
                    let api = &route.api;
                    p.expression
                        .starts_with(&format!("${{{api}.arnForExecuteApi({m}, "))
                        && route.path_span.is_some_and(|span| p.at == span.end)
                }
                (None, Some(k)) => p
                    .expression
                    .starts_with(&format!("${{{}.arnForExecuteApiV2({k}, ", route.api)),
                _ => false,
            })
            .map(|p| p.arn.as_str())
            .collect();
        if !arns.is_empty() {
            s.push_str("\n\nARN:");
            for arn in arns {
                s.push_str(&format!("\n- `{arn}`"));
            }
        }
    }
    s
}

/// A copy of the model whose entries keep only the calls `keep` selects, and no `dependsOn`.
///
/// Calls that create no child change no construct path, so the values that hover computes
/// (ARNs, attribute values) are the same without them; dropping them keeps hover fast on large
/// files.
fn trimmed(model: &Model, keep: &dyn Fn(&Construct, &Call) -> bool) -> Model {
    Model {
        stack: model.stack.clone(),
        constructs: model
            .constructs
            .iter()
            .map(|c| trim(c, |call| keep(c, call)))
            .collect(),
        objects: model.objects.clone(),
        outputs: Vec::new(),
        // Synth reads neither the known paths nor the plan.
        ..Model::default()
    }
}

fn trim(c: &Construct, keep: impl Fn(&Call) -> bool) -> Construct {
    Construct {
        path: c.path.clone(),
        ty: c.ty,
        props: c.props.clone(),
        import: c.import.clone(),
        calls: c.calls.iter().filter(|call| keep(call)).cloned().collect(),
        depends_on: Vec::new(),
        cfn_type: None,
    }
}

/// The "Logical ID" and "Resources" part of a construct's hover, from the construct tree
/// validate planned (no synthesis).
fn resources_section(a: &Analysis, path: &str) -> String {
    let plan = a.checked.model.plan.as_ref();
    let (Some(plan), false) = (plan, a.checked.has_errors()) else {
        return "\n\n_Logical IDs and resources show once the file has no errors._".into();
    };
    let found = plan.resources_under(path);
    let mut components: Vec<&str> = path.split('/').collect();
    components.push("Resource");
    let main = make_unique_id(&components);
    let mut s = String::new();
    if found.iter().any(|(id, _)| *id == main) {
        s.push_str(&format!("\n\n**Logical ID** `{main}`"));
    }
    if found.is_empty() {
        s.push_str("\n\nNo resources.");
        return s;
    }
    s.push_str("\n\nResources:");
    for (id, ty) in found.iter().take(MAX_RESOURCES) {
        s.push_str(&format!("\n- `{id}` · `{ty}`"));
    }
    if found.len() > MAX_RESOURCES {
        s.push_str(&format!("\n- … and {} more", found.len() - MAX_RESOURCES));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Expressions.

/// The `${...}` expression of the scalar `node` that holds `offset`.
fn expr_at(a: &Analysis, c: &CursorContext<'_>, node: &Node, offset: usize) -> Option<Expr> {
    let NodeValue::Scalar(scalar) = &node.value else {
        return None;
    };
    if !scalar.text.contains("${") {
        return None;
    }
    let source = a.slice(node.span);
    let base = if source == &*scalar.text {
        Some(node.span.start)
    } else if source.len() >= 2 && source.get(1..source.len() - 1) == Some(&*scalar.text) {
        Some(node.span.start + 1)
    } else {
        None
    };
    let map = SourceMap {
        base,
        whole: node.span,
    };
    let (text, _) = parse_text(&scalar.text, map, &|h| c.known.is_head(h));
    text.parts.into_iter().find_map(|p| match p {
        TextPart::Expr(e) if e.span.contains(offset) => Some(e),
        _ => None,
    })
}

fn expr_hover(a: &Analysis, c: &CursorContext<'_>, expr: &Expr) -> Option<String> {
    let source = a.slice(expr.span);
    let mut s = format!("`{source}`");
    if is_builtin(expr) {
        let member = expr.members.first()?;
        match expr.head.value.as_str() {
            "Fn" => s.push_str("\n\n`Fn::ImportValue` of an exported output."),
            _ => {
                if let Some((_, r)) = AWS_PSEUDO_PARAMETERS
                    .iter()
                    .find(|(n, _)| *n == member.name.value)
                {
                    s.push_str(&format!("\n\nThe pseudo parameter `{r}`."));
                }
            }
        }
    } else {
        let mut ty = c.known.head_type(&expr.head.value)?;
        let what = if ty.role == schema::Role::Authorizer {
            "an authorizer"
        } else {
            "a construct"
        };
        s.push_str(&format!(
            "\n\n`{}`: {what} of type `{}`.",
            expr.head.value, ty.name
        ));
        // Describe the member under the cursor, or the last one.
        let mut described = None;
        for member in &expr.members {
            let Some(attr) = ty.attr(&member.name.value) else {
                break;
            };
            described = Some((ty, attr));
            if member.name.span.contains(c.offset) {
                break;
            }
            match attr.kind {
                AttrKind::Child(child) => match schema::find_type(child) {
                    Some(t) => ty = t,
                    None => break,
                },
                _ => break,
            }
        }
        if let Some((owner, attr)) = described {
            s.push_str(&format!("\n\n{}", attr_markdown(owner, attr)));
        }
    }
    match expr_value(a, expr) {
        Some(value) => s.push_str(&format!("\n\nIn the template:\n\n{}", json_block(&value))),
        None if a.checked.template().is_none() => {
            s.push_str("\n\n_The value shows once the file synthesizes without errors._");
        }
        None => {}
    }
    Some(s)
}

/// The CloudFormation value of an expression (see the module doc).
fn expr_value(a: &Analysis, expr: &Expr) -> Option<Json> {
    let template = a.checked.template()?;
    let model = &a.checked.model;
    // A whole output value: read it.
    for output in &model.outputs {
        if let ValueKind::Text(t) = &output.value.kind
            && let [TextPart::Expr(e)] = t.parts.as_slice()
            && e.span == expr.span
        {
            return template
                .get("Outputs")?
                .get(&output.id.value)?
                .get("Value")
                .cloned();
        }
    }
    // Otherwise synthesize the entries it needs with the expression as the only output.
    let mut probe = Model {
        stack: model.stack.clone(),
        constructs: Vec::new(),
        objects: model.objects.clone(),
        outputs: Vec::new(),
        // Synth reads neither the known paths nor the plan.
        ..Model::default()
    };
    if !is_builtin(expr) {
        let needed = needed_entries(model, &expr.head.value);
        probe.constructs = model
            .constructs
            .iter()
            .enumerate()
            .filter(|(i, _)| needed.get(*i).copied().unwrap_or(false))
            .map(|(_, c)| trim(c, creates_child))
            .collect();
    }
    const PROBE: &str = "HoverProbe";
    probe.outputs.push(Output {
        id: Spanned {
            value: PROBE.into(),
            span: expr.span,
        },
        value: Value {
            kind: ValueKind::Text(Text {
                parts: vec![TextPart::Expr(expr.clone())],
            }),
            span: expr.span,
        },
        description: None,
        export_name: None,
    });
    let synthesis = crate::synth::synth(&probe);
    synthesis
        .template?
        .get("Outputs")?
        .get(PROBE)?
        .get("Value")
        .cloned()
}

/// Which entries (by index) synthesizing `head` needs: the entry at `head` or the nearest
/// entry above it, that entry's ancestors, and everything they refer to.
fn needed_entries(model: &Model, head: &str) -> Vec<bool> {
    let mut needed = vec![false; model.constructs.len()];
    let mut queue: Vec<String> = vec![head.to_string()];
    while let Some(path) = queue.pop() {
        // The entry itself or its nearest ancestor entry, and every ancestor entry.
        let mut prefix = path.as_str();
        loop {
            for (i, c) in model.constructs.iter().enumerate() {
                if c.path.value == prefix
                    && let Some(slot) = needed.get_mut(i)
                    && !*slot
                {
                    *slot = true;
                    refs_of(model, c, &mut queue);
                }
            }
            match prefix.rsplit_once('/') {
                Some((parent, _)) => prefix = parent,
                None => break,
            }
        }
    }
    needed
}

/// Whether a call creates a child construct (the calls an expression's value may depend on).
fn creates_child(call: &Call) -> bool {
    call.method.creates.is_some()
}

/// The construct paths an entry refers to (props, import, the arguments of calls that create
/// children, integrations' handlers, expression heads).
fn refs_of(model: &Model, c: &Construct, out: &mut Vec<String>) {
    let mut values: Vec<&Value> = c.props.items.iter().map(|p| &p.value).collect();
    values.extend(c.import.iter().map(|i| &i.value));
    for call in c.calls.iter().filter(|call| creates_child(call)) {
        values.extend(call.args.items.iter().map(|p| &p.value));
    }
    let mut seen_integrations = Vec::new();
    while let Some(v) = values.pop() {
        match &v.kind {
            ValueKind::Construct(p) => out.push(p.clone()),
            ValueKind::Metric(m) => out.push(m.target.value.clone()),
            ValueKind::Text(t) => out.extend(t.exprs().map(|e| e.head.value.clone())),
            ValueKind::Object(i) => {
                if !seen_integrations.contains(i)
                    && let Some(o) = model.objects.get(*i)
                {
                    seen_integrations.push(*i);
                    values.extend(o.props.items.iter().map(|p| &p.value));
                }
            }
            ValueKind::Factory(_, arg) => values.push(arg),
            ValueKind::List(items) => values.extend(items.iter()),
            ValueKind::Map(entries) => values.extend(entries.iter().map(|(_, v)| v)),
            ValueKind::Struct(props) | ValueKind::MathExpression(props) => {
                values.extend(props.items.iter().map(|p| &p.value))
            }
            _ => {}
        }
    }
}

/// JSON in a fenced block.
fn json_block(value: &Json) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    format!("```json\n{text}\n```")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(fixture: &str) -> String {
        let offset = fixture.find("$0").expect("cursor");
        let text = fixture.replacen("$0", "", 1);
        let a = Analysis::of_text(&text);
        match hover(&a, offset) {
            Some(Hover {
                contents: HoverContents::Markup(m),
                range,
            }) => {
                let r = range.map(|r| {
                    let s = a.offset(crate::lsp::convert::from_lsp_position(r.start));
                    let e = a.offset(crate::lsp::convert::from_lsp_position(r.end));
                    a.slice(Span::new(s, e)).to_string()
                });
                format!("[{}]\n{}", r.unwrap_or_default(), m.value)
            }
            _ => "none".into(),
        }
    }

    #[test]
    fn prop_key() {
        let s = check("constructs:\n  Api:\n    type: HttpApi\n    api$0Name: x\n");
        assert!(
            s.starts_with("[apiName]\n**apiName** of `HttpApi` · string"),
            "{s}"
        );
    }

    #[test]
    fn never_panics() {
        let text = "constructs:\n  🚀:\n    type: HttpApi\n    addRoutes:\n      - { path: /a, integration: ${x.\n";
        let a = Analysis::of_text(text);
        for offset in 0..=text.len() + 2 {
            let _ = hover(&a, offset);
        }
    }
}
