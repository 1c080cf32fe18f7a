//! Conformance: every case under `tests/conformance/` synthesizes to exactly the template the
//! real aws-cdk-lib produced for the same app (JSON deep-equal, CDK `Metadata` aside), or, for
//! `-err-` cases, is rejected with a diagnostic on the offending text carrying CDK's message.

use std::fs;
use std::path::{Path, PathBuf};

use apigw_lsp::check::check_text;
use apigw_lsp::render::render;
use serde_json::Value;

fn case_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("tests/conformance exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("apigw.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// Removes CDK `Metadata` from every resource, which the CDK CLI adds and we do not.
fn strip_metadata(template: &mut Value) {
    if let Some(Value::Object(resources)) = template.get_mut("Resources") {
        for resource in resources.values_mut() {
            if let Value::Object(r) = resource {
                r.remove("Metadata");
            }
        }
    }
}

/// The first JSON path where two values differ, for a readable failure.
fn first_difference(expected: &Value, actual: &Value, path: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for key in e.keys().chain(a.keys()) {
                match (e.get(key), a.get(key)) {
                    (Some(ev), Some(av)) => {
                        if let Some(d) = first_difference(ev, av, &format!("{path}/{key}")) {
                            return Some(d);
                        }
                    }
                    (Some(ev), None) => {
                        return Some(format!("{path}/{key}: missing, expected {ev}"));
                    }
                    (None, Some(av)) => return Some(format!("{path}/{key}: unexpected {av}")),
                    (None, None) => {}
                }
            }
            None
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .find_map(|(i, (ev, av))| first_difference(ev, av, &format!("{path}/{i}"))),
        _ if expected == actual => None,
        _ => Some(format!("{path}: expected {expected}, got {actual}")),
    }
}

fn check_case(dir: &Path) -> Result<(), String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = fs::read_to_string(dir.join("apigw.yaml")).map_err(|e| format!("{name}: {e}"))?;
    let checked = check_text(&text);
    let rendered = render(&format!("{name}/apigw.yaml"), &text, &checked.diagnostics);
    if let Ok(expected) = fs::read_to_string(dir.join("template.json")) {
        let mut expected: Value =
            serde_json::from_str(&expected).map_err(|e| format!("{name}: {e}"))?;
        strip_metadata(&mut expected);
        let Some(actual) = checked.template() else {
            return Err(format!("{name}: no template:\n{rendered}"));
        };
        if let Some(diff) = first_difference(&expected, &actual.to_serde(), "") {
            return Err(format!("{name}: template differs at {diff}"));
        }
        return Ok(());
    }
    let cdk_message =
        fs::read_to_string(dir.join("error.txt")).map_err(|e| format!("{name}: {e}"))?;
    let cdk_message = cdk_message.trim_end();
    let expected_message = fs::read_to_string(dir.join("expected-message.txt"))
        .map(|m| m.trim_end().to_string())
        .unwrap_or_else(|_| cdk_message.to_string());
    let key =
        fs::read_to_string(dir.join("expected-key.txt")).map_err(|e| format!("{name}: {e}"))?;
    let key = key.trim_end();
    if checked.template().is_some() {
        return Err(format!(
            "{name}: synthesized a template, expected the error `{cdk_message}`"
        ));
    }
    let found = checked.diagnostics.iter().any(|d| {
        d.is_error()
            && text.get(d.span.start..d.span.end) == Some(key)
            && d.message.contains(&expected_message)
    });
    if !found {
        return Err(format!(
            "{name}: expected an error on `{key}` with message `{expected_message}`, got:\n{rendered}"
        ));
    }
    Ok(())
}

#[test]
fn conformance_cases_match_cdk() {
    let dirs = case_dirs();
    let failures: Vec<String> = dirs.iter().filter_map(|d| check_case(d).err()).collect();
    // Coverage of the shared oracle cases (../shared is only read to report it, when present).
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/cases");
    let names: Vec<String> = dirs
        .iter()
        .filter_map(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    match fs::read_dir(&shared) {
        Ok(entries) => {
            let shared_names: Vec<String> = entries
                .filter_map(Result::ok)
                .filter(|e| e.path().join("app.js").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            let covered = names.iter().filter(|n| shared_names.contains(n)).count();
            eprintln!(
                "conformance: {covered} of {} cases covered (+{} cases of our own)",
                shared_names.len(),
                names.len() - covered
            );
        }
        Err(_) => eprintln!(
            "conformance: {} cases (../shared/conformance is not present)",
            names.len()
        ),
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
    assert!(dirs.len() >= 21, "cases went missing: {} found", dirs.len());
}

/// The tree validate plans (for CDK's refusals) is the tree synth builds: the same resource
/// paths for every case and example that synthesizes.
#[test]
fn planned_tree_equals_synthesized_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = case_dirs().iter().map(|d| d.join("apigw.yaml")).collect();
    files.extend(
        fs::read_dir(root.join("examples"))
            .expect("examples exist")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".apigw.yaml")),
    );
    let mut compared = 0;
    for file in files {
        let text = fs::read_to_string(&file).expect("readable");
        let checked = check_text(&text);
        if checked.template().is_none() {
            continue;
        }
        let plan = apigw_lsp::model::plan::plan(&checked.model, &mut Vec::new());
        let mut synthesized: Vec<String> =
            checked.resources().iter().map(|r| r.path.clone()).collect();
        synthesized.sort();
        assert_eq!(plan.resource_paths(), synthesized, "{}", file.display());
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} files compared");
}
