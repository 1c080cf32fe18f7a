//! The document store on edit sequences: the bytes pick a starting document and a sequence of
//! edits (where, how much to remove, what to insert, whether the server parses after it), given
//! as LSP ranges in UTF-16 positions. After every parse, the incremental analysis (YAML tree,
//! errors, model, diagnostics) must equal a fresh analysis of the same text.
#![no_main]

use apigw_lsp::lsp::Analysis;
use apigw_lsp::syntax::{Document, Position};
use libfuzzer_sys::fuzz_target;

const DOCS: &[&str] = &[
    "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - path: /a/{id}\n        methods: [GET, PUT]\n        integration: A\nintegrations:\n  A: {type: HttpUrlIntegration, url: 'https://a.example.com'}\noutputs:\n  Url: { value: \"${Api.apiEndpoint}\" }\n",
    "base: &b {type: HttpApi}\nconstructs:\n  Api: {<<: *b, description: \"naïve 😀\"}\n",
    "",
    // Routes the direct reader takes from its previous reading when an edit leaves them alone.
    "integrations:\n  A: {type: HttpUrlIntegration, url: 'https://a.example.com'}\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - path: /a\n        integration: A\n      - { path: /ü, methods: [GET], integration: A }\n      # a note\n      - path: /c\n        methods:\n          - PUT\n          - POST\n        integration: A\n      -\n        path: /d\n        integration: A\n",
];

const SNIPPETS: &[&str] = &[
    "a",
    "é",
    "😀",
    "\n",
    "  ",
    "type: HttpApi\n",
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
    "\r",
    "${Api.apiId}",
    "Api",
    "constructs:\n",
    "  B: { type: HttpApi }\n",
    ",",
    "---\n",
    "?",
    "!Ref ",
];

/// The LSP position (UTF-16) of byte `offset` of `text`.
fn position_of(text: &str, offset: usize) -> Position {
    let (mut line, mut character) = (0, 0);
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                character = 0;
            }
            c => character += c.len_utf16() as u32,
        }
    }
    Position::new(line, character)
}

/// The char boundary at or before `offset`, never inside a CRLF.
fn boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    let b = text.as_bytes();
    while !text.is_char_boundary(offset)
        || (offset > 0 && b[offset - 1] == b'\r' && b.get(offset) == Some(&b'\n'))
    {
        offset -= 1;
    }
    offset
}

/// What must match between the incremental and the fresh analysis.
fn summary(a: &Analysis) -> String {
    let m = &a.checked.model;
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        a.yaml.root, a.yaml.errors, m.constructs, m.objects, m.outputs, a.checked.diagnostics
    )
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let mut text = DOCS[first as usize % DOCS.len()].to_string();
    let mut doc = Document::new(&text, 0);
    let mut previous = Analysis::new(&doc);
    let mut batch = Vec::new();
    for (version, e) in rest.chunks_exact(4).enumerate() {
        let start = boundary(&text, e[0] as usize * text.len() / 255);
        let end = boundary(&text, start + (e[1] % 16) as usize).max(start);
        let range = (position_of(&text, start), position_of(&text, end));
        let snippet = SNIPPETS[e[2] as usize % SNIPPETS.len()];
        batch.push((Some(range), snippet.to_string()));
        text.replace_range(start..end, snippet);
        if e[3] & 1 == 1 {
            doc.edit(&batch, version as i32 + 1);
            batch.clear();
            doc.parse();
            // Made from the previous analysis, as the server makes it.
            let incremental = Analysis::after(&doc, Some(&previous));
            assert_eq!(incremental.text, text);
            assert_eq!(summary(&incremental), summary(&Analysis::of_text(&text)));
            previous = incremental;
        }
    }
});
