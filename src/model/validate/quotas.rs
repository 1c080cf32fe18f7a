//! API Gateway and Lambda quotas that CDK lets through and a deployment hits: routes,
//! integrations, stages and authorizers per API, scopes per route, audiences per JWT
//! authorizer, stage variables, the size of a function's resource policy (one Lambda
//! permission per route), and route paths API Gateway rejects (`{proxy+}` not at the end). Warnings, each at the item past the limit, citing it, with a fix.

use crate::hash::HashMap;

use super::stages::stage_options;
use crate::construct::NodeId;
use crate::diagnostic::Diagnostic;
use crate::model::plan::Plan;
use crate::model::{Model, Props, ValueKind};

/// Per-API quotas on the resources the plan holds: type, limit, name, and whether AWS raises
/// it on request.
const API_QUOTAS: &[(&str, usize, &str, bool)] = &[
    ("AWS::ApiGatewayV2::Route", 300, "routes", true),
    ("AWS::ApiGatewayV2::Integration", 300, "integrations", false),
    ("AWS::ApiGatewayV2::Stage", 10, "stages", true),
    ("AWS::ApiGatewayV2::Authorizer", 10, "authorizers", true),
];
/// Authorization scopes per route.
const MAX_SCOPES: usize = 10;
/// Audiences per JWT authorizer.
const MAX_AUDIENCES: usize = 50;
/// Stage variables per stage, and the longest key and value.
const MAX_STAGE_VARIABLES: usize = 100;
const MAX_VARIABLE_KEY: usize = 64;
const MAX_VARIABLE_VALUE: usize = 512;
/// Lambda's limit on a function's resource policy, in bytes.
const POLICY_LIMIT: usize = 20 * 1024;
/// The estimated bytes of one route's permission statement, besides the route's id: the
/// statement's JSON with a function ARN and an execute-api source ARN of usual lengths.
const STATEMENT_BYTES: usize = 640;

/// Routes, integrations, stages and authorizers per API, counted in the planned tree (the
/// resources under each API's construct, and the stage entries that name the API).
pub(super) fn check_api_quotas(model: &Model, plan: &Plan, diags: &mut Vec<Diagnostic>) {
    let tree = &plan.tree;
    let resources = tree.resource_nodes();
    // Each API construct (the parent of an `AWS::ApiGatewayV2::Api` resource `Resource`)
    // and its path.
    let apis: Vec<(NodeId, String)> = resources
        .iter()
        .filter(|n| {
            tree.resource(**n)
                .is_some_and(|r| r.cfn_type == "AWS::ApiGatewayV2::Api")
                && tree.id(**n) == "Resource"
        })
        .filter_map(|n| {
            let api = tree.ancestry(*n).nth(1)?;
            Some((api, tree.path(api)))
        })
        .collect();
    let mut counts: HashMap<(&str, &str), usize> = HashMap::default();
    for node in resources {
        let Some(resource) = tree.resource(node) else {
            continue;
        };
        let Some(&(cfn_type, limit, what, adjustable)) =
            API_QUOTAS.iter().find(|q| q.0 == resource.cfn_type)
        else {
            continue;
        };
        // Below the API's construct, or a stage entry that names the API.
        let below = tree
            .ancestry(node)
            .skip(1)
            .find_map(|a| apis.iter().find(|api| api.0 == a));
        let api = match below {
            Some(api) => Some(api),
            None if cfn_type == "AWS::ApiGatewayV2::Stage" => {
                let owner = api_of_stage(model, &tree.path(node));
                apis.iter().find(|api| owner == Some(api.1.as_str()))
            }
            None => None,
        };
        let Some((_, api)) = api else {
            continue;
        };
        let count = counts.entry((api.as_str(), cfn_type)).or_default();
        *count += 1;
        if *count != limit + 1 {
            continue;
        }
        let Some(span) = plan.span(node) else {
            continue;
        };
        let api_id = api.rsplit('/').next().unwrap_or(api);
        let hint = if adjustable {
            "request a quota increase (Service Quotas) or split the API"
        } else {
            "a hard limit: split the API, or share integrations between routes"
        };
        diags.push(
            Diagnostic::warning(
                span,
                format!(
                    "API Gateway allows {limit} {what} per API: this is {what} number {} of `{api_id}`",
                    limit + 1
                ),
            )
            .with_hint(hint),
        );
    }
}

/// The API of a stage entry (`type: HttpStage` with `httpApi`), from its resource's path.
fn api_of_stage<'m>(model: &'m Model, resource_path: &str) -> Option<&'m str> {
    let entry = resource_path.strip_suffix("/Resource")?;
    let construct = model.constructs.iter().find(|c| c.path.value == entry)?;
    ["httpApi", "webSocketApi"].iter().find_map(|name| {
        match construct.props.get(name).map(|v| &v.kind) {
            Some(ValueKind::Construct(api)) => Some(api.as_str()),
            _ => None,
        }
    })
}

/// Scopes per route, audiences per JWT authorizer, stage variables, and route paths whose
/// greedy variable (`{proxy+}`) is not the last segment (API Gateway rejects the route key).
pub(super) fn check_value_quotas(model: &Model, diags: &mut Vec<Diagnostic>) {
    for construct in &model.constructs {
        for call in &construct.calls {
            check_greedy_path(&call.args, diags);
            check_list(
                &call.args,
                "authorizationScopes",
                MAX_SCOPES,
                "scopes per route",
                diags,
            );
        }
        check_list(
            &construct.props,
            "defaultAuthorizationScopes",
            MAX_SCOPES,
            "scopes per route",
            diags,
        );
    }
    for object in &model.objects {
        check_list(
            &object.props,
            "jwtAudience",
            MAX_AUDIENCES,
            "audiences per JWT authorizer",
            diags,
        );
    }
    for options in stage_options(model) {
        let Some(ValueKind::Map(variables)) = options.get("stageVariables").map(|v| &v.kind) else {
            continue;
        };
        if let Some((key, _)) = variables.get(MAX_STAGE_VARIABLES) {
            diags.push(
                Diagnostic::warning(
                    key.span,
                    format!("API Gateway allows {MAX_STAGE_VARIABLES} stage variables per stage"),
                )
                .with_hint("keep settings that many in a parameter store, not in stage variables"),
            );
        }
        for (key, value) in variables {
            let key_ok = (1..=MAX_VARIABLE_KEY).contains(&key.value.len())
                && key
                    .value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !key_ok {
                diags.push(
                    Diagnostic::warning(
                        key.span,
                        format!(
                            "API Gateway rejects the stage variable name `{}`",
                            key.value
                        ),
                    )
                    .with_hint(format!(
                        "names hold letters, digits and `_`, at most {MAX_VARIABLE_KEY} characters"
                    )),
                );
            }
            let ValueKind::Text(text) = &value.kind else {
                continue;
            };
            let Some(literal) = text.as_literal() else {
                continue;
            };
            let value_ok = literal.chars().count() <= MAX_VARIABLE_VALUE
                && literal
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#&=,".contains(c));
            if !value_ok {
                diags.push(
                    Diagnostic::warning(value.span, "API Gateway rejects this stage variable value")
                        .with_hint(format!(
                            "values hold letters, digits and `-._~:/?#&=,`, at most {MAX_VARIABLE_VALUE} characters"
                        )),
                );
            }
        }
    }
}

/// A route path with a greedy variable before its last segment.
fn check_greedy_path(args: &Props, diags: &mut Vec<Diagnostic>) {
    let Some(value) = args.get("path") else {
        return;
    };
    let Some(path) = value.literal_text() else {
        return;
    };
    // A greedy segment before the last one (`rsplit_once` leaves the last segment out).
    let before_last = path.rsplit_once('/').map_or("", |(before, _)| before);
    let greedy = |s: &&str| s.starts_with('{') && s.ends_with("+}");
    if let Some(segment) = before_last.split('/').find(greedy) {
        diags.push(
            Diagnostic::warning(
                value.span,
                format!("API Gateway rejects the route path `{path}`: the greedy variable `{segment}` must be its last segment"),
            )
            .with_hint(format!("end the path at `{segment}`, or make it a plain variable (`{{{}}}`)", segment.trim_matches(['{', '}', '+']))),
        );
    }
}

/// A list prop longer than `limit`: a warning at its first item past the limit.
fn check_list(props: &Props, name: &str, limit: usize, what: &str, diags: &mut Vec<Diagnostic>) {
    let Some(ValueKind::List(items)) = props.get(name).map(|v| &v.kind) else {
        return;
    };
    if let Some(past) = items.get(limit) {
        diags.push(
            Diagnostic::warning(
                past.span,
                format!(
                    "API Gateway allows {limit} {what}: `{name}` has {}",
                    items.len()
                ),
            )
            .with_hint(format!("keep at most {limit}")),
        );
    }
}

/// The resource policy of a function that many routes invoke: Lambda refuses one over 20 KB
/// (`PolicyLengthExceededException`), and each route adds its own permission. Warned at the
/// integration of the permission that takes the estimate past 90% of the limit, with the fix
/// `scopePermissionToRoute: false` (one permission per API instead). `text` is the file's.
pub(super) fn check_policy_size(
    model: &Model,
    plan: &Plan,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut sizes: HashMap<&str, usize> = HashMap::default();
    for permission in &plan.permissions {
        let size = sizes.entry(permission.function.as_str()).or_default();
        let before = *size;
        *size += STATEMENT_BYTES + permission.route.len();
        let threshold = POLICY_LIMIT * 9 / 10;
        if before > threshold || *size <= threshold {
            continue;
        }
        let mut d = Diagnostic::warning(
            permission.integration,
            format!(
                "`{}`'s resource policy reaches about {} KB of Lambda's 20 KB with one permission per route: deploying more routes fails with PolicyLengthExceededException",
                permission.function,
                *size / 1024
            ),
        )
        .with_hint("`scopePermissionToRoute: false` gives the function one permission for the whole API");
        if let Some(object) = model
            .objects
            .iter()
            .find(|o| o.props.span == permission.integration)
            && let Some((at, insert)) = insertion(&object.props, text)
        {
            d = d.with_fix(
                "Add `scopePermissionToRoute: false`",
                crate::syntax::Span::new(at, at),
                insert,
            );
        }
        diags.push(d);
    }
}

/// Where and what to insert to add `scopePermissionToRoute: false` to a mapping, flow or block.
fn insertion(props: &Props, text: &str) -> Option<(usize, String)> {
    let last = props.items.last()?;
    let at = last.value.span.end;
    if text.as_bytes().get(props.span.start) == Some(&b'{') {
        return Some((at, ", scopePermissionToRoute: false".into()));
    }
    let line_start = text
        .get(..props.span.start)?
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = props.span.start - line_start;
    Some((
        at,
        format!("\n{}scopePermissionToRoute: false", " ".repeat(indent)),
    ))
}
