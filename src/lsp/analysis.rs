//! One version of an open document, analysed: its text, line index, YAML tree, model,
//! template and diagnostics. Features answer from an `Analysis`, never from the live document.

use std::sync::{Arc, OnceLock};

use super::context::Known;

use crate::check::{Checked, check_tree_keeping};
use crate::model::resolve::{Memo, Previous};
use crate::syntax::yaml::Yaml;
use crate::syntax::{Document, LineIndex, Node, Position, Span};

/// A document version with everything the features need.
#[derive(Debug)]
pub struct Analysis {
    /// The version this analysis is of.
    pub version: i32,
    /// The text.
    pub text: String,
    /// Its line index.
    pub line_index: LineIndex,
    /// Its YAML tree (shared with the document it was made from).
    pub yaml: Arc<Yaml>,
    /// Model, template and diagnostics.
    pub checked: Checked,
    /// The resolved calls kept for the next version's analysis.
    memo: Memo,
    /// The names the document defines, collected on the first request that needs them.
    known: OnceLock<Known>,
}

impl Analysis {
    /// Analyses the current state of a document (parsed: see [`Document::parse`]).
    pub fn new(doc: &Document) -> Analysis {
        Analysis::after(doc, None)
    }

    /// [`Analysis::new`], taking what it can from the analysis of an earlier version of the
    /// same document: the calls whose text did not change (the result is the same).
    pub fn after(doc: &Document, previous: Option<&Analysis>) -> Analysis {
        if doc.needs_parse() {
            let mut parsed = doc.clone();
            parsed.parse();
            return Analysis::after(&parsed, previous);
        }
        let yaml = doc.yaml().clone();
        let text = doc.text().to_string();
        let previous = previous
            .filter(|p| p.yaml.is_local() && yaml.is_local())
            .map(|p| Previous {
                text: &p.text,
                memo: &p.memo,
            });
        crate::give_way::between_stages();
        let (checked, memo) =
            check_tree_keeping(yaml.root.as_ref(), yaml.errors.clone(), &text, previous);
        Analysis {
            version: doc.version(),
            line_index: doc.line_index().clone(),
            text,
            yaml,
            checked,
            memo,
            known: OnceLock::new(),
        }
    }

    /// How many resolved calls this analysis keeps for the next version's, and how many of
    /// them it took from the previous version's.
    pub fn kept_calls(&self) -> (usize, usize) {
        (self.memo.len(), self.memo.taken())
    }

    /// The names the document defines (construct paths, integration and authorizer ids),
    /// collected once per version.
    pub fn known(&self) -> &Known {
        self.known
            .get_or_init(|| Known::of(self.root(), &self.checked.model))
    }

    /// The document's content as a YAML tree, if it has one.
    pub fn root(&self) -> Option<&Node> {
        self.yaml.root.as_ref()
    }

    /// Analyses a text that is not open in an editor (tests, benchmarks).
    pub fn of_text(text: &str) -> Analysis {
        Analysis::new(&Document::new(text, 0))
    }

    /// The byte offset of an LSP position (clamped to the text).
    pub fn offset(&self, position: Position) -> usize {
        self.line_index.offset(&self.text, position)
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.line_index.position(&self.text, offset)
    }

    /// The source text of a span (empty when the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}
