//! Refactors for the innermost entry (or `addStage` call) around a range: add CORS preflight,
//! a stage, throttle settings or access logging, and the type conversions the schema lists
//! (an API key into a rate-limited one).

use tower_lsp_server::ls_types::{CodeAction, CodeActionKind, Uri};

use super::action;
use super::context::Ctx;
use super::edits::{Edit, Snip};
use super::scopes::Scope;
use crate::model::schema;
use crate::syntax::{Node, Span};

/// The refactors for the innermost entry and stage around `range`.
pub(super) fn refactors(ctx: &Ctx, uri: &Uri, range: Span) -> Vec<CodeAction> {
    let around: Vec<&Scope> = ctx
        .scopes
        .iter()
        .filter(|s| s.extent.contains(range.start) && s.extent.contains(range.end))
        .collect();
    let innermost = |pick: &dyn Fn(&Scope) -> bool| {
        around
            .iter()
            .copied()
            .filter(|s| pick(s))
            .min_by_key(|s| s.extent.end.saturating_sub(s.extent.start))
    };
    let mut out = Vec::new();
    let refactor = |title: String, edits: Vec<Edit>| {
        action(ctx.a, uri, title, CodeActionKind::REFACTOR, edits, None)
    };
    if let Some(entry) = innermost(&|s| s.entry) {
        if let Some(edit) = add_cors(ctx, entry) {
            out.push(refactor("Add CORS preflight".into(), vec![edit]));
        }
        if let Some((id, edit)) = add_stage(ctx, entry) {
            out.push(refactor(format!("Add a stage (`{id}`)"), vec![edit]));
        }
        for conversion in schema::CONVERSIONS {
            if let Some(edits) = convert(ctx, entry, conversion) {
                let mut a = refactor(conversion.title.into(), edits);
                a.kind = Some(CodeActionKind::REFACTOR_REWRITE);
                out.push(a);
            }
        }
    }
    let stage = innermost(&|s| {
        (s.entry || s.method.is_some())
            && (s.takes("throttle").is_some() || s.takes("accessLogSettings").is_some())
    });
    if let Some(stage) = stage {
        if let Some(edit) = add_prop_if_absent(ctx, stage, "throttle", Some(throttle())) {
            out.push(refactor("Add throttle settings".into(), vec![edit]));
        }
        if let Some(edit) = add_prop_if_absent(ctx, stage, "accessLogSettings", None) {
            out.push(refactor("Add access logging".into(), vec![edit]));
        }
    }
    out
}

/// `{ rateLimit: 100, burstLimit: 50 }`.
fn throttle() -> Snip {
    Snip::Raw("{ rateLimit: 100, burstLimit: 50 }".into())
}

/// Adds `prop` (with `value`, or its kind's placeholder) when the scope takes it and lacks it.
fn add_prop_if_absent(ctx: &Ctx, scope: &Scope, prop: &str, value: Option<Snip>) -> Option<Edit> {
    let def = scope.takes(prop)?;
    if scope.has(prop) {
        return None;
    }
    let value = value.unwrap_or_else(|| ctx.placeholder(def.name, &def.kind));
    ctx.insert(
        scope.node,
        scope.key,
        scope.parent_flow,
        &[(prop.to_string(), value)],
    )
}

/// `corsPreflight` with the defaults of the CDK documentation's example.
fn add_cors(ctx: &Ctx, entry: &Scope) -> Option<Edit> {
    let raw = |s: &str| Snip::Raw(s.to_string());
    let cors = Snip::Map(vec![
        ("allowOrigins".into(), raw("[\"*\"]")),
        ("allowMethods".into(), raw("[GET, HEAD, OPTIONS, POST]")),
        ("allowHeaders".into(), raw("[Authorization, Content-Type]")),
        ("maxAge".into(), raw("10 days")),
    ]);
    add_prop_if_absent(ctx, entry, "corsPreflight", Some(cors))
}

/// A new `addStage` key with a free id, and the edit adding it.
fn add_stage(ctx: &Ctx, entry: &Scope) -> Option<(String, Edit)> {
    let method = entry.ty?.method("addStage")?;
    let calls = entry.node.get(method.name);
    let taken = |id: &str| {
        let Some(calls) = calls.and_then(Node::as_map) else {
            return false;
        };
        calls.iter().any(|c| {
            c.key.as_str() == Some(id)
                || c.value.get("stageName").and_then(Node::as_str) == Some(id)
        })
    };
    let parent = entry.key.and_then(Node::as_str).unwrap_or("");
    let exists = |id: &str| {
        let path = format!("{parent}/{id}");
        ctx.a.checked.model.construct(&path).is_some()
    };
    let id = ["beta", "prod", "dev", "staging", "test"]
        .into_iter()
        .map(str::to_string)
        .chain((2..).map(|n| format!("stage{n}")))
        .take(1_000)
        .find(|id| !taken(id) && !exists(id))?;
    let options = Snip::Map(vec![
        ("stageName".into(), Snip::Raw(id.clone())),
        ("autoDeploy".into(), Snip::Raw("true".into())),
    ]);
    let edit = match calls {
        Some(node) => {
            let key = entry
                .node
                .as_map()?
                .iter()
                .find(|e| e.key.as_str() == Some(method.name))
                .map(|e| &e.key);
            let flow = entry.parent_flow || ctx.is_flow(entry.node);
            ctx.insert(node, key, flow, &[(id.clone(), options)])?
        }
        None => {
            let fields = [(
                method.name.to_string(),
                Snip::Map(vec![(id.clone(), options)]),
            )];
            ctx.insert(entry.node, entry.key, entry.parent_flow, &fields)?
        }
    };
    Some((id, edit))
}

/// A [`Conversion`](schema::Conversion) of the entry's type: `type:` rewritten (keeping its
/// module qualifier), with the props the conversion adds and the new type's required props.
fn convert(ctx: &Ctx, entry: &Scope, conversion: &schema::Conversion) -> Option<Vec<Edit>> {
    if entry.ty?.name != conversion.from {
        return None;
    }
    let target = schema::find_type(conversion.to)?;
    let type_node = entry.node.get("type")?;
    let written = type_node.as_str()?;
    let replacement = match written.rsplit_once('.') {
        Some((module, _)) => format!("{module}.{}", target.name),
        None => target.name.to_string(),
    };
    let mut fields: Vec<(String, Snip)> = Vec::new();
    for def in target.props {
        if entry.has(def.name) {
            continue;
        }
        if let Some((_, value)) = conversion.adds.iter().find(|(name, _)| *name == def.name) {
            fields.push((def.name.into(), Snip::Raw((*value).into())));
        } else if def.required {
            fields.push((def.name.into(), ctx.placeholder(def.name, &def.kind)));
        }
    }
    let mut edits = vec![(
        type_node.span,
        ctx.key_text(&replacement, ctx.is_flow(entry.node)),
    )];
    if !fields.is_empty() {
        edits.push(ctx.insert(entry.node, entry.key, entry.parent_flow, &fields)?);
    }
    Some(edits)
}
