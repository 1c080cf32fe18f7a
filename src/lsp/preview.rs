//! The live template preview: the `apigw/preview` request (document URI -> template, or the
//! diagnostics that block it) and the small `apigw/previewChanged` notification sent whenever
//! a document's analysis is published. Editors showing a preview ask for it again on that
//! notification; the template itself (hundreds of KiB for a large API) crosses the wire only
//! when someone looks at it.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::{Diagnostic, TextDocumentIdentifier, Uri};

use super::analysis::Analysis;
use super::convert::to_lsp_diagnostics;

/// The request's method name.
pub const PREVIEW_METHOD: &str = "apigw/preview";

/// Parameters of `apigw/preview`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewParams {
    /// The document to preview.
    pub text_document: TextDocumentIdentifier,
}

/// The answer of `apigw/preview`.
#[derive(Debug, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PreviewResult {
    /// The document.
    pub uri: Uri,
    /// The version previewed (`null` when the document is not open).
    pub version: Option<i32>,
    /// The synthesized template, or `null` when errors block it.
    pub template: Option<serde_json::Value>,
    /// The template exactly as `apigw-lsp --synth` writes it (`null` when errors block it), so
    /// that editors show it without formatting JSON themselves.
    pub text: Option<String>,
    /// The errors that block the template (warnings are not included).
    pub errors: Vec<Diagnostic>,
}

/// The payload of `apigw/previewChanged`.
#[derive(Debug, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PreviewChangedParams {
    /// The document.
    pub uri: Uri,
    /// The version now analysed.
    pub version: i32,
    /// Whether a template is available (no errors).
    pub has_template: bool,
    /// How many errors block the template.
    pub error_count: usize,
}

/// `apigw/previewChanged`: a document's preview changed; ask `apigw/preview` for it.
pub enum PreviewChanged {}

impl Notification for PreviewChanged {
    type Params = PreviewChangedParams;
    const METHOD: &'static str = "apigw/previewChanged";
}

/// The notification for an analysed document.
pub fn preview_changed(a: &Analysis, uri: &Uri) -> PreviewChangedParams {
    PreviewChangedParams {
        uri: uri.clone(),
        version: a.version,
        // Without errors there is a template: the notification does not synthesize it.
        has_template: !a.checked.has_errors(),
        error_count: a
            .checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count(),
    }
}

/// The preview of an analysed document (or an empty answer for a document that is not open).
pub fn preview(analysis: Option<&Analysis>, uri: &Uri) -> PreviewResult {
    let Some(a) = analysis else {
        return PreviewResult {
            uri: uri.clone(),
            version: None,
            template: None,
            text: None,
            errors: Vec::new(),
        };
    };
    let template = a.checked.template();
    PreviewResult {
        uri: uri.clone(),
        version: Some(a.version),
        text: template.map(crate::synth::render_json),
        template: template.map(crate::synth::json::Value::to_serde),
        errors: {
            let errors: Vec<_> = a
                .checked
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            to_lsp_diagnostics(a, uri, &errors)
        },
    }
}
