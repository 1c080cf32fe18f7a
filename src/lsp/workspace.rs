//! The server's state: open documents (edited in place, in order) with their latest analysis,
//! and the client's configuration.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;
use tree_sitter::Tree;

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

/// How many documents keep their tree-sitter tree (for incremental parsing): the most
/// recently edited ones. A tree costs some 65 bytes per byte of text (2.5 MiB for a 480-route
/// file), more than the text, YAML tree and analysis together; a document edited again after
/// its tree was let go is parsed afresh once.
pub const DOCUMENTS_WITH_TREES: usize = 8;

/// An open document and its latest analysis.
pub struct OpenDocument {
    /// The live document.
    pub doc: Document,
    analysis: Option<Arc<Analysis>>,
    /// When it was last opened or edited (the workspace's edit counter).
    touched: u64,
}

/// What storing a new analysis replaced: the previous analysis and document, and the
/// tree-sitter trees let go; the caller drops them outside the lock.
pub type Replaced = (Option<Arc<Analysis>>, Option<Document>, Vec<Tree>);

/// What a request needs to answer from a document: its analysis when the current version
/// has one, or a snapshot of the document to analyse outside the workspace lock.
pub enum Lookup {
    /// The analysis of the current version.
    Ready(Arc<Analysis>),
    /// A copy of the current version (the rope and tree are shared, not copied), with the
    /// analysis of an earlier version, whose unchanged parts the new one may take.
    Snapshot(Box<Document>, Option<Arc<Analysis>>),
}

/// Open documents by URI, and the configuration.
#[derive(Default)]
pub struct Workspace {
    documents: HashMap<String, OpenDocument>,
    /// Counts opens and edits, to tell the most recently edited documents.
    edits: u64,
    /// Documents whose diagnostics the client shows (published and not cleared since).
    pub published: HashSet<String>,
    /// The client's settings.
    pub config: Config,
}

impl Workspace {
    /// Opens (or replaces) a document.
    pub fn open(&mut self, uri: &str, text: &str, version: i32) {
        self.edits += 1;
        self.documents.insert(
            uri.to_string(),
            OpenDocument {
                doc: Document::new(text, version),
                analysis: None,
                touched: self.edits,
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
        self.edits += 1;
        open.touched = self.edits;
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

    /// The published documents that are no longer definition files (after a configuration
    /// change), with their versions; they are no longer counted as published.
    pub fn left_care(&mut self) -> Vec<(String, i32)> {
        let left: Vec<(String, i32)> = self
            .published
            .iter()
            .filter_map(|uri| {
                let open = self.documents.get(uri)?;
                let text = open.doc.text();
                (!self.config.is_definition(uri, text)).then(|| (uri.clone(), open.doc.version()))
            })
            .collect();
        for (uri, _) in &left {
            self.published.remove(uri);
        }
        left
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
            previous => Lookup::Snapshot(Box::new(open.doc.clone()), previous.clone()),
        })
    }

    /// Keeps `analysis` as the document's latest, and `parsed` (the snapshot it was made from,
    /// parsed) as the live document, unless the document moved on: nothing is kept for a
    /// superseded version. Returns what it replaced, for the caller to drop outside the lock.
    pub fn store(&mut self, uri: &str, analysis: &Arc<Analysis>, parsed: Document) -> Replaced {
        let Some(open) = self.documents.get_mut(uri) else {
            return (None, Some(parsed), Vec::new());
        };
        if open.doc.version() != analysis.version {
            return (None, Some(parsed), Vec::new());
        }
        let old_doc = if open.doc.needs_parse() && parsed.version() == analysis.version {
            Some(std::mem::replace(&mut open.doc, parsed))
        } else {
            Some(parsed)
        };
        let old_analysis = open.analysis.replace(analysis.clone());
        (old_analysis, old_doc, self.release_trees())
    }

    /// Lets go of the tree-sitter trees of all but the [`DOCUMENTS_WITH_TREES`] most recently
    /// edited documents; returns them, to be dropped outside the lock.
    fn release_trees(&mut self) -> Vec<Tree> {
        let mut with_trees: Vec<&mut OpenDocument> = self
            .documents
            .values_mut()
            .filter(|d| d.doc.has_tree())
            .collect();
        if with_trees.len() <= DOCUMENTS_WITH_TREES {
            return Vec::new();
        }
        with_trees.sort_by_key(|d| std::cmp::Reverse(d.touched));
        with_trees
            .into_iter()
            .skip(DOCUMENTS_WITH_TREES)
            .filter_map(|d| d.doc.release_tree())
            .collect()
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

    /// Analyses a document's current version as the server does and stores it.
    fn analyse(ws: &mut Workspace, uri: &str) -> Arc<Analysis> {
        let Some(Lookup::Snapshot(mut doc, previous)) = ws.lookup(uri) else {
            panic!("{uri} has no pending version");
        };
        doc.parse();
        let a = Arc::new(Analysis::after(&doc, previous.as_deref()));
        let _ = ws.store(uri, &a, *doc);
        a
    }

    /// A definition tree-sitter parses (the direct reader leaves block scalars to it).
    const API: &str = "constructs:\n  Api:\n    type: HttpApi\n    description: |\n      Books\n    addRoutes:\n      - { path: /books, methods: [GET], integration: Nope }\n";

    /// Only the most recently edited documents keep their tree-sitter tree; a document edited
    /// after its tree was let go is parsed afresh, with the same analysis as a fresh open.
    #[test]
    fn trees_are_kept_for_the_most_recently_edited_documents_only() {
        let mut ws = Workspace::default();
        let uris: Vec<String> = (0..DOCUMENTS_WITH_TREES + 3)
            .map(|i| format!("file:///d{i}.apigw.yaml"))
            .collect();
        for uri in &uris {
            ws.open(uri, API, 1);
            ws.change(uri, 2, &[(None, API.replace("Api", "Books"))]);
            analyse(&mut ws, uri);
        }
        let with_tree = |ws: &Workspace| -> Vec<bool> {
            uris.iter()
                .map(|u| ws.documents[u.as_str()].doc.has_tree())
                .collect()
        };
        let mut expected = vec![false; 3];
        expected.extend(vec![true; DOCUMENTS_WITH_TREES]);
        assert_eq!(with_tree(&ws), expected);
        // The oldest document, edited again: parsed afresh, then it is the newest.
        let edit = (
            Some((
                Position {
                    line: 1,
                    character: 2,
                },
                Position {
                    line: 1,
                    character: 7,
                },
            )),
            "Shelf".to_string(),
        );
        ws.change(&uris[0], 3, &[edit]);
        let a = analyse(&mut ws, &uris[0]);
        let text = API.replace("Api", "Books").replace("  Books:", "  Shelf:");
        let fresh = crate::check::check_text(&text);
        assert_eq!(a.text, text);
        assert_eq!(
            format!("{:?}", a.checked.diagnostics),
            format!("{:?}", fresh.diagnostics)
        );
        assert!(!a.checked.diagnostics.is_empty());
        let mut expected = vec![true, false, false, false];
        expected.extend(vec![true; DOCUMENTS_WITH_TREES - 1]);
        assert_eq!(with_tree(&ws), expected);
    }
}
