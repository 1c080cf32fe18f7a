//! The whole pipeline for one file: bytes -> YAML tree -> model -> template, with every
//! diagnostic. Used by the CLI and the language server alike.

use std::sync::OnceLock;

use crate::synth::json::Value;

use crate::diagnostic::Diagnostic;
use crate::model::resolve::{Memo, Previous};
use crate::model::{self, Model};
use crate::syntax::{Span, yaml};
use crate::synth::tree::ResourceRef;
use crate::synth::{self, Synthesis};

/// The largest template body CloudFormation takes (from S3), in bytes.
pub const MAX_TEMPLATE_BYTES: usize = 1 << 20;

/// What checking a file produced: the model and every diagnostic at once; the template is
/// synthesized only when something asks for it, once.
#[derive(Debug)]
pub struct Checked {
    /// The resolved model (partial when there were errors).
    pub model: Model,
    /// Every diagnostic of the syntax, resolve and validate stages, in source order.
    pub diagnostics: Vec<Diagnostic>,
    synthesis: OnceLock<Synthesis>,
}

impl Checked {
    fn new(model: Model, diagnostics: Vec<Diagnostic>) -> Checked {
        Checked {
            model,
            diagnostics,
            synthesis: OnceLock::new(),
        }
    }

    /// Lets go of what validation and the language server read but synth does not (the
    /// planned construct tree, the index of paths), so that a one-shot synth peaks lower.
    pub fn release_all_but_synth_input(&mut self) {
        self.model.plan = None;
        self.model.known_paths = Default::default();
        self.model.path_order = Vec::new();
    }

    /// Whether any diagnostic is an error (then there is no template).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The synthesis, computed on first use; empty when the file has errors.
    pub fn synthesis(&self) -> &Synthesis {
        self.synthesis.get_or_init(|| {
            if self.has_errors() {
                Synthesis::default()
            } else {
                synth::synth(&self.model)
            }
        })
    }

    /// Whether the template has been synthesized (diagnostics never need it).
    pub fn is_synthesized(&self) -> bool {
        self.synthesis.get().is_some()
    }

    /// The template, when the file has no errors.
    pub fn template(&self) -> Option<&Value> {
        self.synthesis().template.as_ref()
    }

    /// A warning when the template is larger than CloudFormation takes (1 MB, uploaded
    /// through S3 as CDK does), at the first construct entry; synthesizes the template.
    pub fn template_size_warning(&self) -> Option<Diagnostic> {
        let mut counted = synth::Counted::new(std::io::sink());
        let size =
            serde_json::to_writer(&mut counted, self.template()?).map_or(0, |()| counted.bytes);
        if size <= MAX_TEMPLATE_BYTES {
            return None;
        }
        let span = self
            .model
            .constructs
            .first()
            .map_or(Span::default(), |c| c.path.span);
        Some(
            Diagnostic::warning(
                span,
                format!(
                    "the template is {size} bytes: CloudFormation takes a template of at most 1 MB ({MAX_TEMPLATE_BYTES} bytes)"
                ),
            )
            .with_hint("split the definition over several stacks (one definition file each); long descriptions and policies count too"),
        )
    }

    /// The template's resources with their construct paths (empty without a template).
    pub fn resources(&self) -> &[ResourceRef] {
        &self.synthesis().resources
    }
}

/// Checks raw file contents. Invalid UTF-8 is reported at the first bad byte.
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
            let checked = Checked::new(Model::default(), vec![diagnostic]);
            (text, checked)
        }
    }
}

/// Checks a definition file's text.
pub fn check_text(text: &str) -> Checked {
    let (root, syntax_errors) = yaml::parse(text);
    check_tree(root.as_ref(), syntax_errors, text)
}

/// Resolves and validates an already parsed YAML tree.
pub fn check_tree(
    root: Option<&yaml::Node>,
    syntax_errors: Vec<yaml::SyntaxError>,
    text: &str,
) -> Checked {
    let (model, resolve_diags) = model::resolve(root, text);
    checked(model, syntax_errors, resolve_diags)
}

/// [`check_tree`] for a document that will be edited: resolve takes what it can from the
/// `previous` version's memo, and returns the memo for the next version.
pub fn check_tree_keeping(
    root: Option<&yaml::Node>,
    syntax_errors: Vec<yaml::SyntaxError>,
    text: &str,
    previous: Option<Previous<'_>>,
) -> (Checked, Memo) {
    let (model, resolve_diags, memo) = model::resolve_keeping(root, text, previous);
    (checked(model, syntax_errors, resolve_diags), memo)
}

/// The model with the diagnostics to show: resolve's only when the YAML parsed.
fn checked(
    model: Model,
    syntax_errors: Vec<yaml::SyntaxError>,
    resolve_diags: Vec<Diagnostic>,
) -> Checked {
    let mut diagnostics: Vec<Diagnostic> =
        syntax_errors.into_iter().map(Diagnostic::from).collect();
    // A YAML syntax error leaves a partial tree; what resolve says of it would only be noise.
    if diagnostics.is_empty() {
        diagnostics.extend(resolve_diags);
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    Checked::new(model, diagnostics)
}
