//! Usage plans and API keys: CDK's checks of throttle and quota settings, and warnings for what
//! API Gateway rejects, what leaks a secret or what has no effect: short or written-out key
//! values, negative limits, offsets outside the quota period, plans and key-requiring routes on
//! WebSocket APIs without a key selection expression, grants CDK drops (to imported functions,
//! to roles of other accounts), logical IDs CloudFormation rejects (`overrideLogicalId`). Also
//! the route key of a `WebSocketRoute` entry, which must be written out.

use crate::diagnostic::Diagnostic;
use crate::model::plan::role_is_mutable;
use crate::model::{Construct, Model, Props, Value, ValueKind};

/// The checks on one entry of this family (and the key requirements of WebSocket routes).
pub(super) fn check_construct(model: &Model, construct: &Construct, diags: &mut Vec<Diagnostic>) {
    let Some(ty) = construct.ty else {
        return;
    };
    match ty.name {
        "UsagePlan" => plan_settings(model, &construct.props, diags),
        "RateLimitedApiKey" => {
            key_value(&construct.props, diags);
            plan_settings(model, &construct.props, diags);
        }
        "ApiKey" => key_value(&construct.props, diags),
        "WebSocketApi" => websocket_routes(model, construct, diags),
        "WebSocketRoute" => {
            if let Some(key) = construct.props.get("routeKey")
                && matches!(&key.kind, ValueKind::Text(t) if t.as_literal().is_none())
            {
                diags.push(
                    Diagnostic::error(
                        key.span,
                        "the route key must be written out, without `${...}`",
                    )
                    .with_hint("the route key names the route's construct and its permission"),
                );
            }
            if let Some(ValueKind::Construct(api)) =
                construct.props.get("webSocketApi").map(|v| &v.kind)
                && let Some(api) = model.construct(api)
            {
                key_required(api, &construct.props, diags);
            }
        }
        _ => {}
    }
}

/// The calls of this family on any entry: stages added to plans, key grants.
pub(super) fn check_calls(model: &Model, diags: &mut Vec<Diagnostic>) {
    for construct in &model.constructs {
        let target = model.construct(&construct.path.value);
        let imported_plan = target
            .is_some_and(|t| t.import.is_some() && t.ty.is_some_and(|ty| ty.name == "UsagePlan"));
        for call in &construct.calls {
            match call.method.name {
                "addApiStage" if imported_plan => diags.push(
                    Diagnostic::error(call.span, "an imported UsagePlan has no `addApiStage`")
                        .with_hint("stages of an imported plan are managed where it is defined"),
                ),
                "addApiStage" => api_stage(model, &call.args, diags),
                "addApiKey" => override_logical_id(&call.args, diags),
                "grantRead" | "grantWrite" | "grantReadWrite" | "grantInvoke" => {
                    imported_function_grantee(model, &call.args, "grantee", false, diags)
                }
                "grantReadData" | "grantWriteData" | "grantReadWriteData" | "grantFullAccess" => {
                    // An owned table puts a grant to another account in its resource policy.
                    let owned_table = target.is_some_and(|t| t.import.is_none());
                    imported_function_grantee(model, &call.args, "grantee", owned_table, diags)
                }
                "grantManageConnections" | "grantManagementApiAccess" => {
                    imported_function_grantee(model, &call.args, "identity", false, diags)
                }
                _ => {}
            }
        }
    }
}

fn number(value: Option<&Value>) -> Option<(f64, &Value)> {
    let value = value?;
    match value.kind {
        ValueKind::Number(n) => Some((n, value)),
        _ => None,
    }
}

/// `throttle` and `quota` of a plan, and its `apiStages`.
fn plan_settings(model: &Model, props: &Props, diags: &mut Vec<Diagnostic>) {
    if let Some(ValueKind::Struct(throttle)) = props.get("throttle").map(|v| &v.kind) {
        // CDK's `validateInteger`: a value of 0 passes.
        if let Some((n, v)) = number(throttle.get("burstLimit"))
            && n != 0.0
            && n.fract() != 0.0
        {
            diags.push(Diagnostic::error(
                v.span,
                "Throttle burst limit should be an integer",
            ));
        }
        for name in ["burstLimit", "rateLimit"] {
            negative(throttle.get(name), name, diags);
        }
    }
    if let Some(ValueKind::Struct(quota)) = props.get("quota").map(|v| &v.kind) {
        if let Some((n, v)) = number(quota.get("limit"))
            && n != 0.0
            && n.fract() != 0.0
        {
            diags.push(Diagnostic::error(
                v.span,
                "Throttle quota limit should be an integer",
            ));
        }
        negative(quota.get("limit"), "limit", diags);
        quota_offset(quota, diags);
    }
    if let Some(ValueKind::List(items)) = props.get("apiStages").map(|v| &v.kind) {
        for item in items {
            if let ValueKind::Struct(api_stage) = &item.kind {
                self::api_stage(model, api_stage, diags);
            }
        }
    }
}

fn negative(value: Option<&Value>, name: &str, diags: &mut Vec<Diagnostic>) {
    if let Some((n, v)) = number(value)
        && n < 0.0
    {
        diags.push(Diagnostic::warning(
            v.span,
            format!("API Gateway rejects a negative `{name}` when it deploys the usage plan"),
        ));
    }
}

/// The quota's `offset`: a whole number of days into the period (0 for `DAY`, 0 to 6 for
/// `WEEK`), which API Gateway checks at deploy.
fn quota_offset(quota: &Props, diags: &mut Vec<Diagnostic>) {
    let Some((offset, v)) = number(quota.get("offset")) else {
        return;
    };
    let period = match quota.get("period").map(|p| &p.kind) {
        Some(ValueKind::Member(m)) => Some(m.name),
        _ => None,
    };
    let max = match period {
        Some("DAY") => Some(0.0),
        Some("WEEK") => Some(6.0),
        _ => None,
    };
    let bad = offset.fract() != 0.0 || offset < 0.0 || max.is_some_and(|m| offset > m);
    if bad {
        let range = match (period, max) {
            (Some(p), Some(m)) if m > 0.0 => format!("from 0 to {m} for `{p}`"),
            (Some(p), Some(_)) => format!("0 for `{p}`"),
            _ => "a whole number of days, from 0".into(),
        };
        diags.push(
            Diagnostic::warning(
                v.span,
                format!("API Gateway rejects this quota offset at deploy: it must be {range}"),
            )
            .with_hint("the offset is the day the quota period starts"),
        );
    }
}

/// An API key's `value`: API Gateway rejects values under 20 characters, and a value written
/// in the file is a secret in source control.
fn key_value(props: &Props, diags: &mut Vec<Diagnostic>) {
    let Some(value) = props.get("value") else {
        return;
    };
    let ValueKind::Text(text) = &value.kind else {
        return;
    };
    let Some(literal) = text.as_literal() else {
        return;
    };
    if literal.chars().count() < 20 {
        diags.push(Diagnostic::warning(
            value.span,
            format!(
                "API Gateway rejects an API key value under 20 characters at deploy (this one has {})",
                literal.chars().count()
            ),
        ));
    }
    diags.push(
        Diagnostic::warning(
            value.span,
            "this API key value is written in the file: a secret in source control",
        )
        .with_hint(
            "omit `value` to let API Gateway generate one, or take it from outside the file \
             (`${Fn.importValue(...)}`)",
        ),
    );
}

/// The WebSocket API a `UsagePlanPerApiStage` names (its `api`, or its stage's API), when it
/// is an owned API without `apiKeySelectionExpression`: API Gateway never reads keys there.
fn api_stage(model: &Model, api_stage: &Props, diags: &mut Vec<Diagnostic>) {
    let path_of = |name: &str| match api_stage.get(name).map(|v| (&v.kind, v.span)) {
        Some((ValueKind::Construct(path), span)) => Some((path.clone(), span)),
        _ => None,
    };
    let api = path_of("api").or_else(|| {
        let (stage, span) = path_of("stage")?;
        match &model.construct(&stage)?.props.get("webSocketApi")?.kind {
            ValueKind::Construct(api) => Some((api.clone(), span)),
            _ => None,
        }
    });
    let Some((api, span)) = api else {
        return;
    };
    let Some(entry) = model.construct(&api) else {
        return;
    };
    if entry.import.is_none()
        && entry.ty.is_some_and(|t| t.name == "WebSocketApi")
        && entry.props.get("apiKeySelectionExpression").is_none()
    {
        diags.push(
            Diagnostic::warning(
                span,
                format!(
                    "`{api}` has no `apiKeySelectionExpression`: API Gateway reads no API key, so this usage plan never applies"
                ),
            )
            .with_related(entry.path.span, "the API is defined here")
            .with_hint("add `apiKeySelectionExpression: HEADER_X_API_KEY` to the API"),
        );
    }
}

/// Routes of a WebSocket API that require an API key the API never reads.
fn websocket_routes(model: &Model, api: &Construct, diags: &mut Vec<Diagnostic>) {
    if api.import.is_some() || api.props.get("apiKeySelectionExpression").is_some() {
        return;
    }
    let mut routes: Vec<&Props> = [
        "connectRouteOptions",
        "disconnectRouteOptions",
        "defaultRouteOptions",
    ]
    .iter()
    .filter_map(|name| match api.props.get(name).map(|v| &v.kind) {
        Some(ValueKind::Struct(options)) => Some(options),
        _ => None,
    })
    .collect();
    routes.extend(
        model
            .calls_on(&api.path.value)
            .filter(|c| c.method.name == "addRoute")
            .map(|c| &c.args),
    );
    for route in routes {
        key_required(api, route, diags);
    }
}

/// A route of `api` with `apiKeyRequired: true` when the API reads no key.
fn key_required(api: &Construct, route: &Props, diags: &mut Vec<Diagnostic>) {
    if api.import.is_some() || api.props.get("apiKeySelectionExpression").is_some() {
        return;
    }
    if let Some(required) = route.prop("apiKeyRequired")
        && matches!(required.value.kind, ValueKind::Bool(true))
    {
        diags.push(
            Diagnostic::warning(
                required.key_span,
                format!(
                    "`{}` has no `apiKeySelectionExpression`: API Gateway cannot read the key this route requires",
                    api.path.value
                ),
            )
            .with_related(api.path.span, "the API is defined here")
            .with_hint("add `apiKeySelectionExpression: HEADER_X_API_KEY` to the API"),
        );
    }
}

/// A grant CDK drops: to an imported function (CDK knows no role of it) or to a role of
/// another account (imported immutable), unless the resource has a policy of its own
/// (`resource_policy`: an owned DynamoDB table).
fn imported_function_grantee(
    model: &Model,
    args: &Props,
    param: &str,
    resource_policy: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(value) = args.get(param) else {
        return;
    };
    let ValueKind::Construct(path) = &value.kind else {
        return;
    };
    let Some(entry) = model.construct(path) else {
        return;
    };
    if !resource_policy
        && entry.ty.is_some_and(|t| t.name == "Role")
        && !role_is_mutable(model, entry)
    {
        diags.push(
            Diagnostic::warning(
                value.span,
                format!(
                    "`{path}` is a role of another account: CDK imports it immutable, so this grant adds nothing"
                ),
            )
            .with_hint("grant in the role's own account, or fix the account in its ARN"),
        );
    }
    if entry.import.is_some() && entry.ty.is_some_and(|t| t.name == "Function") {
        diags.push(
            Diagnostic::warning(
                value.span,
                format!(
                    "`{path}` is imported: CDK knows no role of it, so this grant adds nothing"
                ),
            )
            .with_hint("grant to the function's role instead (an imported `Role` entry)"),
        );
    }
}

/// `overrideLogicalId` of `addApiKey`: written out, and alphanumeric as CloudFormation requires.
fn override_logical_id(args: &Props, diags: &mut Vec<Diagnostic>) {
    let Some(value) = args.get("overrideLogicalId") else {
        return;
    };
    let ValueKind::Text(text) = &value.kind else {
        return;
    };
    match text.as_literal() {
        None => diags.push(Diagnostic::error(
            value.span,
            "the logical ID must be written out, without `${...}`",
        )),
        Some(id) if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric()) => {
            let fixed: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
            let mut d = Diagnostic::warning(
                value.span,
                "CloudFormation rejects a logical ID that is not alphanumeric (A-Z, a-z, 0-9)",
            );
            if !fixed.is_empty() {
                d = d.with_fix("Keep the letters and digits", value.span, fixed);
            }
            diags.push(d);
        }
        Some(id) if id.len() > 255 => diags.push(Diagnostic::warning(
            value.span,
            "CloudFormation rejects a logical ID longer than 255 characters",
        )),
        Some(_) => {}
    }
}
