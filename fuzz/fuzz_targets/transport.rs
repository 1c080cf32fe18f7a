//! The JSON-RPC transport on byte streams: the bytes, fed in chunks whose sizes the first byte
//! picks, never panic the framer, every body it yields is JSON, and judging each one never
//! panics.
#![no_main]

use apigw_lsp::lsp::transport::framing::{Frame, Framer};
use apigw_lsp::lsp::transport::{is_json, judge};
use libfuzzer_sys::fuzz_target;

/// A well-framed message after the fuzzed bytes, so that the guard's answers are reached.
const TAIL: &[u8] = b"Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"end\"}";

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let chunk = first as usize % 64 + 1;
    let mut framer = Framer::new(is_json);
    let mut input = rest.to_vec();
    input.extend_from_slice(TAIL);
    for piece in input.chunks(chunk) {
        framer.push(piece);
        while let Some(frame) = framer.next_frame() {
            if let Frame::Body(body) = &frame {
                assert!(is_json(body));
                let _ = judge(body);
            }
        }
    }
});
