//! The guard rails CDK does not have: API Gateway and Lambda quotas and values a deployment
//! rejects, each a warning at the item past the limit (its range checked), citing the limit.

use apigw_lsp::check::check_text;
use apigw_lsp::diagnostic::Diagnostic;

/// The warnings whose message contains `words`, with the text each one's range covers.
fn warnings<'t>(text: &'t str, words: &str) -> Vec<(&'t str, Diagnostic)> {
    check_text(text)
        .diagnostics
        .into_iter()
        .filter(|d| d.message.contains(words))
        .map(|d| (&text[d.span.start..d.span.end], d))
        .collect()
}

/// The line a diagnostic starts on.
fn line_of<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    let start = text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[d.span.start..]
        .find('\n')
        .map_or(text.len(), |i| d.span.start + i);
    &text[start..end]
}

fn routes(n: usize, integration: impl Fn(usize) -> String) -> String {
    (0..n)
        .map(|i| {
            format!(
                "      - {{ path: /r{i}, methods: [GET], integration: {} }}\n",
                integration(i)
            )
        })
        .collect()
}

#[test]
fn routes_and_integrations_per_api() {
    let text = format!(
        "integrations:\n  I: {{ type: HttpUrlIntegration, url: https://x.example.com }}\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n{}",
        routes(301, |_| "I".into())
    );
    let w = warnings(&text, "routes per API");
    assert_eq!(w.len(), 1, "{w:?}");
    // The route's method, on the 301st route's line.
    assert_eq!(w[0].0, "GET");
    assert!(line_of(&text, &w[0].1).contains("/r300"));
    assert!(
        w[0].1
            .message
            .contains("API Gateway allows 300 routes per API")
    );
    assert!(warnings(&text, "integrations per API").is_empty());
    // One integration per route: 301 integrations, a hard limit.
    let text = format!(
        "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n{}",
        routes(301, |i| format!(
            "{{ type: HttpUrlIntegration, id: I{i}, url: https://x.example.com }}"
        ))
    );
    let w = warnings(&text, "integrations per API");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(line_of(&text, &w[0].1).contains("/r300"), "{}", w[0].0);
    assert!(w[0].1.hint.as_deref().unwrap_or("").contains("hard limit"));
}

#[test]
fn stages_and_authorizers_per_api() {
    let stages: String = (0..10)
        .map(|i| format!("  S{i}: {{ type: HttpStage, httpApi: Api, stageName: s{i} }}\n"))
        .collect();
    let text = format!("constructs:\n  Api: {{ type: HttpApi }}\n{stages}");
    let w = warnings(&text, "stages per API");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "S9", "the default stage and nine entries are ten");

    let authorizers: String = (0..11)
        .map(|i| format!("  A{i}: {{ type: HttpJwtAuthorizer, jwtIssuer: https://i.example.com, jwtAudience: [a] }}\n"))
        .collect();
    let text = format!(
        "authorizers:\n{authorizers}integrations:\n  I: {{ type: HttpUrlIntegration, url: https://x.example.com }}\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n{}",
        routes(11, |i| format!("I, authorizer: A{i}"))
    );
    let w = warnings(&text, "authorizers per API");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].0.contains("A10"), "{}", w[0].0);
}

#[test]
fn scopes_audiences_and_stage_variables() {
    let scopes: Vec<String> = (0..11).map(|i| format!("s{i}")).collect();
    let audiences: Vec<String> = (0..51).map(|i| format!("a{i}")).collect();
    let variables: String = (0..101).map(|i| format!("v{i}: x, ")).collect();
    let text = format!(
        "authorizers:\n  Jwt: {{ type: HttpJwtAuthorizer, jwtIssuer: https://i.example.com, jwtAudience: [{}] }}\nintegrations:\n  I: {{ type: HttpUrlIntegration, url: https://x.example.com }}\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - {{ path: /a, integration: I, authorizer: Jwt, authorizationScopes: [{}] }}\n    addStage: {{ beta: {{ stageName: beta, stageVariables: {{ {variables}bad-name: x, ok: \"not ok\" }} }} }}\n",
        audiences.join(", "),
        scopes.join(", ")
    );
    let w = warnings(&text, "scopes per route");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "s10");
    let w = warnings(&text, "audiences per JWT authorizer");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "a50");
    let w = warnings(&text, "stage variables per stage");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "v100");
    let w = warnings(&text, "stage variable name");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "bad-name");
    let w = warnings(&text, "stage variable value");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "\"not ok\"");
}

#[test]
fn greedy_path_variables_must_end_the_path() {
    let text = "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: \"/files/{proxy+}/meta\", integration: I }\n      - { path: \"/files/{proxy+}\", integration: I }\n";
    let w = warnings(text, "greedy variable");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "\"/files/{proxy+}/meta\"");
}

#[test]
fn a_functions_policy_near_20_kb_suggests_one_permission_per_api() {
    for (integration, inserted) in [
        (
            "BooksFn: { type: HttpLambdaIntegration, handler: Fn }\n",
            "BooksFn: { type: HttpLambdaIntegration, handler: Fn, scopePermissionToRoute: false }\n",
        ),
        (
            "BooksFn:\n    type: HttpLambdaIntegration\n    handler: Fn\n",
            "BooksFn:\n    type: HttpLambdaIntegration\n    handler: Fn\n    scopePermissionToRoute: false\n",
        ),
    ] {
        let head = format!(
            "integrations:\n  {integration}constructs:\n  Fn:\n    type: Function\n    runtime: NODEJS_24_X\n    handler: index.handler\n    code: {{ fromInline: \"x\" }}\n  Api:\n    type: HttpApi\n    addRoutes:\n"
        );
        let text = format!("{head}{}", routes(40, |_| "BooksFn".into()));
        let w = warnings(&text, "PolicyLengthExceededException");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].0.contains("type: HttpLambdaIntegration"), "{}", w[0].0);
        let fix = w[0].1.fix.clone().expect("a quick fix");
        let mut fixed = text.clone();
        fixed.replace_range(fix.span.start..fix.span.end, &fix.replacement);
        assert!(
            fixed.starts_with(&format!("integrations:\n  {inserted}")),
            "{fixed}"
        );
        assert!(warnings(&fixed, "PolicyLengthExceededException").is_empty());
        // Twenty routes stay well below the limit.
        let text = format!("{head}{}", routes(20, |_| "BooksFn".into()));
        assert!(warnings(&text, "PolicyLengthExceededException").is_empty());
    }
}

/// Route settings an HTTP API's escape-hatch stage sets in vain: WebSocket-only settings and
/// settings for a route key the API does not have (non-ASCII path: ranges are bytes).
#[test]
fn route_settings_the_service_ignores() {
    let text = "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    createDefaultStage: false\n    addRoutes:\n      - { path: /bücher, methods: [GET], integration: I }\n  Stage:\n    type: AWS::ApiGatewayV2::Stage\n    properties:\n      ApiId: ${Api.apiId}\n      StageName: prod\n      DefaultRouteSettings: { LoggingLevel: INFO, ThrottlingRateLimit: 10 }\n      RouteSettings:\n        GET /bücher: { DataTraceEnabled: true }\n        POST /bücher: { ThrottlingBurstLimit: 5 }\n  Ws: { type: WebSocketApi }\n  WsStage:\n    type: AWS::ApiGatewayV2::Stage\n    properties:\n      ApiId: ${Ws.apiId}\n      StageName: prod\n      DefaultRouteSettings: { LoggingLevel: INFO }\n";
    let ignored = warnings(text, "HTTP APIs ignore");
    let spans: Vec<&str> = ignored.iter().map(|(s, _)| *s).collect();
    assert_eq!(spans, ["LoggingLevel", "DataTraceEnabled"], "{ignored:?}");
    assert!(line_of(text, &ignored[0].1).contains("DefaultRouteSettings"));
    assert!(line_of(text, &ignored[1].1).contains("GET /bücher"));
    assert!(
        ignored[0]
            .1
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("accessLogSettings"))
    );
    let unknown = warnings(text, "is not a route key");
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0].0, "POST /bücher");
    assert!(unknown[0].1.message.contains("it has GET /bücher"));
    // Only warnings: the template is still written.
    assert!(check_text(text).template().is_some());
}
