//! `WebSocketAwsIntegration`: what API Gateway rejects or cannot do that CDK lets through (an
//! integration URI that is not an AWS service action or path, a credentials role API Gateway
//! cannot assume).

use crate::diagnostic::Diagnostic;
use crate::model::expr::TextPart;
use crate::model::{Model, Object, ValueKind};

/// The checks on a `WebSocketAwsIntegration`.
pub(super) fn check(model: &Model, object: &Object, diags: &mut Vec<Diagnostic>) {
    if object.ty.name != "WebSocketAwsIntegration" {
        return;
    }
    check_uri(object, diags);
    check_role(model, object, diags);
}

/// `integrationUri` must be `arn:<partition>:apigateway:<region>:<service>:action/<Action>` or
/// `...:path/<path>`; expressions stand for whatever they render.
fn check_uri(object: &Object, diags: &mut Vec<Diagnostic>) {
    let Some(value) = object.props.get("integrationUri") else {
        return;
    };
    let ValueKind::Text(text) = &value.kind else {
        return;
    };
    // A URI that is one expression (an import, an attribute) cannot be checked.
    if matches!(text.parts.as_slice(), [TextPart::Expr(_)]) {
        return;
    }
    let shape: String = text
        .parts
        .iter()
        .map(|part| match part {
            TextPart::Lit(s) => s.as_str(),
            TextPart::Expr(_) => "X",
        })
        .collect();
    if is_service_uri(&shape) {
        return;
    }
    let hint = if shape.contains(":lambda:") && !shape.contains(":apigateway:") {
        "a Lambda function is integrated with `WebSocketLambdaIntegration`"
    } else if shape.starts_with("http://") || shape.starts_with("https://") {
        "an HTTP backend is not an AWS integration; this format has no WebSocket HTTP integration"
    } else {
        "write `arn:aws:apigateway:${Aws.REGION}:dynamodb:action/PutItem` (an action) or \
         `arn:aws:apigateway:${Aws.REGION}:s3:path/bucket/key` (a path)"
    };
    diags.push(
        Diagnostic::warning(
            value.span,
            "API Gateway rejects this integration URI: an AWS integration calls \
             `arn:<partition>:apigateway:<region>:<service>:action/<Action>` or `...:path/<path>`",
        )
        .with_hint(hint),
    );
}

/// Whether `uri` (expressions as `X`) has the shape of an AWS service action or path URI.
fn is_service_uri(uri: &str) -> bool {
    let fields: Vec<&str> = uri.splitn(6, ':').collect();
    let [arn, partition, service, region, target, rest] = fields.as_slice() else {
        return false;
    };
    *arn == "arn"
        && !partition.is_empty()
        && *service == "apigateway"
        && !region.is_empty()
        && !target.is_empty()
        && ["action/", "path/"]
            .iter()
            .any(|kind| rest.strip_prefix(kind).is_some_and(|x| !x.is_empty()))
}

/// A `credentialsRole` whose trust policy names another service: API Gateway cannot assume it
/// and every call of the integration fails.
fn check_role(model: &Model, object: &Object, diags: &mut Vec<Diagnostic>) {
    let Some(value) = object.props.get("credentialsRole") else {
        return;
    };
    let ValueKind::Construct(path) = &value.kind else {
        return;
    };
    let Some(role) = model.construct(path).filter(|r| r.import.is_none()) else {
        return;
    };
    let Some(ValueKind::Factory(factory, arg)) = role.props.get("assumedBy").map(|v| &v.kind)
    else {
        return;
    };
    let ValueKind::Text(service) = &arg.kind else {
        return;
    };
    let Some(service) = service.as_literal() else {
        return;
    };
    if factory.name == "ServicePrincipal" && service != "apigateway.amazonaws.com" {
        diags.push(
            Diagnostic::warning(
                value.span,
                format!("API Gateway cannot assume `{path}`: its trust policy names `{service}`"),
            )
            .with_related(role.path.span, "the role is defined here")
            .with_hint("give the role `assumedBy: { ServicePrincipal: apigateway.amazonaws.com }`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::is_service_uri;

    #[test]
    fn service_uris() {
        assert!(is_service_uri(
            "arn:aws:apigateway:X:dynamodb:action/PutItem"
        ));
        assert!(is_service_uri(
            "arn:aws:apigateway:us-east-1:s3:path/bucket/key"
        ));
        assert!(!is_service_uri("arn:aws:lambda:us-east-1:1:function:f"));
        assert!(!is_service_uri("arn:aws:apigateway:X:dynamodb:PutItem"));
        assert!(!is_service_uri("arn:aws:apigateway:X:dynamodb:action/"));
        assert!(!is_service_uri("https://example.com"));
    }
}
