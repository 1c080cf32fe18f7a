//! The live template preview: the `apigw/preview` request (document URI -> template, or the
//! diagnostics that block it) and the `apigw/previewChanged` notification sent whenever a
//! document's analysis is published, so editors can refresh a preview beside the file.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::{Diagnostic, TextDocumentIdentifier, Uri};

use super::analysis::Analysis;
use super::convert::to_lsp_diagnostic;

/// The request's method name.
pub const PREVIEW_METHOD: &str = "apigw/preview";

/// Parameters of `apigw/preview`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewParams {
    /// The document to preview.
    pub text_document: TextDocumentIdentifier,
}

/// The answer of `apigw/preview`, also the payload of `apigw/previewChanged`.
#[derive(Debug, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PreviewResult {
    /// The document.
    pub uri: Uri,
    /// The version previewed (`null` when the document is not open).
    pub version: Option<i32>,
    /// The synthesized template, or `null` when errors block it.
    pub template: Option<Value>,
    /// The errors that block the template (warnings are not included).
    pub errors: Vec<Diagnostic>,
}

/// `apigw/previewChanged`: a document's preview changed.
pub enum PreviewChanged {}

impl Notification for PreviewChanged {
    type Params = PreviewResult;
    const METHOD: &'static str = "apigw/previewChanged";
}

/// The preview of an analysed document (or an empty answer for a document that is not open).
pub fn preview(analysis: Option<&Analysis>, uri: &Uri) -> PreviewResult {
    let Some(a) = analysis else {
        return PreviewResult {
            uri: uri.clone(),
            version: None,
            template: None,
            errors: Vec::new(),
        };
    };
    PreviewResult {
        uri: uri.clone(),
        version: Some(a.version),
        template: a.checked.template.clone(),
        errors: a
            .checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| to_lsp_diagnostic(a, uri, d))
            .collect(),
    }
}
