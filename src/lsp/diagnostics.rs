//! Publishing diagnostics: at once when a document opens, and after each change once typing
//! pauses (debounced; a newer change supersedes the pending one). Each publish is followed by
//! the `apigw/previewChanged` notification.

use std::time::Duration;

use tower_lsp_server::ls_types::Uri;

use super::Backend;
use super::convert::to_lsp_diagnostics;
use super::preview::{PreviewChanged, preview_changed};

/// Publishes the diagnostics of a document's current version (when given, only if it is still
/// `expected` once an analysis may start). The analysis is let go before the notifications are
/// written, and a version superseded meanwhile is not published.
pub async fn publish_now(backend: &Backend, uri: Uri, expected: Option<i32>) {
    let Ok(_permit) = backend.permits.acquire().await else {
        return;
    };
    let current = backend.workspace().version(uri.as_str());
    if current.is_none() || expected.is_some_and(|v| current != Some(v)) {
        return;
    }
    // The analysis runs on the document's analysis thread: the async workers, which read and
    // answer every other message, never wait for it.
    let analysing = backend.clone();
    let target = uri.clone();
    let analysed = backend
        .analysers
        .run(uri.as_str(), move || analysing.analyse(&target))
        .await;
    let Some(analysed) = analysed else {
        return;
    };
    let Some((a, replaced)) = analysed else {
        clear_if_published(backend, uri).await;
        return;
    };
    let version = a.version;
    let diagnostics = to_lsp_diagnostics(&a, &uri, &a.checked.diagnostics);
    let changed = preview_changed(&a, &uri);
    drop(a);
    if backend.workspace().version(uri.as_str()) != Some(version) {
        return;
    }
    backend
        .workspace()
        .published
        .insert(uri.as_str().to_string());
    let document = uri.as_str().to_string();
    backend
        .client
        .publish_diagnostics(uri, diagnostics, Some(version))
        .await;
    backend
        .client
        .send_notification::<PreviewChanged>(changed)
        .await;
    // The superseded analysis is freed once the diagnostics are out, on the thread that made
    // it, not on the async workers, which owe that time to requests.
    backend.analysers.free(&document, replaced);
}

/// A document that is open but no longer a definition file (its `constructs:` key gone)
/// leaves the server's care: its last diagnostics are replaced by none, once.
async fn clear_if_published(backend: &Backend, uri: Uri) {
    let version = {
        let mut workspace = backend.workspace();
        if !workspace.published.remove(uri.as_str()) {
            return;
        }
        workspace.version(uri.as_str())
    };
    backend
        .client
        .publish_diagnostics(uri, Vec::new(), version)
        .await;
}

/// Publishes after the debounce delay, unless a newer version arrives meanwhile.
pub fn schedule(backend: &Backend, uri: Uri, version: i32) {
    let backend = backend.clone();
    let delay = Duration::from_millis(backend.workspace().config.debounce_ms);
    tokio::spawn(async move {
        // The timer has millisecond ticks: with no debounce, do not wait for one.
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if backend.workspace().version(uri.as_str()) != Some(version) {
            return;
        }
        publish_now(&backend, uri, Some(version)).await;
    });
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::LanguageServer;
    use tower_lsp_server::ls_types::{
        DidOpenTextDocumentParams, HoverContents, HoverParams, Position, TextDocumentIdentifier,
        TextDocumentItem, TextDocumentPositionParams, Uri, WorkDoneProgressParams,
    };

    use crate::lsp::preview::PreviewParams;
    use crate::lsp::service;

    /// Opening a document publishes its diagnostics (a warning here) without synthesizing its
    /// template, and hover on a construct does not need it either; the preview synthesizes it.
    #[test]
    fn diagnostics_are_published_without_synthesis() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let (service, _socket) = service();
            let server = service.inner();
            let uri: Uri = "file:///a.apigw.yaml".parse().expect("uri");
            let text = "constructs:\n  Fn: { type: Function, fromFunctionArn: \"arn:aws:lambda:us-east-1:111111111111:function:f\" }\n  Api:\n    type: HttpApi\n    addRoutes: [ { path: /a, integration: { type: HttpLambdaIntegration, id: L, handler: Fn } } ]\n";
            let text_document = TextDocumentItem {
                uri: uri.clone(),
                language_id: "yaml".into(),
                version: 1,
                text: text.into(),
            };
            server
                .did_open(DidOpenTextDocumentParams { text_document })
                .await;
            let analysis = server.analysis(&uri).expect("analysed");
            assert_eq!(analysis.checked.diagnostics.len(), 1, "the permission warning");
            assert!(!analysis.checked.is_synthesized());
            // Hover on the API lists its logical IDs and resources from the planned tree.
            let hover = server
                .hover(HoverParams {
                    text_document_position_params: TextDocumentPositionParams {
                        text_document: TextDocumentIdentifier { uri: uri.clone() },
                        position: Position::new(2, 3),
                    },
                    work_done_progress_params: WorkDoneProgressParams::default(),
                })
                .await
                .expect("hover")
                .expect("a hover");
            let HoverContents::Markup(markup) = hover.contents else {
                panic!("markdown");
            };
            assert!(markup.value.contains("`ApiF70053CD`"), "{}", markup.value);
            assert!(!analysis.checked.is_synthesized());
            let params: PreviewParams = serde_json::from_value(
                serde_json::json!({ "textDocument": { "uri": uri.as_str() } }),
            )
            .expect("params");
            let preview = server.preview(params).await.expect("preview");
            assert!(preview.template.is_some());
            assert!(analysis.checked.is_synthesized());
        });
    }
}
