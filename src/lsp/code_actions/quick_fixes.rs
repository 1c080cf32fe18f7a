//! Quick fixes for one diagnostic: the fix it carries, "Add missing prop `x`", and "Create
//! construct `X`" / "Create integration `X`" for an unknown reference.

use tower_lsp_server::ls_types::{CodeAction, CodeActionKind, Uri};

use super::action;
use super::context::Ctx;
use super::edits::Edit;
use crate::diagnostic::Diagnostic;
use crate::model::schema;
use crate::model::schema::{Kind, Role};
use crate::syntax::Span;

/// The quick fixes of one diagnostic; the only one is preferred.
pub(super) fn quick_fixes(ctx: &Ctx, uri: &Uri, d: &Diagnostic) -> Vec<CodeAction> {
    let mut fixes: Vec<(String, Vec<Edit>)> = Vec::new();
    if let Some(fix) = &d.fix {
        fixes.push((fix.title.clone(), vec![(fix.span, fix.replacement.clone())]));
    }
    if let Some(name) = quoted_after(&d.message, "missing required prop `") {
        fixes.extend(add_missing_prop(ctx, d.span, name));
    }
    if let Some(id) = exactly_quoted(&d.message, "unknown construct `") {
        fixes.extend(create_missing(ctx, d.span, id, Role::Construct));
    }
    for role in [Role::Integration, Role::Authorizer] {
        let prefix = format!("unknown {} `", role.noun());
        if let Some(id) = exactly_quoted(&d.message, &prefix) {
            fixes.extend(create_missing(ctx, d.span, id, role));
        }
    }
    let preferred = fixes.len() == 1;
    fixes
        .into_iter()
        .map(|(title, edits)| {
            let mut a = action(ctx.a, uri, title, CodeActionKind::QUICKFIX, edits, Some(d));
            a.is_preferred = preferred.then_some(true);
            a
        })
        .collect()
}

/// The text between `prefix` and the next backquote.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message
        .strip_prefix(prefix)?
        .split_once('`')
        .map(|(s, _)| s)
}

/// The text between `prefix` and a closing backquote that ends the message.
fn exactly_quoted<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let s = message.strip_prefix(prefix)?.strip_suffix('`')?;
    (!s.contains('`')).then_some(s)
}

/// "Add missing prop `x`": into the mapping whose owner the diagnostic points at.
fn add_missing_prop(ctx: &Ctx, owner: Span, name: &str) -> Option<(String, Vec<Edit>)> {
    let (scope, def) = ctx.scopes.iter().find_map(|s| {
        let def = s.takes(name).filter(|d| d.required)?;
        (s.owner == owner && !s.has(name)).then_some((s, def))
    })?;
    let value = ctx.placeholder(def.name, &def.kind);
    let edit = ctx.insert(
        scope.node,
        scope.key,
        scope.parent_flow,
        &[(def.name.to_string(), value)],
    )?;
    Some((format!("Add missing prop `{name}`"), vec![edit]))
}

/// "Create construct `X`" / "Create integration `X`", one per type the reference accepts.
fn create_missing(ctx: &Ctx, at: Span, id: &str, role: Role) -> Vec<(String, Vec<Edit>)> {
    if id.is_empty() || (role == Role::Construct && id.contains('/')) {
        return Vec::new();
    }
    let types: &[&str] = match ctx.kind_at(at) {
        Some(Kind::Construct(types)) if role == Role::Construct => types,
        Some(Kind::Object(types)) if role.is_object() => types,
        _ => return Vec::new(),
    };
    let Some(section) = role.section() else {
        return Vec::new();
    };
    types
        .iter()
        .filter_map(|name| {
            // Objects CDK gives no id are written inline, never under their section; a
            // construct an object prop accepts (an imported `HttpAuthorizer`) is no object.
            let ty = schema::find_type(name).filter(|t| t.keyed && t.role == role)?;
            let edit = ctx.add_to_section(section, id, ctx.new_entry(ty))?;
            Some((
                format!("Create {} `{id}` ({})", role.noun(), ty.name),
                vec![edit],
            ))
        })
        .collect()
}
