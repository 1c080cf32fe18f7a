//! API Gateway's `$context` variables: what access log formats and parameter mappings can
//! read. The language server completes them; validate warns about names not in the list.

/// API Gateway's `$context` variables usable in access log formats and parameter mappings,
/// with a short doc each.
pub static CONTEXT_VARIABLES: &[(&str, &str)] = &[
    ("requestId", "The ID API Gateway assigns to the request."),
    (
        "extendedRequestId",
        "The same as `requestId` for HTTP APIs (the extended ID of REST APIs).",
    ),
    ("accountId", "The API owner's AWS account ID."),
    ("apiId", "The ID API Gateway assigns to the API."),
    ("stage", "The stage the request was made to."),
    (
        "routeKey",
        "The route the request matched (`GET /pets`, `$default`).",
    ),
    ("httpMethod", "The request's HTTP method."),
    ("path", "The request path (`/prod/pets`)."),
    ("protocol", "The request protocol (`HTTP/1.1`)."),
    ("status", "The response status code."),
    ("responseLength", "The response payload length in bytes."),
    ("responseLatency", "The response latency in milliseconds."),
    (
        "requestTime",
        "The request time in CLF format (`dd/MMM/yyyy:HH:mm:ss +-hhmm`).",
    ),
    (
        "requestTimeEpoch",
        "The request time in epoch milliseconds.",
    ),
    ("domainName", "The full domain name used to invoke the API."),
    ("domainPrefix", "The first label of `domainName`."),
    (
        "identity.sourceIp",
        "The source IP address of the TCP connection.",
    ),
    ("identity.userAgent", "The caller's `User-Agent` header."),
    (
        "identity.accountId",
        "The caller's AWS account ID (IAM authorization).",
    ),
    (
        "identity.caller",
        "The principal identifier of the caller that signed the request (IAM authorization).",
    ),
    (
        "identity.user",
        "The principal identifier of the user (IAM authorization).",
    ),
    (
        "identity.userArn",
        "The ARN of the user after authentication (IAM authorization).",
    ),
    ("error.message", "The API Gateway error message."),
    (
        "error.messageString",
        "The quoted value of `error.message` (JSON-safe).",
    ),
    (
        "error.responseType",
        "The gateway response type of the error.",
    ),
    (
        "authorizer.error",
        "The error message an authorizer returned.",
    ),
    (
        "authorizer.principalId",
        "The principal ID a Lambda authorizer returned.",
    ),
    (
        "integration.error",
        "The error message an integration returned.",
    ),
    (
        "integration.integrationStatus",
        "For a Lambda proxy integration, the status code Lambda returned.",
    ),
    (
        "integration.latency",
        "The integration latency in milliseconds.",
    ),
    (
        "integration.requestId",
        "The request ID of the AWS endpoint behind the integration.",
    ),
    (
        "integration.status",
        "The status code the integration returned.",
    ),
    (
        "integrationErrorMessage",
        "The integration's error message.",
    ),
    (
        "integrationLatency",
        "The integration latency in milliseconds.",
    ),
    (
        "integrationStatus",
        "For a Lambda proxy integration, the status code Lambda returned.",
    ),
    (
        "awsEndpointRequestId",
        "The request ID of the AWS endpoint (`x-amz-request-id`).",
    ),
    (
        "customDomain.basePathMatched",
        "The API mapping path a request to a custom domain matched.",
    ),
    ("dataProcessed", "The amount of data processed, in bytes."),
    ("connectionId", "WebSocket: the connection's ID."),
    (
        "connectedAt",
        "WebSocket: the connection time, in epoch milliseconds.",
    ),
    (
        "eventType",
        "WebSocket: `CONNECT`, `MESSAGE` or `DISCONNECT`.",
    ),
    ("messageId", "WebSocket: the message's ID."),
    (
        "resourcePath",
        "The request's resource path (REST APIs; CDK's CLF format logs it).",
    ),
    (
        "awsEndpointRequestId2",
        "The extended request ID of the AWS endpoint (`x-amz-id-2`).",
    ),
    (
        "authorizer.claims.",
        "A claim of the JWT the authorizer validated: `$context.authorizer.claims.<name>`.",
    ),
    (
        "authorizer.integrationStatus",
        "The status code a Lambda authorizer returned.",
    ),
    (
        "authorizer.integrationLatency",
        "The Lambda authorizer's latency in milliseconds.",
    ),
    (
        "authorizer.latency",
        "The authorizer's latency in milliseconds.",
    ),
    (
        "authorizer.requestId",
        "The request ID of the authorizer's AWS endpoint.",
    ),
    (
        "authorizer.status",
        "The status code the authorizer returned.",
    ),
    (
        "identity.cognitoAuthenticationProvider",
        "The Amazon Cognito authentication providers of the caller.",
    ),
    (
        "identity.cognitoAuthenticationType",
        "The Amazon Cognito authentication type (`authenticated`, `unauthenticated`).",
    ),
    (
        "identity.cognitoIdentityId",
        "The caller's Amazon Cognito identity ID.",
    ),
    (
        "identity.cognitoIdentityPoolId",
        "The Amazon Cognito identity pool ID of the caller.",
    ),
    (
        "identity.principalOrgId",
        "The AWS organization ID of the caller (IAM authorization).",
    ),
    (
        "identity.clientCert.clientCertPem",
        "Mutual TLS: the PEM-encoded client certificate.",
    ),
    (
        "identity.clientCert.subjectDN",
        "Mutual TLS: the distinguished name of the certificate's subject.",
    ),
    (
        "identity.clientCert.issuerDN",
        "Mutual TLS: the distinguished name of the certificate's issuer.",
    ),
    (
        "identity.clientCert.serialNumber",
        "Mutual TLS: the certificate's serial number.",
    ),
    (
        "identity.clientCert.validity.notBefore",
        "Mutual TLS: the date before which the certificate is invalid.",
    ),
    (
        "identity.clientCert.validity.notAfter",
        "Mutual TLS: the date after which the certificate is invalid.",
    ),
    (
        "disconnectStatusCode",
        "WebSocket: the close status code of a disconnection.",
    ),
    (
        "disconnectReason",
        "WebSocket: the reason of a disconnection.",
    ),
];

/// Whether `name` (what follows `$context.`) is one of API Gateway's variables: a listed name,
/// or a value a Lambda authorizer returned (`authorizer.<key>`, `authorizer.claims.<claim>`).
pub fn is_context_variable(name: &str) -> bool {
    name.starts_with("authorizer.") && name.len() > "authorizer.".len()
        || CONTEXT_VARIABLES.iter().any(|(known, _)| *known == name)
}
