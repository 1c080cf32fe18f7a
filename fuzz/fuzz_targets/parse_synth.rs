//! Any bytes as a definition file: parse, resolve, validate, plan and synthesize never panic,
//! and every diagnostic's span lies within the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
