//! The whole pipeline for one file: bytes -> YAML tree -> model -> template, with every
//! diagnostic. Used by the CLI and the language server alike.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::model::{self, Model};
use crate::syntax::{Span, yaml};
use crate::synth;
use crate::synth::tree::ResourceRef;

/// What checking a file produced.
#[derive(Debug)]
pub struct Checked {
    /// The resolved model (partial when there were errors).
    pub model: Model,
    /// The template, when the file has no errors.
    pub template: Option<Value>,
    /// Every diagnostic, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The template's resources with their construct paths (empty without a template).
    pub resources: Vec<ResourceRef>,
}

/// Checks and synthesizes raw file contents. Invalid UTF-8 is reported at the first bad byte.
pub fn check_bytes(bytes: &[u8]) -> (String, Checked) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), check_text(text)),
        Err(e) => {
            let at = e.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let diagnostic = Diagnostic::error(
                Span::new(at, at + 1),
                format!("the file is not valid UTF-8 (byte {at})"),
            )
            .with_hint("save the file as UTF-8");
            let checked = Checked {
                model: Model::default(),
                template: None,
                diagnostics: vec![diagnostic],
                resources: Vec::new(),
            };
            (text, checked)
        }
    }
}

/// Checks and synthesizes a definition file's text.
pub fn check_text(text: &str) -> Checked {
    let (root, syntax_errors) = yaml::parse(text);
    check_tree(root.as_ref(), syntax_errors, text)
}

/// Resolves and synthesizes an already parsed YAML tree.
pub fn check_tree(
    root: Option<&yaml::Node>,
    syntax_errors: Vec<yaml::SyntaxError>,
    text: &str,
) -> Checked {
    let mut diagnostics: Vec<Diagnostic> =
        syntax_errors.into_iter().map(Diagnostic::from).collect();
    let (model, resolve_diags) = model::resolve(root, text);
    // A YAML syntax error leaves a partial tree; what resolve says of it would only be noise.
    if diagnostics.is_empty() {
        diagnostics.extend(resolve_diags);
    }
    let mut template = None;
    let mut resources = Vec::new();
    if !diagnostics.iter().any(Diagnostic::is_error) {
        let synthesis = synth::synth(&model);
        diagnostics.extend(synthesis.diagnostics);
        template = synthesis.template;
        resources = synthesis.resources;
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    Checked {
        model,
        template,
        diagnostics,
        resources,
    }
}
