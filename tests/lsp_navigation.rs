//! Document symbols, go to definition, find references and rename, as the user sees them.
//!
//! Fixtures mark the cursor with `$0`; the cursor is turned into an LSP position (UTF-16
//! columns, counted here independently of the crate) and back, as the server does. Ranges are
//! shown as `line:character` (0-based, as in LSP) followed by the text they cover.

use apigw_lsp::lsp::Analysis;
use apigw_lsp::lsp::convert;
use apigw_lsp::lsp::navigation::{definition, prepare_rename, references, rename};
use apigw_lsp::lsp::symbols::document_symbols;
use tower_lsp_server::ls_types::{self as lsp, DocumentSymbol, TextEdit};

/// The text without its `$0` marker, analysed, and the cursor's byte offset as the server
/// computes it from the LSP position.
fn fixture(text: &str) -> (Analysis, usize) {
    let at = text.find("$0").expect("a $0 marker");
    let clean = text.replacen("$0", "", 1);
    let before = &clean[..at];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[line_start..].encode_utf16().count() as u32;
    let a = Analysis::of_text(&clean);
    let offset = convert::to_offset(&a, lsp::Position::new(line, character));
    assert_eq!(offset, at, "UTF-16 position round trip");
    (a, offset)
}

/// `line:character-line:character text`.
fn show(a: &Analysis, range: lsp::Range) -> String {
    let span = convert::to_span(a, range);
    format!(
        "{}:{}-{}:{} {}",
        range.start.line,
        range.start.character,
        range.end.line,
        range.end.character,
        a.slice(span)
    )
}

fn check_definition(text: &str) -> String {
    let (a, offset) = fixture(text);
    match definition(&a, offset) {
        Some(range) => show(&a, range),
        None => "no definition".into(),
    }
}

fn check_references(text: &str) -> String {
    let (a, offset) = fixture(text);
    let mut out = String::new();
    for include in [true, false] {
        out.push_str(if include {
            "with the declaration:\n"
        } else {
            "without:\n"
        });
        for range in references(&a, offset, include) {
            out.push_str(&format!("  {}\n", show(&a, range)));
        }
    }
    out
}

/// The range prepare_rename gives, then the text after renaming to `new_name` (or the error).
fn check_rename(text: &str, new_name: &str) -> String {
    let (a, offset) = fixture(text);
    let mut out = match prepare_rename(&a, offset) {
        Some(range) => format!("prepare: {}\n", show(&a, range)),
        None => "prepare: none\n".into(),
    };
    match rename(&a, offset, new_name) {
        Ok(edits) => {
            let edited = apply(&a, &edits);
            let after = Analysis::of_text(&edited);
            out.push_str(&edited);
            for d in after.checked.diagnostics.iter().filter(|d| d.is_error()) {
                out.push_str(&format!("--- error after rename: {}\n", d.message));
            }
        }
        Err(message) => out.push_str(&format!("error: {message}\n")),
    }
    out
}

fn apply(a: &Analysis, edits: &[TextEdit]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let span = convert::to_span(a, e.range);
            (span.start, span.end, e.new_text.as_str())
        })
        .collect();
    spans.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
    for pair in spans.windows(2) {
        assert!(pair[1].1 <= pair[0].0, "overlapping edits: {spans:?}");
    }
    let mut out = a.text.clone();
    for (start, end, text) in spans {
        out.replace_range(start..end, text);
    }
    out
}

fn check_symbols(text: &str) -> String {
    let a = Analysis::of_text(text);
    let mut out = String::new();
    for s in document_symbols(&a) {
        render_symbol(&a, &s, 0, &mut out);
    }
    out
}

fn render_symbol(a: &Analysis, s: &DocumentSymbol, depth: usize, out: &mut String) {
    assert!(
        s.range.start <= s.selection_range.start && s.selection_range.end <= s.range.end,
        "selection of {} outside its range",
        s.name
    );
    let detail = s
        .detail
        .as_ref()
        .map_or(String::new(), |d| format!(" ({d})"));
    let r = s.range;
    let selection = convert::to_span(a, s.selection_range);
    out.push_str(&format!(
        "{}{:?} {}{detail}  {}:{}-{}:{} [{}]\n",
        "  ".repeat(depth),
        s.kind,
        s.name,
        r.start.line,
        r.start.character,
        r.end.line,
        r.end.character,
        a.slice(selection)
    ));
    for child in s.children.iter().flatten() {
        render_symbol(a, child, depth + 1, out);
    }
}

const BOOKSTORE: &str = "\
integrations:
  GetBooks: { type: HttpUrlIntegration, url: https://get-books.example.com }
  Books: { type: HttpLambdaIntegration, handler: BooksFn }
constructs:
  BooksFn:
    type: Function
    runtime: NODEJS_24_X
    handler: index.handler
    code: { fromInline: \"exports.handler = async () => ({ statusCode: 200 });\" }
  Api:
    type: HttpApi
    addRoutes:
      - { path: /books, methods: [GET, HEAD], integration: GetBooks }
      - path: /books/{id}
        integration: Books
    addStage:
      beta: { stageName: beta }
  Api/beta:
    addStageVariable: { color: blue }
  Prod:
    type: HttpStage
    httpApi: Api
    stageName: prod
    dependsOn: [BooksFn]
outputs:
  Url: ${Api.url}
  BetaUrl: \"beta: ${Api/beta.url} default: ${Api/DefaultStage.url}\"
  Arn: { value: \"${Api.arnForExecuteApi(GET, /books, beta)}\", description: ARN }
";

/// The bookstore with the cursor at the `n`-th occurrence (0-based) of `needle`, after
/// `offset` bytes into it.
fn bookstore_at(needle: &str, n: usize, offset: usize) -> String {
    let at = BOOKSTORE
        .match_indices(needle)
        .nth(n)
        .map(|(i, _)| i + offset)
        .expect("needle");
    format!("{}$0{}", &BOOKSTORE[..at], &BOOKSTORE[at..])
}

// --- Document symbols ---------------------------------------------------------------------

#[test]
fn symbols_of_the_bookstore() {
    insta::assert_snapshot!(check_symbols(BOOKSTORE));
}

#[test]
fn symbols_nest_children_under_their_parent() {
    insta::assert_snapshot!(check_symbols(
        "stack: { id: Books }\nconstructs:\n  Group: { type: Construct }\n  Group/Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\n  Group/Inner: { type: Construct }\n  Group/Inner/Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\n  Orphan/Fn: { type: Function }\n  Ws:\n    type: WebSocketApi\n    connectRouteOptions: { integration: Connect }\n    addRoute:\n      sendmessage: { integration: Connect }\n  Prod: { type: WebSocketStage, webSocketApi: Ws, stageName: prod }\nintegrations:\n  Connect: { type: WebSocketLambdaIntegration, handler: Group/Fn }\nx-shared: &s { a: 1 }\n"
    ));
}

#[test]
fn symbols_of_a_broken_file() {
    insta::assert_snapshot!(check_symbols(
        "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { methods: GET }\n      - path: /x\n  Bad: { type: Nope }\n  Empty:\noutputs:\n  Long: \"a very long output value that goes on and on and on and on and on and on\"\n"
    ));
}

#[test]
fn no_symbols_for_an_empty_file() {
    assert!(document_symbols(&Analysis::of_text("# nothing\n")).is_empty());
    assert!(document_symbols(&Analysis::of_text("- a\n- b\n")).is_empty());
}

// --- Definition ---------------------------------------------------------------------------

#[test]
fn definition_of_references() {
    let cases = [
        ("handler: BooksFn", 0, 12),
        ("httpApi: Api", 0, 10),
        ("[BooksFn]", 0, 3),
        ("integration: GetBooks", 0, 15),
        ("integration: Books", 0, 13),
        ("${Api.url}", 0, 3),
        ("${Api/beta.url}", 0, 2),
        ("${Api/beta.url}", 0, 8),
        ("${Api/DefaultStage.url}", 0, 12),
        ("${Api.arnForExecuteApi", 0, 4),
        ("Api/beta:", 0, 1),
        ("Api/beta:", 0, 6),
        ("  Api:", 0, 3),
        ("${Api.url}", 0, 7),
        ("path: /books", 0, 8),
    ];
    let mut out = String::new();
    for (needle, n, offset) in cases {
        let fixture = bookstore_at(needle, n, offset);
        out.push_str(&format!(
            "{needle} @{offset}: {}\n",
            check_definition(&fixture)
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn definition_of_paths_and_quoted_keys() {
    let text = "constructs:\n  Group: { type: Construct }\n  Group/Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\n  \"My Api\": { type: HttpApi }\n  S: { type: HttpStage, httpApi: 'My Api', description: \"${My Api.url}\" }\nintegrations:\n  L: { type: HttpLambdaIntegration, handler: Group/Fn }\n";
    let mut out = String::new();
    for (needle, offset) in [
        ("handler: Group/Fn", 10),
        ("handler: Group/Fn", 16),
        ("Group/Fn:", 2),
        ("'My Api'", 3),
        ("${My Api.url}", 4),
    ] {
        let at = text.find(needle).expect("needle") + offset;
        let fixture = format!("{}$0{}", &text[..at], &text[at..]);
        out.push_str(&format!(
            "{needle} @{offset}: {}\n",
            check_definition(&fixture)
        ));
    }
    insta::assert_snapshot!(out);
}

// --- References ---------------------------------------------------------------------------

#[test]
fn references_of_an_api() {
    insta::assert_snapshot!(check_references(&bookstore_at("httpApi: Api", 0, 10)));
}

#[test]
fn references_of_a_stage_created_by_add_stage() {
    insta::assert_snapshot!(check_references(&bookstore_at("${Api/beta.url}", 0, 8)));
}

#[test]
fn references_of_a_function_and_an_integration() {
    insta::assert_snapshot!(check_references(&bookstore_at("  BooksFn:", 0, 4)));
    insta::assert_snapshot!(check_references(&bookstore_at("integration: Books", 0, 15)));
}

#[test]
fn references_of_nothing() {
    insta::assert_snapshot!(check_references(&bookstore_at("stageName: prod", 0, 12)));
}

// --- Rename -------------------------------------------------------------------------------

#[test]
fn rename_an_api_everywhere() {
    insta::assert_snapshot!(check_rename(&bookstore_at("  Api:", 0, 3), "BooksApi"));
}

#[test]
fn rename_a_stage_created_by_add_stage() {
    insta::assert_snapshot!(check_rename(&bookstore_at("Api/beta:", 0, 5), "gamma"));
}

#[test]
fn rename_an_integration() {
    insta::assert_snapshot!(check_rename(
        &bookstore_at("integration: GetBooks", 0, 14),
        "ListBooks"
    ));
}

#[test]
fn rename_a_function_from_a_depends_on_item() {
    insta::assert_snapshot!(check_rename(&bookstore_at("[BooksFn]", 0, 1), "Books.Fn"));
}

#[test]
fn rename_quotes_where_yaml_needs_it() {
    insta::assert_snapshot!(check_rename(&bookstore_at("  Api:", 0, 2), "Books: Api"));
    insta::assert_snapshot!(check_rename(
        &bookstore_at("integration: GetBooks", 0, 14),
        "Get, Books"
    ));
}

#[test]
fn rename_inside_quoted_scalars() {
    let text = "constructs:\n  'It''s': { type: HttpApi }\n  \"Api\": { type: HttpApi }\n  S: { type: HttpStage, httpApi: \"It's\", description: 'url ${It''s.url}' }\n  T: { type: HttpStage, httpApi: Api$0, description: \"${Api.url}\" }\n";
    insta::assert_snapshot!(check_rename(text, "Say \"hi\""));
    // The key has an escape: it is rewritten whole, from a reference that maps exactly.
    let text = "constructs:\n  'It''s': { type: HttpApi }\n  S: { type: HttpStage, httpApi: \"It$0's\", description: 'url ${It''s.url}' }\n";
    insta::assert_snapshot!(check_rename(text, "Its"));
}

#[test]
fn rename_a_parent_renames_its_children_paths() {
    insta::assert_snapshot!(check_rename(
        "constructs:\n  Gr$0oup: { type: Construct }\n  Group/Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\n  Group/Inner: { type: Construct }\n  Group/Inner/Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\nintegrations:\n  L: { type: HttpLambdaIntegration, handler: Group/Inner/Fn }\n",
        "Shared"
    ));
    insta::assert_snapshot!(check_rename(
        "constructs:\n  Group: { type: Construct }\n  Group/Fn: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\nintegrations:\n  L: { type: HttpLambdaIntegration, handler: Group/F$0n }\n",
        "Handler"
    ));
}

#[test]
fn rename_after_non_ascii_text() {
    insta::assert_snapshot!(check_rename(
        "constructs:\n  Api: { type: HttpApi, description: \"📚 bööks\" }\n  S: { type: HttpStage, description: \"🚀 ünïcode 🎉\", httpApi: A$0pi }\noutputs:\n  Url: \"🔗 ${Api.url}\"\n",
        "Bücher"
    ));
}

#[test]
fn rename_is_refused_with_a_reason() {
    let mut out = String::new();
    for (text, name) in [
        (bookstore_at("  Api:", 0, 3), ""),
        (bookstore_at("  Api:", 0, 3), "   "),
        (bookstore_at("  Api:", 0, 3), " padded"),
        (bookstore_at("  Api:", 0, 3), "Prod"),
        (bookstore_at("  Api:", 0, 3), "a/b"),
        (bookstore_at("  Api:", 0, 3), "a{b}"),
        (bookstore_at("  Api:", 0, 3), "two\nlines"),
        (bookstore_at("Api/beta:", 0, 5), "DefaultStage"),
        (bookstore_at("integration: Books", 0, 14), "GetBooks"),
        (bookstore_at("${Api/DefaultStage.url}", 0, 12), "Main"),
        (bookstore_at("stageName: prod", 0, 12), "x"),
    ] {
        let (a, offset) = fixture(&text);
        let answer = match rename(&a, offset, name) {
            Ok(edits) => format!("{} edits", edits.len()),
            Err(message) => message,
        };
        out.push_str(&format!("{name:?}: {answer}\n"));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn renaming_to_the_same_name_changes_nothing() {
    let (a, offset) = fixture(&bookstore_at("  Api:", 0, 3));
    assert_eq!(rename(&a, offset, "Api"), Ok(Vec::new()));
}

/// Texts with the shapes that are easy to get wrong: aliases, merge keys, CRLF, multi-byte
/// text, escapes, block scalars, broken YAML.
const TRICKY: &[&str] = &[
    "x-base: &base { type: HttpApi }\nconstructs:\n  Api: *base\n  Other:\n    <<: *base\n    apiName: o\n  S: { type: HttpStage, httpApi: *name }\n",
    "constructs:\r\n  \"Ä/b\\u00e9\": { type: Construct }\r\n  Api: &a { type: HttpApi }\r\n  S: { type: HttpStage, httpApi: Api, description: |\r\n      ${Api.url} 🚀\r\n    }\r\n",
    "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /a, integration: [\n",
    "outputs:\n  A: \"${Api.url\"\n  B: ${Fn.importValue(x)}\n  C: $${Api.url}\nconstructs:\n  Fn: { type: HttpApi }\n  Api: { type: HttpApi, createDefaultStage: false }\n",
    "\u{feff}constructs:\n\tApi: { type: HttpApi }\n",
];

#[test]
fn never_panics_at_any_offset() {
    let examples = std::fs::read_dir("examples").expect("examples");
    let mut texts: Vec<String> = TRICKY.iter().map(|s| s.to_string()).collect();
    texts.push(BOOKSTORE.to_string());
    for entry in examples.flatten() {
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            texts.push(std::fs::read_to_string(entry.path()).expect("example"));
        }
    }
    for text in &texts {
        let a = Analysis::of_text(text);
        let symbols = document_symbols(&a);
        let mut out = String::new();
        for s in &symbols {
            render_symbol(&a, s, 0, &mut out);
        }
        for offset in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let _ = definition(&a, offset);
            let _ = references(&a, offset, true);
            if prepare_rename(&a, offset).is_some() {
                let edits = rename(&a, offset, "Renamed Id").expect("renameable");
                let edited = apply(&a, &edits);
                let after = Analysis::of_text(&edited);
                let errors = |x: &Analysis| {
                    x.checked
                        .diagnostics
                        .iter()
                        .filter(|d| d.is_error())
                        .count()
                };
                assert!(
                    errors(&after) <= errors(&a),
                    "rename at {offset} added errors:\n{edited}"
                );
            }
        }
    }
}

#[test]
fn rename_reaches_call_entries() {
    let text = "integrations:\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Api$0:\n    type: HttpApi\n    addStage: { beta: {} }\n  Api.addRoutes: { path: /a, integration: U }\n  Api/beta.addStageVariable: { color: blue }\n  Api.addStage#later: { prod: {} }\noutputs:\n  Url: ${Api/prod.url}\n";
    insta::assert_snapshot!(check_rename(text, "Books"));
}

#[test]
fn symbols_of_call_entries_and_escape_hatch_entries() {
    insta::assert_snapshot!(check_symbols(
        "integrations:\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Api: { type: HttpApi }\n  Api.addRoutes: { path: /a, methods: [GET, POST], integration: U }\n  Api.addStage#later: { beta: {} }\n  Logs:\n    type: AWS::Logs::LogGroup\n"
    ));
}

#[test]
fn rename_a_key_given_bare_to_add_api_key_and_grants() {
    let text = "constructs:\n  Ops: { type: User }\n  Ke$0y: { type: ApiKey, grantRead: Ops }\n  Plan:\n    type: UsagePlan\n    addApiKey: [Key]\n  Gold:\n    type: UsagePlan\n    addApiKey: [{ apiKey: Key, overrideLogicalId: GoldKey }]\n  Silver: { type: UsagePlan }\n  Silver.addApiKey: Key\noutputs:\n  Id: ${Key.keyId}\n";
    insta::assert_snapshot!(check_rename(text, "PartnerKey"));
}
