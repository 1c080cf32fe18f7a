//! Helpers shared by the language-server feature tests: `$0` cursor fixtures, UTF-16
//! positions, and a fresh server with one document open.

#![allow(dead_code)]

use apigw_lsp::lsp::{Backend, service};
use tower_lsp_server::LanguageServer;
use tower_lsp_server::ls_types::{DidOpenTextDocumentParams, Position, TextDocumentItem, Uri};

/// The text without its `$0` marker and the marker's LSP position (UTF-16 columns).
pub fn fixture(s: &str) -> (String, Position) {
    let offset = s.find("$0").expect("the fixture has a $0 cursor");
    let text = s.replacen("$0", "", 1);
    (text.clone(), position(&text, offset))
}

/// The LSP position (UTF-16 columns) of a byte offset.
pub fn position(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[line_start..].encode_utf16().count() as u32;
    Position::new(line, character)
}

/// The byte offset of an LSP position.
pub fn offset(text: &str, p: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..p.line {
        line_start += text[line_start..].find('\n').map_or(0, |i| i + 1);
    }
    let mut units = 0;
    for (i, c) in text[line_start..].char_indices() {
        if units >= p.character as usize || c == '\n' {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Opens `text` as `file:///test.apigw.yaml` in a fresh server and runs `ask` against it.
pub fn with_open_document<T>(text: &str, ask: impl AsyncFnOnce(&Backend, Uri) -> T) -> T {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (service, _socket) = service();
        let server = service.inner();
        let uri: Uri = "file:///test.apigw.yaml".parse().unwrap();
        let text_document = TextDocumentItem {
            uri: uri.clone(),
            language_id: "yaml".into(),
            version: 1,
            text: text.to_string(),
        };
        server
            .did_open(DidOpenTextDocumentParams { text_document })
            .await;
        ask(server, uri).await
    })
}
