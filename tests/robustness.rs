//! Bad input never panics: invalid UTF-8, empty files, deep nesting, huge scalars, random
//! bytes and every truncation of the examples all come back as diagnostics.

use std::fs;
use std::path::Path;

use apigw_lsp::check::{check_bytes, check_text};

/// A deterministic pseudo-random generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn errors(bytes: &[u8]) -> Vec<String> {
    let (_, checked) = check_bytes(bytes);
    assert!(checked.template().is_none() || checked.diagnostics.iter().all(|d| !d.is_error()));
    for d in &checked.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= bytes.len() + 1,
            "span {:?} out of range",
            d.span
        );
    }
    checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn invalid_utf8_is_a_diagnostic() {
    let e = errors(b"constructs:\n  \xc3\x28: {}\n");
    assert_eq!(e, vec!["the file is not valid UTF-8 (byte 14)".to_string()]);
}

#[test]
fn empty_and_comment_only_files_give_an_empty_template() {
    for text in ["", "\n\n", "# nothing here\n"] {
        let checked = check_text(text);
        assert!(
            checked.diagnostics.is_empty(),
            "{text:?}: {:?}",
            checked.diagnostics
        );
        assert_eq!(
            checked.template().map(|t| t.to_serde()),
            Some(serde_json::json!({}))
        );
    }
}

#[test]
fn deeply_nested_yaml_is_reported_not_overflowed() {
    let flow = format!("constructs: {}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(!errors(flow.as_bytes()).is_empty());
    let mut block = String::from("constructs:\n");
    for depth in 0..2_000 {
        block.push_str(&" ".repeat(depth + 2));
        block.push_str("a:\n");
    }
    assert!(!errors(block.as_bytes()).is_empty());
}

#[test]
fn huge_scalars_are_fine() {
    let text = format!(
        "constructs:\n  Api:\n    type: HttpApi\n    description: \"{}\"\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let checked = check_text(&text);
    assert!(
        checked.template().is_some(),
        "{:?}",
        checked.diagnostics.first()
    );
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet =
        b"constructs: type HttpApi addRoutes - { } [ ] : , \" ' & * << ! ? | > \n\t $ { } . ( )";
    for _ in 0..300 {
        let len = (rng.next() % 400) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = rng.next();
                if r.is_multiple_of(13) {
                    (r >> 8) as u8
                } else {
                    alphabet[(r >> 16) as usize % alphabet.len()]
                }
            })
            .collect();
        let _ = errors(&bytes);
    }
}

#[test]
fn every_truncation_of_the_examples_is_handled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let Ok(text) = fs::read(entry.path()) else {
            continue;
        };
        for end in (0..text.len()).step_by(5) {
            let _ = errors(&text[..end]);
        }
    }
}

/// Every conformance file with one line removed or two neighbouring lines swapped: no
/// panic, and whenever it checks without errors it synthesizes (synth finds nothing validate
/// missed) the very tree that validate planned.
#[test]
fn every_line_removal_or_swap_of_the_conformance_files_plans_what_synth_builds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut synthesized = 0;
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let Ok(text) = fs::read_to_string(entry.path().join("apigw.yaml")) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > 200 {
            continue; // the 480-route cases: their lines are all alike
        }
        // Each line removed, then each pair of neighbouring lines swapped (entries reordered).
        let removals = (0..lines.len()).map(|skip| {
            let kept: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, l)| *l)
                .collect();
            kept
        });
        let swaps = (1..lines.len()).map(|at| {
            let mut swapped = lines.clone();
            swapped.swap(at - 1, at);
            swapped
        });
        for variant in removals.chain(swaps) {
            let mutated: String = variant.iter().map(|l| format!("{l}\n")).collect();
            let checked = check_text(&mutated);
            if checked.has_errors() {
                continue;
            }
            let synthesis = checked.synthesis();
            assert!(
                synthesis.diagnostics.is_empty() && synthesis.template.is_some(),
                "synth failed where validate found no error:\n{mutated}\n{:?}",
                synthesis.diagnostics
            );
            let plan = checked.model.plan.as_ref().expect("validate plans");
            let mut paths: Vec<String> =
                synthesis.resources.iter().map(|r| r.path.clone()).collect();
            paths.sort();
            assert_eq!(plan.resource_paths(), paths, "{mutated}");
            synthesized += 1;
        }
    }
    assert!(synthesized > 300, "only {synthesized} variants synthesized");
}

/// tree-sitter-yaml's scanner kept rows in 16 bits: past line 32,767 valid YAML was misread.
/// The vendored scanner's rows are 32-bit (vendor/tree-sitter-yaml/PATCHED.md).
#[test]
fn files_past_32768_lines_parse() {
    let doc = "constructs:\n  Api:\n    type: HttpApi\n    description: far down\n";
    for filler in ["\n", "# a comment\n"] {
        let text = format!("{}{doc}", filler.repeat(32_767));
        let checked = check_text(&text);
        assert!(
            checked.diagnostics.is_empty(),
            "{:?}",
            checked.diagnostics.first()
        );
        assert!(checked.template().is_some());
    }
    // One mapping across the old wrap-around (rows 32,767 and 65,535) and far past it.
    let mut text = String::from("constructs:\n");
    for i in 0..70_000 {
        text.push_str(if i % 4 == 0 { "  # a comment\n" } else { "\n" });
    }
    text.push_str("  Api:\n    type: HttpApi\n");
    let checked = check_text(&text);
    assert!(
        checked.diagnostics.is_empty(),
        "{:?}",
        checked.diagnostics.first()
    );
    assert!(checked.template().is_some());
}
