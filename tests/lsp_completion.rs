//! Completion through the language server's handler: fixtures with a `$0` cursor, answers
//! rendered as text and pinned by insta snapshots.

mod common;

use common::{fixture, offset, with_open_document};
use tower_lsp_server::LanguageServer;
use tower_lsp_server::ls_types::*;

/// Opens `text` in a fresh server and asks for completion at `at`.
fn request(text: &str, at: Position) -> Vec<CompletionItem> {
    with_open_document(text, async |server, uri| {
        let answer = server
            .completion(CompletionParams {
                text_document_position: TextDocumentPositionParams {
                    text_document: TextDocumentIdentifier { uri },
                    position: at,
                },
                work_done_progress_params: WorkDoneProgressParams::default(),
                partial_result_params: PartialResultParams::default(),
                context: None,
            })
            .await
            .unwrap();
        match answer {
            Some(CompletionResponse::Array(items)) => items,
            Some(CompletionResponse::List(list)) => list.items,
            None => Vec::new(),
        }
    })
}

fn kind_name(kind: Option<CompletionItemKind>) -> String {
    format!("{kind:?}")
        .trim_start_matches("Some(")
        .trim_end_matches(')')
        .to_ascii_lowercase()
}

fn edit(item: &CompletionItem) -> &TextEdit {
    match item.text_edit.as_ref().expect("every item has a text edit") {
        CompletionTextEdit::Edit(e) => e,
        CompletionTextEdit::InsertAndReplace(_) => panic!("plain edits only"),
    }
}

/// The items at the cursor: label, kind and detail, then what they replace.
fn check(fixture_text: &str) -> String {
    let (text, at) = fixture(fixture_text);
    let items = request(&text, at);
    let mut out = String::new();
    let mut replaced = Vec::new();
    for item in &items {
        let e = edit(item);
        assert_eq!(e.range.start.line, e.range.end.line, "single-line edits");
        assert!(
            e.range.start <= at && at <= e.range.end,
            "the edit range holds the cursor"
        );
        assert!(item.documentation.is_some() || item.detail.is_some());
        out.push_str(&format!(
            "{} [{}] {}\n",
            item.label,
            kind_name(item.kind),
            item.detail.as_deref().unwrap_or("")
        ));
        let r = &text[offset(&text, e.range.start)..offset(&text, e.range.end)];
        if !replaced.contains(&r) {
            replaced.push(r);
        }
    }
    if items.is_empty() {
        out.push_str("(no items)\n");
    } else {
        out.push_str(&format!("replaces: {replaced:?}\n"));
    }
    out
}

/// The document after accepting the item labelled `label` (snippet syntax kept), followed by
/// its documentation.
fn accept(fixture_text: &str, label: &str) -> String {
    let (text, at) = fixture(fixture_text);
    let items = request(&text, at);
    let item = items
        .iter()
        .find(|i| i.label == label)
        .unwrap_or_else(|| panic!("no item {label}"));
    let e = edit(item);
    let range = offset(&text, e.range.start)..offset(&text, e.range.end);
    let mut result = text.clone();
    result.replace_range(range.clone(), &e.new_text);
    if item.insert_text_format == Some(InsertTextFormat::SNIPPET) {
        // The document the user gets when accepting each default: still valid YAML.
        let mut plain = text.clone();
        plain.replace_range(range, &expand_snippet(&e.new_text));
        let (_, errors) = apigw_lsp::syntax::yaml::parse(&plain);
        assert!(errors.is_empty(), "{plain}\n{errors:?}");
    }
    if e.new_text.contains('\n') {
        assert_eq!(item.insert_text_mode, Some(InsertTextMode::AS_IS));
    }
    let doc = match &item.documentation {
        Some(Documentation::MarkupContent(m)) => m.value.clone(),
        Some(Documentation::String(s)) => s.clone(),
        None => String::new(),
    };
    format!("{result}---\n{doc}\n")
}

/// A snippet with each tab stop replaced by its placeholder (or first choice).
fn expand_snippet(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(body) = after.strip_prefix('{') {
            let close = body.find('}').unwrap();
            let inner = &body[..close];
            let digits = inner.trim_start_matches(|c: char| c.is_ascii_digit());
            if let Some(p) = digits.strip_prefix(':') {
                out.push_str(p);
            } else if let Some(c) = digits.strip_prefix('|') {
                out.push_str(c.split([',', '|']).next().unwrap());
            } else {
                out.push_str(&format!("${{{inner}}}"));
            }
            rest = &body[close + 1..];
        } else {
            let n = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if n == 0 {
                out.push('$');
            } else {
                out.push('x');
            }
            rest = &after[n..];
        }
    }
    out.push_str(rest);
    out
}

const BOOKSTORE: &str = "\
integrations:
  GetBooksIntegration: { type: HttpUrlIntegration, url: https://get-books-proxy.example.com }
  BooksIntegration: { type: HttpLambdaIntegration, handler: BookStoreDefaultFn }
  WsIntegration: { type: WebSocketLambdaIntegration, handler: BookStoreDefaultFn }
constructs:
  BookStoreDefaultFn:
    type: Function
    runtime: NODEJS_24_X
    handler: index.handler
    code: { fromInline: \"exports.handler = async () => ({ statusCode: 200 });\" }
  HttpApi:
    type: HttpApi
    addStage:
      Beta: { stageName: beta }
    addRoutes:
      - { path: /books, methods: [GET], integration: GetBooksIntegration }
      - { path: \"/books/{id}\", methods: [ANY], integration: BooksIntegration }
";

#[test]
fn sections_of_an_empty_file() {
    insta::assert_snapshot!("sections_empty", check("$0"));
    insta::assert_snapshot!(
        "sections_missing_ones",
        check("constructs:\n  A:\n    type: HttpApi\nou$0\n")
    );
}

#[test]
fn keys_of_a_construct_on_a_new_line() {
    insta::assert_snapshot!(
        "construct_keys",
        check(&format!("{BOOKSTORE}    $0\noutputs:\n  X: y\n"))
    );
    insta::assert_snapshot!(
        "construct_keys_typed_after_emoji",
        check(
            "constructs:\n  Api:\n    type: HttpApi\n    description: \"🚀 ünïcode API\"\n    cre$0\n"
        )
    );
    insta::assert_snapshot!(
        "construct_without_type",
        check("constructs:\n  Api:\n    $0\n")
    );
    insta::assert_snapshot!(
        "created_child_takes_methods_only",
        check(&format!("{BOOKSTORE}  HttpApi/Beta:\n    $0\n"))
    );
}

#[test]
fn keys_of_calls_structs_and_integrations() {
    insta::assert_snapshot!(
        "route_options_block",
        check(&format!("{BOOKSTORE}      - path: /x\n        $0\n"))
    );
    insta::assert_snapshot!(
        "route_options_flow",
        check(&format!("{BOOKSTORE}      - {{ path: /x, $0 }}\n"))
    );
    insta::assert_snapshot!(
        "struct_props",
        check(
            "constructs:\n  Api:\n    type: HttpApi\n    corsPreflight:\n      allowCredentials: true\n      $0\n"
        )
    );
    insta::assert_snapshot!(
        "integration_keys",
        check("integrations:\n  Url:\n    type: HttpUrlIntegration\n    $0\n")
    );
    insta::assert_snapshot!(
        "inline_integration_keys",
        check(&format!(
            "{BOOKSTORE}      - path: /x\n        integration:\n          type: HttpUrlIntegration\n          $0\n"
        ))
    );
    insta::assert_snapshot!(
        "call_entry_options",
        check("constructs:\n  Api:\n    type: HttpApi\n  Api.addRoutes:\n    path: /x\n    $0\n")
    );
    insta::assert_snapshot!(
        "keyed_call_entry_options",
        check(
            "constructs:\n  Api:\n    type: HttpApi\n  Api.addStage#later:\n    beta:\n      stageName: beta\n      $0\n"
        )
    );
    insta::assert_snapshot!(
        "call_entry_keys",
        check(
            "constructs:\n  Api:\n    type: HttpApi\n    addStage: { beta: {} }\n  Api/beta.$0\n"
        )
    );
    insta::assert_snapshot!("stack_env", check("stack:\n  env:\n    $0\n"));
    insta::assert_snapshot!(
        "output_keys",
        check("outputs:\n  Url:\n    value: x\n    $0\n")
    );
}

#[test]
fn key_snippets_keep_yaml_valid() {
    insta::assert_snapshot!(
        "snippet_add_routes_block",
        accept(
            "constructs:\n  Api:\n    type: HttpApi\n    addR$0\n",
            "addRoutes"
        )
    );
    insta::assert_snapshot!(
        "snippet_struct_in_a_keyed_call",
        accept(
            "constructs:\n  Api:\n    type: HttpApi\n    addStage:\n      beta:\n        $0\n",
            "throttle"
        )
    );
    insta::assert_snapshot!(
        "snippet_add_stage",
        accept(
            "constructs:\n  Api:\n    type: HttpApi\n    $0\n",
            "addStage"
        )
    );
    insta::assert_snapshot!(
        "snippet_stage_variable",
        accept(
            "constructs:\n  Api:\n    type: HttpApi\n  Api/DefaultStage:\n    $0\n",
            "addStageVariable"
        )
    );
    insta::assert_snapshot!(
        "snippet_bool_and_enum_flow",
        accept(
            "constructs:\n  Api: { type: HttpApi, $0 }\n",
            "ipAddressType"
        )
    );
    insta::assert_snapshot!(
        "snippet_bool",
        accept(
            "constructs:\n  Api:\n    type: HttpApi\n    dis$0\n",
            "disableExecuteApiEndpoint"
        )
    );
    insta::assert_snapshot!(
        "snippet_struct",
        accept(
            "constructs:\n  Api:\n    type: HttpApi\n    cors$0\n",
            "corsPreflight"
        )
    );
    insta::assert_snapshot!(
        "snippet_section",
        accept("constructs:\n  Api:\n    type: HttpApi\nout$0", "outputs")
    );
}

#[test]
fn values_from_the_schema() {
    insta::assert_snapshot!(
        "construct_types",
        check("constructs:\n  Api:\n    type: $0\n")
    );
    insta::assert_snapshot!(
        "construct_type_right_after_colon",
        check("constructs:\n  Api:\n    type:$0\n")
    );
    insta::assert_snapshot!(
        "integration_types",
        check("integrations:\n  I: { type: H$0 }\n")
    );
    insta::assert_snapshot!(
        "inline_integration_types_accepted_by_the_route",
        check(&format!(
            "{BOOKSTORE}      - {{ path: /x, integration: {{ type: $0 }} }}\n"
        ))
    );
    insta::assert_snapshot!(
        "enum_members",
        check("constructs:\n  Api:\n    type: HttpApi\n    ipAddressType: D$0\n")
    );
    insta::assert_snapshot!(
        "list_of_enum_members",
        check(&format!(
            "{BOOKSTORE}      - {{ path: /x, methods: [GET, $0], integration: BooksIntegration }}\n"
        ))
    );
    insta::assert_snapshot!(
        "a_list_where_the_value_goes",
        check(
            "constructs:\n  Api:\n    type: HttpApi\n    corsPreflight:\n      allowMethods: $0\n"
        )
    );
    insta::assert_snapshot!(
        "booleans",
        check("constructs:\n  Api:\n    type: HttpApi\n    createDefaultStage: $0\n")
    );
    insta::assert_snapshot!(
        "factories",
        check("constructs:\n  Fn:\n    type: Function\n    code: $0\n")
    );
}

#[test]
fn value_snippets() {
    insta::assert_snapshot!(
        "accept_type_right_after_colon",
        accept("constructs:\n  Api:\n    type:$0\n", "HttpApi")
    );
    insta::assert_snapshot!(
        "accept_inline_integration",
        accept(
            &format!("{BOOKSTORE}      - {{ path: /x, integration: $0 }}\n"),
            "{ type: HttpLambdaIntegration, id: … }"
        )
        .split("---")
        .next()
        .unwrap_or("")
        .lines()
        .last()
        .unwrap_or("")
        .to_string()
    );
    insta::assert_snapshot!(
        "accept_factory",
        accept(
            "constructs:\n  Fn:\n    type: Function\n    code: $0\n",
            "{ fromInline: … }"
        )
    );
    insta::assert_snapshot!(
        "accept_context_variable",
        accept(
            "integrations:\n  U:\n    type: HttpUrlIntegration\n    url: https://x.example.com\n    parameterMapping:\n      append:header.x-ip: \"$context.ide$0\"\n",
            "$context.identity.sourceIp"
        )
    );
    insta::assert_snapshot!(
        "accept_block_snippet_with_crlf",
        accept(
            "constructs:\r\n  Api:\r\n    type: HttpApi\r\n    $0\r\n",
            "corsPreflight"
        )
        .replace('\r', "␍")
    );
}

#[test]
fn references_of_the_right_type() {
    insta::assert_snapshot!(
        "integration_ids_for_an_http_route",
        check(&format!(
            "{BOOKSTORE}      - {{ path: /x, methods: [GET], integration: $0 }}\n"
        ))
    );
    insta::assert_snapshot!(
        "integration_ids_half_typed_flow",
        check(&format!(
            "{BOOKSTORE}      - {{ path: /x, integration: Bo$0\n"
        ))
    );
    insta::assert_snapshot!(
        "functions_for_a_handler",
        check(
            "integrations:\n  L: { type: HttpLambdaIntegration, handler: $0 }\nconstructs:\n  Fn1:\n    type: Function\n  Api:\n    type: HttpApi\n"
        )
    );
    insta::assert_snapshot!(
        "apis_for_a_stage",
        check(&format!(
            "{BOOKSTORE}  Prod:\n    type: HttpStage\n    httpApi: $0\n"
        ))
    );
    insta::assert_snapshot!(
        "depends_on_lists_every_path_but_its_own",
        check(&format!("{BOOKSTORE}    dependsOn:\n      - $0\n"))
    );
}

#[test]
fn expressions() {
    insta::assert_snapshot!(
        "expression_heads",
        check(&format!("{BOOKSTORE}outputs:\n  A: ${{$0\n"))
    );
    insta::assert_snapshot!(
        "expression_attributes",
        check(&format!("{BOOKSTORE}outputs:\n  A: ${{HttpApi.$0}}\n"))
    );
    insta::assert_snapshot!(
        "expression_method_snippet",
        accept(
            &format!("{BOOKSTORE}outputs:\n  A: ${{HttpApi.arn$0}}\n"),
            "arnForExecuteApi"
        )
        .split("---")
        .next()
        .unwrap_or("")
        .lines()
        .last()
        .unwrap_or("")
        .to_string()
    );
    insta::assert_snapshot!(
        "expression_child_attributes",
        check(&format!(
            "{BOOKSTORE}outputs:\n  A: \"Base: ${{HttpApi.defaultStage.$0\"\n"
        ))
    );
    insta::assert_snapshot!(
        "expression_created_child_head",
        check(&format!(
            "{BOOKSTORE}outputs:\n  A: ${{HttpApi/Beta.u$0}}\n"
        ))
    );
    insta::assert_snapshot!(
        "arn_methods",
        check(&format!(
            "{BOOKSTORE}outputs:\n  A: ${{HttpApi.arnForExecuteApi($0\n"
        ))
    );
    insta::assert_snapshot!(
        "arn_route_paths",
        check(&format!(
            "{BOOKSTORE}outputs:\n  A: ${{HttpApi.arnForExecuteApi(GET, /b$0)}}\n"
        ))
    );
    insta::assert_snapshot!(
        "arn_stages",
        check(&format!(
            "{BOOKSTORE}outputs:\n  A: ${{HttpApi.arnForExecuteApi(GET, /books, $0\n"
        ))
    );
    insta::assert_snapshot!(
        "aws_pseudo_parameters",
        check(&format!("{BOOKSTORE}outputs:\n  A: ${{Aws.$0}}\n"))
    );
    insta::assert_snapshot!(
        "literal_dollar_brace_is_not_an_expression",
        check(&format!("{BOOKSTORE}outputs:\n  A: $${{HttpApi.$0}}\n"))
    );
}

#[test]
fn context_variables() {
    insta::assert_snapshot!(
        "parameter_mapping_value",
        check(
            "integrations:\n  U:\n    type: HttpUrlIntegration\n    url: https://x.example.com\n    parameterMapping:\n      append:header.x-request-id: $context.req$0\n"
        )
    );
    insta::assert_snapshot!(
        "parameter_mapping_empty_value",
        check(
            "integrations:\n  U:\n    type: HttpUrlIntegration\n    url: https://x.example.com\n    parameterMapping:\n      overwrite:path: $0\n"
        )
    );
    // The schema has no access log format prop yet: any string prop whose name contains
    // `format` gets the variables, here a stage variable.
    insta::assert_snapshot!(
        "format_string",
        check(
            "constructs:\n  Api:\n    type: HttpApi\n    addStage:\n      beta:\n        stageVariables:\n          logFormat: '{\"id\":\"$context.requestId\",\"ip\":\"$context.iden$0\"}'\n"
        )
        .lines()
        .filter(|l| l.contains("identity") || l.starts_with("replaces"))
        .collect::<Vec<_>>()
        .join("\n")
    );
    insta::assert_snapshot!(
        "a_value_written_already",
        check("constructs:\n  Api:\n    type: HttpApi $0\n")
    );
    insta::assert_snapshot!(
        "parameter_mapping_keys",
        check(
            "integrations:\n  U:\n    type: HttpUrlIntegration\n    url: https://x.example.com\n    parameterMapping:\n      $0\n"
        )
    );
}

#[test]
fn documents_being_typed() {
    // A YAML error above the cursor (an unclosed flow mapping) and a half-typed line below.
    insta::assert_snapshot!(
        "error_above",
        check(
            "integrations:\n  Bad: { type: HttpUrlIntegration\nconstructs:\n  Api:\n    type: HttpApi\n    ip$0\n  Next:\n    type: Function\n"
        )
    );
    // CRLF line endings.
    insta::assert_snapshot!(
        "crlf",
        check("constructs:\r\n  Api:\r\n    type: HttpApi\r\n    ipAddressType: $0\r\n")
    );
    // Inside a comment: nothing.
    insta::assert_snapshot!(
        "comment",
        check("constructs:\n  Api:\n    type: HttpApi # the API $0\n")
    );
}

#[test]
fn no_offset_panics() {
    let text = format!(
        "{BOOKSTORE}outputs:\n  🚀: \"${{HttpApi.arnForExecuteApi(GET, /bööks, \n  X: ${{\n"
    );
    let lines = text.lines().count() as u32;
    for line in 0..=lines + 1 {
        for character in 0..90 {
            let _ = request(&text, Position::new(line, character));
        }
    }
    let _ = request("", Position::new(3, 7));
}

#[test]
fn authorizers() {
    let head = "authorizers:\n  Jwt: { type: HttpJwtAuthorizer, jwtIssuer: https://issuer.example.com, jwtAudience: [a] }\nintegrations:\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Api:\n    type: HttpApi\n";
    insta::assert_snapshot!(
        "authorizer_ids",
        check(&format!("{head}    defaultAuthorizer: $0\n"))
    );
    insta::assert_snapshot!(
        "inline_authorizer_keys",
        check(&format!(
            "{head}    addRoutes:\n      - path: /a\n        integration: U\n        authorizer:\n          type: HttpJwtAuthorizer\n          $0\n"
        ))
    );
    insta::assert_snapshot!(
        "authorizer_keys",
        check("authorizers:\n  Jwt:\n    type: HttpJwtAuthorizer\n    $0\n")
    );
}

#[test]
fn imported_authorizers_and_authorizer_attributes() {
    let head = "authorizers:\n  Jwt: { type: HttpJwtAuthorizer, jwtIssuer: https://issuer.example.com, jwtAudience: [a] }\nintegrations:\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Shared:\n    type: HttpAuthorizer\n    fromHttpAuthorizerAttributes: { authorizerId: abc123, authorizerType: CUSTOM }\n  Api:\n    type: HttpApi\n";
    insta::assert_snapshot!(
        "imported_authorizer_references",
        check(&format!("{head}    defaultAuthorizer: $0\n"))
    );
    insta::assert_snapshot!(
        "authorizer_attributes",
        check(&format!("{head}outputs:\n  Id: ${{Jwt.$0}}\n"))
    );
}

#[test]
fn websocket_integrations_and_authorizers() {
    let head = "authorizers:\n  Auth: { type: WebSocketLambdaAuthorizer, handler: Fn }\n  Jwt: { type: HttpJwtAuthorizer, jwtIssuer: https://issuer.example.com, jwtAudience: [a] }\nintegrations:\n  Mock: { type: WebSocketMockIntegration }\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Fn: { type: Function, fromFunctionArn: \"arn:aws:lambda:us-east-1:111111111111:function:f\" }\n  Api:\n    type: WebSocketApi\n";
    insta::assert_snapshot!(
        "websocket_route_integrations",
        check(&format!(
            "{head}    addRoute:\n      ping:\n        integration: $0\n"
        ))
    );
    insta::assert_snapshot!(
        "websocket_connect_authorizers",
        check(&format!(
            "{head}    connectRouteOptions:\n      integration: Mock\n      authorizer: $0\n"
        ))
    );
    insta::assert_snapshot!(
        "websocket_mock_integration_keys",
        check("integrations:\n  Mock:\n    type: WebSocketMockIntegration\n    $0\n")
    );
}

#[test]
fn custom_domains_from_the_schema() {
    const DOMAIN: &str = "constructs:\n  Cert: { type: Certificate, fromCertificateArn: \"arn:aws:acm:us-east-1:111111111111:certificate/c\" }\n  Other: { type: Function, fromFunctionArn: \"arn:aws:lambda:us-east-1:111111111111:function:f\" }\n";
    insta::assert_snapshot!(
        "domain_name_keys",
        check(&format!("{DOMAIN}  DN:\n    type: DomainName\n    $0\n"))
    );
    insta::assert_snapshot!(
        "domain_certificate_references",
        check(&format!(
            "{DOMAIN}  DN:\n    type: DomainName\n    domainName: api.example.com\n    certificate: $0\n"
        ))
    );
    insta::assert_snapshot!(
        "stage_domain_mapping_keys",
        check(&format!(
            "{DOMAIN}  DN: {{ type: DomainName, domainName: a.example.com, certificate: Cert }}\n  Api:\n    type: HttpApi\n    defaultDomainMapping:\n      $0\n"
        ))
    );
}

#[test]
fn access_logging_from_the_schema() {
    const STAGE: &str = "constructs:\n  Logs: { type: LogGroup }\n  Api: { type: HttpApi }\n  Stage:\n    type: HttpStage\n    httpApi: Api\n    stageName: beta\n    accessLogSettings:\n";
    insta::assert_snapshot!(
        "access_log_destination",
        check(&format!("{STAGE}      destination: {{ logGroup: $0 }}\n"))
    );
    insta::assert_snapshot!(
        "access_log_formats",
        check(&format!(
            "{STAGE}      destination: {{ logGroup: Logs }}\n      format: $0\n"
        ))
    );
    insta::assert_snapshot!(
        "access_log_custom_format_variables",
        check(&format!(
            "{STAGE}      destination: {{ logGroup: Logs }}\n      format: {{ custom: \"$context.requestId $con$0\" }}\n"
        ))
    );
}

#[test]
fn alarms_from_the_schema() {
    const APIS: &str = "constructs:\n  Api: { type: HttpApi, description: \"Bücher 📚\" }\n  Ws: { type: WebSocketApi }\n";
    insta::assert_snapshot!(
        "alarm_metrics",
        check(&format!(
            "{APIS}  Errors:\n    type: Alarm\n    metric: $0\n"
        ))
    );
    insta::assert_snapshot!(
        "alarm_keys",
        check(&format!("{APIS}  Errors:\n    type: Alarm\n    $0\n"))
    );
    insta::assert_snapshot!(
        "alarm_metric_options",
        check(&format!(
            "{APIS}  Errors:\n    type: Alarm\n    metric:\n      Api.metricLatency:\n        $0\n"
        ))
    );
}

#[test]
fn authorizers_from_the_schema() {
    const POOL: &str = "constructs:\n  Pool:\n    type: UserPool\n    addClient:\n      Web: {}\n  Api: { type: HttpApi }\n";
    insta::assert_snapshot!(
        "user_pool_authorizer_keys",
        check(&format!(
            "authorizers:\n  Auth:\n    type: HttpUserPoolAuthorizer\n    $0\n{POOL}"
        ))
    );
    insta::assert_snapshot!(
        "user_pool_clients",
        check(&format!(
            "authorizers:\n  Auth: {{ type: HttpUserPoolAuthorizer, pool: Pool, userPoolClients: [$0] }}\n{POOL}"
        ))
    );
}

#[test]
fn service_integrations_from_the_schema() {
    insta::assert_snapshot!(
        "sqs_integration_keys",
        check(
            "integrations:\n  Send:\n    type: HttpSqsIntegration\n    $0\nconstructs:\n  Queue: { type: Queue }\n"
        )
    );
    insta::assert_snapshot!(
        "sqs_subtypes",
        check(
            "integrations:\n  Send: { type: HttpSqsIntegration, queue: Queue, subtype: SQS_$0 }\nconstructs:\n  Queue: { type: Queue }\n"
        )
    );
}

#[test]
fn private_integrations_from_the_schema() {
    const NETWORK: &str = "constructs:\n  Vpc:\n    type: Vpc\n    fromVpcAttributes: { vpcId: vpc-1, availabilityZones: [a], privateSubnetIds: [subnet-1] }\n  Link: { type: VpcLink, vpc: Vpc }\n  Sg: { type: SecurityGroup, fromSecurityGroupId: sg-1 }\n  Listener:\n    type: ApplicationListener\n    fromApplicationListenerAttributes: { listenerArn: arn, securityGroup: Sg }\n";
    insta::assert_snapshot!(
        "alb_integration_keys",
        check(&format!(
            "integrations:\n  Shop:\n    type: HttpAlbIntegration\n    $0\n{NETWORK}"
        ))
    );
    insta::assert_snapshot!(
        "alb_integration_vpc_links",
        check(&format!(
            "integrations:\n  Shop: {{ type: HttpAlbIntegration, listener: Listener, vpcLink: $0 }}\n{NETWORK}"
        ))
    );
}

#[test]
fn owned_network_from_the_schema() {
    const NETWORK: &str = "constructs:\n  Vpc: { type: Vpc, natGateways: 1 }\n  Lb:\n    type: ApplicationLoadBalancer\n    vpc: Vpc\n    addListener:\n      Web: { port: 80 }\n  Lb/Web.addTargets:\n    App: { port: 8080 }\n";
    insta::assert_snapshot!(
        "subnet_configuration_keys",
        check(
            "constructs:\n  Vpc:\n    type: Vpc\n    subnetConfiguration:\n      - name: Front\n        $0\n"
        )
    );
    insta::assert_snapshot!(
        "owned_listener_references",
        check(&format!(
            "{NETWORK}  Api:\n    type: HttpApi\n    defaultIntegration: {{ type: HttpAlbIntegration, id: Web, listener: $0 }}\n"
        ))
    );
}

#[test]
fn usage_plans_from_the_schema() {
    const KEYS: &str =
        "  Key: { type: ApiKey }\n  Api: { type: WebSocketApi }\n  Ops: { type: User }\n";
    insta::assert_snapshot!(
        "usage_plan_keys",
        check(&format!(
            "constructs:\n{KEYS}  Plan:\n    type: UsagePlan\n    $0\n"
        ))
    );
    insta::assert_snapshot!(
        "add_api_key_bare_item",
        check(&format!(
            "constructs:\n{KEYS}  Plan:\n    type: UsagePlan\n    addApiKey: [$0]\n"
        ))
    );
    insta::assert_snapshot!(
        "quota_period",
        check(&format!(
            "constructs:\n{KEYS}  Plan:\n    type: UsagePlan\n    quota: {{ limit: 10, period: $0 }}\n"
        ))
    );
    insta::assert_snapshot!(
        "key_selection_expression",
        check("constructs:\n  Api:\n    type: WebSocketApi\n    apiKeySelectionExpression: $0\n")
    );
}

#[test]
fn websocket_route_entry_and_table_attributes() {
    const ENTRIES: &str = "constructs:\n  Fn: { type: Function, fromFunctionArn: arn:aws:lambda:us-east-1:111111111111:function:f }\n  Api: { type: WebSocketApi }\n  Send:\n    type: WebSocketRoute\n    webSocketApi: Api\n    routeKey: send\n    integration: { type: WebSocketLambdaIntegration, id: I, handler: Fn }\n  Orders: { type: Table, partitionKey: { name: id, type: STRING } }\n";
    insta::assert_snapshot!(
        "websocket_route_attributes",
        check(&format!("{ENTRIES}outputs:\n  Key: ${{Send.$0}}\n"))
    );
    insta::assert_snapshot!(
        "table_attributes",
        check(&format!("{ENTRIES}outputs:\n  Arn: ${{Orders.$0}}\n"))
    );
    insta::assert_snapshot!(
        "table_grant_methods",
        check(&format!("{ENTRIES}  Orders.grant$0\n"))
    );
}
