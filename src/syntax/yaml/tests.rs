//! Tests of the YAML tree: decoding, spans, anchors and merge keys, errors and recovery, limits.

use super::*;

/// Parses `text`, asserting that it has no errors.
fn ok(text: &str) -> Node {
    let (node, errors) = parse(text);
    assert!(
        errors.is_empty(),
        "unexpected errors for {text:?}: {errors:#?}"
    );
    node.expect("a document")
}

/// The source text each error points at, with its message.
fn errors(text: &str) -> Vec<(&str, String)> {
    parse(text)
        .1
        .into_iter()
        .map(|e| (&text[e.span.start..e.span.end], e.message))
        .collect()
}

fn src<'t>(text: &'t str, node: &Node) -> &'t str {
    &text[node.span.start..node.span.end]
}

fn scalar(node: &Node) -> (&str, bool) {
    match &node.value {
        NodeValue::Scalar(s) => (&*s.text, s.plain),
        other => panic!("not a scalar: {other:?}"),
    }
}

fn keys(node: &Node) -> Vec<&str> {
    node.as_map()
        .expect("a mapping")
        .iter()
        .map(|e| e.key.as_str().expect("scalar key"))
        .collect()
}

/// Runs `f` on a thread with an 8 MiB stack (the main thread's default size).
fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic")
}

#[test]
fn plain_scalars_keep_their_source_text() {
    let text =
        "version: 1.10\nenabled: yes\nnothing: ~\nnull_word: null\nempty:\nmulti: a\n  b\n\n  c\n";
    let doc = ok(text);
    assert_eq!(scalar(doc.get("version").unwrap()), ("1.10", true));
    assert_eq!(scalar(doc.get("enabled").unwrap()), ("yes", true));
    assert_eq!(scalar(doc.get("nothing").unwrap()), ("~", true));
    assert_eq!(scalar(doc.get("null_word").unwrap()), ("null", true));
    assert_eq!(doc.get("empty").unwrap().value, NodeValue::Null);
    assert_eq!(scalar(doc.get("multi").unwrap()), ("a b\nc", true));
    assert_eq!(src(text, doc.get("multi").unwrap()), "a\n  b\n\n  c");
}

#[test]
fn quoted_scalars_decode() {
    let text = concat!(
        "s: 'it''s  \n   folded'\n",
        "d: \"tab\\there\\u00e9\\x21 \\\"q\\\" \\\\ \\/ \\N\\_\\L\\P\\e\\0\\a\\b\\f\\r\\v\\U0001F600\"\n",
        "e: \"a \\\n   b\"\n",
        "f: \"1\"\n",
    );
    let doc = ok(text);
    assert_eq!(scalar(doc.get("s").unwrap()), ("it's folded", false));
    assert_eq!(
        scalar(doc.get("d").unwrap()).0,
        "tab\there\u{e9}! \"q\" \\ / \u{85}\u{a0}\u{2028}\u{2029}\u{1b}\0\u{7}\u{8}\u{c}\r\u{b}😀"
    );
    assert_eq!(scalar(doc.get("e").unwrap()), ("a b", false));
    assert_eq!(scalar(doc.get("f").unwrap()), ("1", false));
    assert_eq!(src(text, doc.get("f").unwrap()), "\"1\"");
    assert_eq!(src(text, doc.get("s").unwrap()), "'it''s  \n   folded'");
}

#[test]
fn block_scalars_decode() {
    let text = concat!(
        "lit: |\n  line 1\n    indented\n\n  line 3\n\n",
        "strip: |-\n  x\n\n",
        "keep: |+\n  x\n\n\n",
        "fold: >\n  a\n  b\n\n  c\n    kept\n  d\n",
        "foldstrip: >-\n  a\n  b\n",
        "indicator: |2\n     three\n    two\n",
        "list:\n  - |1\n     x\n",
        "last: >+\n  end\n",
    );
    let doc = ok(text);
    let text_of = |k: &str| scalar(doc.get(k).unwrap()).0.to_owned();
    assert_eq!(text_of("lit"), "line 1\n  indented\n\nline 3\n");
    assert_eq!(text_of("strip"), "x");
    assert_eq!(text_of("keep"), "x\n\n\n");
    assert_eq!(text_of("fold"), "a b\nc\n  kept\nd\n");
    assert_eq!(text_of("foldstrip"), "a b");
    assert_eq!(text_of("indicator"), "   three\n  two\n");
    let list = doc.get("list").unwrap().as_seq().unwrap();
    assert_eq!(scalar(&list[0]), ("  x\n", false));
    assert_eq!(text_of("last"), "end\n");
    assert!(src(text, doc.get("lit").unwrap()).starts_with("|\n  line 1"));
}

#[test]
fn crlf_documents() {
    let text = "a: |\r\n  x\r\n  y\r\nb: \"p\r\n  q\"\r\nc: plain\r\n  more\r\n";
    let doc = ok(text);
    assert_eq!(scalar(doc.get("a").unwrap()).0, "x\ny\n");
    assert_eq!(scalar(doc.get("b").unwrap()).0, "p q");
    assert_eq!(scalar(doc.get("c").unwrap()).0, "plain more");
    assert_eq!(src(text, doc.get("c").unwrap()), "plain\r\n  more");
}

#[test]
fn spans_of_collections_and_empty_values() {
    let text = "# head\nroot:\n  a: 1\n  b:\n  c: [x, {y}]\n  d:\n    - \n    - z\n# tail\n";
    let doc = ok(text);
    assert_eq!(
        src(text, &doc),
        "root:\n  a: 1\n  b:\n  c: [x, {y}]\n  d:\n    - \n    - z"
    );
    let root = doc.get("root").unwrap();
    assert_eq!(
        src(text, root),
        "a: 1\n  b:\n  c: [x, {y}]\n  d:\n    - \n    - z"
    );
    let b = root.get("b").unwrap();
    assert_eq!(b.value, NodeValue::Null);
    assert_eq!(b.span.start, b.span.end);
    assert_eq!(&text[..b.span.start], "# head\nroot:\n  a: 1\n  b:");
    let c = root.get("c").unwrap();
    assert_eq!(src(text, c), "[x, {y}]");
    let y_map = &c.as_seq().unwrap()[1];
    assert_eq!(src(text, y_map), "{y}");
    assert_eq!(keys(y_map), ["y"]);
    assert_eq!(y_map.get("y").unwrap().value, NodeValue::Null);
    let d = root.get("d").unwrap().as_seq().unwrap();
    assert_eq!(d[0].value, NodeValue::Null);
    assert_eq!(&text[d[0].span.start - 1..d[0].span.end], "-");
    assert_eq!(src(text, &d[1]), "z");
    for node in [&doc, root, c] {
        assert_eq!(node.origin, node.span);
    }
}

#[test]
fn flow_pairs_in_sequences_are_single_pair_mappings() {
    let text = "[a: b, c]";
    let doc = ok(text);
    let items = doc.as_seq().unwrap();
    assert_eq!(src(text, &items[0]), "a: b");
    assert_eq!(scalar(items[0].get("a").unwrap()).0, "b");
    assert_eq!(scalar(&items[1]).0, "c");
}

#[test]
fn anchors_and_aliases() {
    let text = "base: &b\n  x: 1\nname: &n hello\ncopy: *b\nagain: *n\nlist: [*n, *b]\n";
    let doc = ok(text);
    let base = doc.get("base").unwrap();
    assert_eq!(src(text, base), "x: 1");
    assert_eq!(base.origin, base.span);
    let copy = doc.get("copy").unwrap();
    assert_eq!(src(text, copy), "*b");
    assert_eq!(copy.origin, base.span);
    assert_eq!(copy.value, base.value);
    assert!(copy.is_alias() && !base.is_alias());
    // Children of the copy keep the spans of the anchored node's children.
    assert_eq!(copy.get("x").unwrap().span, base.get("x").unwrap().span);
    let name = doc.get("name").unwrap();
    assert_eq!(src(text, name), "hello");
    let again = doc.get("again").unwrap();
    assert_eq!((src(text, again), again.origin), ("*n", name.span));
    let list = doc.get("list").unwrap().as_seq().unwrap();
    assert_eq!(list[0].origin, name.span);
    assert_eq!(list[1].origin, base.span);
    assert_eq!(list[0].origin, again.origin);
}

#[test]
fn unknown_and_forward_aliases_are_errors() {
    let text = "a: *later\nb: &later 1\nc: [*nope]\nd: &self [*self]\n";
    let (doc, errs) = parse(text);
    let spanned: Vec<(&str, &str)> = errs
        .iter()
        .map(|e| (&text[e.span.start..e.span.end], e.message.as_str()))
        .collect();
    assert_eq!(
        spanned,
        [
            ("*later", "unknown anchor `later`"),
            ("*nope", "unknown anchor `nope`"),
            ("*self", "unknown anchor `self`"),
        ]
    );
    let doc = doc.unwrap();
    let a = doc.get("a").unwrap();
    assert_eq!((&a.value, src(text, a)), (&NodeValue::Null, "*later"));
}

#[test]
fn billion_laughs_is_stopped() {
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for name in 'b'..='k' {
        text.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 10].join(", ")
        ));
        prev = name;
    }
    let started = std::time::Instant::now();
    let (doc, errs) = parse(&text);
    assert!(started.elapsed().as_secs() < 20);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        errs[0].message,
        "alias expansion too large (billion laughs?)"
    );
    assert!(text[errs[0].span.start..errs[0].span.end].starts_with('*'));
    assert!(doc.is_some());
}

#[test]
fn nested_anchors_are_not_copied_once_per_level() {
    // Every level is anchored: keeping a copy of each would copy the innermost items once
    // per level. The copies count against the alias budget instead.
    let items = vec!["x"; 20_000].join(", ");
    let levels = 200;
    let mut text = String::new();
    for i in 0..levels {
        text.push_str(&format!("&a{i} ["));
    }
    text.push_str(&items);
    text.push_str(&"]".repeat(levels));
    text.push('\n');
    let doc = ok(&text);
    assert!(doc.as_seq().is_some());
    // An alias to a level that could not be kept is reported, not expanded.
    let text = format!("a: {text}b: *a0\n");
    let (_, errs) = parse(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        errs[0].message,
        "alias expansion too large (billion laughs?)"
    );
}

#[test]
fn merge_keys() {
    let text = concat!(
        "a: &a {x: a, y: a, z: a}\n",
        "b: &b {y: b, w: b}\n",
        "m:\n  x: own\n  <<: [*a, *b]\n  v: own\n",
        "single:\n  <<: *b\n",
        "inline:\n  <<: {k: 1}\n  j: 2\n",
        "quoted:\n  \"<<\": *b\n",
    );
    let doc = ok(text);
    let m = doc.get("m").unwrap();
    assert_eq!(keys(m), ["x", "y", "z", "w", "v"]);
    assert_eq!(scalar(m.get("x").unwrap()).0, "own");
    assert_eq!(scalar(m.get("y").unwrap()).0, "a");
    assert_eq!(scalar(m.get("w").unwrap()).0, "b");
    // Merged entries keep their own spans (in the anchored mapping).
    let a = doc.get("a").unwrap();
    assert_eq!(m.get("z").unwrap().span, a.get("z").unwrap().span);
    assert_eq!(keys(doc.get("single").unwrap()), ["y", "w"]);
    assert_eq!(keys(doc.get("inline").unwrap()), ["k", "j"]);
    // A quoted `<<` is an ordinary key.
    assert_eq!(keys(doc.get("quoted").unwrap()), ["<<"]);
}

#[test]
fn bad_merge_values_are_errors() {
    assert_eq!(
        errors("m:\n  <<: 5\n"),
        [(
            "5",
            "the merge key `<<` needs a mapping or a list of mappings".to_owned()
        )]
    );
    assert_eq!(
        errors("m:\n  <<: [{a: 1}, x]\n"),
        [(
            "x",
            "a merge key `<<` list may only hold mappings".to_owned()
        )]
    );
    let (doc, _) = parse("m:\n  <<: [{a: 1}, x]\n");
    assert_eq!(keys(doc.unwrap().get("m").unwrap()), ["a"]);
}

#[test]
fn duplicate_keys_keep_the_first() {
    let text = "a: 1\nb: 2\na: 3\n";
    let (doc, errs) = parse(text);
    assert_eq!(errs.len(), 1);
    assert_eq!(&text[errs[0].span.start..errs[0].span.end], "a");
    assert_eq!(errs[0].span.start, 10);
    assert_eq!(errs[0].message, "duplicate key `a`");
    assert_eq!(
        errs[0].hint.as_deref(),
        Some("remove one of the two `a` entries")
    );
    let doc = doc.unwrap();
    assert_eq!(keys(&doc), ["a", "b"]);
    assert_eq!(scalar(doc.get("a").unwrap()).0, "1");
    assert_eq!(
        errors("{x: 1, 'x': 2}"),
        [("'x'", "duplicate key `x`".to_owned())]
    );
}

#[test]
fn syntax_errors_have_spans_and_the_rest_is_kept() {
    let text = "a: 1\nb c\nd: 2\n";
    let (doc, errs) = parse(text);
    assert_eq!(errs.len(), 1);
    assert_eq!(&text[errs[0].span.start..errs[0].span.end], "b c");
    assert_eq!(errs[0].message, "YAML syntax error: unexpected `b c`");
    assert_eq!(keys(&doc.unwrap()), ["a", "d"]);

    let text = "a: 1\nb: }\nc: 2\n";
    let (doc, errs) = parse(text);
    assert_eq!(errs.len(), 1);
    assert_eq!(&text[errs[0].span.start..errs[0].span.end], "}");
    assert_eq!(errs[0].message, "YAML syntax error: unexpected `}`");
    assert_eq!(keys(&doc.unwrap()), ["a", "b", "c"]);

    let text = "a: 1\nb: [1, 2\nc: 3\n";
    let (doc, errs) = parse(text);
    assert_eq!(errs.len(), 1);
    assert_eq!(&text[errs[0].span.start..errs[0].span.end], "[");
    assert_eq!(errs[0].message, "YAML syntax error: `[` is never closed");
    assert_eq!(errs[0].hint.as_deref(), Some("add the matching `]`"));
    assert_eq!(keys(&doc.unwrap()), ["a", "b", "c"]);

    let text = "top:\n  x: [1, 2\nnext: 3\n";
    let (doc, errs) = parse(text);
    assert_eq!(
        errs.iter()
            .map(|e| &text[e.span.start..e.span.end])
            .collect::<Vec<_>>(),
        ["["]
    );
    assert_eq!(keys(&doc.unwrap()), ["top", "next"]);

    let text = "a: b: c\nd: 1\n";
    let (doc, errs) = parse(text);
    assert_eq!(
        errs.iter()
            .map(|e| &text[e.span.start..e.span.end])
            .collect::<Vec<_>>(),
        [":"]
    );
    assert_eq!(keys(&doc.unwrap()), ["a", "d"]);
}

#[test]
fn missing_nodes_are_reported() {
    // A quote left open by a document marker.
    let text = "'abc\n---\nb: 1\n";
    let (doc, errs) = parse(text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(&text[errs[0].span.start..errs[0].span.end], "'");
    assert_eq!(errs[0].message, "YAML syntax error: `'` is never closed");
    assert_eq!(keys(&doc.unwrap()), ["b"]);
    // This grammar seldom inserts MISSING nodes; this input (found by fuzzing) gets a
    // MISSING closing quote, reported as a zero-width error.
    let missing =
        "'\\q>+2{%YAML 1.2\n`- \\#c{: %YAML 1.2\n]&x \"x: y\n\r---\n- #c|a|-\r\n  !t ~x: y\n";
    let (_, errs) = parse(missing);
    let quote = errs
        .iter()
        .find(|e| e.message == "YAML syntax error: missing `'`")
        .expect("missing quote");
    assert_eq!(quote.span.start, quote.span.end);
}

#[test]
fn invalid_escapes_point_at_the_escape() {
    let text = "a: 1\nb: \"C:\\path\"\nc: 2\n";
    let (doc, errs) = parse(text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(&text[errs[0].span.start..errs[0].span.end], "\\p");
    assert_eq!(
        errs[0].message,
        "invalid escape `\\p` in a double-quoted string"
    );
    assert_eq!(keys(&doc.unwrap()), ["a", "b", "c"]);
}

#[test]
fn one_document_per_file() {
    let text = "---\na: 1\n---\nb: 2\n---\nc: 3\n";
    let (doc, errs) = parse(text);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].span, Span::new(9, 12));
    assert_eq!(
        errs[0].message,
        "a definition file holds one YAML document; found a second one"
    );
    assert_eq!(keys(&doc.unwrap()), ["a"]);
    assert_eq!(keys(&ok("--- \na: 1\n...\n")), ["a"]);
    assert_eq!(keys(&ok("# comment\n---\na: 1\n")), ["a"]);
}

#[test]
fn tabs_in_indentation() {
    let text = "a:\n\tb: 1\nc: 2\n";
    let (doc, errs) = parse(text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(&text[errs[0].span.start..errs[0].span.end], "\t");
    assert_eq!(errs[0].message, "tabs are not allowed in YAML indentation");
    assert_eq!(errs[0].hint.as_deref(), Some("indent with spaces"));
    let doc = doc.unwrap();
    assert_eq!(keys(&doc), ["a", "c"]);
    assert_eq!(keys(doc.get("a").unwrap()), ["b"]);

    let text = "a:\n  b: 1\n  \tc: 2\n";
    let spans: Vec<&str> = errors(text).into_iter().map(|(s, _)| s).collect();
    assert_eq!(spans.first(), Some(&"  \t"));
    // Tabs inside block scalars, after the indentation, and on blank or comment lines are fine.
    ok("a: |\n  \tx\nb: \"p\n  \tq\"\nc:\ta\n\t# note\n\t\nd: 2\n");
    // Tree-sitter rejects tab-indented lines even inside flow collections and quotes: the
    // tab is what gets reported, and the value is still read.
    let text = "a: [1,\n\t2]\nb: \"p\n\tq\"\n";
    let (doc, errs) = parse(text);
    let spans: Vec<&str> = errs
        .iter()
        .map(|e| &text[e.span.start..e.span.end])
        .collect();
    assert_eq!(spans, ["\t", "\t"]);
    let doc = doc.unwrap();
    assert_eq!(
        doc.get("a").and_then(Node::as_seq).map(<[Node]>::len),
        Some(2)
    );
    assert_eq!(doc.get("b").and_then(Node::as_str), Some("p q"));
}

#[test]
fn tags_are_errors_but_values_stay() {
    let text = "a: !Ref Thing\nb: !!str 1\nc: !Sub\n  - x\n";
    let (doc, errs) = parse(text);
    let spans: Vec<&str> = errs
        .iter()
        .map(|e| &text[e.span.start..e.span.end])
        .collect();
    assert_eq!(spans, ["!Ref", "!!str", "!Sub"]);
    assert!(
        errs.iter()
            .all(|e| e.message == "YAML tags are not supported")
    );
    assert_eq!(
        errs[0].hint.as_deref(),
        Some("write `${...}` expressions instead of CloudFormation short-form tags")
    );
    let doc = doc.unwrap();
    assert_eq!(scalar(doc.get("a").unwrap()), ("Thing", true));
    assert_eq!(src(text, doc.get("a").unwrap()), "Thing");
    assert_eq!(scalar(doc.get("b").unwrap()).0, "1");
    assert_eq!(doc.get("c").unwrap().as_seq().map(<[Node]>::len), Some(1));
}

#[test]
fn complex_and_non_scalar_keys() {
    let text = "? simple\n: 1\n[a, b]: 2\n{c: d}: 3\nok: 4\n";
    let (doc, errs) = parse(text);
    let spanned: Vec<(&str, &str)> = errs
        .iter()
        .map(|e| (&text[e.span.start..e.span.end], e.message.as_str()))
        .collect();
    assert_eq!(
        spanned,
        [
            (
                "? simple",
                "complex mapping keys (`? key`) are not supported"
            ),
            ("[a, b]", "mapping keys must be scalars"),
            ("{c: d}", "mapping keys must be scalars"),
        ]
    );
    assert_eq!(keys(&doc.unwrap()), ["simple", "ok"]);
}

fn nested_flow(levels: usize) -> String {
    format!("{}x{}", "[".repeat(levels), "]".repeat(levels))
}

#[test]
fn nesting_limit() {
    assert!(parse(&nested_flow(MAX_DEPTH)).1.is_empty());
    let text = nested_flow(MAX_DEPTH + 5);
    let (doc, errs) = parse(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        errs[0].message,
        "nesting is too deep (more than 256 levels)"
    );
    assert_eq!(errs[0].span, Span::new(MAX_DEPTH, MAX_DEPTH + 1));
    // The deeper part is dropped: the innermost kept level holds a null.
    let mut node = doc.unwrap();
    let mut depth = 0;
    while let NodeValue::Seq(mut items) = node.value {
        depth += 1;
        node = items.remove(0);
    }
    assert_eq!(depth, MAX_DEPTH);
    assert_eq!(node.value, NodeValue::Null);
}

#[test]
fn deep_block_nesting_does_not_reach_the_scanner() {
    // tree-sitter-yaml aborts the process beyond ~253 block levels; the guard blanks them.
    let text: String = (0..400)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let (doc, errs) = parse(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].message.starts_with("nesting is too deep"));
    assert!(text[errs[0].span.start..errs[0].span.end].starts_with('k'));
    assert!(doc.is_some());
    let compact = format!("{}x\n", "- ".repeat(300));
    assert!(
        parse(&compact)
            .1
            .iter()
            .any(|e| e.message.starts_with("nesting is too deep"))
    );
}

#[test]
fn huge_nesting_on_a_default_stack() {
    on_big_stack(|| {
        let open = "[".repeat(100_000);
        let (_, errs) = parse(&open);
        assert!(!errs.is_empty());
        let closed = nested_flow(100_000);
        let (_, errs) = parse(&closed);
        // The parser never sees more than `limits::MAX_FLOW_LEVELS` open collections.
        assert!(
            errs.iter().any(|e| e
                .message
                .starts_with("nesting is too deep (more than 1000 open")),
            "{errs:?}"
        );
        let maps = format!("a: {}", "{a: ".repeat(100_000));
        let _ = parse(&maps);
    });
}

#[test]
fn nesting_limit_fits_a_small_stack() {
    // Converting the deepest allowed document must not need a big stack (2 MiB threads).
    let text = nested_flow(MAX_DEPTH + 1);
    let block: String = (0..150)
        .map(|i| format!("{}- k:\n", "    ".repeat(i)))
        .collect();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let _ = parse(&text);
            let _ = parse(&block);
        })
        .expect("spawn")
        .join()
        .expect("no stack overflow");
}

#[test]
fn huge_scalars() {
    let big = "x".repeat(10 << 20);
    for text in [
        format!("a: {big}\n"),
        format!("a: \"{big}\"\n"),
        format!("a: |\n  {big}\n"),
    ] {
        let doc = ok(&text);
        let len = doc.get("a").and_then(Node::as_str).map(str::len);
        assert_eq!(len, Some(big.len() + usize::from(text.starts_with("a: |"))));
    }
}

#[test]
fn empty_documents() {
    for text in [
        "",
        "   \n\n",
        "# only a comment\n",
        "---\n",
        "--- # c\n...\n",
        "\r\n# c\r\n",
    ] {
        let (doc, errs) = parse(text);
        assert_eq!(doc, None, "{text:?}");
        assert!(errs.is_empty(), "{text:?}: {errs:?}");
    }
}

#[test]
fn odd_inputs_never_panic() {
    // Deterministic pseudo-random soup of YAML fragments.
    const PIECES: &[&str] = &[
        "a",
        "b: ",
        ": ",
        "- ",
        "? ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\"",
        "'",
        "\\",
        "\n",
        "\n  ",
        "  ",
        "\t",
        "#c",
        "&x ",
        "*x",
        "!t ",
        "|",
        ">",
        "|-",
        ">+2",
        "---\n",
        "...\n",
        "<<: ",
        "é",
        "😀",
        "\r\n",
        "\r",
        "1.5",
        "~",
        "%YAML 1.2\n",
        "@",
        "`",
        "x: y\n",
        "\\u00e9",
        "\\q",
        "\0",
    ];
    let mut random = crate::test_random::Random::new(0x2545_F491_4F6C_DD1D);
    for _ in 0..3000 {
        let n = random.below(40);
        let text: String = (0..n).map(|_| PIECES[random.below(PIECES.len())]).collect();
        let (_, errs) = parse(&text);
        for e in errs {
            assert!(
                e.span.start <= e.span.end && e.span.end <= text.len(),
                "{text:?}: {e:?}"
            );
            assert!(
                text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end),
                "{text:?}: {e:?}"
            );
        }
    }
}
