//! The tree-sitter queries in `grammar/queries/` compile against tree-sitter-yaml and capture
//! what they promise: on a real definition file, on the quoted spellings, and over every
//! example, where each `type:` value, each `${...}` string and no key as a constant is checked
//! against the syntax tree itself.

use std::collections::BTreeSet;
use std::path::Path;

use tree_sitter::{Node, Parser, Query, QueryCursor, StreamingIterator, Tree};

const HIGHLIGHTS: &str = include_str!("../grammar/queries/highlights.scm");

fn language() -> tree_sitter::Language {
    tree_sitter_yaml::LANGUAGE.into()
}

fn parse(text: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&language()).expect("language");
    parser.parse(text, None).expect("parse")
}

/// Every capture as `(name, start byte, end byte, text)`, private `@_` captures left out.
fn captures(text: &str, tree: &Tree) -> BTreeSet<(String, usize, usize, String)> {
    let query = Query::new(&language(), HIGHLIGHTS).expect("highlights.scm compiles");
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.captures(&query, tree.root_node(), text.as_bytes());
    let mut seen = BTreeSet::new();
    while let Some((m, index)) = matches.next() {
        let capture = m.captures[*index];
        let name = query.capture_names()[capture.index as usize];
        if name.starts_with('_') {
            continue;
        }
        let node = capture.node;
        let node_text = node.utf8_text(text.as_bytes()).unwrap_or("").to_string();
        seen.insert((
            name.to_string(),
            node.start_byte(),
            node.end_byte(),
            node_text,
        ));
    }
    seen
}

fn names_and_texts(text: &str) -> BTreeSet<String> {
    captures(text, &parse(text))
        .into_iter()
        .map(|(name, _, _, t)| format!("{name} {t}"))
        .collect()
}

#[test]
fn highlights_extend_the_yaml_queries_for_neovim() {
    // Neovim reads modelines only at the top; without `; extends` the file replaces the YAML
    // highlights instead of adding to them.
    assert_eq!(HIGHLIGHTS.lines().next(), Some("; extends"));
    // The Neovim plugin ships the same file in its runtime path.
    let shipped =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/nvim/queries/yaml/highlights.scm");
    assert_eq!(
        std::fs::read_to_string(&shipped).expect("editors/nvim/queries/yaml/highlights.scm"),
        HIGHLIGHTS
    );
}

#[test]
fn highlights_capture_sections_types_methods_and_expressions() {
    let seen = names_and_texts(include_str!("../examples/01-bookstore.apigw.yaml"));
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

#[test]
fn highlights_capture_quoted_spellings_and_leave_capital_keys_alone() {
    let text = "constructs:\n  Api: { type: \"HttpApi\" }\n  Fn:\n    type: 'Function'\n    runtime: NODEJS_24_X\n    environment:\n      TABLE: '${Table.tableName}'\n      URL: \"${Api.apiEndpoint}\"\nauthorizers:\n  Auth: { type: HttpIamAuthorizer }\noutputs:\n  API_URL: ${Api.apiEndpoint}\n";
    let seen = names_and_texts(text);
    for expected in [
        "keyword authorizers",
        "type \"HttpApi\"",
        "type 'Function'",
        "constant NODEJS_24_X",
        "string.special '${Table.tableName}'",
        "string.special \"${Api.apiEndpoint}\"",
        "string.special ${Api.apiEndpoint}",
    ] {
        assert!(seen.contains(expected), "missing `{expected}` in {seen:#?}");
    }
    for key in ["TABLE", "URL", "API_URL"] {
        assert!(
            !seen.contains(&format!("constant {key}")),
            "the key {key} came out as a constant"
        );
    }
}

/// The scalar inside a flow node (`None` for collections and block scalars).
fn scalar_of(flow_node: Node) -> Option<Node> {
    let inner = flow_node.named_child(0)?;
    match inner.kind() {
        "plain_scalar" => inner.named_child(0),
        "double_quote_scalar" | "single_quote_scalar" => Some(inner),
        _ => None,
    }
}

/// Walks every node of the tree.
fn each_node(node: Node, f: &mut impl FnMut(Node)) {
    f(node);
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        each_node(child, f);
    }
}

#[test]
fn highlights_hold_over_every_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".apigw.yaml"))
        .collect();
    files.sort();
    assert!(files.len() > 20, "examples/ holds the examples");
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("example");
        let tree = parse(&text);
        let seen = captures(&text, &tree);
        let has = |name: &str, node: Node| {
            seen.iter()
                .any(|(n, s, e, _)| n == name && *s == node.start_byte() && *e == node.end_byte())
        };
        let at = |node: Node| {
            format!(
                "{}:{}: `{}`",
                file.display(),
                node.start_position().row + 1,
                node.utf8_text(text.as_bytes()).unwrap_or("")
            )
        };
        each_node(tree.root_node(), &mut |node| {
            if matches!(node.kind(), "block_mapping_pair" | "flow_pair") {
                let key = node.child_by_field_name("key").and_then(scalar_of);
                let value = node.child_by_field_name("value").and_then(scalar_of);
                if let Some(key) = key {
                    if has("constant", key) {
                        problems.push(format!("key as a constant at {}", at(key)));
                    }
                    if key.utf8_text(text.as_bytes()) == Ok("type")
                        && let Some(value) = value.filter(|v| !has("type", *v))
                    {
                        problems.push(format!("type not captured at {}", at(value)));
                    }
                }
            }
            if matches!(
                node.kind(),
                "string_scalar" | "double_quote_scalar" | "single_quote_scalar"
            ) && node
                .utf8_text(text.as_bytes())
                .is_ok_and(|t| t.contains("${"))
                && !has("string.special", node)
            {
                problems.push(format!("expression not captured at {}", at(node)));
            }
        });
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
