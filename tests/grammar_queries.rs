//! The tree-sitter queries in `grammar/queries/` compile against tree-sitter-yaml and capture
//! what they promise on a real definition file.

use std::collections::BTreeSet;

use tree_sitter::{Parser, Query, QueryCursor, StreamingIterator};

#[test]
fn highlights_capture_sections_types_methods_and_expressions() {
    let language: tree_sitter::Language = tree_sitter_yaml::LANGUAGE.into();
    let source = include_str!("../grammar/queries/highlights.scm");
    let query = Query::new(&language, source).expect("highlights.scm compiles");
    let text = include_str!("../examples/01-bookstore.apigw.yaml");
    let mut parser = Parser::new();
    parser.set_language(&language).expect("language");
    let tree = parser.parse(text, None).expect("parse");
    let mut cursor = QueryCursor::new();
    let mut captures = cursor.captures(&query, tree.root_node(), text.as_bytes());
    let mut seen = BTreeSet::new();
    while let Some((m, index)) = captures.next() {
        let capture = m.captures[*index];
        let name = query.capture_names()[capture.index as usize];
        let node_text = capture.node.utf8_text(text.as_bytes()).unwrap_or("");
        seen.insert(format!("{name} {node_text}"));
    }
    for expected in [
        "keyword constructs",
        "keyword integrations",
        "keyword outputs",
        "type HttpApi",
        "type Function",
        "type HttpUrlIntegration",
        "function.method addRoutes",
        "constant GET",
        "constant NODEJS_24_X",
        "string.special ${HttpApi.apiEndpoint}",
    ] {
        assert!(seen.contains(expected), "missing `{expected}` in {seen:#?}");
    }
}
