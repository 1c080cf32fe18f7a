//! Evaluating `${...}` expressions into the strings and tokens CDK would produce.
//!
//! Resolve and validate have already checked every expression against the schema (heads,
//! attributes, arguments, CDK's attribute errors), so evaluation only computes values; what
//! cannot be computed is reported as an internal error rather than rendered wrongly.

use crate::synth::json::json;

use super::http::{authorization_type, route_arn};
use super::stage::stage_url;
use super::tokens::Str;
use super::websocket::arn_for_execute_api_v2;
use super::{Handle, Synth};
use crate::diagnostic::Diagnostic;
use crate::model::resolve::{AWS_PSEUDO_PARAMETERS, is_builtin};
use crate::model::{Expr, Member, Spanned, Text, TextPart};

/// Evaluates a text: literal parts as they are, expressions as tokens. `None` after reporting
/// an error.
pub fn eval_text(s: &mut Synth, text: &Text) -> Option<Str> {
    let mut out = Str::default();
    for part in &text.parts {
        match part {
            TextPart::Lit(l) => out.push_lit(l),
            TextPart::Expr(e) => out.push(&eval_expr(s, e)?),
        }
    }
    Some(out)
}

/// The value an expression has reached: a string, or a construct whose members may follow.
enum Current {
    Str(Str),
    Handle(Box<Handle>),
}

fn eval_expr(s: &mut Synth, expr: &Expr) -> Option<Str> {
    if is_builtin(expr) {
        return builtin(expr);
    }
    if let Some(index) = s.model.authorizer_named(&expr.head.value) {
        return authorizer_attr(s, index, expr);
    }
    let handle = s.handle(&expr.head.value)?;
    if let Handle::Cfn(_, logical_id) = &handle {
        return Some(cfn_attribute(logical_id, &expr.members));
    }
    let mut current = Current::Handle(Box::new(handle));
    for member in &expr.members {
        current = match current {
            Current::Handle(handle) => member_of(s, &handle, member),
            Current::Str(_) => None,
        }
        .or_else(|| {
            s.diags.push(Diagnostic::error(
                member.name.span,
                format!("internal: cannot evaluate `{}`", member.name.value),
            ));
            None
        })?;
    }
    match current {
        Current::Str(v) => Some(v),
        Current::Handle(_) => {
            s.diags.push(Diagnostic::error(
                expr.span,
                "internal: this expression names a construct, not a value",
            ));
            None
        }
    }
}

/// `authorizer.authorizerId` (the `Ref` of the resource its first route created; validate
/// checked that one did) and `authorizer.authorizationType`.
fn authorizer_attr(s: &mut Synth, index: usize, expr: &Expr) -> Option<Str> {
    let object = s.model.objects.get(index)?;
    let value = match expr.members.as_slice() {
        [m] if m.name.value == "authorizerId" => s
            .bound_authorizers
            .get(&index)
            .map(|node| Str::reference(&s.tree.logical_id(*node))),
        [m] if m.name.value == "authorizationType" => authorization_type(object).map(Str::lit),
        _ => None,
    };
    if value.is_none() {
        s.diags.push(Diagnostic::error(
            expr.span,
            "internal: cannot evaluate this authorizer attribute",
        ));
    }
    value
}

/// An attribute of a `CfnResource`: `ref` is its `Ref`, anything else (`Arn`,
/// `Endpoint.Address`) its `Fn::GetAtt`.
fn cfn_attribute(logical_id: &str, members: &[Member]) -> Str {
    let names: Vec<&str> = members.iter().map(|m| m.name.value.as_str()).collect();
    match names.as_slice() {
        ["ref"] => Str::reference(logical_id),
        _ => Str::get_att(logical_id, &names.join(".")),
    }
}

fn builtin(expr: &Expr) -> Option<Str> {
    let member = expr.members.first()?;
    if expr.head.value == "Fn" {
        let name = member.args.as_ref()?.first()?.as_ref()?;
        return Some(Str::token(json!({ "Fn::ImportValue": &name.value })));
    }
    let (_, pseudo) = AWS_PSEUDO_PARAMETERS
        .iter()
        .find(|(name, _)| *name == member.name.value)?;
    Some(Str::reference(pseudo))
}

fn member_of(s: &mut Synth, handle: &Handle, member: &Member) -> Option<Current> {
    let args = member.args.as_deref().unwrap_or(&[]);
    let arg = |i: usize| {
        args.get(i)
            .and_then(|a| a.as_ref())
            .map(|a| a.value.as_str())
    };
    let value = match (handle, member.name.value.as_str()) {
        (Handle::HttpApi(api), "apiId" | "httpApiId") => api.api_id.clone(),
        (Handle::HttpApi(api), "httpApiName") => api.name.clone(),
        (Handle::HttpApi(api), "apiEndpoint") => api.endpoint.clone(),
        (Handle::HttpApi(api), "defaultStage") => {
            return Some(Current::Handle(Box::new(Handle::Stage(
                api.default_stage.clone()?,
            ))));
        }
        (Handle::HttpApi(api), "url") => stage_url(s, api.default_stage.as_ref()?, "https"),
        (Handle::HttpApi(api), "arnForExecuteApi") => arn_for_execute_api(s, &api.api_id, args),
        (Handle::WebSocketApi(api), "arnForExecuteApi") => {
            arn_for_execute_api(s, &api.api_id, args)
        }
        (Handle::Route(route), "routeArn") => match s.handles.get(&route.api) {
            Some(Handle::HttpApi(api)) => route_arn(s, api, route),
            _ => return None,
        },
        (Handle::Route(route), "routeId") => Str::reference(&s.tree.logical_id(route.resource)),
        (Handle::Route(route), "path") => Str::lit(route.path.clone().unwrap_or_default()),
        (Handle::Route(route), "method") => Str::lit(route.method.clone()),
        (Handle::Stage(stage), "stageName") => stage.name.clone(),
        (Handle::Stage(stage), "url") => {
            stage_url(s, stage, if stage.websocket { "wss" } else { "https" })
        }
        (Handle::Stage(stage), "callbackUrl") if stage.websocket => stage_url(s, stage, "https"),
        (Handle::WebSocketApi(api), "apiId") => api.api_id.clone(),
        (Handle::WebSocketApi(api), "apiEndpoint") => api.endpoint.clone(),
        (Handle::WebSocketApi(api), "webSocketApiName") => api.name.clone(),
        (Handle::WebSocketApi(api), "arnForExecuteApiV2") => {
            arn_for_execute_api_v2(s, api, arg(0), arg(1))
        }
        (Handle::Stage(stage), "domainUrl") => stage.domain_url.clone()?,
        (Handle::Certificate(c), "certificateArn") => c.arn.clone(),
        (Handle::DomainName(d), "name") => d.name.clone(),
        (Handle::DomainName(d), "regionalDomainName") => d.regional_domain_name.clone(),
        (Handle::DomainName(d), "regionalHostedZoneId") => d.regional_hosted_zone_id.clone(),
        (Handle::ApiMapping(m), "apiMappingId") => m.id.clone(),
        (Handle::ApiMapping(m), "domainUrl") => m.domain_url.clone(),
        (Handle::Vpc(v), "vpcId") => v.id.clone(),
        (Handle::Subnet(x), "subnetId") => x.id.clone(),
        (Handle::SecurityGroup(x), "securityGroupId") => x.id.clone(),
        (Handle::Listener(l), "listenerArn") => l.arn.clone(),
        (Handle::LoadBalancer(lb), "loadBalancerArn") => lb.arn.clone(),
        (Handle::LoadBalancer(lb), "loadBalancerDnsName") => lb.dns_name.clone(),
        (Handle::VpcLink(l), "vpcLinkId") => l.id.clone(),
        (Handle::Namespace(n), "namespaceId") => n.id.clone(),
        (Handle::Namespace(n), "namespaceArn") => n.arn.clone(),
        (Handle::Service(x), "serviceArn") => x.id.clone(),
        (Handle::StateMachine(m), "stateMachineArn") => m.arn.clone(),
        (Handle::StateMachine(m), "stateMachineName") => m.name.clone(),
        (Handle::Queue(q), "queueUrl") => q.url.clone(),
        (Handle::Queue(q), "queueArn") => q.arn.clone(),
        (Handle::Queue(q), "queueName") => q.name.clone(),
        (Handle::WebSocketRoute(r), "routeId") => r.id.clone(),
        (Handle::WebSocketRoute(r), "routeKey") => Str::lit(r.key.clone()),
        (Handle::Table(t), "tableName") => t.name.clone(),
        (Handle::Table(t), "tableArn") => t.arn.clone(),
        (Handle::Table(t), "tableStreamArn") => t.stream_arn.clone()?,
        (Handle::EventBus(b), "eventBusName") => b.name.clone(),
        (Handle::EventBus(b), "eventBusArn") => b.arn.clone(),
        (Handle::UserPool(p), "userPoolId") => p.id.clone(),
        (Handle::UserPool(p), "userPoolArn") => p.arn.clone(),
        (Handle::UserPoolClient(c), "userPoolClientId") => c.id.clone(),
        (Handle::User(u), "userArn") => u.arn.clone(),
        (Handle::User(u), "userName") => u.name.clone(),
        (Handle::Role(r), "roleArn") => r.arn.clone(),
        (Handle::Role(r), "roleName") => r.name.clone(),
        (Handle::Alarm(a), "alarmName") => Str::reference(&a.logical_id),
        (Handle::Alarm(a), "alarmArn") => Str::get_att(&a.logical_id, "Arn"),
        (Handle::Bucket(b), "bucketName") => b.name.clone(),
        (Handle::Bucket(b), "bucketArn") => b.arn.clone(),
        (Handle::LogGroup(l), "logGroupName") => l.name.clone(),
        (Handle::LogGroup(l), "logGroupArn") => l.arn.clone(),
        (Handle::Function(f), "functionArn") => f.arn.clone(),
        (Handle::Function(f), "functionName") => f.name.clone(),
        (Handle::ApiKey(k), "keyId") => k.id.clone(),
        (Handle::ApiKey(k), "keyArn") => k.arn.clone(),
        (Handle::UsagePlan(p), "usagePlanId") => p.id.clone(),
        (Handle::HttpAuthorizer(a), "authorizerId") => a.id.clone(),
        (Handle::HttpAuthorizer(a), "authorizerType") => a.ty.clone(),
        _ => return None,
    };
    Some(Current::Str(value))
}

/// `HttpApiHelper.arnForExecuteApi(method, path, stage)`: empty arguments are wildcards, and
/// `ANY` is `*`.
fn arn_for_execute_api(s: &Synth, api_id: &Str, args: &[Option<Spanned<String>>]) -> Str {
    let arg = |i: usize| {
        args.get(i)
            .and_then(|a| a.as_ref())
            .map(|a| a.value.as_str())
    };
    let method = match arg(0) {
        Some(m) if m.eq_ignore_ascii_case("ANY") => "*",
        Some(m) => m,
        None => "*",
    };
    let name = format!(
        "{}/{}{}",
        arg(2).unwrap_or("*"),
        method,
        arg(1).unwrap_or("/*")
    );
    s.env.format_arn("execute-api", api_id, &Str::lit(name))
}
