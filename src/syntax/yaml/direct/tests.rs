//! The direct reader against tree-sitter's path: whenever the reader gives a tree, it is the
//! tree tree-sitter's conversion gives, spans included, and that conversion has no error.

use std::path::Path;

use proptest::prelude::*;

use super::super::parse_with_tree_sitter;
use super::parse;

/// Asserts that the direct reader, when it reads `text`, agrees with tree-sitter; whether it
/// read it.
fn agrees(text: &str) -> bool {
    let Some(direct) = parse(text, None).map(|read| read.root) else {
        return false;
    };
    let (root, errors) = parse_with_tree_sitter(text);
    assert!(
        errors.is_empty(),
        "read directly, but tree-sitter finds errors in {text:?}: {errors:#?}"
    );
    assert_eq!(root.as_ref(), Some(&direct), "in {text:?}");
    true
}

/// Every `.yaml` file under `dir`.
fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn bundled_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    yaml_files(&root.join("examples"), &mut paths);
    yaml_files(&root.join("tests"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

#[test]
fn bundled_files_read_as_tree_sitter_reads_them() {
    let files = bundled_files();
    let read: Vec<&str> = files
        .iter()
        .filter(|(_, text)| agrees(text))
        .map(|(name, _)| name.as_str())
        .collect();
    // Those left to tree-sitter use anchors or block scalars.
    assert!(
        read.len() * 10 >= files.len() * 9,
        "read directly: {} of {}",
        read.len(),
        files.len()
    );
    assert!(
        read.iter()
            .any(|name| name.ends_with("01-bookstore.apigw.yaml"))
    );
}

#[test]
fn a_large_api_is_read_directly() {
    let mut text = String::from(
        "integrations:\n  Backend: { type: HttpUrlIntegration, url: https://backend.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n",
    );
    for i in 0..480 {
        text += &format!(
            "      - path: /items{i}/{{id}}\n        methods: [GET]\n        integration: Backend\n"
        );
    }
    assert!(agrees(&text));
}

#[test]
fn what_the_reader_leaves_to_tree_sitter() {
    for text in [
        "",
        "# only a comment\n",
        "a: &x 1\nb: *x\n",
        "a: !Ref b\n",
        "a: |\n  text\n",
        "a: b\n  continued\n",
        "a: [1,\n  2]\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "---\na: 1\n",
        "a:\tb\n",
        "a: b\r\n",
        "a: b: c\n",
        "a: [b, ]\n",
        "? a\n: b\n",
        "a: \"\\q\"\n",
        "a: \"b\\\n  c\"\n",
        "a: b\0c\n",
        "a: b\u{2028}c: d\n",
        "\u{feff}a: b\n",
    ] {
        assert!(parse(text, None).is_none(), "read {text:?}");
    }
}

/// A small deterministic random source for the generators (proptest picks the seed).
struct Dice(u64);

impl Dice {
    /// A number below `n` (splitmix64).
    fn roll(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.roll(from.len())]
    }
}

const KEYS: &[&str] = &[
    "type",
    "path",
    "Api.addRoutes#2",
    "$default",
    "append:header.h2",
    "with space",
    "ключ",
    "\"quoted key\"",
    "'single'",
    "a#b",
    "x-y_z.1",
    "\"$connect\"",
    "k ",
];

const SCALARS: &[&str] = &[
    "HttpApi",
    "/items/{id}",
    "${Api.apiId}",
    "https://example.com:8080/x",
    "42",
    "-5",
    "1.5",
    "true",
    "null",
    "~",
    "a#b",
    "\"dq \\\" \\n \\u00e9\"",
    "'it''s'",
    "''",
    "\"\"",
    "élan 🚀",
    "a,b",
    "a]b",
    "x:y",
    "trailing  ",
    "[GET]",
    "[GET, POST]",
    "[]",
    "{}",
    "{ a: 1, b: [x, y] }",
    "{a: b}",
    "[a, {b: c}]",
    "[ 'x', \"y\" ]",
    "{ url: https://x.example.com }",
    "[a,b]",
];

/// Values the reader leaves to tree-sitter (or that are errors).
const ODD_SCALARS: &[&str] = &[
    "- x", "a: b", "[a: b]", "*alias", "|", ">-", "!Tag x", "@x", "`x", "%x", "? x", ": x",
    "[a, ]", "{a: }", "&a x", "\"open", "[a", "{a: 1}}",
];

fn scalar(dice: &mut Dice) -> &'static str {
    if dice.roll(20) == 0 {
        dice.pick(ODD_SCALARS)
    } else {
        dice.pick(SCALARS)
    }
}

const COMMENTS: &[&str] = &["", "", "", "", "", " # note", "  #x", "#not"];

/// A random document in the style of definition files, with the unusual pieces mixed in.
fn document(dice: &mut Dice) -> String {
    let mut out = String::new();
    mapping(dice, 0, 0, &mut out);
    out
}

fn filler(dice: &mut Dice, indent: usize, out: &mut String) {
    match dice.roll(8) {
        0 => out.push('\n'),
        1 => {
            let at = dice.roll(indent + 3);
            out.push_str(&" ".repeat(at));
            out.push_str("# comment\n");
        }
        2 => out.push_str("   \n"),
        _ => {}
    }
}

fn mapping(dice: &mut Dice, indent: usize, depth: usize, out: &mut String) {
    for i in 0..1 + dice.roll(4) {
        filler(dice, indent, out);
        if i > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        let key = dice.pick(KEYS);
        out.push_str(key);
        // Mostly distinct keys (a duplicate is an error).
        if dice.roll(6) != 0 && !key.ends_with(['"', '\'']) {
            out.push_str(&format!("-{i}"));
        }
        out.push(':');
        value(dice, indent, depth, out);
    }
}

fn value(dice: &mut Dice, indent: usize, depth: usize, out: &mut String) {
    let nested = depth < 4;
    match dice.roll(10) {
        0 | 1 if nested => {
            out.push_str(dice.pick(COMMENTS));
            out.push('\n');
            let at = indent + 1 + dice.roll(3);
            mapping(dice, at, depth + 1, out);
        }
        2 if nested => {
            out.push_str(dice.pick(COMMENTS));
            out.push('\n');
            let at = if dice.roll(2) == 0 {
                indent
            } else {
                indent + 2
            };
            sequence(dice, at, depth + 1, out);
        }
        3 => {
            out.push_str(dice.pick(COMMENTS));
            out.push('\n');
        }
        _ => {
            out.push_str(&" ".repeat(1 + dice.roll(2)));
            out.push_str(scalar(dice));
            out.push_str(dice.pick(COMMENTS));
            out.push('\n');
        }
    }
}

fn sequence(dice: &mut Dice, indent: usize, depth: usize, out: &mut String) {
    for _ in 0..1 + dice.roll(3) {
        filler(dice, indent, out);
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match dice.roll(4) {
            0 => {
                out.push_str(dice.pick(COMMENTS));
                out.push('\n');
            }
            1 if depth < 4 => {
                out.push_str(&" ".repeat(1 + dice.roll(2)));
                let at = out.len() - out.rfind('\n').map_or(0, |n| n + 1);
                out.push_str(dice.pick(KEYS));
                out.push(':');
                value(dice, at, depth + 1, out);
                if dice.roll(2) == 0 {
                    mapping(dice, at, depth + 1, out);
                }
            }
            _ => {
                out.push(' ');
                out.push_str(scalar(dice));
                out.push_str(dice.pick(COMMENTS));
                out.push('\n');
            }
        }
    }
}

/// `text` with a few random edits of the bytes that matter to YAML.
fn mutated(text: &str, dice: &mut Dice) -> String {
    const PIECES: &[&str] = &[
        " ", "  ", ":", ": ", "#", " #", "-", "- ", "[", "]", "{", "}", ",", "'", "\"", "\n", "\\",
        "&", "*", "!", "|", "?", "é", "x", "\n  ", "\n- ", "\t", "\0", "\u{85}", "\u{2028}",
    ];
    let mut text = text.to_owned();
    for _ in 0..1 + dice.roll(3) {
        let mut at = dice.roll(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if dice.roll(3) == 0 {
            let mut end = (at + 1 + dice.roll(4)).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(at..end, "");
        } else {
            text.insert_str(at, dice.pick(PIECES));
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Generated documents: read directly or left to tree-sitter, never read differently.
    #[test]
    fn generated_documents_read_as_tree_sitter_reads_them(seed in any::<u64>()) {
        let mut dice = Dice(seed);
        let text = document(&mut dice);
        agrees(&text);
    }

    /// Generated documents and bundled files, edited at random.
    #[test]
    fn edited_documents_read_as_tree_sitter_reads_them(seed in any::<u64>()) {
        let mut dice = Dice(seed);
        let text = if dice.roll(3) == 0 {
            let files = bundled();
            files[dice.roll(files.len())].clone()
        } else {
            document(&mut dice)
        };
        agrees(&mutated(&text, &mut dice));
    }
}

/// The bundled files' texts, read once.
fn bundled() -> &'static [String] {
    static FILES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| bundled_files().into_iter().map(|(_, text)| text).collect())
}

/// The generators make documents the reader reads, not only ones it leaves to tree-sitter (the
/// properties above would then prove nothing).
#[test]
fn most_generated_documents_are_read_directly() {
    let (mut read, mut edited) = (0, 0);
    for seed in 0..1000 {
        let mut dice = Dice(seed);
        let text = document(&mut dice);
        read += usize::from(agrees(&text));
        edited += usize::from(agrees(&mutated(&text, &mut dice)));
    }
    assert!(
        read >= 450 && edited >= 150,
        "read {read}, edited {edited} of 1000"
    );
}
