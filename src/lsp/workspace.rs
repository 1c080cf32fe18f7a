//! The server's state: open documents (edited in place, in order) with their latest analysis,
//! and the client's configuration.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;

use super::analysis::Analysis;
use crate::syntax::{Document, Position};

/// File name patterns recognised by default; a document whose text has a top-level
/// `constructs:` key is recognised whatever its name.
pub const DEFAULT_FILE_PATTERNS: &[&str] =
    &["*.apigw.yaml", "*.apigw.yml", "apigw.yaml", "apigw.yml"];

/// Settings the client may send in `initializationOptions` or `workspace/didChangeConfiguration`.
#[derive(Clone, Debug)]
pub struct Config {
    /// File name patterns (`*` and `?` wildcards) of definition files.
    pub file_patterns: Vec<String>,
    /// How long diagnostics wait for more typing, in milliseconds.
    pub debounce_ms: u64,
    /// Whether routes show their execute-api ARN as inlay hints.
    pub arn_hints: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file_patterns: DEFAULT_FILE_PATTERNS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            debounce_ms: 50,
            arn_hints: true,
        }
    }
}

impl Config {
    /// Updates the settings present in a JSON object (`{ "filePatterns": [...], ... }`,
    /// optionally nested under `"apigw"`).
    pub fn update(&mut self, value: &Value) {
        let value = value.get("apigw").unwrap_or(value);
        if let Some(patterns) = value.get("filePatterns").and_then(Value::as_array) {
            self.file_patterns = patterns
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
        }
        if let Some(ms) = value.get("debounceMs").and_then(Value::as_u64) {
            self.debounce_ms = ms.min(5_000);
        }
        if let Some(on) = value.get("arnHints").and_then(Value::as_bool) {
            self.arn_hints = on;
        }
    }

    /// Whether a document is a definition file: by name, or by a top-level `constructs:` key.
    pub fn is_definition(&self, uri: &str, text: &str) -> bool {
        let name = uri.rsplit('/').next().unwrap_or(uri);
        self.file_patterns.iter().any(|p| glob_match(p, name))
            || text.lines().any(|l| l.starts_with("constructs:"))
    }
}

/// `*` matches any run of characters, `?` any one character.
fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some(pi);
                mark = ni;
                pi += 1;
            }
            Some(c) if *c == '?' || *c == n[ni] => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some(s) => {
                    pi = s + 1;
                    mark += 1;
                    ni = mark;
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// An open document and its latest analysis.
pub struct OpenDocument {
    /// The live document.
    pub doc: Document,
    analysis: Option<Arc<Analysis>>,
}

/// What storing a new analysis replaced: the previous analysis and document.
pub type Replaced = (Option<Arc<Analysis>>, Option<Document>);

/// What a request needs to answer from a document: its analysis when the current version
/// has one, or a snapshot of the document to analyse outside the workspace lock.
pub enum Lookup {
    /// The analysis of the current version.
    Ready(Arc<Analysis>),
    /// A copy of the current version (the rope and tree are shared, not copied).
    Snapshot(Box<Document>),
}

/// Open documents by URI, and the configuration.
#[derive(Default)]
pub struct Workspace {
    documents: HashMap<String, OpenDocument>,
    /// Documents whose diagnostics the client shows (published and not cleared since).
    pub published: HashSet<String>,
    /// The client's settings.
    pub config: Config,
}

impl Workspace {
    /// Opens (or replaces) a document.
    pub fn open(&mut self, uri: &str, text: &str, version: i32) {
        self.documents.insert(
            uri.to_string(),
            OpenDocument {
                doc: Document::new(text, version),
                analysis: None,
            },
        );
    }

    /// Applies content changes in order; `false` when the document is not open.
    pub fn change(
        &mut self,
        uri: &str,
        version: i32,
        changes: &[(Option<(Position, Position)>, String)],
    ) -> bool {
        let Some(open) = self.documents.get_mut(uri) else {
            return false;
        };
        // Parsed later, by the analysis, outside the lock.
        open.doc.edit(changes, version);
        true
    }

    /// Closes a document.
    pub fn close(&mut self, uri: &str) {
        self.documents.remove(uri);
        self.published.remove(uri);
    }

    /// The current version of a document.
    pub fn version(&self, uri: &str) -> Option<i32> {
        self.documents.get(uri).map(|d| d.doc.version())
    }

    /// The analysis of a document's current version, or a snapshot to analyse, when it is
    /// open and a definition file.
    pub fn lookup(&self, uri: &str) -> Option<Lookup> {
        let open = self.documents.get(uri)?;
        if !self.config.is_definition(uri, open.doc.text()) {
            return None;
        }
        Some(match &open.analysis {
            Some(a) if a.version == open.doc.version() => Lookup::Ready(a.clone()),
            _ => Lookup::Snapshot(Box::new(open.doc.clone())),
        })
    }

    /// Keeps `analysis` as the document's latest, and `parsed` (the snapshot it was made from,
    /// parsed) as the live document, unless the document moved on: nothing is kept for a
    /// superseded version. Returns what it replaced, for the caller to drop outside the lock.
    pub fn store(&mut self, uri: &str, analysis: &Arc<Analysis>, parsed: Document) -> Replaced {
        let Some(open) = self.documents.get_mut(uri) else {
            return (None, Some(parsed));
        };
        if open.doc.version() != analysis.version {
            return (None, Some(parsed));
        }
        let old_doc = if open.doc.needs_parse() && parsed.version() == analysis.version {
            Some(std::mem::replace(&mut open.doc, parsed))
        } else {
            Some(parsed)
        };
        (open.analysis.replace(analysis.clone()), old_doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_patterns() {
        let c = Config::default();
        assert!(c.is_definition("file:///x/books.apigw.yaml", ""));
        assert!(c.is_definition("file:///x/apigw.yaml", ""));
        assert!(!c.is_definition("file:///x/values.yaml", "a: 1"));
        assert!(c.is_definition("file:///x/values.yaml", "# api\nconstructs:\n  A: {}"));
        assert!(glob_match("*.api*.yaml", "x.apigw.yaml"));
        assert!(!glob_match("?.yaml", "xy.yaml"));
    }
}
