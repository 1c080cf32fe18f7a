//! Every template synthesized from `examples/` and `tests/conformance/` passes `cfn-lint` with
//! no errors, except the errors recorded in `tests/cfn-lint-expected.txt` (CDK's own output
//! fails there; the template stays CDK-identical). One batch call of cfn-lint for all files.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use apigw_lsp::check::check_text;

fn definition_files() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for entry in fs::read_dir(root.join("examples"))
        .expect("examples/")
        .flatten()
    {
        let path = entry.path();
        if path.to_string_lossy().ends_with(".apigw.yaml") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().replace(".apigw.yaml", ""))
                .unwrap_or_default();
            files.push((format!("examples/{name}"), path));
        }
    }
    for entry in fs::read_dir(root.join("tests/conformance"))
        .expect("tests/conformance/")
        .flatten()
    {
        let dir = entry.path();
        if dir.join("template.json").is_file() {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((format!("conformance/{name}"), dir.join("apigw.yaml")));
        }
    }
    files.sort();
    files
}

#[test]
fn synthesized_templates_pass_cfn_lint() {
    let out = tempfile::tempdir().expect("temp dir");
    let mut written = Vec::new();
    for (name, path) in definition_files() {
        let text = fs::read_to_string(&path).expect("definition file");
        let checked = check_text(&text);
        let template = checked
            .template()
            .unwrap_or_else(|| panic!("{name} does not synthesize"));
        let file = out.path().join(format!("{}.json", name.replace('/', "__")));
        fs::write(
            &file,
            serde_json::to_string_pretty(&template).expect("json"),
        )
        .expect("write");
        written.push(file);
    }
    let result = Command::new("cfn-lint")
        .arg("--format")
        .arg("parseable")
        .args(&written)
        .output();
    let output = match result {
        Ok(output) => output,
        Err(e) if std::env::var_os("APIGW_SKIP_CFN_LINT").is_some() => {
            eprintln!("cfn-lint not run ({e}); APIGW_SKIP_CFN_LINT is set");
            return;
        }
        Err(e) => panic!(
            "cannot run cfn-lint ({e}): install it with `pip install cfn-lint` (.ci/run does)"
        ),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    // parseable: FILE:LINE:COL:ENDLINE:ENDCOL:RULE:MESSAGE
    let errors: BTreeSet<String> = stdout
        .lines()
        .filter_map(|line| {
            let mut fields = line.splitn(7, ':');
            let file = fields.next()?;
            let rule = fields.nth(4)?;
            let name = Path::new(file)
                .file_stem()?
                .to_string_lossy()
                .replace("__", "/");
            rule.starts_with('E').then(|| format!("{name} {rule}"))
        })
        .collect();
    let expected_text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cfn-lint-expected.txt"),
    )
    .expect("tests/cfn-lint-expected.txt");
    let expected: BTreeSet<String> = expected_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    assert_eq!(
        errors, expected,
        "cfn-lint errors differ from tests/cfn-lint-expected.txt\n\n{stdout}"
    );
    assert!(
        written.len() >= 20,
        "only {} templates linted",
        written.len()
    );
}
