//! Property test: after any sequence of edits (applied as the server applies them: in batches,
//! parsed only now and then), the analysis of the incrementally maintained document (its YAML
//! tree, model and diagnostics), made from the previous analysis as the server makes it,
//! equals a fresh analysis of the same text, whether the document passes between the direct
//! reader and tree-sitter or is always parsed by tree-sitter.

use apigw_lsp::lsp::Analysis;
use apigw_lsp::syntax::Document;

#[path = "common/text.rs"]
mod text;
use proptest::prelude::*;
use text::{boundary_at_or_before, position_of};

const DOCS: &[&str] = &[
    "constructs:\n  Api:\n    type: HttpApi\n    corsPreflight: {allowOrigins: ['*'], allowMethods: [GET, POST]}\n    addRoutes:\n      - path: /a/{id}\n        methods: [GET, PUT]\n        integration: A\n      - path: /b\n        integration: B\nintegrations:\n  A: {type: HttpUrlIntegration, url: 'https://a.example.com'}\n  B:\n    type: HttpUrlIntegration\n    url: \"https://b.example.com/😀\"\noutputs:\n  Url: { value: \"${Api.apiEndpoint}\" }\n",
    "stack: { id: S }\nconstructs:\n  Fn: { type: Function, fromFunctionArn: \"arn:aws:lambda:us-east-1:111111111111:function:f\" }\n  Api:\n    type: HttpApi\n    addRoutes: [ { path: /x, integration: { type: HttpLambdaIntegration, id: L, handler: Fn } } ]\n    addStage: { beta: { stageName: beta } }\n",
    "constructs:\n  Ws:\n    type: WebSocketApi\n    routeSelectionExpression: $request.body.action\n",
    "integrations:\n  A: {type: HttpUrlIntegration, url: 'https://a.example.com'}\nconstructs:\n  Other: { type: HttpApi }\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /a, integration: A }\n      - { path: /b, methods: [GET], integration: A }\n      - path: /c\n        integration: A\n    addStage:\n      beta: { stageName: beta, description: \"${Other.apiId}\" }\n      gamma: { stageName: gamma }\n",
    "",
];

const SNIPPETS: &[&str] = &[
    "a",
    "é",
    "😀",
    "\n",
    "  ",
    "type: HttpApi\n",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    ": ",
    "- ",
    "#",
    "\t",
    "|\n  x\n",
    "&a ",
    "*a",
    "<<: *a\n",
    "\r\n",
    "${Api.apiId}",
    "Api",
    "constructs:\n",
    "  B: { type: HttpApi }\n",
    "path: /c\n",
    ",",
    "---\n",
    "A",
    "B: { type: HttpUrlIntegration, url: 'https://c.example.com' }\n  ",
    "  Other: { type: HttpApi }\n",
    "${Other.apiId}",
    "integration: B\n        ",
    "type: Nope",
];

/// One edit: where (a fraction of the text), how much to remove, what to insert, and whether
/// the server parses after it.
#[derive(Debug, Clone)]
struct Edit {
    at: u16,
    remove: u8,
    snippet: usize,
    parse: bool,
}

fn edit() -> impl Strategy<Value = Edit> {
    (any::<u16>(), 0u8..12, 0..SNIPPETS.len(), any::<bool>()).prop_map(
        |(at, remove, snippet, parse)| Edit {
            at,
            remove,
            snippet,
            parse,
        },
    )
}

/// What must match: the YAML tree and errors, the model (its plan holds hash maps, whose
/// order is not the document's) and the diagnostics.
fn summary(a: &Analysis) -> String {
    let model = &a.checked.model;
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        a.yaml.root,
        a.yaml.errors,
        model.constructs,
        model.objects,
        model.outputs,
        a.checked.diagnostics
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn incremental_analysis_equals_a_fresh_one(
        doc in 0..DOCS.len(),
        edits in proptest::collection::vec(edit(), 1..24),
        syntax_tree in any::<bool>(),
    ) {
        let mut text = DOCS[doc].to_string();
        // As the server opens documents (the direct reader first), or always with tree-sitter.
        let mut document = if syntax_tree {
            Document::with_syntax_tree(&text, 0)
        } else {
            Document::new(&text, 0)
        };
        let mut batch = Vec::new();
        let mut previous = Analysis::new(&document);
        for (version, e) in edits.iter().enumerate() {
            let start = boundary_at_or_before(&text, e.at as usize * text.len() / u16::MAX as usize);
            let end = boundary_at_or_before(&text, start + e.remove as usize).max(start);
            let range = (position_of(&text, start), position_of(&text, end));
            let snippet = SNIPPETS[e.snippet];
            batch.push((Some(range), snippet.to_string()));
            text.replace_range(start..end, snippet);
            if e.parse {
                document.edit(&batch, version as i32 + 1);
                batch.clear();
                document.parse();
                let incremental = Analysis::after(&document, Some(&previous));
                let fresh = Analysis::of_text(&text);
                prop_assert_eq!(&incremental.text, &text);
                prop_assert_eq!(summary(&incremental), summary(&fresh));
                previous = incremental;
            }
        }
        document.edit(&batch, edits.len() as i32 + 1);
        let incremental = Analysis::after(&document, Some(&previous));
        prop_assert_eq!(&incremental.text, &text);
        prop_assert_eq!(summary(&incremental), summary(&Analysis::of_text(&text)));
    }
}
