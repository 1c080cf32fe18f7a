//! The `apigw-lsp` command as a user runs it: `--synth`, `--check`, `-o`, `--format`, exit
//! codes and `FILE:LINE:COL` error messages.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_apigw-lsp"))
}

fn bookstore() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/01-bookstore.apigw.yaml")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run apigw-lsp")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const BROKEN: &str = "constructs:\n  HttpApi:\n    type: HttpApi\n    corsPreflight: { allowCredentials: true, allowOrigins: ['*'] }\n  Fn:\n    type: Functon\n";

#[test]
fn synth_writes_the_template_to_stdout() {
    let o = run(&["--synth", bookstore().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let template: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(
        template["Resources"]["HttpApiF5A9A8A7"]["Type"],
        "AWS::ApiGatewayV2::Api"
    );
    assert!(template["Outputs"]["BooksArn"].is_object());
}

#[test]
fn synth_yaml_format_is_the_same_template() {
    let json = run(&["--synth", bookstore().to_str().unwrap()]);
    let yaml = run(&["--synth", bookstore().to_str().unwrap(), "--format", "yaml"]);
    assert!(yaml.status.success());
    let from_yaml: serde_json::Value =
        yaml_serde::from_slice(&yaml.stdout).expect("YAML on stdout");
    let from_json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(from_yaml, from_json);
}

#[test]
fn errors_print_file_line_col_and_exit_1_with_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("api.apigw.yaml");
    fs::write(&file, BROKEN).unwrap();
    let o = run(&["--synth", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "no partial template");
    let err = stderr(&o);
    let path = file.display();
    assert!(
        err.contains(&format!("{path}:4:22: error: CORS preflight - allowCredentials is not supported when allowOrigin is '*'")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{path}:6:11: error: unknown type `Functon`")),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `Function`?"), "{err}");
}

#[test]
fn an_existing_output_file_is_left_untouched_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("api.apigw.yaml");
    let out = dir.path().join("template.json");
    fs::write(&file, BROKEN).unwrap();
    fs::write(&out, "previous").unwrap();
    let o = run(&[
        "--synth",
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous");

    let o = run(&[
        "--synth",
        bookstore().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert!(written["Resources"].is_object());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary file left behind"
    );
}

#[test]
fn check_validates_only() {
    let o = run(&["--check", bookstore().to_str().unwrap()]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
}

#[test]
fn invalid_utf8_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.apigw.yaml");
    fs::write(&file, b"constructs:\n  A\xff\xfe: {}\n").unwrap();
    let o = run(&["--check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(":2:4: error: the file is not valid UTF-8 (byte 15)"),
        "{}",
        stderr(&o)
    );

    let o = run(&["--synth", dir.path().join("nope.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"));
}

#[test]
fn help_version_and_usage_errors() {
    let o = run(&["--help"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("--synth FILE"));
    let o = run(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("apigw-lsp {}", env!("CARGO_PKG_VERSION"))
    );
    let o = run(&["--synth"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--synth needs a value"));
    let o = run(&["--format", "xml", "--synth", "x"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn schema_prints_the_json_schema() {
    let o = run(&["--schema"]);
    assert!(o.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(schema["$defs"]["HttpApi"].is_object());
}

/// Reads YAML with PyYAML (a YAML 1.1 reader) and returns it as JSON.
fn pyyaml(yaml: &[u8]) -> serde_json::Value {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 with PyYAML (requirements-test.txt)");
    child.stdin.take().unwrap().write_all(yaml).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "PyYAML failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `--format yaml` quotes every string a YAML 1.1 or 1.2 reader would read as something else:
/// PyYAML and yaml_serde read back the JSON template, for ambiguous strings and every example.
#[test]
fn synth_yaml_reads_back_the_same_in_yaml_1_1_and_1_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("api.apigw.yaml");
    let tricky = [
        "on",
        "yes",
        "No",
        "OFF",
        "y",
        "2012-10-17",
        "12:30:00",
        "1:30",
        "0x1F",
        "0o17",
        "1e3",
        ".inf",
        "~",
        "null",
        "",
        "-",
        " lead",
        "trail ",
        "a: b",
        "#x",
        "<<",
        "=",
        "tab\there",
        "multi\nline",
        "nel\u{85}x",
        "ünïcödé 🎉",
        "\"quoted\"",
        "back\\slash",
    ];
    let mut text = String::from("constructs:\n  Api: { type: HttpApi }\noutputs:\n");
    for (i, s) in tricky.iter().enumerate() {
        let value = serde_json::to_string(s).unwrap();
        text.push_str(&format!("  O{i}: {{ value: {value} }}\n"));
    }
    fs::write(&file, &text).unwrap();
    let mut files = vec![file];
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in fs::read_dir(examples).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".apigw.yaml") {
            files.push(path);
        }
    }
    for file in files {
        let file = file.to_str().unwrap();
        let json = run(&["--synth", file]);
        assert!(json.status.success(), "{file}: {}", stderr(&json));
        let yaml = run(&["--synth", file, "--format", "yaml"]);
        let from_json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(pyyaml(&yaml.stdout), from_json, "{file}");
        let from_yaml: serde_json::Value = yaml_serde::from_slice(&yaml.stdout).unwrap();
        assert_eq!(from_yaml, from_json, "{file}");
    }
}

/// `-o` writes through symbolic links (the link stays a link), refuses targets that are not
/// regular files (a directory, a device), and `-o -` is stdout.
#[test]
fn output_follows_links_and_refuses_non_files() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let book = bookstore();
    let book = book.to_str().unwrap();
    let real = dir.path().join("real.json");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    symlink("real.json", &link).unwrap();
    let o = run(&["--synth", book, "-o", link.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let template: serde_json::Value = serde_json::from_slice(&fs::read(&real).unwrap()).unwrap();
    assert!(template["Resources"].is_object());
    // A dangling link: the file it names is created.
    let dangling = dir.path().join("dangling.json");
    symlink("new.json", &dangling).unwrap();
    let o = run(&["--synth", book, "-o", dangling.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("new.json").is_file());
    // Not regular files: refused, left as they were.
    for target in [dir.path().to_str().unwrap(), "/dev/null"] {
        let o = run(&["--synth", book, "-o", target]);
        assert_eq!(o.status.code(), Some(2), "{target}");
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
    assert!(!fs::metadata("/dev/null").unwrap().is_file());
    // `-` is stdout.
    let o = run(&["--synth", book, "-o", "-"]);
    assert!(o.status.success());
    let template: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(template["Resources"].is_object());
    assert!(!Path::new("-").exists());
}

/// A template over CloudFormation's 1 MB is written, with a warning at the first entry.
#[test]
fn a_template_over_1_mb_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.apigw.yaml");
    let long = "x".repeat(600_000);
    let text = format!(
        "constructs:\n  Api:\n    type: HttpApi\n    description: {long}\n  Two:\n    type: HttpApi\n    description: {long}\n"
    );
    fs::write(&file, text).unwrap();
    let o = run(&["--synth", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(":2:3: warning: the template is ")
            && err.contains("at most 1 MB (1048576 bytes)"),
        "{err}"
    );
    let small = run(&["--synth", bookstore().to_str().unwrap()]);
    assert!(!stderr(&small).contains("1 MB"));
}
