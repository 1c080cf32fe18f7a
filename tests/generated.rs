//! Generated artifacts are checked in and must match the schema table: the JSON Schema in
//! `grammar/apigw.schema.json` and the format reference in README.md. Run with
//! `UPDATE_GENERATED=1` to rewrite them after changing the schema table.

use std::fs;
use std::path::Path;

use apigw_lsp::model::schema::{json_schema, reference};

const START: &str =
    "<!-- format-reference:start (generated from src/model/schema; do not edit) -->\n";
const END: &str = "<!-- format-reference:end -->";

/// Compares `path` with `expected`; rewrites it when `UPDATE_GENERATED` is set, fails otherwise.
fn ensure_file_contents(path: &Path, expected: &str) {
    let actual = fs::read_to_string(path).unwrap_or_default();
    if actual == expected {
        return;
    }
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        fs::write(path, expected).expect("write generated file");
        return;
    }
    panic!(
        "{} is stale: run `UPDATE_GENERATED=1 cargo test --test generated` and commit the result",
        path.display()
    );
}

#[test]
fn json_schema_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema = serde_json::to_string_pretty(&json_schema::generate()).expect("json") + "\n";
    ensure_file_contents(&root.join("grammar/apigw.schema.json"), &schema);
}

#[test]
fn readme_format_reference_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the format-reference markers");
    };
    let expected = format!(
        "{}{START}{}{}",
        &readme[..start],
        reference::generate(),
        &readme[end..]
    );
    ensure_file_contents(&path, &expected);
}

#[test]
fn json_schema_accepts_every_example_and_conformance_file() {
    // Validated with Python's `jsonschema` and `yaml` (both installed with cfn-lint by .ci/run),
    // as an editor's YAML language server would use the schema.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = r#"
import glob, json, sys, yaml, jsonschema
schema = json.load(open("grammar/apigw.schema.json"))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
files = sorted(glob.glob("examples/*.apigw.yaml") + glob.glob("tests/conformance/*/apigw.yaml"))
bad = 0
for f in files:
    for e in validator.iter_errors(yaml.safe_load(open(f))):
        bad += 1
        print(f, "/".join(map(str, e.absolute_path)), e.message[:200])
print(len(files), "files")
sys.exit(1 if bad else 0)
"#;
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .current_dir(root)
        .output();
    match output {
        Ok(o) if o.status.success() => {}
        Ok(o)
            if String::from_utf8_lossy(&o.stderr).contains("ModuleNotFoundError")
                && std::env::var_os("APIGW_SKIP_CFN_LINT").is_some() => {}
        Ok(o) => panic!(
            "the JSON Schema rejects a valid definition file:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => panic!("cannot run python3: {e}"),
    }
}

#[test]
fn json_schema_gives_every_description_in_markdown_too() {
    fn walk(schema: &serde_json::Value, missing: &mut Vec<String>) {
        match schema {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(doc)) = map.get("description")
                    && map.get("markdownDescription") != Some(&doc.as_str().into())
                {
                    missing.push(doc.clone());
                }
                map.values().for_each(|v| walk(v, missing));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, missing)),
            _ => {}
        }
    }
    let mut missing = Vec::new();
    walk(&json_schema::generate(), &mut missing);
    assert_eq!(missing, Vec::<String>::new());
}
