//! Publishing diagnostics: at once when a document opens, and after each change once typing
//! pauses (debounced; a newer change supersedes the pending one). Each publish is followed by
//! the `apigw/previewChanged` notification.

use std::time::Duration;

use tower_lsp_server::ls_types::Uri;

use super::Backend;
use super::convert::to_lsp_diagnostic;
use super::preview::{PreviewChanged, preview_changed};

/// Publishes the diagnostics of a document's current version.
pub async fn publish_now(backend: &Backend, uri: Uri) {
    let Some(a) = backend.analysis(&uri) else {
        return;
    };
    let diagnostics = a
        .checked
        .diagnostics
        .iter()
        .map(|d| to_lsp_diagnostic(&a, &uri, d))
        .collect();
    backend
        .client
        .publish_diagnostics(uri.clone(), diagnostics, Some(a.version))
        .await;
    backend
        .client
        .send_notification::<PreviewChanged>(preview_changed(&a, &uri))
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
        publish_now(&backend, uri).await;
    });
}
