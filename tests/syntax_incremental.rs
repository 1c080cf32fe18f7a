//! Incremental re-parsing of open documents: after every edit of pseudo-random edit sequences
//! (non-ASCII text, emoji, CRLF, edits that break the YAML half-way and restore it), the
//! document's text, rope and tree must be exactly what a fresh parse of the edited text gives,
//! and so must its YAML tree and errors.

use apigw_lsp::syntax::{Document, Position, yaml};

#[path = "common/text.rs"]
mod text;
use text::{boundary_at_or_before, inside_crlf, position_of};

/// Deterministic xorshift generator (no extra crates).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const DOCS: &[&str] = &[
    "# HTTP API ✨\nname: café-api\ndescription: |\n  Serves 😀 and 𝄞.\n  Second line.\nroutes:\n  - path: /items/{id}\n    method: GET\n    handler: &h {runtime: nodejs20.x, memory: 256}\n  - path: /ünïcode\n    method: POST\n    handler: *h\nstages: [dev, prod]\n",
    "base: &base\n  timeout: 30\n  tags: {team: \"naïve \\u00e9\", env: 'it''s'}\nfunctions:\n  one:\n    <<: *base\n    code: >-\n      folded\n      text\n  two: {<<: *base, timeout: 5}\n",
    "a: 1\r\nb:\r\n  - x\r\n  - \"y\\n\"\r\n  - |\r\n    blk\r\nc: [1, 2, {d: e}]\r\n",
    "",
    "# only a comment 😀\n",
    "k: v\nlist:\n- a\n- b: c\n  d: [e,\n    f]\nlast: \"multi\n  line\"\n",
    // A definition without anchors: its unchanged items are taken from the previous tree.
    "constructs:\n  Api:\n    type: HttpApi\n    corsPreflight: {allowOrigins: ['*'], allowMethods: [GET, POST]}\n    addRoutes:\n      - path: /a/{id}\n        methods: [GET, PUT]\n        integration: A\n      - path: /b\n        methods: [POST]\n        integration: B\n      - path: /c\n        integration: C\n    description: |\n      Block text\n        indented ✨\nintegrations:\n  A: {type: HttpUrlIntegration, url: 'https://a.example.com'}\n  B:\n    type: HttpUrlIntegration\n    url: \"https://b.example.com/😀\"\n  C: {type: HttpUrlIntegration, url: https://c.example.com}\n",
];

/// How many collection items the checked conversions took from previous ones.
static REUSED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

const SNIPPETS: &[&str] = &[
    "a",
    "é",
    "😀",
    "𝄞",
    "\n",
    "  ",
    "key: value\n",
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
    "x",
    ",",
    "new: [1, 2]\n",
    "  - item\n",
    "---\n",
    "?",
    "!Ref ",
    "\r",
    "b\rc: 1",
];

/// A random char boundary of `text`, never between the `\r` and `\n` of a CRLF.
fn boundary(rng: &mut Rng, text: &str) -> usize {
    let mut offset = rng.below(text.len() + 1);
    while !text.is_char_boundary(offset) || inside_crlf(text, offset) {
        offset -= 1;
    }
    offset
}

/// Every node of the tree with its kind and byte/point range: stronger than `to_sexp`.
fn nodes(tree: &tree_sitter::Tree) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    loop {
        let n = cursor.node();
        out.push(format!(
            "{}{} {}..{} {:?}..{:?}",
            n.kind(),
            if n.is_missing() { " MISSING" } else { "" },
            n.start_byte(),
            n.end_byte(),
            n.start_position(),
            n.end_position()
        ));
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

fn fresh_tree(text: &str) -> tree_sitter::Tree {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_yaml::LANGUAGE.into())
        .expect("language");
    parser.parse(text, None).expect("tree")
}

/// Asserts that `doc` is exactly what a fresh parse of `expected` gives.
fn check(doc: &Document, expected: &str, what: &str) {
    assert_eq!(doc.text(), expected, "text after {what}");
    assert_eq!(doc.rope().to_string(), expected, "rope after {what}");
    assert_eq!(
        doc.line_index(),
        &apigw_lsp::syntax::LineIndex::new(expected),
        "line index after {what}"
    );
    let fresh = fresh_tree(expected);
    assert_eq!(
        doc.tree().expect("tree").root_node().to_sexp(),
        fresh.root_node().to_sexp(),
        "tree after {what} of {expected:?}"
    );
    assert_eq!(
        nodes(doc.tree().expect("tree")),
        nodes(&fresh),
        "node ranges after {what} of {expected:?}"
    );
    assert_eq!(
        (doc.yaml().root.clone(), doc.yaml().errors.clone()),
        yaml::parse(expected),
        "YAML after {what} of {expected:?}"
    );
    REUSED.fetch_add(
        doc.yaml().reused_items(),
        std::sync::atomic::Ordering::Relaxed,
    );
    // The analysis the server makes of the edited document equals a fresh one.
    let incremental = apigw_lsp::lsp::Analysis::new(doc);
    let fresh = apigw_lsp::check::check_text(expected);
    assert_eq!(
        format!("{:?}", incremental.checked.diagnostics),
        format!("{:?}", fresh.diagnostics),
        "diagnostics after {what} of {expected:?}"
    );
}

/// Replaces bytes `start..end` of `expected` by `new_text` in both the model and the document.
fn edit(
    doc: &mut Document,
    expected: &mut String,
    start: usize,
    end: usize,
    new_text: &str,
    version: i32,
) {
    let range = (position_of(expected, start), position_of(expected, end));
    doc.apply_change(Some(range), new_text, version);
    expected.replace_range(start..end, new_text);
}

/// The seed of the random tests' edit sequences (`SYNTAX_SEED`, default 0).
fn seed() -> u64 {
    std::env::var("SYNTAX_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The offsets of the ASCII letters and digits of `text` but its first byte: where typing
/// inside a word happens.
fn word_chars(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|&(i, c)| c.is_ascii_alphanumeric() && i > 0)
        .map(|(i, _)| i)
        .collect()
}

/// Edits per document in the random test (`SYNTAX_EDITS` overrides it and `SYNTAX_SEED` picks
/// other sequences, for longer runs).
fn edits_per_document() -> usize {
    std::env::var("SYNTAX_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150)
}

#[test]
fn random_edit_sequences_match_fresh_parses() {
    let mut valid_states = 0;
    for (d, &initial) in DOCS.iter().enumerate() {
        let seed = seed();
        let mut rng = Rng::new(seed * 1000 + d as u64 + 1);
        let mut doc = Document::with_syntax_tree(initial, 0);
        let mut expected = initial.to_owned();
        check(&doc, &expected, "opening");
        let mut version = 0;
        for _ in 0..edits_per_document() {
            version += 1;
            // A random insertion, deletion or replacement...
            let a = boundary(&mut rng, &expected);
            let (start, end, snippet) = match rng.below(3) {
                0 => (a, a, rng.pick(SNIPPETS)),
                1 => {
                    let b = boundary_at_or_before(&expected, a + 1 + rng.below(12));
                    (a, b.max(a), "")
                }
                _ => {
                    let b = boundary_at_or_before(&expected, a + rng.below(6));
                    (a, b.max(a), rng.pick(SNIPPETS))
                }
            };
            let removed = expected[start..end].to_owned();
            let mut what = format!("replacing {start}..{end} ({removed:?}) by {snippet:?}");
            if rng.below(16) == 0 {
                // ... sometimes after the server let go of the document's tree-sitter tree ...
                assert!(doc.release_tree().is_some());
                what.push_str(" after releasing the tree");
            }
            if rng.below(4) == 0 {
                // ... sometimes sent as a reversed range, which must be swapped ...
                let range = (position_of(&expected, end), position_of(&expected, start));
                doc.apply_change(Some(range), snippet, version);
                expected.replace_range(start..end, snippet);
            } else {
                edit(&mut doc, &mut expected, start, end, snippet, version);
            }
            assert_eq!(doc.version(), version);
            check(&doc, &expected, &what);
            if doc.tree().expect("tree").root_node().has_error() {
                // ... that usually breaks the YAML half-way: most of the time, undo it.
                let undo_end = start + snippet.len();
                // (An LSP range cannot end between the `\r` and `\n` of a line break that the
                // edit created: then the edit stays.)
                if rng.below(4) != 0
                    && !inside_crlf(&expected, start)
                    && !inside_crlf(&expected, undo_end)
                {
                    version += 1;
                    edit(
                        &mut doc,
                        &mut expected,
                        start,
                        start + snippet.len(),
                        &removed,
                        version,
                    );
                    check(&doc, &expected, &format!("undoing {what}"));
                }
            }
            if !doc.tree().expect("tree").root_node().has_error() {
                valid_states += 1;
            }
        }
        // Replacing the whole text goes back to the initial document.
        doc.apply_change(None, initial, version + 1);
        expected = initial.to_owned();
        check(&doc, &expected, "replacing everything");
    }
    // The sequences must exercise incremental parses of valid YAML, not only broken text.
    assert!(
        valid_states > edits_per_document() * DOCS.len() / 4,
        "only {valid_states} valid states"
    );
    // ... and conversions that take unchanged items from the previous tree.
    let reused = REUSED.load(std::sync::atomic::Ordering::Relaxed);
    assert!(reused > 0, "no item reused");
}

#[test]
fn typing_a_value_char_by_char_and_deleting_it() {
    let initial = "name: api\nroutes:\n  - path: /é\n    method: GET\n";
    let typed = "  - path: /😀/{id}\n    handler: {runtime: \"python3.12\", tags: [a, 'b']}\n    notes: |\n      line\n";
    let mut doc = Document::with_syntax_tree(initial, 0);
    let mut expected = initial.to_owned();
    let at = expected.len();
    let mut version = 0;
    let mut cursor = at;
    for c in typed.chars() {
        version += 1;
        let s = c.to_string();
        edit(&mut doc, &mut expected, cursor, cursor, &s, version);
        cursor += s.len();
        check(&doc, &expected, &format!("typing {c:?}"));
    }
    while cursor > at {
        version += 1;
        let prev = expected[..cursor]
            .chars()
            .next_back()
            .map_or(1, char::len_utf8);
        edit(&mut doc, &mut expected, cursor - prev, cursor, "", version);
        cursor -= prev;
        check(&doc, &expected, "backspace");
    }
    assert_eq!(doc.text(), initial);
    assert!(doc.yaml().errors.is_empty(), "{:?}", doc.yaml().errors);
    assert!(doc.yaml().root.is_some());
}

#[test]
fn multi_line_edits_with_crlf_and_surrogate_pairs() {
    let initial = "a: 😀😀\r\nb:\r\n  c: 𝄞\r\n";
    let mut doc = Document::with_syntax_tree(initial, 1);
    // Replace from inside line 0 (after the first emoji: 2 UTF-16 units) to inside line 2.
    doc.apply_change(
        Some((Position::new(0, 5), Position::new(2, 5))),
        "X\r\n  d: ",
        2,
    );
    assert_eq!(doc.text(), "a: 😀X\r\n  d: 𝄞\r\n");
    check(&doc, "a: 😀X\r\n  d: 𝄞\r\n", "multi-line replace");
    // Positions past the end clamp to the end.
    doc.apply_change(
        Some((Position::new(40, 0), Position::new(41, 3))),
        "e: é\r\n",
        3,
    );
    check(&doc, "a: 😀X\r\n  d: 𝄞\r\ne: é\r\n", "append past the end");
}

/// Many changes in one notification (an editor's rename or multi-cursor edit) give the same
/// document as applying them one by one, and as a fresh parse; and so does the model.
#[test]
fn batched_changes_match_fresh_parses() {
    for (d, &initial) in DOCS.iter().enumerate() {
        let mut rng = Rng::new(7_000 + d as u64);
        let mut doc = Document::with_syntax_tree(initial, 0);
        let mut expected = initial.to_owned();
        for round in 1..=20 {
            let mut batch = Vec::new();
            for _ in 0..1 + rng.below(8) {
                let a = boundary(&mut rng, &expected);
                let b = boundary_at_or_before(&expected, a + rng.below(5)).max(a);
                let snippet = rng.pick(SNIPPETS);
                if inside_crlf(&expected, a) || inside_crlf(&expected, b) {
                    continue;
                }
                let range = (position_of(&expected, a), position_of(&expected, b));
                expected.replace_range(a..b, snippet);
                batch.push((Some(range), snippet.to_string()));
            }
            // Odd rounds: edits deferred (as the server applies them), parsed with the next round.
            if round % 2 == 1 {
                doc.edit(&batch, round);
                continue;
            }
            doc.edit(&batch, round);
            doc.parse();
            check(
                &doc,
                &expected,
                &format!("batch {round} of {} changes", batch.len()),
            );
            let incremental = apigw_lsp::check::check_tree(
                doc.yaml().root.as_ref(),
                doc.yaml().errors.clone(),
                doc.text(),
            );
            let fresh = apigw_lsp::check::check_text(&expected);
            assert_eq!(
                format!("{:?}", incremental.diagnostics),
                format!("{:?}", fresh.diagnostics),
                "diagnostics after batch {round}"
            );
        }
    }
}

/// A definition with `routes` routes in varied spellings (flow and block collections, quoted
/// and block scalars, non-ASCII text).
fn large_definition(routes: usize) -> String {
    let mut text = String::from(
        "# Bücher API ✨\nintegrations:\n  A: {type: HttpUrlIntegration, url: 'https://a.example.com'}\n  B:\n    type: HttpUrlIntegration\n    url: \"https://b.example.com/😀\"\nconstructs:\n  Api:\n    type: HttpApi\n    description: |\n      Serves 😀\n        and more\n    addRoutes:\n",
    );
    for i in 0..routes {
        match i % 3 {
            0 => {
                text += &format!(
                    "      - path: /items{i}/{{id}}\n        methods: [GET, PUT]\n        integration: A\n"
                )
            }
            1 => {
                text +=
                    &format!("      - {{ path: \"/ünï{i}\", methods: [POST], integration: B }}\n")
            }
            _ => text += &format!("      - path: /c{i}  # note 𝄞\n        integration: B\n"),
        }
    }
    text
}

#[test]
fn typing_in_a_large_definition_reuses_unchanged_items() {
    // Edits a user makes while the file stays valid: typing and deleting letters inside
    // words, adding and removing whole routes. Each result equals a fresh parse (and a fresh
    // analysis), and nearly every conversion takes items from the previous one.
    let routes = 60;
    let mut expected = large_definition(routes);
    let mut doc = Document::with_syntax_tree(&expected, 0);
    let seed = seed();
    let mut rng = Rng::new(seed + 7);
    let mut reusing_edits = 0;
    let rounds = edits_per_document();
    let mut version = 0;
    for _ in 0..rounds {
        let words = word_chars(&expected);
        let at = words[rng.below(words.len())];
        let line = expected[..at].rfind('\n').map_or(0, |n| n + 1);
        let line_end = line + expected[line..].find('\n').map_or(0, |n| n + 1);
        let (start, end, new_text) = match rng.below(5) {
            0 | 1 => (at, at, "q"),
            2 => (at, at + 1, ""),
            3 if expected[line..].starts_with("      - ") => {
                (line, line, "      - { path: /new, integration: A }\n")
            }
            4 if expected[line..].starts_with("      - {") => (line, line_end, ""),
            _ => continue,
        };
        let removed = expected[start..end].to_owned();
        let what = format!("replacing {start}..{end} ({removed:?}) by {new_text:?}");
        version += 1;
        edit(&mut doc, &mut expected, start, end, new_text, version);
        check(&doc, &expected, &what);
        if doc.yaml().reused_items() > 0 {
            reusing_edits += 1;
        }
        if !doc.yaml().errors.is_empty() {
            // Emptying `[GET, PUT]`'s first item breaks the YAML: a user would undo that.
            version += 1;
            let inserted = start + new_text.len();
            edit(&mut doc, &mut expected, start, inserted, &removed, version);
            check(&doc, &expected, &format!("undoing {what}"));
        }
    }
    let rounds = version as usize;
    assert!(
        reusing_edits * 10 >= rounds * 9,
        "only {reusing_edits} of {rounds} edits reused items"
    );
}

#[test]
fn edits_across_the_token_limit_are_checked_as_a_fresh_parse_checks_them() {
    // Over a thousand flow collections: the size-limit scan runs on every version, taken up
    // from its checkpoints around each edit. A route's description grows past the token limit
    // and back; edits before and after it move the rest of the text.
    let mut expected = large_definition(1_200);
    let mut doc = Document::new(&expected, 0);
    let route = expected
        .find("      - path: /items600/")
        .expect("route 600");
    let line_end = route + expected[route..].find('\n').expect("line end") + 1;
    let words = |n: usize| format!("        description: {}\n", "w ".repeat(n));
    let mut version = 0;
    let mut step = |doc: &mut Document, expected: &mut String, at: (usize, usize), text: &str| {
        version += 1;
        edit(doc, expected, at.0, at.1, text, version);
        let fresh = yaml::parse(expected);
        assert_eq!(doc.yaml().errors, fresh.1, "errors after edit {version}");
        assert_eq!(doc.yaml().root, fresh.0, "YAML after edit {version}");
        doc.yaml()
            .errors
            .iter()
            .any(|e| e.message.contains("YAML tokens"))
    };
    let long = words(40_000);
    assert!(step(&mut doc, &mut expected, (line_end, line_end), &long));
    let long_end = line_end + long.len();
    // Words removed from the description's end: within the limit again.
    let cut = long_end - 1 - 2 * 10_000;
    assert!(!step(&mut doc, &mut expected, (cut, long_end - 1), ""));
    // Typing elsewhere, before and after the description, and past the limit once more.
    assert!(!step(&mut doc, &mut expected, (route + 8, route + 8), "ä"));
    let late = expected.find("/items1101/").expect("route 1101");
    assert!(!step(&mut doc, &mut expected, (late, late), "x"));
    let cut = expected.find("description: ").expect("description") + 13;
    assert!(step(
        &mut doc,
        &mut expected,
        (cut, cut),
        &"v ".repeat(12_000)
    ));
}

#[test]
fn the_direct_reader_takes_the_routes_an_edit_left_alone() {
    // A definition the direct reader reads (no block scalar), edited as a user does and in
    // ways that move item boundaries: a line indented under the route before it, a comment
    // between routes, routes added and removed, stray text that breaks the YAML (tree-sitter
    // reads those versions). Each result equals a fresh parse and a fresh analysis.
    let block_scalar = "    description: |\n      Serves 😀\n        and more\n";
    let mut expected = large_definition(90).replace(block_scalar, "");
    let mut doc = Document::new(&expected, 0);
    let seed = seed();
    let mut rng = Rng::new(seed + 11);
    let (mut version, mut reusing, mut direct, mut taken) = (0, 0, 0, 0);
    let mut previous = apigw_lsp::lsp::Analysis::new(&doc);
    let stray = [" ", "\n", "- ", "  ", "x: 1\n", "#", ": ", "[", "ä"];
    for _ in 0..edits_per_document() {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(expected.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < expected.len())
            .collect();
        let words = word_chars(&expected);
        let line = line_starts[rng.below(line_starts.len())];
        let line_end = line + expected[line..].find('\n').map_or(0, |n| n + 1);
        let at = words[rng.below(words.len())];
        let (start, end, new_text) = match rng.below(8) {
            0..=2 => (at, at, "q"),
            3 => (at, at + 1, ""),
            4 if expected[line..].starts_with("      - ") => (line, line, "        extra: 1\n"),
            5 => (line, line, "      # note\n"),
            6 if expected[line..].starts_with("      - {") => (line, line_end, ""),
            7 => {
                let at = boundary(&mut rng, &expected);
                (at, at, stray[rng.below(stray.len())])
            }
            _ => continue,
        };
        let removed = expected[start..end].to_owned();
        let mut step = |doc: &mut Document, expected: &mut String, edit_: (usize, usize, &str)| {
            version += 1;
            let what = format!("edit {version}: {edit_:?}");
            edit(doc, expected, edit_.0, edit_.1, edit_.2, version);
            let fresh = yaml::parse(expected);
            assert_eq!(
                doc.yaml().root,
                fresh.0,
                "YAML after {what} of {expected:?}"
            );
            assert_eq!(doc.yaml().errors, fresh.1, "errors after {what}");
            if !doc.has_tree() {
                direct += 1;
                reusing += usize::from(doc.yaml().reused_items() > 0);
            }
            if version % 10 == 0 {
                // Made from the previous analysis, as the server makes it.
                let incremental = apigw_lsp::lsp::Analysis::after(doc, Some(&previous));
                let fresh = apigw_lsp::check::check_text(expected);
                assert_eq!(
                    format!("{:?}", incremental.checked.diagnostics),
                    format!("{:?}", fresh.diagnostics),
                    "diagnostics after {what}"
                );
                assert_eq!(
                    format!("{:?}", incremental.checked.model.constructs),
                    format!("{:?}", fresh.model.constructs),
                    "model after {what}"
                );
                taken += incremental.kept_calls().1;
                previous = incremental;
            }
        };
        step(&mut doc, &mut expected, (start, end, new_text));
        if !doc.yaml().errors.is_empty() || rng.below(3) == 0 {
            // The user undoes it.
            step(
                &mut doc,
                &mut expected,
                (start, start + new_text.len(), &removed),
            );
        }
    }
    assert!(direct >= 10, "the direct reader read {direct} versions");
    assert!(taken > 0, "no analysis took a call from the one before");
    assert!(
        reusing * 10 >= direct * 8,
        "{reusing} of {direct} direct reads took items"
    );
}
