//! An open document of the language server: its text, YAML tree and line index, kept up to
//! date through LSP content changes: read directly when the direct reader can, otherwise
//! re-parsed incrementally with tree-sitter.

use std::sync::Arc;

use ropey::Rope;
use tree_sitter::{InputEdit, Point, Tree};

use super::line_index::{LineIndex, Position, floor_char_boundary};
use super::yaml::{self, Guarded, Reuse, Yaml, limits};
use super::{Changed, Span};

/// An open document: text as a ropey Rope, its YAML tree, a line index, a version and, when
/// tree-sitter read it, its tree-sitter tree.
///
/// Each version is first given to the direct reader (`yaml::direct`: the common YAML of
/// definition files, read whole about twenty times faster than tree-sitter parses it), which
/// needs no tree-sitter tree. Text it leaves alone (a syntax error, or YAML it does not read,
/// such as anchors and block scalars) is parsed by tree-sitter, incrementally from the last
/// tree-sitter tree when there is one; valid text that tree-sitter read keeps being parsed
/// incrementally (the reader is tried again after a syntax error). The tree-sitter tree (some
/// 65 bytes per byte of text) can be let go while the document is not being edited
/// ([`Document::release_tree`]); the next tree-sitter parse is then a fresh one.
///
/// The full text is also kept as a `String` next to the rope, updated on every edit (an edit
/// costs a copy of the text after the edit point, like re-indexing the lines does anyway), so
/// that [`Document::text`] is free.
#[derive(Clone, Debug)]
pub struct Document {
    text: String,
    rope: Rope,
    tree: Option<Tree>,
    line_index: LineIndex,
    version: i32,
    /// Whether `tree` was parsed from a sanitized copy of `text` (see `yaml::Guarded`);
    /// such trees are never reused for incremental parsing.
    sanitized: bool,
    /// Edits applied to the text and the tree but not parsed yet ([`Document::edit`]).
    pending: Option<Pending>,
    /// The YAML tree of the last parse (shared with the analyses made from it).
    yaml: Arc<Yaml>,
    /// Whether the next parse tries the direct reader first.
    direct_first: bool,
    /// The size-limit scan's checkpoints of the text as last parsed (see `yaml::limits`).
    limits: Option<limits::Checkpoints>,
    /// Where the text changed since it was last parsed (all of it after a whole-text change),
    /// for the limit check, the direct reader and the conversion of an incremental
    /// tree-sitter parse, which take up what lies outside it.
    edited: Option<Changed>,
}

/// What the next parse must do after deferred edits.
#[derive(Clone, Copy, Debug)]
struct Pending {
    /// The whole text was replaced: parse from scratch.
    fresh: bool,
}

impl Document {
    /// Opens a document with `text` at `version`.
    pub fn new(text: &str, version: i32) -> Document {
        Document::open(text, version, true)
    }

    /// Opens a document that tree-sitter always parses (never the direct reader), for callers
    /// that read the concrete syntax tree ([`Document::tree`]).
    pub fn with_syntax_tree(text: &str, version: i32) -> Document {
        Document::open(text, version, false)
    }

    fn open(text: &str, version: i32, direct: bool) -> Document {
        let (guarded, limits) = Guarded::after_edit(text, None);
        let mut doc = Document {
            text: text.to_owned(),
            rope: Rope::from_str(text),
            tree: None,
            line_index: LineIndex::new(text),
            version,
            sanitized: guarded.is_sanitized(),
            pending: None,
            yaml: Arc::default(),
            direct_first: direct,
            limits,
            edited: None,
        };
        let read = direct
            .then(|| yaml::read_directly(text, &guarded, None))
            .flatten();
        match read {
            Some(yaml) => doc.yaml = Arc::new(yaml),
            None => {
                let tree = guarded.parse(text);
                doc.yaml = Arc::new(yaml::convert_reusing(&tree, text, &guarded, None));
                doc.tree = Some(tree);
            }
        }
        doc
    }

    /// The version given by the client with the last change.
    pub fn version(&self) -> i32 {
        self.version
    }

    /// The full text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as a rope.
    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    /// The tree-sitter tree of the current text (after [`Document::parse`] when edits were
    /// deferred), unless it was released.
    pub fn tree(&self) -> Option<&Tree> {
        self.tree.as_ref()
    }

    /// Whether the document holds its tree-sitter tree.
    pub fn has_tree(&self) -> bool {
        self.tree.is_some()
    }

    /// Lets go of the tree-sitter tree (returned, for the caller to drop where it suits it):
    /// the YAML tree stays, and the next parse after an edit is a fresh one.
    pub fn release_tree(&mut self) -> Option<Tree> {
        if let Some(pending) = &mut self.pending {
            pending.fresh = true;
        }
        self.tree.take()
    }

    /// The line index of the current text.
    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    /// Applies one LSP content change (see [`Document::apply_changes`]).
    pub fn apply_change(
        &mut self,
        range: Option<(Position, Position)>,
        new_text: &str,
        version: i32,
    ) {
        self.apply_changes(&[(range, new_text.to_string())], version);
    }

    /// Applies LSP content changes in order, then parses once: `range: None` replaces the whole
    /// text; otherwise the UTF-16 range (clamped, start/end swapped if reversed) is replaced by
    /// the new text. Each change edits the text, the Rope, the line index and the tree
    /// (`Tree::edit` with byte offsets and tree-sitter Points); the tree is then re-parsed
    /// incrementally, fed from the rope chunks. An editor's rename (hundreds of changes in one
    /// notification) costs one parse.
    ///
    /// The tree is always the one a fresh parse would give: tree-sitter's error recovery depends
    /// on the parse history, so when the old or the new tree holds a syntax error (or the text
    /// nests too deep for the scanner, see `yaml::Guarded`), the text is parsed from scratch.
    pub fn apply_changes(
        &mut self,
        changes: &[(Option<(Position, Position)>, String)],
        version: i32,
    ) {
        self.edit(changes, version);
        self.parse();
    }

    /// Applies LSP content changes to the text, the Rope, the line index and the tree without
    /// parsing: the server applies edits as they arrive and parses in the analysis, outside
    /// its lock. [`Document::parse`] (or a later [`Document::apply_changes`]) completes them.
    pub fn edit(&mut self, changes: &[(Option<(Position, Position)>, String)], version: i32) {
        let mut reparse_fresh = self.pending.is_some_and(|p| p.fresh);
        for (range, new_text) in changes {
            match range {
                None => {
                    self.text = new_text.clone();
                    self.rope = Rope::from_str(new_text);
                    self.line_index = LineIndex::new(new_text);
                    // Everything changed: nothing is taken from the previous parse.
                    self.edited = Some(Changed {
                        span: Span::new(0, new_text.len()),
                        delta: 0,
                    });
                    reparse_fresh = true;
                }
                Some((a, b)) => {
                    let edit = self.edit_text(*a, *b, new_text);
                    self.edited = Some(Changed::after_edit(
                        self.edited,
                        edit.start_byte,
                        edit.old_end_byte,
                        edit.new_end_byte,
                    ));
                    let Some(tree) = &mut self.tree else {
                        reparse_fresh = true;
                        continue;
                    };
                    tree.edit(&edit);
                }
            }
        }
        self.version = version;
        self.pending = Some(Pending {
            fresh: reparse_fresh,
        });
    }

    /// Whether edits wait for [`Document::parse`].
    pub fn needs_parse(&self) -> bool {
        self.pending.is_some()
    }

    /// Parses after deferred edits: incrementally from the edited tree, or from scratch (see
    /// [`Document::apply_changes`]), then builds the YAML tree, taking what lies outside the
    /// edited and re-structured ranges from the previous one. Does nothing when nothing is
    /// pending.
    pub fn parse(&mut self) {
        let Some(Pending {
            fresh: reparse_fresh,
        }) = self.pending.take()
        else {
            return;
        };
        let edited = self.edited.take();
        let previous = self.limits.as_ref().zip(edited);
        let (guarded, limits) = Guarded::after_edit(&self.text, previous);
        self.limits = limits;
        // The direct reader takes what the edits left alone from its previous reading.
        let reuse = edited.map(|changed| Reuse {
            old: &self.yaml,
            changed,
        });
        if self.try_direct()
            && let Some(yaml) = yaml::read_directly(&self.text, &guarded, reuse)
        {
            self.yaml = Arc::new(yaml);
            self.tree = None;
            return;
        }
        let (tree, dirty) = self.reparse(reparse_fresh, &guarded, edited);
        let reuse = dirty.map(|changed| Reuse {
            old: &self.yaml,
            changed,
        });
        self.yaml = Arc::new(yaml::convert_reusing(&tree, &self.text, &guarded, reuse));
        self.tree = Some(tree);
    }

    /// Whether this parse tries the direct reader: for documents opened for it, unless the
    /// last version was valid text that tree-sitter read (YAML the reader does not read: the
    /// next version most likely holds it too, and tree-sitter parses it incrementally).
    fn try_direct(&self) -> bool {
        let read_by_tree_sitter = self.tree.is_some() && self.yaml.errors.is_empty();
        self.direct_first && !read_by_tree_sitter
    }

    /// Re-parses the tree; returns it with the changed region when it was parsed
    /// incrementally: `edited` (every edit since the last parse was made to this tree, or the
    /// parse is a fresh one) widened by tree-sitter's changed ranges.
    fn reparse(
        &mut self,
        reparse_fresh: bool,
        guarded: &Guarded,
        edited: Option<Changed>,
    ) -> (Tree, Option<Changed>) {
        let sanitized = guarded.is_sanitized();
        let was_sanitized = std::mem::replace(&mut self.sanitized, sanitized);
        let old = match self.tree.take() {
            Some(old)
                if !(reparse_fresh
                    || sanitized
                    || was_sanitized
                    || old.root_node().has_error()) =>
            {
                old
            }
            _ => return (guarded.parse(&self.text), None),
        };
        {
            let rope = &self.rope;
            let mut read = |byte: usize, _: Point| -> &[u8] {
                match rope.get_chunk_at_byte(byte) {
                    Some((chunk, chunk_start, _, _)) => {
                        let skip = byte.saturating_sub(chunk_start);
                        chunk.as_bytes().get(skip..).unwrap_or(&[])
                    }
                    None => &[],
                }
            };
            let reparsed = yaml::new_parser().parse_with_options(&mut read, Some(&old), None);
            match reparsed {
                Some(tree) if !tree.root_node().has_error() => {
                    let dirty = edited.map(|mut dirty| {
                        for changed in old.changed_ranges(&tree) {
                            dirty.span = dirty
                                .span
                                .cover(Span::new(changed.start_byte, changed.end_byte));
                        }
                        dirty
                    });
                    (tree, dirty)
                }
                // tree-sitter's error recovery depends on the parse history: an incremental
                // parse of broken text can differ from a fresh one. Broken text is parsed fresh.
                _ => (guarded.parse(&self.text), None),
            }
        }
    }

    /// Replaces the UTF-16 range `a..b` by `new_text` in the text, the Rope and the line index;
    /// returns the tree-sitter edit.
    fn edit_text(&mut self, a: Position, b: Position, new_text: &str) -> InputEdit {
        let mut start = floor_char_boundary(&self.text, self.line_index.offset(&self.text, a));
        let mut end = floor_char_boundary(&self.text, self.line_index.offset(&self.text, b));
        if start > end {
            std::mem::swap(&mut start, &mut end);
        }
        let edit = InputEdit {
            start_byte: start,
            old_end_byte: end,
            new_end_byte: start + new_text.len(),
            start_position: ts_point(&self.rope, &self.text, start),
            old_end_position: ts_point(&self.rope, &self.text, end),
            new_end_position: advance(ts_point(&self.rope, &self.text, start), new_text),
        };
        self.text.replace_range(start..end, new_text);
        let rope_ok = match (
            self.rope.try_byte_to_char(start),
            self.rope.try_byte_to_char(end),
        ) {
            (Ok(c0), Ok(c1)) => {
                self.rope.try_remove(c0..c1).is_ok() && self.rope.try_insert(c0, new_text).is_ok()
            }
            _ => false,
        };
        if !rope_ok {
            // Cannot happen (offsets come from the same text), but stay consistent if it does.
            self.rope = Rope::from_str(&self.text);
        }
        self.line_index
            .edit(&self.text, start, end, start + new_text.len());
        edit
    }

    /// The YAML tree and syntax errors of the last parse (see [`Document::parse`]).
    pub fn yaml(&self) -> &Arc<Yaml> {
        &self.yaml
    }
}

/// The tree-sitter point of byte `offset`: rows count `\n` only (as tree-sitter's lexer does),
/// columns are bytes. The rope counts only `\n` as a line break (ropey without its `cr_lines`
/// and `unicode_lines` features), so both are found in logarithmic time; `text` (the rope's
/// text) is scanned only if the rope cannot answer.
fn ts_point(rope: &Rope, text: &str, offset: usize) -> Point {
    if let Ok(row) = rope.try_byte_to_line(offset)
        && let Ok(start) = rope.try_line_to_byte(row)
    {
        return Point {
            row,
            column: offset - start,
        };
    }
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    match before.iter().rposition(|&b| b == b'\n') {
        Some(nl) => Point {
            row: before.iter().filter(|&&b| b == b'\n').count(),
            column: before.len() - nl - 1,
        },
        None => Point {
            row: 0,
            column: before.len(),
        },
    }
}

/// The point reached from `start` after inserting `inserted`.
fn advance(start: Point, inserted: &str) -> Point {
    let bytes = inserted.as_bytes();
    match bytes.iter().rposition(|&b| b == b'\n') {
        Some(nl) => Point {
            row: start.row + bytes.iter().filter(|&&b| b == b'\n').count(),
            column: bytes.len() - nl - 1,
        },
        None => Point {
            row: start.row,
            column: start.column + bytes.len(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    fn converted(doc: &Document) -> (Option<yaml::Node>, Vec<yaml::SyntaxError>) {
        (doc.yaml().root.clone(), doc.yaml().errors.clone())
    }

    fn assert_fresh(doc: &Document) {
        let fresh = Guarded::of(doc.text()).parse(doc.text());
        assert_eq!(
            doc.tree().expect("tree").root_node().to_sexp(),
            fresh.root_node().to_sexp(),
            "{:?}",
            doc.text()
        );
        assert_eq!(converted(doc), yaml::parse(doc.text()));
        assert_eq!(doc.rope().to_string(), doc.text());
    }

    #[test]
    fn edits_with_utf16_ranges() {
        let mut doc = Document::with_syntax_tree("a: é😀x\nb: 2\n", 1);
        // Replace `x` (after é = 1 unit, 😀 = 2 units).
        doc.apply_change(Some((pos(0, 6), pos(0, 7))), "yz", 2);
        assert_eq!(doc.text(), "a: é😀yz\nb: 2\n");
        assert_eq!(doc.version(), 2);
        assert_fresh(&doc);
        // A column in the middle of 😀 rounds down to its start: this inserts before it.
        doc.apply_change(Some((pos(0, 5), pos(0, 5))), "_", 3);
        assert_eq!(doc.text(), "a: é_😀yz\nb: 2\n");
        assert_fresh(&doc);
        // A reversed range is swapped.
        doc.apply_change(Some((pos(0, 7), pos(0, 4))), "", 3);
        assert_eq!(doc.text(), "a: éyz\nb: 2\n");
        assert_fresh(&doc);
        let (node, errors) = converted(&doc);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            node.and_then(|n| n.get("a").and_then(|v| v.as_str().map(str::to_owned))),
            Some("éyz".to_owned())
        );
    }

    #[test]
    fn whole_text_replacement_and_clamping() {
        let mut doc = Document::with_syntax_tree("a: 1\n", 1);
        doc.apply_change(None, "b: 2\n", 2);
        assert_eq!(doc.text(), "b: 2\n");
        assert_fresh(&doc);
        doc.apply_change(Some((pos(99, 0), pos(100, 5))), "c: 3\n", 3);
        assert_eq!(doc.text(), "b: 2\nc: 3\n");
        assert_fresh(&doc);
        doc.apply_change(Some((pos(0, 99), pos(0, 99))), " # end", 4);
        assert_eq!(doc.text(), "b: 2 # end\nc: 3\n");
        assert_fresh(&doc);
    }

    #[test]
    fn crlf_and_multiline_edits() {
        let mut doc = Document::with_syntax_tree("a:\r\n  b: 1\r\n  c: 2\r\n", 1);
        doc.apply_change(Some((pos(1, 5), pos(2, 6))), "10\r\n  d: [x,\r\n    y]", 2);
        assert_eq!(doc.text(), "a:\r\n  b: 10\r\n  d: [x,\r\n    y]\r\n");
        assert_fresh(&doc);
    }

    #[test]
    fn deep_documents_switch_to_full_parses() {
        let deep: String = (0..260).map(|i| format!("{}-\n", " ".repeat(i))).collect();
        let mut doc = Document::with_syntax_tree("a: 1\n", 1);
        doc.apply_change(Some((pos(1, 0), pos(1, 0))), &deep, 2);
        assert_fresh(&doc);
        let errors = &doc.yaml().errors;
        assert!(
            errors.iter().any(|e| e.message.contains("too deep")),
            "{errors:?}"
        );
        doc.apply_change(Some((pos(1, 0), pos(261, 0))), "", 3);
        assert_eq!(doc.text(), "a: 1\n");
        assert_fresh(&doc);
        assert!(doc.yaml().errors.is_empty());
    }

    /// Valid definition text is read directly, without a tree-sitter tree; a syntax error
    /// takes the document to tree-sitter, and the fix back to the reader. Each version's YAML
    /// is the one a fresh parse gives.
    #[test]
    fn the_direct_reader_reads_valid_text_and_tree_sitter_the_rest() {
        let mut doc = Document::new("a: 1\nb: [x, y]\n", 1);
        assert!(!doc.has_tree());
        assert_eq!(converted(&doc), yaml::parse_with_tree_sitter(doc.text()));
        // An unclosed flow sequence: a syntax error, which tree-sitter reports.
        doc.apply_change(Some((pos(1, 8), pos(1, 9))), "", 2);
        assert!(doc.has_tree());
        assert!(!doc.yaml().errors.is_empty());
        assert_eq!(converted(&doc), yaml::parse_with_tree_sitter(doc.text()));
        doc.apply_change(Some((pos(1, 8), pos(1, 8))), "]", 3);
        assert!(!doc.has_tree());
        assert_eq!(doc.text(), "a: 1\nb: [x, y]\n");
        assert_eq!(converted(&doc), yaml::parse_with_tree_sitter(doc.text()));
        // Valid YAML the reader leaves to tree-sitter (a block scalar) stays with tree-sitter,
        // parsed incrementally.
        doc.apply_change(Some((pos(0, 3), pos(0, 4))), "|\n  text", 4);
        assert!(doc.has_tree() && doc.yaml().errors.is_empty());
        doc.apply_change(Some((pos(1, 6), pos(1, 6))), "s", 5);
        assert!(doc.has_tree());
        assert_eq!(doc.text(), "a: |\n  texts\nb: [x, y]\n");
        assert_eq!(converted(&doc), yaml::parse_with_tree_sitter(doc.text()));
    }

    #[test]
    fn documents_can_be_shared_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Document>();
    }

    #[test]
    fn ts_points_count_newlines_only() {
        let text = "a\r\nbé\rc\u{2028}x\u{85}y\nd";
        let rope = Rope::from_str(text);
        let point = |offset| ts_point(&rope, text, offset);
        assert_eq!(point(0), Point { row: 0, column: 0 });
        assert_eq!(point(3), Point { row: 1, column: 0 });
        assert_eq!(point(7), Point { row: 1, column: 4 });
        // `\r`, U+2028 and U+0085 are no line breaks for tree-sitter.
        assert_eq!(point(15), Point { row: 1, column: 12 });
        assert_eq!(point(16), Point { row: 2, column: 0 });
        // Past the end, the scan of the text answers.
        assert_eq!(point(99), Point { row: 2, column: 1 });
        assert_eq!(
            advance(Point { row: 1, column: 4 }, "xy\nz"),
            Point { row: 2, column: 1 }
        );
        assert_eq!(
            advance(Point { row: 1, column: 4 }, "xy"),
            Point { row: 1, column: 6 }
        );
    }
}
