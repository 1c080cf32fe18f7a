//! Any bytes as a definition file: parse, resolve, validate, plan and synthesize never panic,
//! every diagnostic's span lies within the file, and the YAML tree is the one tree-sitter's
//! path gives (the direct reader reads a text as tree-sitter does, or leaves it to it).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let yaml = apigw_lsp::syntax::yaml::parse(text);
        assert_eq!(yaml, apigw_lsp::syntax::yaml::parse_with_tree_sitter(text));
    }
    let (text, checked) = apigw_lsp::check::check_bytes(data);
    for d in &checked.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len().max(data.len()) + 1);
    }
    let synthesis = checked.synthesis();
    if checked.diagnostics.iter().any(|d| d.is_error()) {
        assert!(
            synthesis.template.is_none(),
            "no template while there are errors"
        );
    }
});
