//! Diagnostics as the user sees them: message, hint and exact range (`line:col-line:col`,
//! 1-based, columns in characters), for the mistakes users make.

use apigw_lsp::check::check_text;
use apigw_lsp::syntax::LineIndex;

/// Renders every diagnostic of `text` with its range and related locations.
fn check(text: &str) -> String {
    let checked = check_text(text);
    let index = LineIndex::new(text);
    let pos = |offset| {
        let (l, c) = index.line_col(text, offset);
        format!("{l}:{c}")
    };
    let mut out = String::new();
    for d in &checked.diagnostics {
        let level = if d.is_error() { "error" } else { "warning" };
        let snippet = text.get(d.span.start..d.span.end).unwrap_or("");
        // Long spans are shortened to their start and end.
        let chars: Vec<char> = snippet.chars().collect();
        let snippet = if chars.len() > 120 {
            let head: String = chars[..60].iter().collect();
            let tail: String = chars[chars.len() - 20..].iter().collect();
            format!("{head}…{tail}")
        } else {
            snippet.to_string()
        };
        out.push_str(&format!(
            "{}-{} {level}: {} [{snippet}]\n",
            pos(d.span.start),
            pos(d.span.end),
            d.message
        ));
        if let Some(hint) = &d.hint {
            out.push_str(&format!("  hint: {hint}\n"));
        }
        for r in &d.related {
            out.push_str(&format!("  related {}: {}\n", pos(r.span.start), r.message));
        }
        if let Some(fix) = &d.fix {
            out.push_str(&format!("  fix: {} -> {}\n", fix.title, fix.replacement));
        }
    }
    out
}

#[test]
fn unknown_keys_suggest_the_closest_prop() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: HttpApi\n    apiNme: books\n    corsPrefligt: {}\n"
    ));
}

#[test]
fn unknown_top_level_key_and_type() {
    insta::assert_snapshot!(check(
        "construct:\n  Api: { type: HttpApi }\nconstructs:\n  Fn: { type: lambda.Functon }\n"
    ));
}

#[test]
fn wrong_value_kinds() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: HttpApi\n    createDefaultStage: nope\n    ipAddressType: DUAL\n    addRoutes:\n      - { path: /a, methods: GET, integration: I }\n    addStage:\n      beta: { throttle: { burstLimit: 2.5 } }\nintegrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com, timeout: 5 fortnights }\n"
    ));
}

#[test]
fn missing_required_props_and_references() {
    insta::assert_snapshot!(check(
        "integrations:\n  L: { type: HttpLambdaIntegration, handler: Fnn }\n  U: { type: HttpUrlIntegration }\nconstructs:\n  Fn: { type: Function, runtime: NODEJS_24_X }\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /a, integration: Missing }\n      - { path: /b, integration: { type: HttpUrlIntegration, url: https://x } }\n  Stage: { type: HttpStage, httpApi: Fn }\n"
    ));
}

#[test]
fn duplicate_routes_name_both_lines() {
    insta::assert_snapshot!(check(
        "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /books, methods: [GET, POST], integration: I }\n      - { path: /books, methods: [PUT, GET], integration: I }\n"
    ));
}

#[test]
fn expressions_are_checked() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi, disableExecuteApiEndpoint: true }\noutputs:\n  A: ${Apii.url}\n  B: \"${Api.arnForExecuteApi(GET, books)}\"\n  C: ${Api.nope}\n  D: ${Api.apiEndpoint}\n  E: \"x ${Api.url\"\n"
    ));
}

#[test]
fn yaml_errors_multi_documents_and_tabs() {
    insta::assert_snapshot!(check("constructs:\n  Api: { type: HttpApi\n---\nx: 1\n"));
    insta::assert_snapshot!("tabs", check("constructs:\n\tApi:\n\t\ttype: HttpApi\n"));
}

#[test]
fn ranges_count_characters_after_non_ascii_text() {
    insta::assert_snapshot!(check(
        "# café ☕ 🎉\nconstructs:\n  \"Api-é🎉\":\n    type: HttpApi\n    description: \"naïve 🎉\"\n    apiNam: x\n"
    ));
}

#[test]
fn risky_choices_are_warnings() {
    insta::assert_snapshot!(check(
        "constructs:\n  Fn: { type: Function, fromFunctionArn: \"arn:aws:lambda:us-east-1:111111111111:function:f\" }\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /a, integration: { type: HttpLambdaIntegration, id: L, handler: Fn } }\n  Second: { type: HttpStage, httpApi: Api }\n"
    ));
}

#[test]
fn routes_that_no_stage_deploys_are_warned_about() {
    insta::assert_snapshot!(check(
        "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\n  W: { type: WebSocketLambdaIntegration, handler: Fn }\nconstructs:\n  Fn: { type: Function, fromFunctionArn: \"arn:aws:lambda:us-east-1:111111111111:function:f\" }\n  Api:\n    type: HttpApi\n    createDefaultStage: false\n    addRoutes:\n      - { path: /books, integration: I }\n  Deployed:\n    type: HttpApi\n    createDefaultStage: false\n    addRoutes:\n      - { path: /books, integration: { type: HttpUrlIntegration, id: J, url: https://y.example.com } }\n    addStage: { prod: { stageName: prod } }\n  Ws:\n    type: WebSocketApi\n    addRoute: { sendmessage: { integration: W } }\n"
    ));
}

#[test]
fn route_paths_are_checked_as_cdk_does() {
    let long = format!("/{}", "a".repeat(1000));
    let text = format!(
        "integrations:\n  I: {{ type: HttpUrlIntegration, url: https://x.example.com }}\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - {{ path: books/, integration: I }}\n      - {{ path: {long}, integration: I }}\n      - {{ path: /, integration: I }}\n"
    );
    let out = check(&text).replace(&long, "/aaa…");
    insta::assert_snapshot!(out);
}

#[test]
fn routes_and_imported_apis() {
    insta::assert_snapshot!(check(
        "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /books, methods: [GET], integration: I }\n  Route: { type: HttpRoute }\n  Imported:\n    type: HttpApi\n    fromHttpApiAttributes: { httpApiId: abc123 }\n    addRoutes:\n      - { path: /x, integration: I }\noutputs:\n  A: ${Api/GET--books.routeArn}\n  B: ${Api/GET--books.nope}\n  C: ${Imported.apiEndpoint}\n  D: ${Imported.arnForExecuteApi(GET, x)}\n"
    ));
}

#[test]
fn one_mistake_one_diagnostic() {
    // An unknown type: its children, references and expressions say nothing more. A misspelt
    // import: no missing props. A nested unknown key names its owner. A route's path with
    // `type: HttpRoute`: drop `type:`.
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: HttpAPI\n  Api/Group:\n    description: x\n  Stage: { type: HttpStage, httpApi: Api }\n  Fn:\n    type: Function\n    fromFunctionArnn: arn:aws:lambda:us-east-1:111111111111:function:x\n  Ws:\n    type: WebSocketApi\n    connectRouteOptions:\n      authorizer: x\n  Api2:\n    type: HttpApi\n    addRoutes: [ { path: /x, methods: [GET], integration: { type: HttpUrlIntegration, id: U, url: https://x } } ]\n  Api2/GET--x:\n    type: HttpRoute\noutputs:\n  A: ${Api.url}\n  B: ${Api/Group.x}\n"
    ));
}

#[test]
fn call_entries_run_after_their_target() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api.addRoutes: { path: /x, integration: U }\n  Api:\n    type: HttpApi\n    addRoutes: [ { path: /y, integration: U } ]\n  Api.addRoutes#2: { path: /y, integration: U }\nintegrations:\n  U: { type: HttpUrlIntegration, url: https://x }\n"
    ));
}

#[test]
fn logical_id_collisions_are_refused_at_each_entry() {
    // An integration called `Default` vanishes from its path and takes its route's logical ID;
    // a stage called `Default` takes its API's.
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: HttpApi\n    addRoutes: [ { path: /books, methods: [GET], integration: Default } ]\n    addStage: { Default: { stageName: beta } }\nintegrations:\n  Default: { type: HttpUrlIntegration, url: https://example.com }\noutputs:\n  Api-Url: ${Api.url}\n  ApiUrl: ${Api.url}\n  Api: x\n"
    ));
}

#[test]
fn escape_hatch_resources_are_checked_as_far_as_can_be() {
    insta::assert_snapshot!(check(
        "constructs:\n  Param:\n    type: AWS::SSM::Parameter\n    properties: { type: String, Value: x, Name: \"${Nope.ref}\" }\n  Odd:\n    type: Acme::Thing::Widget\n  Logs:\n    type: AWS::Logs::LogGroup\n    properties: { RetentionInDays: 7 }\n    retention: 7\noutputs:\n  A: ${Logs.Arn}\n  B: ${Logs.arn}\n  C: ${Logs.Arn()}\n"
    ));
}

#[test]
fn an_escape_hatch_resource_can_collide_too() {
    // A top-level CfnResource's logical ID is its id: `ApiF70053CD` is the API's.
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi }\n  ApiF70053CD: { type: AWS::SNS::Topic }\n"
    ));
}

#[test]
fn authorizers_are_checked() {
    insta::assert_snapshot!(check(
        "authorizers:\n  Jwt: { type: HttpJwtAuthorizer, jwtIssuer: https://issuer.example.com, jwtAudience: [] }\n  None: { type: HttpNoneAuthorizer }\nintegrations:\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    defaultAuthorizer: Jwtt\n    addRoutes:\n      - { path: /a, integration: U, authorizer: Jwt }\n      - { path: /b, integration: U, authorizer: U }\n      - { path: /c, integration: U, authorizer: { type: HttpIamAuthorizer, id: Iam } }\n"
    ));
}

#[test]
fn references_follow_code_order() {
    // `Api/beta` is created by a call entry below the function that reads it; the API's
    // constructor needs the function, which reads the API: a cycle, as in CDK code.
    let function = "    type: Function\n    runtime: NODEJS_24_X\n    handler: index.handler\n    code: { fromInline: x }\n";
    insta::assert_snapshot!(check(&format!(
        "constructs:\n  Api: {{ type: HttpApi }}\n  Fn:\n{function}    environment: {{ URL: \"${{Api/beta.url}}\" }}\n  Api.addStage: {{ beta: {{}} }}\n"
    )));
    insta::assert_snapshot!(
        "references_follow_code_order_cycle",
        check(&format!(
            "integrations:\n  I: {{ type: HttpLambdaIntegration, handler: Fn }}\nconstructs:\n  Api: {{ type: HttpApi, defaultIntegration: I }}\n  Fn:\n{function}    environment: {{ URL: \"${{Api.apiEndpoint}}\" }}\n"
        ))
    );
}

#[test]
fn parents_of_entries_and_outputs_must_be_defined() {
    insta::assert_snapshot!(check(
        "constructs:\n  G/Api: { type: HttpApi }\n  Group: { type: Construct }\noutputs:\n  H/Out: x\n  Group/Out: x\n  Default: y\n"
    ));
}

#[test]
fn custom_domain_mistakes() {
    insta::assert_snapshot!(check(
        "# Bücher 😀\nconstructs:\n  Cert: { type: Certificate, fromCertificateArn: \"arn:aws:acm:us-east-1:111111111111:certificate\" }\n  Edge: { type: Certificate, fromCertificateArn: \"arn:aws:acm:us-east-1:111111111111:certificate/edge\" }\n  DN:\n    type: DomainName\n    domainName: \"\"\n    certificate: Cert\n    ownershipCertificate: Edge\n    addEndpoint:\n      - { certificate: Edge }\n  Ws: { type: WebSocketApi }\n  WsMapping: { type: ApiMapping, api: Ws, domainName: DN, apiMappingKey: \"\" }\n  Api:\n    type: HttpApi\n    addStage:\n      beta: { stageName: beta }\noutputs:\n  BetaUrl: ${Api/beta.domainUrl}\n"
    ));
}

#[test]
fn mappings_api_gateway_rejects() {
    insta::assert_snapshot!(check(
        "constructs:\n  Cert: { type: Certificate, fromCertificateArn: \"arn:aws:acm:us-east-1:111111111111:certificate/c\" }\n  DN: { type: DomainName, domainName: é.example.com, certificate: Cert }\n  Api:\n    type: HttpApi\n    defaultDomainMapping: { domainName: DN }\n    addStage:\n      beta: { stageName: beta, domainMapping: { domainName: DN } }\n  Ws: { type: WebSocketApi }\n  WsStage: { type: WebSocketStage, webSocketApi: Ws, stageName: prod, domainMapping: { domainName: DN, mappingKey: ws } }\n"
    ));
}

#[test]
fn access_log_formats() {
    let long = "$context.requestId ".repeat(170);
    insta::assert_snapshot!(check(&format!(
        "# Zugriffsprotokolle 📜\nconstructs:\n  Logs: {{ type: LogGroup, retention: ONE_WEEK }}\n  Api:\n    type: HttpApi\n    addStage:\n      beta:\n        stageName: beta\n        accessLogSettings:\n          destination: {{ logGroup: Logs }}\n          format: {{ custom: \"$context.status $context.requestIdx\" }}\n      prod:\n        stageName: prod\n        accessLogSettings:\n          destination: {{ logGroup: Logs }}\n          format: {{ custom: \"{long}\" }}\n"
    )));
}

#[test]
fn unknown_context_variables_in_access_log_formats() {
    insta::assert_snapshot!(check(
        "constructs:\n  Logs: { type: LogGroup }\n  Ws: { type: WebSocketApi }\n  Stage:\n    type: WebSocketStage\n    webSocketApi: Ws\n    stageName: dev\n    accessLogSettings:\n      destination: { logGroup: Logs }\n      format: { custom: \"é $context.requestId $context.connectionID $context.authorizer.tenant $context.identity.clientCert.subjectDN. $context.nope\" }\n"
    ));
}

#[test]
fn trust_store_mistakes() {
    insta::assert_snapshot!(check(
        "constructs:\n  Store: { type: Bucket, minimumTLSVersion: 1.2 }\n  Cert: { type: Certificate, fromCertificateArn: \"arn:aws:acm:us-east-1:111111111111:certificate/c\" }\n  DN:\n    type: DomainName\n    domainName: mtls.example.com\n    certificate: Cert\n    mtls: { bucket: Store, key: ca.pem, version: \"v1 ✓\" }\n"
    ));
}

#[test]
fn imported_stages() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi }\n  Beta:\n    type: HttpStage\n    fromHttpStageAttributes: { api: Api, stageName: beta }\n    addStageVariable: { mode: ✓ }\noutputs:\n  Url: ${Beta.url}\n  DomainUrl: ${Beta.domainUrl}\n  Name: ${Beta.stageName}\n"
    ));
}

#[test]
fn alarm_mistakes() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi }\n  Ws: { type: WebSocketApi }\n  A:\n    type: Alarm\n    metric: { Api.metricServerError: { period: 90 seconds, statistic: médian } }\n    threshold: 1\n    evaluationPeriods: 1\n    datapointsToAlarm: 2\n  B: { type: Alarm, metric: Api.metricServerErorr, threshold: 1, evaluationPeriods: 1 }\n  C: { type: Alarm, metric: Ws.metricClientError, threshold: 1, evaluationPeriods: 1 }\n  D: { type: Alarm, metric: Api.metric, threshold: 1, evaluationPeriods: 1 }\n  E: { type: Alarm, metric: Apx.metricCount, threshold: 1, evaluationPeriods: 1 }\n"
    ));
}

#[test]
fn stage_names_and_mapping_keys_api_gateway_rejects() {
    insta::assert_snapshot!(check(
        "constructs:\n  Cert: { type: Certificate, fromCertificateArn: \"arn:aws:acm:us-east-1:111111111111:certificate/c\" }\n  DN: { type: DomainName, domainName: a.example.com, certificate: Cert }\n  Api:\n    type: HttpApi\n    defaultDomainMapping: { domainName: DN, mappingKey: /v1/ }\n    addStage:\n      beta: { stageName: bêta.1, domainMapping: { domainName: DN, mappingKey: books//v2 } }\n      ok: { stageName: prod-2_b }\n"
    ));
}

#[test]
fn math_expression_mistakes() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi }\n  Rate:\n    type: Alarm\n    metric:\n      MathExpression:\n        expression: \"100 * Errors / n + é\"\n        usingMetrics:\n          Errors: Api.metricClientError\n          n: { Api.metricCount: { period: 1 hour } }\n        period: 1 minute\n    threshold: 5\n    evaluationPeriods: 1\n"
    ));
}

#[test]
fn lambda_authorizer_warnings() {
    insta::assert_snapshot!(check(
        "authorizers:\n  Auth: { type: HttpLambdaAuthorizer, handler: Fn, resultsCacheTtl: 2 hours }\nintegrations:\n  Books: { type: HttpUrlIntegration, url: https://books.example.com }\nconstructs:\n  Fn: { type: Function, fromFunctionArn: \"arn:aws:lambda:us-east-1:111111111111:function:auth\" }\n  Api:\n    type: HttpApi\n    corsPreflight: { allowOrigins: [\"*\"] }\n    defaultAuthorizer: Auth\n    addRoutes:\n      - { path: /bücher, integration: Books }\n      - { path: /open, integration: Books, authorizer: { type: HttpNoneAuthorizer } }\n      - { path: /get, methods: [GET], integration: Books }\n"
    ));
}

#[test]
fn grant_invoke_mistakes() {
    insta::assert_snapshot!(check(
        "integrations:\n  Books: { type: HttpUrlIntegration, url: https://books.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    defaultAuthorizer: { type: HttpIamAuthorizer }\n    addRoutes:\n      - { path: /bücher, methods: [GET], integration: Books }\n  Reader: { type: User }\n  \"Api/GET--bücher\":\n    grantInvoke:\n      - { grantee: Reader, httpMethods: [GET, PUT] }\n"
    ));
}

#[test]
fn authorizer_attributes_and_imported_authorizers() {
    insta::assert_snapshot!(check(
        "authorizers:\n  Jwt: { type: HttpJwtAuthorizer, jwtIssuer: https://issuer.example.com, jwtAudience: [büch] }\nintegrations:\n  Books: { type: HttpUrlIntegration, url: https://books.example.com }\nconstructs:\n  Imported:\n    type: HttpAuthorizer\n    fromHttpAuthorizerAttributes: { authorizerId: abc, authorizerType: \"${Fn.importValue(type)}\" }\n  Api:\n    type: HttpApi\n    description: \"büch ${Jwt.authorizerId}\"\n    addRoutes:\n      - { path: /a, integration: Books, authorizer: Imported }\n      - { path: /b, integration: Books, authorizer: Jwt }\noutputs:\n  Type: ${Jwt.authorizationType}\n  Id: ${Jwt.authorizerIdd}\n"
    ));
}

#[test]
fn grants_that_add_nothing() {
    insta::assert_snapshot!(check(
        "stack: { env: { account: \"111111111111\", region: us-east-1 } }\nconstructs:\n  Far: { type: Role, fromRoleArn: \"arn:aws:iam::222222222222:role/bü\" }\n  Fn: { type: Function, fromFunctionArn: \"arn:aws:lambda:us-east-1:111111111111:function:f\" }\n  Api:\n    type: WebSocketApi\n    grantManageConnections: [Far, Fn]\n"
    ));
}

#[test]
fn websocket_authorizer_off_connect() {
    insta::assert_snapshot!(check(
        "authorizers:\n  Auth: { type: WebSocketLambdaAuthorizer, handler: Fn }\nconstructs:\n  Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\n  Api:\n    type: WebSocketApi\n    connectRouteOptions: { integration: { type: WebSocketMockIntegration, id: Ok }, authorizer: Auth }\n    defaultRouteOptions: { integration: { type: WebSocketMockIntegration, id: Dflt }, authorizer: { type: WebSocketIamAuthorizer } }\n    addRoute:\n      bücher: { integration: { type: WebSocketMockIntegration, id: B }, authorizer: Auth }\n  Stage: { type: WebSocketStage, webSocketApi: Api, stageName: prod }\n"
    ));
}

#[test]
fn imported_websocket_api_mistakes() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: WebSocketApi\n    fromWebSocketApiAttributes: { webSocketId: api-1 }\n    addRoute:\n      bü: { integration: { type: WebSocketMockIntegration, id: M } }\n  Prod: { type: WebSocketStage, webSocketApi: Api, stageName: prod }\n  Ping:\n    type: WebSocketRoute\n    webSocketApi: Api\n    routeKey: ping\n    integration: { type: WebSocketMockIntegration, id: P }\n    authorizer: { type: WebSocketIamAuthorizer }\noutputs:\n  E: ${Api.apiEndpoint}\n  N: ${Api.webSocketApiName}\n"
    ));
}

#[test]
fn service_integration_mistakes() {
    insta::assert_snapshot!(check(
        "constructs:\n  Queue: { type: Queue }\n  Api:\n    type: HttpApi\n    addRoutes:\n      - path: /send\n        methods: [POST]\n        integration: { type: HttpSqsIntegration, id: Send, queue: Queue, subtype: EVENTBRIDGE_PUT_EVENTS }\n"
    ));
}

#[test]
fn authorizer_shared_by_two_apis() {
    insta::assert_snapshot!(check(
        "authorizers:\n  Jwt: { type: HttpJwtAuthorizer, jwtIssuer: https://issuer.example.com, jwtAudience: [büch] }\nintegrations:\n  Books: { type: HttpUrlIntegration, url: https://books.example.com }\n  Other: { type: HttpUrlIntegration, url: https://other.example.com }\nconstructs:\n  A:\n    type: HttpApi\n    addRoutes:\n      - { path: /a, methods: [GET], integration: Books, authorizer: Jwt }\n  B:\n    type: HttpApi\n    addRoutes:\n      - { path: /b, methods: [GET], integration: Other, authorizer: Jwt }\n"
    ));
}

#[test]
fn private_integration_mistakes() {
    insta::assert_snapshot!(check(
        "constructs:\n  Vpc: { type: Vpc }\n  Sg: { type: SecurityGroup, fromSecurityGroupId: sg-1 }\n  Listener:\n    type: ApplicationListener\n    fromApplicationListenerAttributes: { listenerArn: \"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/a/1/2\", securityGroup: Sg }\n  Api:\n    type: HttpApi\n    defaultIntegration: { type: HttpAlbIntegration, id: Privé, listener: Listener }\n"
    ));
}

#[test]
fn owned_network_mistakes() {
    insta::assert_snapshot!(check(
        "constructs:\n  Vpc:\n    type: Vpc\n    ipAddresses: { cidr: 10.0.0.0/24 }\n    natGateways: 0\n    subnetConfiguration:\n      - { name: Front, subnetType: PUBLIC, cidrMask: 30 }\n  Isolated:\n    type: Vpc\n    subnetConfiguration: [{ name: Data, subnetType: PRIVATE_ISOLATED, mapPublicIpOnLaunch: true }]\n  Plain: { type: Vpc, natGateways: 0, enableDnsHostnames: true }\n  Quiet: { type: Vpc, enableDnsSupport: false }\n  Link: { type: VpcLink, vpc: Plain }\n  Lb:\n    type: ApplicationLoadBalancer\n    vpc: Plain\n    addListener:\n      Odd: { port: 81 }\n      Tls: { port: 443 }\n  Lb/Tls.addTargets:\n    App: { port: 443 }\n  Nlb:\n    type: NetworkLoadBalancer\n    vpc: Plain\n    addListener: { Tcp: { port: 80 } }\n  Nlb/Tcp.addTargets: { Backend: { port: 80 } }\n  Api:\n    type: HttpApi\n    defaultIntegration: { type: HttpNlbIntegration, id: Tcp, listener: Nlb/Tcp }\n  One: { type: Vpc, maxAzs: 1 }\n  Small:\n    type: ApplicationLoadBalancer\n    vpc: One\n    addListener: { Web: { port: 80, defaultAction: { fixedResponse: { statusCode: 404 } } } }\n  Small/Web.addTargets: { App: { port: 80 } }\n"
    ));
}

#[test]
fn usage_plan_and_key_mistakes() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: WebSocketApi\n    connectRouteOptions: { integration: { type: WebSocketLambdaIntegration, id: C, handler: Fn }, apiKeyRequired: true }\n  Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: \"x\" } }\n  Stage: { type: WebSocketStage, webSocketApi: Api, stageName: dev }\n  Key: { type: ApiKey, value: too-short }\n  Plan:\n    type: UsagePlan\n    apiStages: [{ api: Api, stage: Stage }]\n    throttle: { rateLimit: 10, burstLimit: 2.5 }\n    quota: { limit: 100, offset: 3, period: DAY }\n    addApiKey: Key\n"
    ));
}

#[test]
fn imported_websocket_apis_and_stages() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: WebSocketApi, fromWebSocketApiAttributes: { webSocketId: ws-1 } }\n  S: { type: WebSocketStage, fromWebSocketStageAttributes: { api: Api, stageName: s } }\n  Plan: { type: UsagePlan, fromUsagePlanId: p-1, addApiStage: { stage: S } }\noutputs:\n  A: ${Api.apiEndpoint}\n  B: ${S.callbackUrl}\n"
    ));
}

#[test]
fn usage_plan_key_logical_ids() {
    insta::assert_snapshot!(check(
        "constructs:\n  A: { type: ApiKey }\n  B: { type: ApiKey }\n  Plan:\n    type: UsagePlan\n    addApiKey:\n      - { apiKey: A, overrideLogicalId: a-key }\n      - { apiKey: B, overrideLogicalId: \"${A.keyId}\" }\n      - A\n"
    ));
}

#[test]
fn table_and_aws_integration_mistakes() {
    // Capacity on a table billed per request (CDK's words, at the capacity key), the stream ARN
    // of a table without a stream (in an output, CDK's words; elsewhere ours), an AWS
    // integration without its method and with a timeout past API Gateway's limit, a grant to a
    // queue.
    insta::assert_snapshot!(check(
        "constructs:\n  Tbl:\n    type: dynamodb.Table\n    partitionKey: { name: id, type: STRING }\n    billingMode: PAY_PER_REQUEST\n    writeCapacity: 2\n  Q: { type: Queue }\n  Tbl.grantReadData: [Q]\n  Ws: { type: WebSocketApi }\n  Dev: { type: WebSocketStage, webSocketApi: Ws, stageName: dev }\n  Ws.addRoute:\n    put:\n      integration:\n        type: WebSocketAwsIntegration\n        id: Put\n        integrationUri: arn:aws:apigateway:${Aws.REGION}:dynamodb:action/PutItem\n        timeout: 30 seconds\n        requestTemplates: { application/json: '{\"stream\":\"${Tbl.tableStreamArn}\"}' }\noutputs:\n  Stream: ${Tbl.tableStreamArn}\n"
    ));
}

#[test]
fn policy_mistakes() {
    // A statement without resources (CDK's words, at the statement), a policy attached to no
    // one (left out of the template), a policy attached to a queue.
    insta::assert_snapshot!(check(
        "constructs:\n  U: { type: User }\n  Q: { type: Queue }\n  NoResource:\n    type: Policy\n    statements:\n      - actions: [sqs:SendMessage]\n    users: [U]\n  Lonely:\n    type: Policy\n    statements: [ { actions: [\"s3:GetObject\"], resources: [\"*\"] } ]\n  Q.attachInlinePolicy: [Lonely]\n"
    ));
}

#[test]
fn table_keys_recovery_and_aws_integration_uris() {
    insta::assert_snapshot!(check(
        "constructs:\n  T:\n    type: Table\n    partitionKey: { name: id, type: STRING }\n    sortKey: { name: id, type: NUMBER }\n    billingMode: PAY_PER_REQUEST\n    readCapacity: 4\n    removalPolicy: SNAPSHOT\n    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 40 }\n  T2:\n    type: Table\n    partitionKey: { name: id, type: STRING }\n    sortKey: { name: id, type: STRING }\n  R: { type: Role, assumedBy: { ServicePrincipal: lambda.amazonaws.com } }\n  Api:\n    type: WebSocketApi\n    addRoute:\n      a:\n        integration: { type: WebSocketAwsIntegration, id: A, integrationUri: \"arn:aws:lambda:us-east-1:1:function:f\", integrationMethod: POST, credentialsRole: R }\n      b:\n        integration: { type: WebSocketAwsIntegration, id: B, integrationUri: \"arn:aws:apigateway:${Aws.REGION}:dynamodb:PutItem\", integrationMethod: POST, timeout: 40 seconds }\n  S: { type: WebSocketStage, webSocketApi: Api, stageName: dev }\noutputs:\n  X: ${T2.tableStreamArn}\n"
    ));
}

#[test]
fn rate_limited_key_children() {
    // The plan of a rate-limited key exists only with plan settings: `Bare/UsagePlanResource`
    // is no path, while `Limited/UsagePlanResource` and `Bare/Resource` are.
    insta::assert_snapshot!(check(
        "constructs:\n  Bare: { type: RateLimitedApiKey }\n  Limited: { type: RateLimitedApiKey, throttle: { rateLimit: 1, burstLimit: 2 } }\n  Other: { type: ApiKey }\n  Limited/UsagePlanResource.addApiKey: Other\n  Plan: { type: UsagePlan, addApiKey: [Bare/Resource, Bare/UsagePlanResource] }\n"
    ));
}
