//! Hover through the language server's handler: fixtures with a `$0` cursor, answers (the
//! hovered range's text and the markdown) pinned by insta snapshots.

mod common;

use common::{fixture, offset, with_open_document};
use tower_lsp_server::LanguageServer;
use tower_lsp_server::ls_types::*;

/// Opens `text` in a fresh server and asks for the hover at `at`.
fn request(text: &str, at: Position) -> Option<Hover> {
    with_open_document(text, async |server, uri| {
        server
            .hover(HoverParams {
                text_document_position_params: TextDocumentPositionParams {
                    text_document: TextDocumentIdentifier { uri },
                    position: at,
                },
                work_done_progress_params: WorkDoneProgressParams::default(),
            })
            .await
            .unwrap()
    })
}

/// The hovered text in brackets, then the markdown.
fn check(fixture_text: &str) -> String {
    let (text, at) = fixture(fixture_text);
    let Some(hover) = request(&text, at) else {
        return "(no hover)\n".into();
    };
    let HoverContents::Markup(markup) = hover.contents else {
        panic!("markdown hovers only");
    };
    assert_eq!(markup.kind, MarkupKind::Markdown);
    let range = hover.range.expect("a hover names its range");
    assert!(
        range.start <= at && at <= range.end,
        "the range holds the cursor"
    );
    let hovered = &text[offset(&text, range.start)..offset(&text, range.end)];
    format!("[{hovered}]\n{}\n", markup.value)
}

const BOOKSTORE: &str = "\
stack:
  env: { account: \"123456789012\", region: eu-west-1 }
integrations:
  GetBooksIntegration: { type: HttpUrlIntegration, url: https://get-books-proxy.example.com }
  BooksIntegration: { type: HttpLambdaIntegration, handler: BookStoreDefaultFn }
constructs:
  BookStoreDefaultFn:
    type: Function
    runtime: NODEJS_24_X
    handler: index.handler
    code: { fromInline: \"exports.handler = async () => ({ statusCode: 200 });\" }
  HttpApi:
    type: HttpApi
    description: \"Bücher 📚 API\"
    ipAddressType: DUAL_STACK
    addStage:
      Beta: { stageName: beta }
    addRoutes:
      - { path: /books, methods: [GET], integration: GetBooksIntegration }
      - { path: /books, methods: [ANY, POST], integration: BooksIntegration }
outputs:
  ApiEndpoint: ${HttpApi.apiEndpoint}
  BooksArn: ${HttpApi.arnForExecuteApi(GET, /books, beta)}
  Described:
    value: ${HttpApi.apiId}
    description: \"Stage URL: ${HttpApi/Beta.url}\"
";

/// The bookstore with the cursor placed before the `n`-th occurrence of `needle`, plus `shift`
/// bytes.
fn at(needle: &str, n: usize, shift: usize) -> String {
    let (i, _) = BOOKSTORE
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("no {needle} #{n}"));
    let at = i + shift;
    format!("{}$0{}", &BOOKSTORE[..at], &BOOKSTORE[at..])
}

#[test]
fn the_bookstore_synthesizes() {
    let checked = apigw_lsp::check::check_text(BOOKSTORE);
    assert!(checked.template().is_some(), "{:?}", checked.diagnostics);
}

#[test]
fn keys() {
    insta::assert_snapshot!("prop_key", check(&at("ipAddressType", 0, 3)));
    insta::assert_snapshot!("method_key", check(&at("addRoutes", 0, 0)));
    insta::assert_snapshot!("section_key", check(&at("integrations", 0, 4)));
    insta::assert_snapshot!("type_key", check(&at("type: HttpApi", 0, 1)));
    insta::assert_snapshot!("nested_prop_key", check(&at("region", 0, 2)));
    insta::assert_snapshot!("call_option_key", check(&at("methods", 1, 2)));
    insta::assert_snapshot!(
        "depends_on_key",
        check("constructs:\n  A:\n    type: Function\n    depen$0dsOn: [B]\n")
    );
}

#[test]
fn owned_network_keys() {
    const NETWORK: &str = "constructs:\n  Vpc: { type: Vpc, maxAzs: 2 }\n  Lb:\n    type: NetworkLoadBalancer\n    vpc: Vpc\n    addListener:\n      Tcp: { port: 443 }\n  Lb/Tcp.addTargets:\n    Backend: { port: 443 }\n";
    let at = |needle: &str, shift: usize| {
        let start = NETWORK.find(needle).expect("needle") + shift;
        format!("{}$0{}", &NETWORK[..start], &NETWORK[start..])
    };
    insta::assert_snapshot!("vpc_prop_key", check(&at("maxAzs", 2)));
    insta::assert_snapshot!("add_listener_key", check(&at("addListener", 3)));
    insta::assert_snapshot!("add_targets_call_entry", check(&at("addTargets", 1)));
}

#[test]
fn values() {
    insta::assert_snapshot!("type_value", check(&at("HttpApi\n", 0, 2)));
    insta::assert_snapshot!(
        "integration_type_value",
        check(&at("HttpLambdaIntegration", 0, 0))
    );
    insta::assert_snapshot!("enum_member_value", check(&at("DUAL_STACK", 0, 5)));
    insta::assert_snapshot!("factory_key", check(&at("fromInline", 0, 1)));
    insta::assert_snapshot!(
        "plain_value_shows_its_prop",
        check(&at("index.handler", 0, 3))
    );
}

#[test]
fn constructs_and_their_resources() {
    insta::assert_snapshot!("entry_key", check(&at("HttpApi:", 0, 3)));
    insta::assert_snapshot!(
        "function_entry_key",
        check(&at("BookStoreDefaultFn:", 0, 0))
    );
    insta::assert_snapshot!("reference_value", check(&at("BookStoreDefaultFn }", 0, 4)));
    insta::assert_snapshot!("created_stage_key", check(&at("Beta:", 0, 1)));
    insta::assert_snapshot!(
        "integration_id_key",
        check(&at("\n  BooksIntegration:", 0, 5))
    );
    insta::assert_snapshot!(
        "integration_reference",
        check(&at("GetBooksIntegration }", 0, 3))
    );
}

#[test]
fn routes() {
    insta::assert_snapshot!("route_path_two_methods", check(&at("/books", 1, 2)));
    insta::assert_snapshot!("route_method", check(&at("POST", 0, 1)));
    insta::assert_snapshot!(
        "websocket_route_key",
        check(
            "integrations:\n  Ws: { type: WebSocketLambdaIntegration, handler: Fn }\nconstructs:\n  Fn:\n    type: Function\n    runtime: NODEJS_22_X\n    handler: index.handler\n    code: { fromInline: x }\n  Ws:\n    type: WebSocketApi\n    addRoute:\n      send$0message: { integration: Ws }\n  Prod:\n    type: WebSocketStage\n    webSocketApi: Ws\n    stageName: prod\n"
        )
    );
}

#[test]
fn expressions() {
    insta::assert_snapshot!("whole_output_expression", check(&at("apiEndpoint}", 0, 2)));
    insta::assert_snapshot!("arn_expression", check(&at("arnForExecuteApi", 0, 0)));
    insta::assert_snapshot!("expression_head", check(&at("{HttpApi.apiId", 0, 3)));
    insta::assert_snapshot!("expression_in_text", check(&at("Beta.url", 0, 6)));
    insta::assert_snapshot!(
        "expression_while_the_file_has_errors",
        check(
            "constructs:\n  Api:\n    type: HttpApi\n    bogus: 1\noutputs:\n  Url: \"→ ${Api.defaultStage.u$0rl}\"\n"
        )
    );
    insta::assert_snapshot!(
        "aws_pseudo_parameter",
        check("outputs:\n  Region: ${Aws.REG$0ION}\n")
    );
}

#[test]
fn outputs_and_nothing() {
    insta::assert_snapshot!("output_key", check(&at("BooksArn", 0, 2)));
    insta::assert_snapshot!("whitespace", check(&at("\n  HttpApi:", 0, 0)));
    insta::assert_snapshot!(
        "unknown_key",
        check("constructs:\n  Api:\n    type: HttpApi\n    bog$0us: 1\n")
    );
}

#[test]
fn no_offset_panics() {
    let text = format!("{BOOKSTORE}x-broken: [{{ a: ${{HttpApi.arnForExecuteApi(GET, /bö\n");
    let lines = text.lines().count() as u32;
    for line in 0..=lines + 1 {
        for character in (0..100).step_by(3) {
            let _ = request(&text, Position::new(line, character));
        }
    }
    assert!(request("", Position::new(0, 0)).is_none());
}

#[test]
fn call_entries_and_escape_hatch_entries() {
    let text = "integrations:\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Api: { type: HttpApi }\n  Api.add$0Routes: { path: /a, integration: U }\n  Logs:\n    type: AWS::Logs::LogGroup\n    properties: { RetentionInDays: 7 }\n";
    insta::assert_snapshot!("call_entry_key", check(text));
    let text = text.replace("$0", "").replace("  Logs:", "  Lo$0gs:");
    insta::assert_snapshot!("escape_hatch_key", check(&text));
    let text = text.replace("$0", "").replace("AWS::Logs", "AWS::Lo$0gs");
    insta::assert_snapshot!("escape_hatch_type", check(&text));
}

#[test]
fn authorizer_references() {
    let text = "authorizers:\n  Jwt: { type: HttpJwtAuthorizer, jwtIssuer: https://issuer.example.com, jwtAudience: [a] }\nintegrations:\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    defaultAuthorizer: J$0wt\n    addRoutes: [ { path: /a, integration: U } ]\n";
    insta::assert_snapshot!(check(text));
}

#[test]
fn custom_domains() {
    let text = "constructs:\n  Cert: { type: Certificate, fromCertificateArn: \"arn:aws:acm:us-east-1:111111111111:certificate/c\" }\n  DN: { type: DomainName, domainName: bücher.example.com, certificate: Cert }\n  Api:\n    type: HttpApi\n    defaultDomainMapping: { domainName: DN, mappingKey: v1 }\noutputs:\n  Url: ${Api.defaultStage.domainUrl}\n";
    let place = |needle: &str, shift: usize| {
        let i = text.find(needle).expect("needle") + shift;
        format!("{}$0{}", &text[..i], &text[i..])
    };
    insta::assert_snapshot!("domain_type", check(&place("DomainName,", 2)));
    insta::assert_snapshot!("domain_entry_key", check(&place("DN:", 0)));
    insta::assert_snapshot!(
        "default_domain_mapping_key",
        check(&place("defaultDomainMapping", 3))
    );
    insta::assert_snapshot!("domain_url_value", check(&place("domainUrl}", 2)));
}

#[test]
fn usage_plans_and_keys() {
    let text = "constructs:\n  Key: { type: ApiKey }\n  Plan:\n    type: UsagePlan\n    addApi$0Key: [Key]\n  Limited: { type: RateLimitedApiKey, throttle: { burstLimit: 2 } }\noutputs:\n  Arn: ${Key.keyArn}\n";
    insta::assert_snapshot!("add_api_key_method", check(text));
    let text = text.replace("$0", "").replace("Limited:", "Lim$0ited:");
    insta::assert_snapshot!("rate_limited_key_entry", check(&text));
}

#[test]
fn table_and_aws_integration_keys() {
    const TEXT: &str = "constructs:\n  Orders:\n    type: dynamodb.Table\n    partitionKey: { name: id, type: STRING }\n    billingMode: PAY_PER_REQUEST\n  Orders.grantWriteData: [Role]\n  Role: { type: Role, assumedBy: { ServicePrincipal: apigateway.amazonaws.com } }\n  Ws: { type: WebSocketApi }\n  Ws.addRoute:\n    put:\n      integration: { type: WebSocketAwsIntegration, id: Put, integrationUri: x, integrationMethod: POST, passthroughBehavior: NEVER }\n";
    let at = |needle: &str, shift: usize| {
        let start = TEXT.find(needle).expect("needle") + shift;
        format!("{}$0{}", &TEXT[..start], &TEXT[start..])
    };
    insta::assert_snapshot!("table_billing_mode_key", check(&at("billingMode", 3)));
    insta::assert_snapshot!("table_billing_mode_value", check(&at("PAY_PER", 2)));
    insta::assert_snapshot!("table_grant_call_entry", check(&at("grantWriteData", 2)));
    insta::assert_snapshot!(
        "aws_integration_passthrough",
        check(&at("passthroughBehavior", 4))
    );
}

#[test]
fn authorizer_id_heads() {
    // The head of `${Auth.authorizerId}` is the authorizer's id, not a construct path.
    insta::assert_snapshot!(
        "authorizer_id_head",
        check(
            "authorizers:\n  Auth: { type: HttpJwtAuthorizer, jwtIssuer: https://issuer.example.com, jwtAudience: [api] }\nintegrations:\n  Books: { type: HttpUrlIntegration, url: https://books.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes: [ { path: /books, integration: Books, authorizer: Auth } ]\noutputs:\n  Id: ${Au$0th.authorizerId}\n"
        )
    );
}
