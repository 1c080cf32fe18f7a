//! The format's equivalent spellings give the same template: a method called once bare or as a
//! one-item list, keyed calls as a map or a list of maps, a later call as a call entry or as a
//! method key when nothing runs in between, children's calls as an entry or a call entry.

use apigw_lsp::check::check_text;
use apigw_lsp::render::render;
use serde_json::Value;

fn template(text: &str) -> Value {
    let checked = check_text(text);
    match checked.template() {
        Some(t) => t.to_serde(),
        None => panic!(
            "no template:\n{}",
            render("t.yaml", text, &checked.diagnostics)
        ),
    }
}

const HEAD: &str = "integrations:\n  U: { type: HttpUrlIntegration, url: https://example.com }\nconstructs:\n  Fn:\n    type: Function\n    runtime: NODEJS_24_X\n    handler: index.handler\n    code: { fromInline: x }\n  Api:\n    type: HttpApi\n";

fn same(a: &str, b: &str) {
    let (ta, tb) = (
        template(&format!("{HEAD}{a}")),
        template(&format!("{HEAD}{b}")),
    );
    assert_eq!(ta, tb, "\n--- {a}\n+++ {b}");
    assert!(ta["Resources"].as_object().is_some_and(|r| r.len() >= 5));
}

#[test]
fn a_method_called_once_is_bare_or_a_one_item_list() {
    same(
        "    addRoutes: { path: /a, integration: U }\n",
        "    addRoutes: [ { path: /a, integration: U } ]\n",
    );
}

#[test]
fn keyed_calls_are_a_map_or_a_list_of_maps() {
    same(
        "    addStage: { beta: { stageName: beta }, prod: { stageName: prod } }\n",
        "    addStage: [ { beta: { stageName: beta } }, { prod: { stageName: prod } } ]\n",
    );
    same(
        "    addStage: { beta: { stageVariables: { a: '1', b: '2' } } }\n",
        "    addStage: { beta: {} }\n  Api/beta: { addStageVariable: [ { a: '1' }, { b: '2' } ] }\n",
    );
}

#[test]
fn call_entries_equal_method_keys_when_nothing_runs_between() {
    same(
        "    addRoutes: [ { path: /a, integration: U }, { path: /b, integration: U } ]\n",
        "    addRoutes: { path: /a, integration: U }\n  Api.addRoutes: { path: /b, integration: U }\n",
    );
    same(
        "    addStage: { beta: { stageVariables: { color: blue } } }\n",
        "    addStage: { beta: {} }\n  Api/beta.addStageVariable: { color: blue }\n",
    );
    same(
        "    addRoutes: [ { path: /a, integration: U }, { path: /b, integration: U }, { path: /c, integration: U } ]\n",
        "  Api.addRoutes: { path: /a, integration: U }\n  Api.addRoutes#b: { path: /b, integration: U }\n  Api.addRoutes#c: { path: /c, integration: U }\n",
    );
}

/// A construct created inside an argument is its own entry; a referenced entry runs first, so
/// it may stand below the entry that uses it.
#[test]
fn a_referenced_entry_runs_first_wherever_it_stands() {
    let function = "  Handler:\n    type: Function\n    runtime: NODEJS_24_X\n    handler: index.handler\n    code: { fromInline: x }\n";
    let api = "  Books:\n    type: HttpApi\n    addRoutes: { path: /a, integration: L }\n";
    let head =
        "integrations:\n  L: { type: HttpLambdaIntegration, handler: Handler }\nconstructs:\n";
    let above = template(&format!("{head}{function}{api}"));
    let below = template(&format!("{head}{api}{function}"));
    assert_eq!(above, below);
    // Role, function, API, default stage, integration, permission, route.
    assert_eq!(above["Resources"].as_object().map(|r| r.len()), Some(7));
}

/// Every complete YAML example in the README (one with a top-level `constructs:`) checks
/// without errors: the README is the users' manual.
#[test]
fn readme_examples_check_clean() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let mut checked = 0;
    for block in readme.split("```yaml\n").skip(1) {
        let Some((yaml, _)) = block.split_once("```") else {
            continue;
        };
        if !yaml.lines().any(|l| l == "constructs:") {
            continue;
        }
        let result = check_text(yaml);
        let errors: Vec<_> = result.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(
            errors.is_empty(),
            "README example fails:\n{yaml}\n{}",
            render("README.md", yaml, &result.diagnostics)
        );
        assert!(result.template().is_some());
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} README examples checked");
}
