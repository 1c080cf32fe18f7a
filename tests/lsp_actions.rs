//! Code actions as the user sees them: for a fixture with a `$0` cursor (or a `$0...$1`
//! selection), each action's title, kind, whether it is preferred, the file after applying its
//! edits, and the errors the edited file has that the original did not (there should be none,
//! except where a placeholder names something the user still has to write).

use std::collections::HashMap;

use apigw_lsp::lsp::Analysis;
use apigw_lsp::lsp::code_actions::code_actions;
use apigw_lsp::lsp::convert;
use tower_lsp_server::ls_types::{self as lsp, TextEdit, Uri};

/// The text without markers and the LSP range the markers select (UTF-16 columns).
fn fixture(text: &str) -> (String, lsp::Range) {
    let start = text.find("$0").expect("a $0 marker");
    let clean = text.replacen("$0", "", 1);
    let end = clean.find("$1").unwrap_or(start);
    let clean = clean.replacen("$1", "", 1);
    let (s, e) = (lsp_position(&clean, start), lsp_position(&clean, end));
    (clean, lsp::Range::new(s, e))
}

/// The LSP position of a byte offset, counted independently of the crate's line index.
fn lsp_position(text: &str, offset: usize) -> lsp::Position {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[line_start..].encode_utf16().count() as u32;
    lsp::Position::new(line, character)
}

/// Applies LSP edits to the analysed text.
fn apply(a: &Analysis, edits: &[TextEdit]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let span = convert::to_span(a, e.range);
            (span.start, span.end, e.new_text.as_str())
        })
        .collect();
    spans.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
    let mut out = a.text.clone();
    for (start, end, text) in spans {
        out.replace_range(start..end, text);
    }
    out
}

/// Error messages of a text, as a multiset.
fn errors(a: &Analysis) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for d in a.checked.diagnostics.iter().filter(|d| d.is_error()) {
        *out.entry(d.message.clone()).or_insert(0) += 1;
    }
    out
}

/// Every action at the markers, applied one at a time.
fn check(text: &str) -> String {
    check_only(text, "")
}

/// The actions whose title starts with `prefix`, applied one at a time.
fn check_only(text: &str, prefix: &str) -> String {
    let (text, range) = fixture(text);
    let a = Analysis::of_text(&text);
    let uri: Uri = "file:///test.apigw.yaml".parse().expect("uri");
    let before = errors(&a);
    let actions = code_actions(&a, &uri, convert::to_span(&a, range));
    let mut out = String::new();
    for action in actions.iter().filter(|x| x.title.starts_with(prefix)) {
        let kind = action.kind.as_ref().map_or("", |k| k.as_str());
        let preferred = if action.is_preferred == Some(true) {
            " (preferred)"
        } else {
            ""
        };
        out.push_str(&format!("=== {} [{kind}]{preferred}\n", action.title));
        let edits = action
            .edit
            .as_ref()
            .and_then(|e| e.changes.as_ref())
            .and_then(|c| c.get(&uri))
            .cloned()
            .unwrap_or_default();
        let edited = apply(&a, &edits);
        out.push_str(&edited);
        if !edited.ends_with('\n') {
            out.push_str("⏎ (no final line break)\n");
        }
        let after = errors(&Analysis::of_text(&edited));
        let mut new_errors: Vec<String> = after
            .iter()
            .filter(|(m, n)| **n > before.get(*m).copied().unwrap_or(0))
            .map(|(m, _)| m.clone())
            .collect();
        new_errors.sort();
        if !new_errors.is_empty() {
            out.push_str(&format!("--- new errors: {}\n", new_errors.join("; ")));
        }
    }
    if out.is_empty() {
        out.push_str("(no actions)\n");
    }
    out
}

// --- Quick fixes from diagnostics ---------------------------------------------------------------

#[test]
fn did_you_mean_replaces_the_key() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: HttpApi\n    apiN$0me: books\n"
    ));
}

#[test]
fn wrap_in_a_list_and_add_a_leading_slash() {
    insta::assert_snapshot!(check(
        "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /a, methods: $0GET$1, integration: I }\noutputs:\n  Arn: ${Api.arnForExecuteApi(GET, books)}\n"
    ));
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi }\noutputs:\n  Arn: ${Api.arnForExecuteApi(GET, bo$0oks)}\n"
    ));
}

#[test]
fn missing_prop_in_a_block_mapping() {
    insta::assert_snapshot!(check(
        "integrations:\n  U$0:\n    type: HttpUrlIntegration  # a comment\n    timeout: 10 seconds\n"
    ));
}

#[test]
fn missing_prop_in_a_flow_mapping() {
    insta::assert_snapshot!(check(
        "integrations:\n  U$0: { type: HttpUrlIntegration }\n  V: { type: HttpUrlIntegration, url: https://v.example.com }\n"
    ));
}

#[test]
fn missing_integration_of_a_route_uses_an_existing_one() {
    insta::assert_snapshot!(check(
        "integrations:\n  Books: { type: HttpUrlIntegration, url: https://books.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /a$0, methods: [GET] }\n"
    ));
}

#[test]
fn missing_prop_in_a_block_list_item() {
    insta::assert_snapshot!(check(
        "integrations:\n  Books: { type: HttpUrlIntegration, url: https://books.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - $0path: /a\n        methods: [GET]\n      - { path: /b, integration: Books }\n"
    ));
}

#[test]
fn each_missing_prop_has_its_own_fix() {
    insta::assert_snapshot!(check(
        "constructs:\n  F$0n:\n    type: Function\n    runtime: NODEJS_24_X\n"
    ));
}

#[test]
fn missing_reference_prop_names_a_construct_of_the_right_type() {
    insta::assert_snapshot!(check(
        "constructs:\n  Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\n  Api: { type: HttpApi }\n  Sta$0ge:\n    type: HttpStage\n    stageName: beta\n"
    ));
}

#[test]
fn missing_prop_in_a_nested_struct() {
    insta::assert_snapshot!(check(
        "stack:\n  description: d\noutputs:\n  Url$0:\n    description: the URL\n"
    ));
}

#[test]
fn create_a_missing_integration_of_each_accepted_type() {
    insta::assert_snapshot!(check(
        "integrations:\n  Other: { type: HttpUrlIntegration, url: https://o.example.com }\nconstructs:\n  Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /a, integration: Missing$0 }\n"
    ));
}

#[test]
fn create_a_missing_integration_section() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: HttpApi\n    defaultIntegration: $0Proxy\noutputs:\n  Url: ${Api.url}"
    ));
}

#[test]
fn create_into_a_flow_section() {
    insta::assert_snapshot!(check(
        "integrations: {}\nconstructs:\n  Api: { type: HttpApi, defaultIntegration: Proxy$0 }\n"
    ));
}

#[test]
fn create_into_an_empty_section() {
    insta::assert_snapshot!(check_only(
        "integrations:\nconstructs:\n  Api: { type: HttpApi, defaultIntegration: Proxy$0 }\n",
        "Create"
    ));
}

#[test]
fn create_a_missing_function_next_to_a_close_name() {
    insta::assert_snapshot!(check(
        "integrations:\n  L: { type: HttpLambdaIntegration, handler: BookFn$0 }\nconstructs:\n  BooksFn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\n"
    ));
}

#[test]
fn create_a_missing_function_with_its_required_props() {
    insta::assert_snapshot!(check(
        "integrations:\n  L: { type: HttpLambdaIntegration, handler: Handler$0 }\nconstructs: {}\n"
    ));
}

#[test]
fn create_a_missing_api() {
    insta::assert_snapshot!(check(
        "constructs:\n  Stage: { type: HttpStage, httpApi: \"My Api\"$0 }\n"
    ));
}

// --- Refactors ------------------------------------------------------------------------------------

#[test]
fn refactors_in_a_block_api() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: HttpApi\n    $0description: books\n    addRoutes:\n      - path: /books\n        integration: { type: HttpUrlIntegration, id: Books, url: https://b.example.com }\noutputs:\n  Url: ${Api.url}\n"
    ));
}

#[test]
fn refactors_in_a_flow_api() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi, apiName: books$0 }\n"
    ));
}

#[test]
fn cors_is_not_offered_twice() {
    insta::assert_snapshot!(check_only(
        "constructs:\n  Api:\n    type: HttpApi\n    corsPreflight: { allowOrigins: [\"*\"] }\n    $0apiName: x\n",
        "Add CORS"
    ));
}

#[test]
fn a_new_stage_gets_a_free_id() {
    insta::assert_snapshot!(check_only(
        "constructs:\n  Api:\n    type: HttpApi\n    addStage:\n      beta: { stageName: beta }\n      dev:\n        stageName: prod\n    apiName$0: x\n",
        "Add a stage"
    ));
}

#[test]
fn a_new_stage_under_an_empty_add_stage() {
    insta::assert_snapshot!(check_only(
        "constructs:\n  Api:\n    type: HttpApi\n    addStage:\n    api$0Name: x\n",
        "Add a stage"
    ));
}

#[test]
fn throttle_for_an_add_stage_call() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api:\n    type: HttpApi\n    corsPreflight: { allowOrigins: [\"*\"] }\n    addStage:\n      beta:\n        stageName: beta$0\n      prod: { stageName: prod }\n"
    ));
}

#[test]
fn throttle_for_a_flow_and_an_empty_add_stage_call() {
    insta::assert_snapshot!(check_only(
        "constructs:\n  Api:\n    type: HttpApi\n    addStage:\n      beta:\n      prod: { stageName: pr$0od }\n",
        "Add throttle"
    ));
    insta::assert_snapshot!(check_only(
        "constructs:\n  Api:\n    type: HttpApi\n    addStage:\n      be$0ta:\n      prod: { stageName: prod }\n",
        "Add throttle"
    ));
}

#[test]
fn throttle_for_stage_entries() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi }\n  Stage:\n    type: HttpStage\n    httpApi: Api\n    stageName: beta$0\n"
    ));
    insta::assert_snapshot!(check(
        "constructs:\n  Ws: { type: WebSocketApi }\n  Prod: { type: WebSocketStage, webSocketApi: Ws, stageName: prod$0 }\n"
    ));
}

#[test]
fn throttle_is_not_offered_twice() {
    insta::assert_snapshot!(check_only(
        "constructs:\n  Api:\n    type: HttpApi\n    addStage:\n      beta: { throttle: { rateLimit: 1 }$0 }\n",
        "Add throttle"
    ));
}

#[test]
fn no_refactors_outside_entries() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi }\noutputs:\n  Url: ${Api.url}$0\n"
    ));
}

#[test]
fn no_refactors_for_a_function() {
    insta::assert_snapshot!(check(
        "constructs:\n  Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler$0, code: { fromInline: x } }\n"
    ));
}

#[test]
fn crlf_files_keep_their_line_breaks() {
    let (text, _) = fixture("constructs:\r\n  Api:\r\n    type: HttpApi\r\n    apiName: x$0\r\n");
    let a = Analysis::of_text(&text);
    let uri: Uri = "file:///test.apigw.yaml".parse().expect("uri");
    let offset = text.find("x\r\n").expect("x");
    let span = apigw_lsp::syntax::Span::new(offset, offset);
    for action in code_actions(&a, &uri, span) {
        let edits = action
            .edit
            .and_then(|e| e.changes)
            .and_then(|c| c.get(&uri).cloned())
            .unwrap_or_default();
        let edited = apply(&a, &edits);
        assert!(
            !edited.replace("\r\n", "").contains('\n'),
            "{}: {edited:?}",
            action.title
        );
        assert!(
            Analysis::of_text(&edited)
                .checked
                .diagnostics
                .iter()
                .all(|d| !d.is_error()),
            "{}: {edited:?}",
            action.title
        );
    }
}

#[test]
fn ranges_after_non_ascii_text() {
    insta::assert_snapshot!(check(
        "constructs:\n  Api: { type: HttpApi, description: \"📚 bööks 🚀\", apiNme$0: x }\n"
    ));
}

#[test]
fn aliases_are_not_edited_through_their_copies() {
    insta::assert_snapshot!(check(
        "x-base: &base { type: HttpApi }\nconstructs:\n  Api: *ba$0se\n"
    ));
}

#[test]
fn never_panics_and_keeps_files_valid_at_any_offset() {
    let mut texts = vec![
        "x-base: &base { type: HttpApi }\nconstructs:\n  Api: *base\n  Other:\n    <<: *base\n    apiName: o\n    addStage:\n      b:\n".to_string(),
        "constructs:\r\n  Api: { type: HttpApi, description: \"🚀\" }\r\n  S: { type: HttpStage }\r\nintegrations:\r\n  I: { type: HttpLambdaIntegration }\r\n".to_string(),
        "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /a, integration: [\n".to_string(),
        "integrations:\n  I: { type: HttpUrlIntegration }\n  J:\n    type: HttpLambdaIntegration\n".to_string(),
        "constructs:\n  Api:\n    type: HttpApi\n    description: |\n      text\n\n".to_string(),
    ];
    for entry in std::fs::read_dir("examples").expect("examples").flatten() {
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            texts.push(std::fs::read_to_string(entry.path()).expect("example"));
        }
    }
    let uri: Uri = "file:///test.apigw.yaml".parse().expect("uri");
    for text in &texts {
        let a = Analysis::of_text(text);
        let clean = apigw_lsp::syntax::yaml::parse(text).1.is_empty();
        for offset in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let span = apigw_lsp::syntax::Span::new(offset, offset);
            for action in code_actions(&a, &uri, span) {
                let edits = action
                    .edit
                    .and_then(|e| e.changes)
                    .and_then(|c| c.get(&uri).cloned())
                    .unwrap_or_default();
                let edited = apply(&a, &edits);
                let (root, syntax_errors) = apigw_lsp::syntax::yaml::parse(&edited);
                if clean {
                    assert!(
                        root.is_some() && syntax_errors.is_empty(),
                        "{} at {offset} broke the YAML:\n{edited}\n{syntax_errors:?}",
                        action.title,
                    );
                }
            }
        }
    }
}

#[test]
fn create_a_missing_authorizer() {
    insta::assert_snapshot!(check_only(
        "integrations:\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    defaultAuthorizer: Jwt$0\n    addRoutes: [ { path: /a, integration: U } ]\n",
        "Create"
    ));
}

/// The resource-policy guard rail's quick fix, offered on the integration.
#[test]
fn policy_size_quick_fix_scopes_the_permission_per_api() {
    let routes: String = (0..40)
        .map(|i| format!("      - {{ path: /r{i}, methods: [GET], integration: BooksFn }}\n"))
        .collect();
    let text = format!(
        "integrations:\n  BooksFn: {{ type: $0HttpLambdaIntegration, handler: Fn }}\nconstructs:\n  Fn:\n    type: Function\n    runtime: NODEJS_24_X\n    handler: index.handler\n    code: {{ fromInline: \"x\" }}\n  Api:\n    type: HttpApi\n    addRoutes:\n{routes}"
    );
    let out = check_only(&text, "Add `scopePermissionToRoute");
    assert!(
        out.starts_with("=== Add `scopePermissionToRoute: false` [quickfix]"),
        "{out}"
    );
    assert!(
        out.contains("  BooksFn: { type: HttpLambdaIntegration, handler: Fn, scopePermissionToRoute: false }\n"),
        "{out}"
    );
    assert!(!out.contains("new errors"), "{out}");
}
