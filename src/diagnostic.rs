//! Diagnostics: what resolve and synth report about a definition file, in byte spans.
//! The CLI renders them as `file:line:col`, the language server as LSP diagnostics.

use crate::syntax::{Span, SyntaxError};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file cannot be synthesized (or CloudFormation will reject the template).
    Error,
    /// The template is produced, but the choice is risky or will be rejected at deploy time.
    Warning,
}

/// A second location that explains a diagnostic (e.g. the first of two duplicate routes).
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    /// Where the related text is.
    pub span: Span,
    /// What it is, as a short sentence.
    pub message: String,
}

/// A text edit that fixes a diagnostic ("did you mean", add a missing prop).
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// Title of the fix, shown by editors.
    pub title: String,
    /// Text to replace.
    pub span: Span,
    /// Replacement text.
    pub replacement: String,
}

/// One problem found in a definition file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where the problem is: the offending key or value.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is an obvious fix.
    pub hint: Option<String>,
    /// Other places that explain the problem.
    pub related: Vec<Related>,
    /// A machine-applicable fix, when there is one.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: message.into(),
            hint: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a related location.
    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a machine-applicable fix.
    pub fn with_fix(
        mut self,
        title: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// Whether this diagnostic blocks synthesis.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl From<SyntaxError> for Diagnostic {
    fn from(e: SyntaxError) -> Self {
        Diagnostic {
            hint: e.hint,
            ..Diagnostic::error(e.span, e.message)
        }
    }
}
