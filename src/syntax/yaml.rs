//! The YAML tree: tree-sitter's concrete syntax tree turned into mappings, sequences and
//! decoded scalars, each with its byte span. Anchors, aliases and merge keys are resolved here.

use super::{Span, line_index};

/// One YAML node with the span of its source text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: NodeValue,
    /// Where the node is written. For an alias, the span of the alias (`*name`).
    pub span: Span,
    /// The identity of the object the node denotes: its own span, or for an alias the span of
    /// the anchored node it repeats. Two nodes with the same origin are the same YAML object.
    pub origin: Span,
}

/// The content of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// An empty value (`key:` with nothing after it).
    Null,
    /// A scalar, decoded (quotes, escapes, block scalar folding resolved).
    Scalar(Scalar),
    /// A block or flow sequence.
    Seq(Vec<Node>),
    /// A block or flow mapping, entries in source order, merge keys (`<<`) already applied.
    Map(Vec<Entry>),
}

/// A decoded scalar.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The scalar's value after decoding.
    pub text: String,
    /// `true` for a plain (unquoted, non-block) scalar: only those can be `true`, `null` or numbers.
    pub plain: bool,
}

/// One `key: value` pair of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key node (normally a scalar).
    pub key: Node,
    /// The value node.
    pub value: Node,
}

/// A problem found while parsing: a YAML syntax error or a construct the format does not allow.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// Where the problem is.
    pub span: Span,
    /// What is wrong, as a sentence.
    pub message: String,
    /// How to fix it, when there is an obvious fix.
    pub hint: Option<String>,
}

mod grammar;
mod guard;
mod scalar;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use tree_sitter::{Node as TsNode, Parser, Tree, TreeCursor};

use grammar::{Grammar, Kind};

/// Collections nested deeper than this are dropped (and reported once).
pub const MAX_DEPTH: usize = 256;
/// The most nodes that alias expansion may produce in one document.
pub const MAX_ALIAS_NODES: usize = 1_000_000;
/// How many times a document whose structure tree-sitter could not recover is patched and
/// re-parsed.
const MAX_RECOVERY_ROUNDS: usize = 8;
/// The most tree-sitter syntax errors reported for one document.
const MAX_SYNTAX_ERRORS: usize = 100;
/// The longest excerpt of source text quoted in an error message, in chars.
const EXCERPT_CHARS: usize = 40;

const TAG_MESSAGE: &str = "YAML tags are not supported";
const TAG_HINT: &str = "write `${...}` expressions instead of CloudFormation short-form tags";
const TOO_DEEP_MESSAGE: &str = "nesting is too deep (more than 256 levels)";
const TOO_DEEP_BLOCK_MESSAGE: &str =
    "nesting is too deep (more than 200 levels of block indentation); the deeper lines are ignored";
const _: () = assert!(
    guard::MAX_BLOCK_LEVELS == 200,
    "update TOO_DEEP_BLOCK_MESSAGE"
);

impl Node {
    /// A node whose span and origin are both `span`.
    pub fn new(value: NodeValue, span: Span) -> Node {
        Node {
            value,
            span,
            origin: span,
        }
    }

    /// The decoded text, if the node is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar(s) => Some(&s.text),
            _ => None,
        }
    }

    /// The entries, if the node is a mapping.
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            NodeValue::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if the node is a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value of the entry whose key is the scalar `key`, if the node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|e| e.key.as_str() == Some(key))
            .map(|e| &e.value)
    }

    /// Whether the node was written as an alias (`*name`): its span differs from its origin.
    /// (The nodes inside an alias's copy keep the spans of the anchored node's children.)
    pub fn is_alias(&self) -> bool {
        self.span != self.origin
    }
}

impl SyntaxError {
    /// An error at `span` with `message` and no hint.
    pub fn new(span: Span, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            span,
            message: message.into(),
            hint: None,
        }
    }

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> SyntaxError {
        self.hint = Some(hint.into());
        self
    }
}

/// Parses YAML text with a fresh tree-sitter parser. Never fails: returns the tree (None for an
/// empty document: only whitespace/comments) and every problem found.
pub fn parse(text: &str) -> (Option<Node>, Vec<SyntaxError>) {
    let tree = parse_tree(text);
    from_tree(&tree, text)
}

/// A tree-sitter parser for YAML.
pub(crate) fn new_parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_yaml::LANGUAGE.into())
        // Not input-dependent: the grammar's ABI is fixed at build time and supported.
        .expect("tree-sitter-yaml is compatible with the tree-sitter runtime");
    parser
}

/// Parses `text` from scratch; if it nests too deep for the scanner (see [`guard`]), parses
/// the sanitized copy instead (same length and line structure).
pub(crate) fn parse_tree(text: &str) -> Tree {
    match guard::sanitize(text) {
        Some((clean, _)) => parse_raw(&clean),
        None => parse_raw(text),
    }
}

/// Whether `text` must be sanitized before parsing (see [`guard`]); such documents are always
/// parsed from scratch.
pub(crate) fn needs_sanitizing(text: &str) -> bool {
    guard::needs_sanitizing(text)
}

/// Parses text that is known to be safe for the scanner.
fn parse_raw(text: &str) -> Tree {
    new_parser()
        .parse(text, None)
        // Not input-dependent: `parse` only returns None without a language or when cancelled.
        .expect("a YAML parser without cancellation always returns a tree")
}

/// Builds the YAML tree from an existing tree-sitter tree of `text` (used by Document after
/// incremental re-parse).
///
/// When tree-sitter lost the document structure (the root is an `ERROR` node, or the stream
/// holds one), the reported error is located, the rest of its line is blanked in a copy of the
/// text (same byte offsets) and the copy is re-parsed, a few times at most, so that the rest of
/// the document still yields a tree.
pub fn from_tree(tree: &Tree, text: &str) -> (Option<Node>, Vec<SyntaxError>) {
    let mut errors = Vec::new();
    let mut depth_reported = false;
    let sanitized = guard::sanitize(text);
    if let Some((_, span)) = &sanitized {
        errors.push(SyntaxError::new(*span, TOO_DEEP_BLOCK_MESSAGE));
        depth_reported = true;
    }
    let base: &str = sanitized.as_ref().map_or(text, |(clean, _)| clean.as_str());

    let tabs = if base.contains('\t') {
        tab_indentation(base, &skip_ranges(tree))
    } else {
        Vec::new()
    };
    for span in &tabs {
        errors.push(
            SyntaxError::new(*span, "tabs are not allowed in YAML indentation")
                .with_hint("indent with spaces"),
        );
    }

    // Recovery: work on a patched copy while the structure is lost.
    let mut work: Cow<str> = Cow::Borrowed(base);
    let mut patched: Option<Tree> = None;
    if !tabs.is_empty() && tree.root_node().has_error() {
        let mut owned = base.to_owned();
        for span in &tabs {
            blank(&mut owned, *span);
        }
        patched = Some(reparse(&mut owned, &mut errors, &mut depth_reported));
        work = Cow::Owned(owned);
    }
    for round in 0.. {
        let current = patched.as_ref().unwrap_or(tree);
        let Some((error, range)) = structural_failure(current, &work) else {
            break;
        };
        errors.push(error);
        if round >= MAX_RECOVERY_ROUNDS {
            break;
        }
        let mut owned = work.into_owned();
        blank(&mut owned, range);
        patched = Some(reparse(&mut owned, &mut errors, &mut depth_reported));
        work = Cow::Owned(owned);
    }
    let tree = patched.as_ref().unwrap_or(tree);

    collect_syntax_errors(tree, &work, &mut errors);
    let grammar = Grammar::of(&tree.language());
    let mut converter = Converter::new(&work, &grammar, depth_reported);
    let node = converter.document(tree);
    errors.append(&mut converter.errors);

    errors.sort_by_key(|e| e.span.start);
    let mut seen = HashSet::new();
    errors.retain(|e| seen.insert((e.span, e.message.clone())));
    (node, errors)
}

/// Sanitizes (if needed) and parses a patched copy of the text.
fn reparse(text: &mut String, errors: &mut Vec<SyntaxError>, depth_reported: &mut bool) -> Tree {
    if let Some((clean, span)) = guard::sanitize(text) {
        *text = clean;
        if !*depth_reported {
            errors.push(SyntaxError::new(span, TOO_DEEP_BLOCK_MESSAGE));
            *depth_reported = true;
        }
    }
    parse_raw(text)
}

/// Replaces every char of `span` except line breaks by spaces (one per byte: offsets stay).
fn blank(text: &mut String, span: Span) {
    let start = line_index::floor_char_boundary(text, span.start);
    let mut end = span.end.min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    if start >= end {
        return;
    }
    let replacement: String = text
        .get(start..end)
        .unwrap_or("")
        .bytes()
        .map(|b| {
            if b == b'\n' || b == b'\r' {
                b as char
            } else {
                ' '
            }
        })
        .collect();
    text.replace_range(start..end, &replacement);
}

/// Iterates over the lines of `text` as `(start, end, next)`: the line is `start..end` without
/// its break, the next line starts at `next` (`next == end` for a last line without a break).
/// A text ending with a line break has no extra empty line; an empty text has no lines.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let rest = bytes.get(start..).unwrap_or(&[]);
        let end = start
            + rest
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .unwrap_or(rest.len());
        let next = match (bytes.get(end), bytes.get(end + 1)) {
            (Some(b'\r'), Some(b'\n')) => end + 2,
            (Some(_), _) => end + 1,
            (None, _) => end,
        };
        pos = next;
        Some((start, end, next))
    })
}

/// `text[span]`, or "" if the span is not valid for `text`.
fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

fn span_of(node: TsNode) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

/// The children of a tree-sitter node.
fn children(node: TsNode<'_>) -> Vec<TsNode<'_>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

/// A quotable excerpt: the first line of `s`, trimmed and shortened.
fn excerpt(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    let mut out: String = line.chars().take(EXCERPT_CHARS).collect();
    if line.chars().count() > EXCERPT_CHARS {
        out.push('…');
    }
    out
}

/// The spans (from the original tree) whose inner line starts may hold tabs legitimately: quoted
/// and block scalars and flow collections. Disjoint and sorted. (A tab before the continuation
/// line of a plain scalar is legal YAML, but far more often a mis-indented key: it is reported.)
fn skip_ranges(tree: &Tree) -> Vec<Span> {
    let mut ranges = Vec::new();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        let opaque = matches!(
            node.kind(),
            "flow_mapping"
                | "flow_sequence"
                | "single_quote_scalar"
                | "double_quote_scalar"
                | "block_scalar"
        );
        if opaque {
            ranges.push(span_of(node));
        }
        if !opaque && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return ranges;
            }
        }
    }
}

/// The indentation (line start to first content char) of the lines indented with tabs, outside
/// the `skip` ranges. Blank and comment-only lines may hold tabs.
fn tab_indentation(text: &str, skip: &[Span]) -> Vec<Span> {
    let mut found = Vec::new();
    for (start, end, _) in lines(text) {
        let line = text.get(start..end).unwrap_or("");
        let rest = line.trim_start_matches([' ', '\t']);
        let lead = line.len() - rest.len();
        if rest.is_empty()
            || rest.starts_with('#')
            || !line.get(..lead).unwrap_or("").contains('\t')
        {
            continue;
        }
        let k = skip.partition_point(|r| r.start < start);
        let inside = k > 0 && skip.get(k - 1).is_some_and(|r| start < r.end);
        if !inside {
            found.push(Span::new(start, start + lead));
        }
    }
    found
}

/// If tree-sitter lost the document structure, the error to report and the range to blank
/// before trying again.
fn structural_failure(tree: &Tree, text: &str) -> Option<(SyntaxError, Span)> {
    let root = tree.root_node();
    if root.is_error() {
        return Some(failure_at(root, text));
    }
    let stray = children(root).into_iter().find(|c| c.is_error())?;
    Some(failure_at(stray, text))
}

/// Locates the problem behind a top-level `ERROR` node: the token right after it (where the
/// parser gave up), an opening bracket or quote it leaves unclosed, or its own text.
fn failure_at(error: TsNode, text: &str) -> (SyntaxError, Span) {
    let kids = children(error);
    let junk = !kids
        .iter()
        .any(|k| k.is_named() && k.kind() != "comment" && !k.is_error());
    let after = skip_whitespace(text, error.end_byte());
    let open = unclosed_opener(&kids, text);
    if let Some(open) = open
        && let Some(bad) = invalid_escape(text, open)
    {
        return (bad, Span::new(open.start, line_end(text, open.start)));
    }
    if junk && error.end_byte() > error.start_byte() {
        let span = span_of(error);
        let error = match open {
            Some(open) => unclosed_error(open, text),
            None => {
                let excerpt = excerpt(slice(text, span));
                SyntaxError::new(span, format!("YAML syntax error: unexpected `{excerpt}`"))
            }
        };
        return (error, span);
    }
    if after < text.len() {
        let token = token_at(text, after);
        let span = Span::new(after, after + token.len());
        let message = format!("YAML syntax error: unexpected `{token}`");
        return (
            SyntaxError::new(span, message),
            Span::new(after, line_end(text, after)),
        );
    }
    if let Some(open) = open {
        return (
            unclosed_error(open, text),
            Span::new(open.start, line_end(text, open.start)),
        );
    }
    // The error runs to the end of the text: blame its last line.
    let last = last_content_byte(text, span_of(error)).unwrap_or(error.start_byte());
    let line_start = text
        .get(..last)
        .map_or(0, |s| s.rfind(['\n', '\r']).map_or(0, |i| i + 1));
    let first = skip_whitespace(text, line_start).min(last);
    let span = Span::new(first, line_end(text, first));
    let message = format!(
        "YAML syntax error: unexpected `{}`",
        excerpt(slice(text, span))
    );
    (SyntaxError::new(span, message), span)
}

/// The "never closed" error for an unclosed bracket or quote at `open`, or the invalid escape
/// that made tree-sitter reject a double-quoted scalar.
fn unclosed_error(open: Span, text: &str) -> SyntaxError {
    if let Some(bad) = invalid_escape(text, open) {
        return bad;
    }
    let opener = slice(text, open);
    let closer = match opener {
        "[" => "]",
        "{" => "}",
        other => other,
    };
    SyntaxError::new(
        open,
        format!("YAML syntax error: `{opener}` is never closed"),
    )
    .with_hint(format!("add the matching `{closer}`"))
}

/// If `open` is a `"` whose scalar holds an invalid escape sequence (before its closing quote),
/// the error for that escape.
fn invalid_escape(text: &str, open: Span) -> Option<SyntaxError> {
    if slice(text, open) != "\"" {
        return None;
    }
    let rest = text.get(open.end..)?;
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let (j, e) = chars.next()?;
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ if "0abt\tnvfre \"/\\N_LP\r\n".contains(e) => 0,
                    _ => {
                        let span = Span::new(open.end + i, open.end + j + e.len_utf8());
                        let message = format!("invalid escape `\\{e}` in a double-quoted string");
                        return Some(SyntaxError::new(span, message).with_hint(
                            "see the YAML escapes (`\\n`, `\\t`, `\\\"`, `\\\\`, `\\uXXXX`, ...); write `\\\\` for a backslash",
                        ));
                    }
                };
                let mut end = j + e.len_utf8();
                for _ in 0..digits {
                    match chars.clone().next() {
                        Some((k, h)) if h.is_ascii_hexdigit() => {
                            chars.next();
                            end = k + 1;
                        }
                        _ => {
                            let span = Span::new(open.end + i, open.end + end);
                            let message = format!(
                                "invalid escape: `\\{e}` needs {digits} hexadecimal digits"
                            );
                            return Some(SyntaxError::new(span, message));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// The first bracket or quote among `kids` (anonymous tokens of an `ERROR` node) that is not
/// closed by a later one (the outermost: blanking from it removes the inner ones too).
fn unclosed_opener(kids: &[TsNode], text: &str) -> Option<Span> {
    let mut open: Vec<(Span, &str)> = Vec::new();
    for kid in kids.iter().filter(|k| !k.is_named()) {
        let span = span_of(*kid);
        match slice(text, span) {
            t @ ("[" | "{" | "\"" | "'") => open.push((span, t)),
            "]" if open.last().is_some_and(|(_, t)| *t == "[") => {
                open.pop();
            }
            "}" if open.last().is_some_and(|(_, t)| *t == "{") => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().map(|(span, _)| *span)
}

fn skip_whitespace(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    from + (rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len())
}

fn line_end(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    from + rest.find(['\n', '\r']).unwrap_or(rest.len())
}

/// Offset of the last non-whitespace char in `span`.
fn last_content_byte(text: &str, span: Span) -> Option<usize> {
    let s = text.get(span.start..span.end)?;
    let trimmed = s.trim_end();
    let c = trimmed.chars().next_back()?;
    Some(span.start + trimmed.len() - c.len_utf8())
}

/// The token at `at` for an "unexpected" message: one indicator char, or a word.
fn token_at(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return "";
    };
    if "[]{},:-?|>&*!%@`\"'#".contains(first) {
        return rest.get(..first.len_utf8()).unwrap_or("");
    }
    let mut end = 0;
    for (i, c) in rest.char_indices() {
        if c.is_whitespace() || ",[]{}".contains(c) || i >= 4 * EXCERPT_CHARS {
            break;
        }
        end = i + c.len_utf8();
    }
    rest.get(..end).unwrap_or("")
}

/// Reports the `ERROR` and `MISSING` nodes inside the (recovered) tree. A top-level `ERROR` was
/// already reported by the recovery.
fn collect_syntax_errors(tree: &Tree, text: &str, errors: &mut Vec<SyntaxError>) {
    let root = tree.root_node();
    if !root.has_error() {
        return;
    }
    let mut count = 0;
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        let top_level = depth <= 1;
        let mut descend = node.has_error();
        if node.is_error() && !top_level {
            descend = false;
            count += 1;
            let kids = children(node);
            errors.push(match unclosed_opener(&kids, text) {
                Some(open) => unclosed_error(open, text),
                None => {
                    let span = span_of(node);
                    match excerpt(slice(text, span)) {
                        e if e.is_empty() => {
                            SyntaxError::new(span, "YAML syntax error: unexpected end of input")
                        }
                        e => SyntaxError::new(span, format!("YAML syntax error: unexpected `{e}`")),
                    }
                }
            });
        } else if node.is_missing() {
            count += 1;
            let what = match node.kind() {
                k if !node.is_named() => format!("`{k}`"),
                "flow_node" | "block_node" => "a value".to_owned(),
                k => format!("`{k}`"),
            };
            let at = node.start_byte();
            errors.push(SyntaxError::new(
                Span::new(at, at),
                format!("YAML syntax error: missing {what}"),
            ));
        }
        if count >= MAX_SYNTAX_ERRORS {
            return;
        }
        if descend && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            depth = depth.saturating_sub(1);
        }
    }
}

/// An anchored node, kept for the aliases that repeat it.
struct Anchored {
    /// The node; `None` when keeping it would have exceeded the alias budget.
    node: Option<Node>,
    /// How many nodes the anchored node holds (what an alias to it costs).
    size: usize,
}

/// Mappings with at most this many written keys check them for duplicates by a linear scan;
/// larger ones use a hash set.
const LINEAR_KEY_CHECK: usize = 16;

/// Nodes with at most this many children are read child by child, larger ones with a cursor.
const FEW_CHILDREN: usize = 4;

/// Turns a tree-sitter tree into [`Node`]s.
struct Converter<'t> {
    text: &'t str,
    grammar: &'t Grammar,
    /// The cursor that [`Converter::children`] walks with (created on first use).
    cursor: Option<TreeCursor<'t>>,
    /// Emptied child lists, kept for reuse (one per nesting level in use).
    spare: Vec<Vec<Kid<'t>>>,
    errors: Vec<SyntaxError>,
    anchors: HashMap<String, Anchored>,
    /// Nodes produced so far (alias copies count in full).
    produced: usize,
    /// Nodes produced by alias expansion, plus nodes copied to keep anchored nodes (both count
    /// against [`MAX_ALIAS_NODES`]).
    expanded: usize,
    expansion_stopped: bool,
    depth_reported: bool,
    /// The start byte of the innermost block mapping key or sequence dash being converted: its
    /// column is the parent indentation of block scalars.
    block_indent_at: usize,
}

/// What [`Converter::properties`] finds among the children of a `block_node`/`flow_node`.
struct Properties<'t> {
    /// The anchor's name.
    anchor: Option<String>,
    /// The content node.
    content: Option<Kid<'t>>,
    /// Where the properties end (where an absent content is).
    end: usize,
}

/// A mapping being built by [`Converter::add_entry`].
struct MapBuilder {
    /// The entries written in the mapping.
    written: Vec<Entry>,
    /// What each merge key (`<<`) brings, with the number of written entries before it.
    merges: Vec<(usize, Vec<Entry>)>,
    /// The keys written so far (those of `written`, and `<<` after a merge) once there are
    /// many; while there are few they are looked up in `written`.
    keys: Option<HashSet<String>>,
}

impl MapBuilder {
    /// The entries in order: written ones, merged ones where their `<<` is, without the merged
    /// entries whose key is written or merged already.
    fn finish(self) -> Vec<Entry> {
        let MapBuilder {
            written,
            merges,
            keys,
        } = self;
        if merges.is_empty() {
            return written;
        }
        let keys = keys.unwrap_or_else(|| written_keys(&written, true));
        let mut entries = Vec::with_capacity(written.len() + merges.len());
        let mut merged_keys: HashSet<String> = HashSet::new();
        let mut merges = merges.into_iter().peekable();
        for (k, entry) in written.into_iter().enumerate() {
            while let Some((_, sources)) = merges.next_if(|(at, _)| *at <= k) {
                merge_into(&mut entries, sources, &keys, &mut merged_keys);
            }
            entries.push(entry);
        }
        for (_, sources) in merges {
            merge_into(&mut entries, sources, &keys, &mut merged_keys);
        }
        entries
    }
}

/// A child node with its kind.
#[derive(Clone, Copy)]
struct Kid<'t> {
    node: TsNode<'t>,
    kind: Kind,
}

impl<'t> Converter<'t> {
    fn new(text: &'t str, grammar: &'t Grammar, depth_reported: bool) -> Self {
        Converter {
            text,
            grammar,
            cursor: None,
            spare: Vec::new(),
            errors: Vec::new(),
            anchors: HashMap::new(),
            produced: 0,
            expanded: 0,
            expansion_stopped: false,
            depth_reported,
            block_indent_at: 0,
        }
    }

    fn kid(&self, node: TsNode<'t>) -> Kid<'t> {
        Kid {
            node,
            kind: self.grammar.kind(node),
        }
    }

    /// The children of `node`, in a reused list: hand it back with [`Converter::recycle`].
    fn children(&mut self, node: TsNode<'t>) -> Vec<Kid<'t>> {
        let mut kids = self.spare.pop().unwrap_or_default();
        let count = node.child_count();
        if count <= FEW_CHILDREN {
            // `child(i)` skips hidden subtrees by their cached child counts: cheaper than cursor
            // steps for a few children, quadratic for many.
            for i in 0..count as u32 {
                if let Some(child) = node.child(i) {
                    kids.push(self.kid(child));
                }
            }
            return kids;
        }
        kids.reserve(count);
        let grammar = self.grammar;
        let cursor = match &mut self.cursor {
            Some(cursor) => {
                cursor.reset(node);
                cursor
            }
            None => self.cursor.insert(node.walk()),
        };
        if cursor.goto_first_child() {
            loop {
                let node = cursor.node();
                kids.push(Kid {
                    node,
                    kind: grammar.kind(node),
                });
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        kids
    }

    fn recycle(&mut self, mut kids: Vec<Kid<'t>>) {
        kids.clear();
        self.spare.push(kids);
    }

    /// The first child of `node` for which `pick` holds.
    fn find_child(&mut self, node: TsNode<'t>, pick: impl Fn(Kind) -> bool) -> Option<Kid<'t>> {
        let kids = self.children(node);
        let found = kids.iter().copied().find(|k| pick(k.kind));
        self.recycle(kids);
        found
    }

    /// The end of `node` without the comments that tree-sitter attaches at its end.
    fn content_end(&mut self, node: Kid<'t>) -> usize {
        let mut current = node;
        loop {
            let kind = current.kind;
            let node = current.node;
            if ends_itself(kind) {
                return node.end_byte();
            }
            // Usually the last child: try the last few one by one before reading them all.
            let count = u32::try_from(node.child_count()).unwrap_or(u32::MAX);
            let tail = count.saturating_sub(FEW_CHILDREN as u32);
            let last = match (tail..count)
                .rev()
                .filter_map(|i| node.child(i))
                .map(|k| self.kid(k))
                .find(ends_content)
            {
                Some(last) => Some(last),
                None if tail > 0 => {
                    let kids = self.children(node);
                    let last = last_content(&kids);
                    self.recycle(kids);
                    last
                }
                None => None,
            };
            match last {
                Some(last) => current = last,
                None => return node.end_byte(),
            }
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>, hint: Option<String>) {
        self.errors.push(SyntaxError {
            span,
            message: message.into(),
            hint,
        });
    }

    fn make(&mut self, value: NodeValue, span: Span) -> Node {
        self.produced += 1;
        Node::new(value, span)
    }

    fn null_at(&mut self, at: usize) -> Node {
        self.make(NodeValue::Null, Span::new(at, at))
    }

    /// The content of the first document; reports any later document.
    fn document(&mut self, tree: &'t Tree) -> Option<Node> {
        let root = tree.root_node();
        if root.is_error() {
            return self.salvage(root);
        }
        let kids = self.children(root);
        let mut documents = kids.iter().filter(|c| c.kind == Kind::Document);
        let first = documents.next().map(|k| k.node);
        let second = documents.next().map(|k| k.node);
        self.recycle(kids);
        let first = first?;
        if let Some(second) = second {
            let marker = self.find_child(second, |k| k == Kind::DocumentStart);
            let span = match marker {
                Some(m) => span_of(m.node),
                None => {
                    let start = skip_whitespace(self.text, second.start_byte());
                    Span::new(start, line_end(self.text, start))
                }
            };
            self.error(
                span,
                "a definition file holds one YAML document; found a second one",
                Some(
                    "remove the `---` line and everything after it, or move it to its own file"
                        .to_owned(),
                ),
            );
        }
        let content = self.find_child(first, Kind::is_node)?;
        Some(self.convert(content, 0))
    }

    /// Best effort for a tree whose root is an `ERROR` node: its mapping pairs, or its first node.
    fn salvage(&mut self, error: TsNode<'t>) -> Option<Node> {
        let mut kids = self.children(error);
        let node = kids.iter().copied().find(|k| k.kind.is_node());
        kids.retain(|k| matches!(k.kind, Kind::BlockMappingPair | Kind::FlowPair));
        let result = match (kids.first(), kids.last()) {
            (Some(first), Some(last)) => {
                let span = Span::new(first.node.start_byte(), last.node.end_byte());
                Some(self.mapping_from_pairs(&kids, span, 0))
            }
            _ => node.map(|node| self.convert(node, 0)),
        };
        self.recycle(kids);
        result
    }

    /// Converts a `block_node`/`flow_node` (properties + content) or a bare content node.
    /// `depth` is the number of collections around the node.
    fn convert(&mut self, node: Kid<'t>, depth: usize) -> Node {
        if !node.kind.is_node() {
            return self.content(node, depth);
        }
        let properties = self.properties(node.node);
        let before = self.produced;
        let value = match properties.content {
            Some(c) => self.content(c, depth),
            None => self.null_at(properties.end),
        };
        if let Some(name) = properties.anchor {
            self.keep_anchor(name, before, &value);
        }
        value
    }

    /// Reads the children of a `block_node`/`flow_node`: its properties (reporting tags) and
    /// its content.
    fn properties(&mut self, node: TsNode<'t>) -> Properties<'t> {
        let mut properties = Properties {
            anchor: None,
            content: None,
            end: node.start_byte(),
        };
        let kids = self.children(node);
        for &kid in &kids {
            let child = kid.node;
            match kid.kind {
                Kind::Anchor => {
                    let name = slice(self.text, span_of(child)).trim_start_matches('&');
                    properties.anchor = Some(name.to_owned());
                    properties.end = child.end_byte();
                }
                Kind::Tag => {
                    self.error(span_of(child), TAG_MESSAGE, Some(TAG_HINT.to_owned()));
                    properties.end = child.end_byte();
                }
                Kind::Comment => {}
                // (An `ERROR` node is of kind `Other`.)
                _ if properties.content.is_some()
                    || (kid.kind == Kind::Other && child.is_error())
                    || child.is_missing()
                    || !child.is_named() => {}
                _ => properties.content = Some(kid),
            }
        }
        self.recycle(kids);
        properties
    }

    /// Keeps the value of an anchored node, for its aliases. `before` is the node count before
    /// converting it.
    fn keep_anchor(&mut self, name: String, before: usize, value: &Node) {
        let size = self.produced.saturating_sub(before).max(1);
        // Keeping a copy costs as much as expanding it once (nested anchors would otherwise
        // copy the same nodes once per level).
        let node = match self.expanded.checked_add(size) {
            Some(total) if total <= MAX_ALIAS_NODES => {
                self.expanded = total;
                Some(value.clone())
            }
            _ => None,
        };
        self.anchors.insert(name, Anchored { node, size });
    }

    /// Converts a content node (scalar, collection, alias).
    fn content(&mut self, node: Kid<'t>, depth: usize) -> Node {
        match node.kind {
            Kind::PlainScalar
            | Kind::SingleQuoteScalar
            | Kind::DoubleQuoteScalar
            | Kind::BlockScalar => self.scalar(node),
            Kind::Alias => self.alias(node.node),
            Kind::BlockMapping | Kind::FlowMapping | Kind::BlockSequence | Kind::FlowSequence
                if depth >= MAX_DEPTH =>
            {
                self.too_deep(span_of(node.node))
            }
            Kind::BlockMapping => self.block_mapping(node.node, depth),
            Kind::FlowMapping => self.flow_mapping(node.node, depth),
            Kind::BlockSequence => self.block_sequence(node.node, depth),
            Kind::FlowSequence => self.flow_sequence(node.node, depth),
            _ => self.null_at(node.node.start_byte()),
        }
    }

    /// Converts a scalar node.
    fn scalar(&mut self, node: Kid<'t>) -> Node {
        let span = span_of(node.node);
        let raw = slice(self.text, span);
        let (text, plain) = match node.kind {
            Kind::PlainScalar => (scalar::plain(raw), true),
            Kind::SingleQuoteScalar => (scalar::single_quoted(raw), false),
            Kind::DoubleQuoteScalar => {
                let mut problems = Vec::new();
                let text = scalar::double_quoted(raw, span.start, &mut problems);
                for (at, message) in problems {
                    self.error(at, message, None);
                }
                (text, false)
            }
            _ => {
                let indent = self.column(self.block_indent_at);
                (
                    scalar::block(self.text, span.start, span.end, indent),
                    false,
                )
            }
        };
        self.make(NodeValue::Scalar(Scalar { text, plain }), span)
    }

    fn block_mapping(&mut self, node: TsNode<'t>, depth: usize) -> Node {
        let mut pairs = self.children(node);
        pairs.retain(|c| c.kind == Kind::BlockMappingPair);
        let entries = self.entries(&pairs, depth);
        let span = self.block_span(node, &pairs);
        self.recycle(pairs);
        self.make(NodeValue::Map(entries), span)
    }

    fn flow_mapping(&mut self, node: TsNode<'t>, depth: usize) -> Node {
        let mut pairs = self.children(node);
        pairs.retain(|c| matches!(c.kind, Kind::FlowPair | Kind::FlowNode));
        let map = self.mapping_from_pairs(&pairs, span_of(node), depth);
        self.recycle(pairs);
        map
    }

    fn block_sequence(&mut self, node: TsNode<'t>, depth: usize) -> Node {
        let mut items = self.children(node);
        items.retain(|c| c.kind == Kind::BlockSequenceItem);
        let mut out = Vec::with_capacity(items.len());
        let outer_indent = self.block_indent_at;
        for &item in &items {
            out.push(self.sequence_item(item.node, depth));
        }
        let span = self.block_span(node, &items);
        self.recycle(items);
        self.block_indent_at = outer_indent;
        self.make(NodeValue::Seq(out), span)
    }

    /// The value of a `block_sequence_item` (`- value`).
    fn sequence_item(&mut self, item: TsNode<'t>, depth: usize) -> Node {
        let kids = self.children(item);
        let value = kids.iter().copied().find(|c| c.kind.is_node());
        let dash = kids.iter().find(|c| c.kind == Kind::Dash).map(|c| c.node);
        self.recycle(kids);
        self.block_indent_at = item.start_byte();
        match value {
            Some(v) => self.convert(v, depth + 1),
            None => self.null_at(dash.map_or(item.end_byte(), |d| d.end_byte())),
        }
    }

    fn flow_sequence(&mut self, node: TsNode<'t>, depth: usize) -> Node {
        let kids = self.children(node);
        let mut out = Vec::with_capacity(kids.len());
        for &kid in &kids {
            match kid.kind {
                Kind::FlowNode => out.push(self.convert(kid, depth + 1)),
                Kind::FlowPair if depth + 1 >= MAX_DEPTH => {
                    out.push(self.too_deep(span_of(kid.node)))
                }
                // `[a: b]`: a single-pair mapping.
                Kind::FlowPair => {
                    out.push(self.mapping_from_pairs(&[kid], span_of(kid.node), depth + 1))
                }
                _ => {}
            }
        }
        self.recycle(kids);
        self.make(NodeValue::Seq(out), span_of(node))
    }

    /// The span of a block collection: from its first item (`items`) to the content end of its
    /// last, or the span of `node` if it has none.
    fn block_span(&mut self, node: TsNode, items: &[Kid<'t>]) -> Span {
        match (items.first(), items.last()) {
            (Some(first), Some(&last)) => {
                Span::new(first.node.start_byte(), self.content_end(last))
            }
            _ => span_of(node),
        }
    }

    /// A dropped collection: reported once, replaced by an empty value.
    fn too_deep(&mut self, span: Span) -> Node {
        if !self.depth_reported {
            self.depth_reported = true;
            // Point at the opening bracket, or the first line of a block collection.
            let first = slice(self.text, span).chars().next();
            let end = match first {
                Some(c @ ('[' | '{')) => span.start + c.len_utf8(),
                _ => line_end(self.text, span.start).clamp(span.start, span.end),
            };
            self.error(Span::new(span.start, end), TOO_DEEP_MESSAGE, None);
        }
        self.make(NodeValue::Null, span)
    }

    /// The column (in chars) of byte `at`.
    fn column(&self, at: usize) -> usize {
        let before = self.text.get(..at).unwrap_or("");
        let line_start = before
            .as_bytes()
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |i| i + 1);
        before.get(line_start..).unwrap_or("").chars().count()
    }

    fn alias(&mut self, node: TsNode) -> Node {
        let span = span_of(node);
        let name = slice(self.text, span).trim_start_matches('*').to_owned();
        let Some(anchored) = self.anchors.get(&name) else {
            self.error(
                span,
                format!("unknown anchor `{name}`"),
                Some(format!("define `&{name}` on a node before this alias")),
            );
            return self.make(NodeValue::Null, span);
        };
        let size = anchored.size;
        let too_large = self.expanded.saturating_add(size) > MAX_ALIAS_NODES;
        let copy = match &anchored.node {
            Some(node) if !self.expansion_stopped && !too_large => Some(node.clone()),
            _ => None,
        };
        let Some(mut copy) = copy else {
            if !self.expansion_stopped {
                self.expansion_stopped = true;
                self.errors.push(SyntaxError::new(
                    span,
                    "alias expansion too large (billion laughs?)",
                ));
            }
            return self.make(NodeValue::Null, span);
        };
        self.expanded += size;
        self.produced += size;
        copy.span = span;
        copy
    }

    /// Builds a mapping from `block_mapping_pair`/`flow_pair` nodes (and `flow_node` keys
    /// without value), applying merge keys and rejecting duplicate keys.
    fn mapping_from_pairs(&mut self, pairs: &[Kid<'t>], span: Span, depth: usize) -> Node {
        let entries = self.entries(pairs, depth);
        self.make(NodeValue::Map(entries), span)
    }

    /// The entries of a mapping of `pairs`: see [`Converter::mapping_from_pairs`].
    fn entries(&mut self, pairs: &[Kid<'t>], depth: usize) -> Vec<Entry> {
        let mut map = MapBuilder {
            written: Vec::with_capacity(pairs.len()),
            merges: Vec::new(),
            keys: None,
        };
        for &pair in pairs {
            if let Some(entry) = self.entry(pair, depth) {
                self.add_entry(&mut map, entry);
            }
        }
        map.finish()
    }

    /// Adds `entry` to `map`: reports it if its key is a duplicate, expands a merge key.
    fn add_entry(&mut self, map: &mut MapBuilder, entry: Entry) {
        let key = entry.key.as_str().unwrap_or("");
        let duplicate = match &map.keys {
            Some(set) => set.contains(key),
            None => {
                (!map.merges.is_empty() && key == "<<")
                    || map
                        .written
                        .iter()
                        .any(|e| e.key.as_str().unwrap_or("") == key)
            }
        };
        if duplicate {
            self.error(
                entry.key.span,
                format!("duplicate key `{key}`"),
                Some(format!("remove one of the two `{key}` entries")),
            );
            return;
        }
        match &mut map.keys {
            Some(set) => {
                set.insert(key.to_owned());
            }
            None if map.written.len() >= LINEAR_KEY_CHECK => {
                let mut set = written_keys(&map.written, !map.merges.is_empty());
                set.insert(key.to_owned());
                map.keys = Some(set);
            }
            None => {}
        }
        let is_merge = key == "<<" && matches!(&entry.key.value, NodeValue::Scalar(s) if s.plain);
        if is_merge {
            let sources = self.merge_sources(entry.value);
            map.merges.push((map.written.len(), sources));
        } else {
            map.written.push(entry);
        }
    }

    /// The entries a `<<` value brings, in precedence order (earlier sources win).
    fn merge_sources(&mut self, value: Node) -> Vec<Entry> {
        const HINT: &str = "merge a mapping: `<<: *base` or `<<: [*a, *b]`";
        match value.value {
            NodeValue::Map(entries) => entries,
            NodeValue::Seq(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.value {
                        NodeValue::Map(entries) => out.extend(entries),
                        _ => self.error(
                            item.span,
                            "a merge key `<<` list may only hold mappings",
                            Some(HINT.to_owned()),
                        ),
                    }
                }
                out
            }
            _ => {
                self.error(
                    value.span,
                    "the merge key `<<` needs a mapping or a list of mappings",
                    Some(HINT.to_owned()),
                );
                Vec::new()
            }
        }
    }

    /// One `key: value` pair; None (after reporting) when the key is not usable.
    fn entry(&mut self, pair: Kid<'t>, depth: usize) -> Option<Entry> {
        if pair.kind == Kind::FlowNode {
            return self.key_only(pair, depth);
        }
        let outer_indent = self.block_indent_at;
        if pair.kind == Kind::BlockMappingPair {
            self.block_indent_at = pair.node.start_byte();
        }
        let entry = self.pair_entry(pair.node, depth);
        self.block_indent_at = outer_indent;
        entry
    }

    /// `{a}`: a key without value.
    fn key_only(&mut self, key: Kid<'t>, depth: usize) -> Option<Entry> {
        let key_node = self.convert(key, depth + 1);
        let key_node = self.check_key(key_node)?;
        let value = self.null_at(key.node.end_byte());
        Some(Entry {
            key: key_node,
            value,
        })
    }

    /// [`Converter::entry`] for a `block_mapping_pair` or `flow_pair`.
    fn pair_entry(&mut self, pair: TsNode<'t>, depth: usize) -> Option<Entry> {
        let key_node = pair.child_by_field_id(self.grammar.key);
        let value_node = pair.child_by_field_id(self.grammar.value);
        let colon = self.pair_tokens(pair, key_node, value_node);
        let Some(key_node) = key_node else {
            let at = colon.map_or(pair.start_byte(), |c| c.start_byte());
            self.error(
                Span::new(at, pair.end_byte()),
                "this mapping entry has no key",
                None,
            );
            return None;
        };
        let key = self.convert(self.kid(key_node), depth + 1);
        let key = self.check_key(key)?;
        let value = match value_node {
            Some(v) => self.convert(self.kid(v), depth + 1),
            None => self.null_at(colon.map_or(key_node.end_byte(), |c| c.end_byte())),
        };
        Some(Entry { key, value })
    }

    /// The `:` of a pair, when it matters (a missing key or value); reports a `?` (complex key).
    fn pair_tokens(
        &mut self,
        pair: TsNode<'t>,
        key_node: Option<TsNode>,
        value_node: Option<TsNode>,
    ) -> Option<TsNode<'t>> {
        // In a pair without errors, a `?` (one `?` char) can only come first, before the key.
        if let (Some(key), Some(_)) = (key_node, value_node)
            && !pair.has_error()
            && !slice(self.text, Span::new(pair.start_byte(), key.start_byte())).contains('?')
        {
            return None;
        }
        let kids = self.children(pair);
        let question = kids
            .iter()
            .find(|k| k.kind == Kind::Question)
            .map(|k| k.node);
        let colon = kids.iter().find(|k| k.kind == Kind::Colon).map(|k| k.node);
        self.recycle(kids);
        if let Some(q) = question {
            let end = key_node.map_or(q.end_byte(), |k| k.end_byte());
            self.error(
                Span::new(q.start_byte(), end),
                "complex mapping keys (`? key`) are not supported",
                Some("write the key directly: `key: value`".to_owned()),
            );
        }
        colon
    }

    /// Keeps scalar keys; reports and drops the others.
    fn check_key(&mut self, key: Node) -> Option<Node> {
        match key.value {
            NodeValue::Scalar(_) => Some(key),
            // An alias to an unknown anchor was reported already.
            NodeValue::Null if key.span.start < key.span.end => None,
            NodeValue::Null => {
                self.error(key.span, "this mapping entry has no key", None);
                None
            }
            NodeValue::Seq(_) | NodeValue::Map(_) => {
                self.error(
                    key.span,
                    "mapping keys must be scalars",
                    Some("use a plain string as the key".to_owned()),
                );
                None
            }
        }
    }
}

/// Whether a node of `kind` is where [`Converter::content_end`] stops.
fn ends_itself(kind: Kind) -> bool {
    kind.is_scalar() || matches!(kind, Kind::Alias | Kind::Anchor | Kind::Tag)
}

/// Whether `kid` can end a node's content: not a comment, not empty.
fn ends_content(kid: &Kid) -> bool {
    kid.kind != Kind::Comment && kid.node.end_byte() > kid.node.start_byte()
}

/// The last child that can end a node's content.
fn last_content<'t>(kids: &[Kid<'t>]) -> Option<Kid<'t>> {
    kids.iter().rev().copied().find(ends_content)
}

/// The keys written in a mapping so far: those of `written`, and `<<` if it `merges`.
fn written_keys(written: &[Entry], merges: bool) -> HashSet<String> {
    let mut keys: HashSet<String> = written
        .iter()
        .map(|e| e.key.as_str().unwrap_or("").to_owned())
        .collect();
    if merges {
        keys.insert("<<".to_owned());
    }
    keys
}

/// Appends the merged `sources` whose keys are neither written in the mapping (`written`) nor
/// merged already (`merged`, updated).
fn merge_into(
    entries: &mut Vec<Entry>,
    sources: Vec<Entry>,
    written: &HashSet<String>,
    merged: &mut HashSet<String>,
) {
    for entry in sources {
        let key = entry.key.as_str().unwrap_or("");
        if !written.contains(key) && merged.insert(key.to_owned()) {
            entries.push(entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text`, asserting that it has no errors.
    fn ok(text: &str) -> Node {
        let (node, errors) = parse(text);
        assert!(
            errors.is_empty(),
            "unexpected errors for {text:?}: {errors:#?}"
        );
        node.expect("a document")
    }

    /// The source text each error points at, with its message.
    fn errors(text: &str) -> Vec<(&str, String)> {
        parse(text)
            .1
            .into_iter()
            .map(|e| (&text[e.span.start..e.span.end], e.message))
            .collect()
    }

    fn src<'t>(text: &'t str, node: &Node) -> &'t str {
        &text[node.span.start..node.span.end]
    }

    fn scalar(node: &Node) -> (&str, bool) {
        match &node.value {
            NodeValue::Scalar(s) => (s.text.as_str(), s.plain),
            other => panic!("not a scalar: {other:?}"),
        }
    }

    fn keys(node: &Node) -> Vec<&str> {
        node.as_map()
            .expect("a mapping")
            .iter()
            .map(|e| e.key.as_str().expect("scalar key"))
            .collect()
    }

    /// Runs `f` on a thread with an 8 MiB stack (the main thread's default size).
    fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(f)
            .expect("spawn")
            .join()
            .expect("no panic")
    }

    #[test]
    fn plain_scalars_keep_their_source_text() {
        let text = "version: 1.10\nenabled: yes\nnothing: ~\nnull_word: null\nempty:\nmulti: a\n  b\n\n  c\n";
        let doc = ok(text);
        assert_eq!(scalar(doc.get("version").unwrap()), ("1.10", true));
        assert_eq!(scalar(doc.get("enabled").unwrap()), ("yes", true));
        assert_eq!(scalar(doc.get("nothing").unwrap()), ("~", true));
        assert_eq!(scalar(doc.get("null_word").unwrap()), ("null", true));
        assert_eq!(doc.get("empty").unwrap().value, NodeValue::Null);
        assert_eq!(scalar(doc.get("multi").unwrap()), ("a b\nc", true));
        assert_eq!(src(text, doc.get("multi").unwrap()), "a\n  b\n\n  c");
    }

    #[test]
    fn quoted_scalars_decode() {
        let text = concat!(
            "s: 'it''s  \n   folded'\n",
            "d: \"tab\\there\\u00e9\\x21 \\\"q\\\" \\\\ \\/ \\N\\_\\L\\P\\e\\0\\a\\b\\f\\r\\v\\U0001F600\"\n",
            "e: \"a \\\n   b\"\n",
            "f: \"1\"\n",
        );
        let doc = ok(text);
        assert_eq!(scalar(doc.get("s").unwrap()), ("it's folded", false));
        assert_eq!(
            scalar(doc.get("d").unwrap()).0,
            "tab\there\u{e9}! \"q\" \\ / \u{85}\u{a0}\u{2028}\u{2029}\u{1b}\0\u{7}\u{8}\u{c}\r\u{b}😀"
        );
        assert_eq!(scalar(doc.get("e").unwrap()), ("a b", false));
        assert_eq!(scalar(doc.get("f").unwrap()), ("1", false));
        assert_eq!(src(text, doc.get("f").unwrap()), "\"1\"");
        assert_eq!(src(text, doc.get("s").unwrap()), "'it''s  \n   folded'");
    }

    #[test]
    fn block_scalars_decode() {
        let text = concat!(
            "lit: |\n  line 1\n    indented\n\n  line 3\n\n",
            "strip: |-\n  x\n\n",
            "keep: |+\n  x\n\n\n",
            "fold: >\n  a\n  b\n\n  c\n    kept\n  d\n",
            "foldstrip: >-\n  a\n  b\n",
            "indicator: |2\n     three\n    two\n",
            "list:\n  - |1\n     x\n",
            "last: >+\n  end\n",
        );
        let doc = ok(text);
        let text_of = |k: &str| scalar(doc.get(k).unwrap()).0.to_owned();
        assert_eq!(text_of("lit"), "line 1\n  indented\n\nline 3\n");
        assert_eq!(text_of("strip"), "x");
        assert_eq!(text_of("keep"), "x\n\n\n");
        assert_eq!(text_of("fold"), "a b\nc\n  kept\nd\n");
        assert_eq!(text_of("foldstrip"), "a b");
        assert_eq!(text_of("indicator"), "   three\n  two\n");
        let list = doc.get("list").unwrap().as_seq().unwrap();
        assert_eq!(scalar(&list[0]), ("  x\n", false));
        assert_eq!(text_of("last"), "end\n");
        assert!(src(text, doc.get("lit").unwrap()).starts_with("|\n  line 1"));
    }

    #[test]
    fn crlf_documents() {
        let text = "a: |\r\n  x\r\n  y\r\nb: \"p\r\n  q\"\r\nc: plain\r\n  more\r\n";
        let doc = ok(text);
        assert_eq!(scalar(doc.get("a").unwrap()).0, "x\ny\n");
        assert_eq!(scalar(doc.get("b").unwrap()).0, "p q");
        assert_eq!(scalar(doc.get("c").unwrap()).0, "plain more");
        assert_eq!(src(text, doc.get("c").unwrap()), "plain\r\n  more");
    }

    #[test]
    fn spans_of_collections_and_empty_values() {
        let text = "# head\nroot:\n  a: 1\n  b:\n  c: [x, {y}]\n  d:\n    - \n    - z\n# tail\n";
        let doc = ok(text);
        assert_eq!(
            src(text, &doc),
            "root:\n  a: 1\n  b:\n  c: [x, {y}]\n  d:\n    - \n    - z"
        );
        let root = doc.get("root").unwrap();
        assert_eq!(
            src(text, root),
            "a: 1\n  b:\n  c: [x, {y}]\n  d:\n    - \n    - z"
        );
        let b = root.get("b").unwrap();
        assert_eq!(b.value, NodeValue::Null);
        assert_eq!(b.span.start, b.span.end);
        assert_eq!(&text[..b.span.start], "# head\nroot:\n  a: 1\n  b:");
        let c = root.get("c").unwrap();
        assert_eq!(src(text, c), "[x, {y}]");
        let y_map = &c.as_seq().unwrap()[1];
        assert_eq!(src(text, y_map), "{y}");
        assert_eq!(keys(y_map), ["y"]);
        assert_eq!(y_map.get("y").unwrap().value, NodeValue::Null);
        let d = root.get("d").unwrap().as_seq().unwrap();
        assert_eq!(d[0].value, NodeValue::Null);
        assert_eq!(&text[d[0].span.start - 1..d[0].span.end], "-");
        assert_eq!(src(text, &d[1]), "z");
        for node in [&doc, root, c] {
            assert_eq!(node.origin, node.span);
        }
    }

    #[test]
    fn flow_pairs_in_sequences_are_single_pair_mappings() {
        let text = "[a: b, c]";
        let doc = ok(text);
        let items = doc.as_seq().unwrap();
        assert_eq!(src(text, &items[0]), "a: b");
        assert_eq!(scalar(items[0].get("a").unwrap()).0, "b");
        assert_eq!(scalar(&items[1]).0, "c");
    }

    #[test]
    fn anchors_and_aliases() {
        let text = "base: &b\n  x: 1\nname: &n hello\ncopy: *b\nagain: *n\nlist: [*n, *b]\n";
        let doc = ok(text);
        let base = doc.get("base").unwrap();
        assert_eq!(src(text, base), "x: 1");
        assert_eq!(base.origin, base.span);
        let copy = doc.get("copy").unwrap();
        assert_eq!(src(text, copy), "*b");
        assert_eq!(copy.origin, base.span);
        assert_eq!(copy.value, base.value);
        assert!(copy.is_alias() && !base.is_alias());
        // Children of the copy keep the spans of the anchored node's children.
        assert_eq!(copy.get("x").unwrap().span, base.get("x").unwrap().span);
        let name = doc.get("name").unwrap();
        assert_eq!(src(text, name), "hello");
        let again = doc.get("again").unwrap();
        assert_eq!((src(text, again), again.origin), ("*n", name.span));
        let list = doc.get("list").unwrap().as_seq().unwrap();
        assert_eq!(list[0].origin, name.span);
        assert_eq!(list[1].origin, base.span);
        assert_eq!(list[0].origin, again.origin);
    }

    #[test]
    fn unknown_and_forward_aliases_are_errors() {
        let text = "a: *later\nb: &later 1\nc: [*nope]\nd: &self [*self]\n";
        let (doc, errs) = parse(text);
        let spanned: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (&text[e.span.start..e.span.end], e.message.as_str()))
            .collect();
        assert_eq!(
            spanned,
            [
                ("*later", "unknown anchor `later`"),
                ("*nope", "unknown anchor `nope`"),
                ("*self", "unknown anchor `self`"),
            ]
        );
        let doc = doc.unwrap();
        let a = doc.get("a").unwrap();
        assert_eq!((&a.value, src(text, a)), (&NodeValue::Null, "*later"));
    }

    #[test]
    fn billion_laughs_is_stopped() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            text.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(", ")
            ));
            prev = name;
        }
        let started = std::time::Instant::now();
        let (doc, errs) = parse(&text);
        assert!(started.elapsed().as_secs() < 20);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            errs[0].message,
            "alias expansion too large (billion laughs?)"
        );
        assert!(text[errs[0].span.start..errs[0].span.end].starts_with('*'));
        assert!(doc.is_some());
    }

    #[test]
    fn nested_anchors_are_not_copied_once_per_level() {
        // Every level is anchored: keeping a copy of each would copy the innermost items once
        // per level. The copies count against the alias budget instead.
        let items = vec!["x"; 20_000].join(", ");
        let levels = 200;
        let mut text = String::new();
        for i in 0..levels {
            text.push_str(&format!("&a{i} ["));
        }
        text.push_str(&items);
        text.push_str(&"]".repeat(levels));
        text.push('\n');
        let doc = ok(&text);
        assert!(doc.as_seq().is_some());
        // An alias to a level that could not be kept is reported, not expanded.
        let text = format!("a: {text}b: *a0\n");
        let (_, errs) = parse(&text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            errs[0].message,
            "alias expansion too large (billion laughs?)"
        );
    }

    #[test]
    fn merge_keys() {
        let text = concat!(
            "a: &a {x: a, y: a, z: a}\n",
            "b: &b {y: b, w: b}\n",
            "m:\n  x: own\n  <<: [*a, *b]\n  v: own\n",
            "single:\n  <<: *b\n",
            "inline:\n  <<: {k: 1}\n  j: 2\n",
            "quoted:\n  \"<<\": *b\n",
        );
        let doc = ok(text);
        let m = doc.get("m").unwrap();
        assert_eq!(keys(m), ["x", "y", "z", "w", "v"]);
        assert_eq!(scalar(m.get("x").unwrap()).0, "own");
        assert_eq!(scalar(m.get("y").unwrap()).0, "a");
        assert_eq!(scalar(m.get("w").unwrap()).0, "b");
        // Merged entries keep their own spans (in the anchored mapping).
        let a = doc.get("a").unwrap();
        assert_eq!(m.get("z").unwrap().span, a.get("z").unwrap().span);
        assert_eq!(keys(doc.get("single").unwrap()), ["y", "w"]);
        assert_eq!(keys(doc.get("inline").unwrap()), ["k", "j"]);
        // A quoted `<<` is an ordinary key.
        assert_eq!(keys(doc.get("quoted").unwrap()), ["<<"]);
    }

    #[test]
    fn bad_merge_values_are_errors() {
        assert_eq!(
            errors("m:\n  <<: 5\n"),
            [(
                "5",
                "the merge key `<<` needs a mapping or a list of mappings".to_owned()
            )]
        );
        assert_eq!(
            errors("m:\n  <<: [{a: 1}, x]\n"),
            [(
                "x",
                "a merge key `<<` list may only hold mappings".to_owned()
            )]
        );
        let (doc, _) = parse("m:\n  <<: [{a: 1}, x]\n");
        assert_eq!(keys(doc.unwrap().get("m").unwrap()), ["a"]);
    }

    #[test]
    fn duplicate_keys_keep_the_first() {
        let text = "a: 1\nb: 2\na: 3\n";
        let (doc, errs) = parse(text);
        assert_eq!(errs.len(), 1);
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "a");
        assert_eq!(errs[0].span.start, 10);
        assert_eq!(errs[0].message, "duplicate key `a`");
        assert_eq!(
            errs[0].hint.as_deref(),
            Some("remove one of the two `a` entries")
        );
        let doc = doc.unwrap();
        assert_eq!(keys(&doc), ["a", "b"]);
        assert_eq!(scalar(doc.get("a").unwrap()).0, "1");
        assert_eq!(
            errors("{x: 1, 'x': 2}"),
            [("'x'", "duplicate key `x`".to_owned())]
        );
    }

    #[test]
    fn syntax_errors_have_spans_and_the_rest_is_kept() {
        let text = "a: 1\nb c\nd: 2\n";
        let (doc, errs) = parse(text);
        assert_eq!(errs.len(), 1);
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "b c");
        assert_eq!(errs[0].message, "YAML syntax error: unexpected `b c`");
        assert_eq!(keys(&doc.unwrap()), ["a", "d"]);

        let text = "a: 1\nb: }\nc: 2\n";
        let (doc, errs) = parse(text);
        assert_eq!(errs.len(), 1);
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "}");
        assert_eq!(errs[0].message, "YAML syntax error: unexpected `}`");
        assert_eq!(keys(&doc.unwrap()), ["a", "b", "c"]);

        let text = "a: 1\nb: [1, 2\nc: 3\n";
        let (doc, errs) = parse(text);
        assert_eq!(errs.len(), 1);
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "[");
        assert_eq!(errs[0].message, "YAML syntax error: `[` is never closed");
        assert_eq!(errs[0].hint.as_deref(), Some("add the matching `]`"));
        assert_eq!(keys(&doc.unwrap()), ["a", "b", "c"]);

        let text = "top:\n  x: [1, 2\nnext: 3\n";
        let (doc, errs) = parse(text);
        assert_eq!(
            errs.iter()
                .map(|e| &text[e.span.start..e.span.end])
                .collect::<Vec<_>>(),
            ["["]
        );
        assert_eq!(keys(&doc.unwrap()), ["top", "next"]);

        let text = "a: b: c\nd: 1\n";
        let (doc, errs) = parse(text);
        assert_eq!(
            errs.iter()
                .map(|e| &text[e.span.start..e.span.end])
                .collect::<Vec<_>>(),
            [":"]
        );
        assert_eq!(keys(&doc.unwrap()), ["a", "d"]);
    }

    #[test]
    fn missing_nodes_are_reported() {
        // A quote left open by a document marker.
        let text = "'abc\n---\nb: 1\n";
        let (doc, errs) = parse(text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "'");
        assert_eq!(errs[0].message, "YAML syntax error: `'` is never closed");
        assert_eq!(keys(&doc.unwrap()), ["b"]);
        // This grammar seldom inserts MISSING nodes; this input (found by fuzzing) gets a
        // MISSING closing quote, reported as a zero-width error.
        let missing =
            "'\\q>+2{%YAML 1.2\n`- \\#c{: %YAML 1.2\n]&x \"x: y\n\r---\n- #c|a|-\r\n  !t ~x: y\n";
        let (_, errs) = parse(missing);
        let quote = errs
            .iter()
            .find(|e| e.message == "YAML syntax error: missing `'`")
            .expect("missing quote");
        assert_eq!(quote.span.start, quote.span.end);
    }

    #[test]
    fn invalid_escapes_point_at_the_escape() {
        let text = "a: 1\nb: \"C:\\path\"\nc: 2\n";
        let (doc, errs) = parse(text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "\\p");
        assert_eq!(
            errs[0].message,
            "invalid escape `\\p` in a double-quoted string"
        );
        assert_eq!(keys(&doc.unwrap()), ["a", "b", "c"]);
    }

    #[test]
    fn one_document_per_file() {
        let text = "---\na: 1\n---\nb: 2\n---\nc: 3\n";
        let (doc, errs) = parse(text);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].span, Span::new(9, 12));
        assert_eq!(
            errs[0].message,
            "a definition file holds one YAML document; found a second one"
        );
        assert_eq!(keys(&doc.unwrap()), ["a"]);
        assert_eq!(keys(&ok("--- \na: 1\n...\n")), ["a"]);
        assert_eq!(keys(&ok("# comment\n---\na: 1\n")), ["a"]);
    }

    #[test]
    fn tabs_in_indentation() {
        let text = "a:\n\tb: 1\nc: 2\n";
        let (doc, errs) = parse(text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "\t");
        assert_eq!(errs[0].message, "tabs are not allowed in YAML indentation");
        assert_eq!(errs[0].hint.as_deref(), Some("indent with spaces"));
        let doc = doc.unwrap();
        assert_eq!(keys(&doc), ["a", "c"]);
        assert_eq!(keys(doc.get("a").unwrap()), ["b"]);

        let text = "a:\n  b: 1\n  \tc: 2\n";
        let spans: Vec<&str> = errors(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(spans.first(), Some(&"  \t"));
        // Tabs inside block scalars, after the indentation, and on blank or comment lines are fine.
        ok("a: |\n  \tx\nb: \"p\n  \tq\"\nc:\ta\n\t# note\n\t\nd: 2\n");
        // Tree-sitter rejects tab-indented lines even inside flow collections and quotes: the
        // tab is what gets reported, and the value is still read.
        let text = "a: [1,\n\t2]\nb: \"p\n\tq\"\n";
        let (doc, errs) = parse(text);
        let spans: Vec<&str> = errs
            .iter()
            .map(|e| &text[e.span.start..e.span.end])
            .collect();
        assert_eq!(spans, ["\t", "\t"]);
        let doc = doc.unwrap();
        assert_eq!(
            doc.get("a").and_then(Node::as_seq).map(<[Node]>::len),
            Some(2)
        );
        assert_eq!(doc.get("b").and_then(Node::as_str), Some("p q"));
    }

    #[test]
    fn tags_are_errors_but_values_stay() {
        let text = "a: !Ref Thing\nb: !!str 1\nc: !Sub\n  - x\n";
        let (doc, errs) = parse(text);
        let spans: Vec<&str> = errs
            .iter()
            .map(|e| &text[e.span.start..e.span.end])
            .collect();
        assert_eq!(spans, ["!Ref", "!!str", "!Sub"]);
        assert!(
            errs.iter()
                .all(|e| e.message == "YAML tags are not supported")
        );
        assert_eq!(
            errs[0].hint.as_deref(),
            Some("write `${...}` expressions instead of CloudFormation short-form tags")
        );
        let doc = doc.unwrap();
        assert_eq!(scalar(doc.get("a").unwrap()), ("Thing", true));
        assert_eq!(src(text, doc.get("a").unwrap()), "Thing");
        assert_eq!(scalar(doc.get("b").unwrap()).0, "1");
        assert_eq!(doc.get("c").unwrap().as_seq().map(<[Node]>::len), Some(1));
    }

    #[test]
    fn complex_and_non_scalar_keys() {
        let text = "? simple\n: 1\n[a, b]: 2\n{c: d}: 3\nok: 4\n";
        let (doc, errs) = parse(text);
        let spanned: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (&text[e.span.start..e.span.end], e.message.as_str()))
            .collect();
        assert_eq!(
            spanned,
            [
                (
                    "? simple",
                    "complex mapping keys (`? key`) are not supported"
                ),
                ("[a, b]", "mapping keys must be scalars"),
                ("{c: d}", "mapping keys must be scalars"),
            ]
        );
        assert_eq!(keys(&doc.unwrap()), ["simple", "ok"]);
    }

    fn nested_flow(levels: usize) -> String {
        format!("{}x{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn nesting_limit() {
        assert!(parse(&nested_flow(MAX_DEPTH)).1.is_empty());
        let text = nested_flow(MAX_DEPTH + 5);
        let (doc, errs) = parse(&text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            errs[0].message,
            "nesting is too deep (more than 256 levels)"
        );
        assert_eq!(errs[0].span, Span::new(MAX_DEPTH, MAX_DEPTH + 1));
        // The deeper part is dropped: the innermost kept level holds a null.
        let mut node = doc.unwrap();
        let mut depth = 0;
        while let NodeValue::Seq(mut items) = node.value {
            depth += 1;
            node = items.remove(0);
        }
        assert_eq!(depth, MAX_DEPTH);
        assert_eq!(node.value, NodeValue::Null);
    }

    #[test]
    fn deep_block_nesting_does_not_reach_the_scanner() {
        // tree-sitter-yaml aborts the process beyond ~253 block levels; the guard blanks them.
        let text: String = (0..400)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let (doc, errs) = parse(&text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.starts_with("nesting is too deep"));
        assert!(text[errs[0].span.start..errs[0].span.end].starts_with('k'));
        assert!(doc.is_some());
        let compact = format!("{}x\n", "- ".repeat(300));
        assert!(
            parse(&compact)
                .1
                .iter()
                .any(|e| e.message.starts_with("nesting is too deep"))
        );
    }

    #[test]
    fn huge_nesting_on_a_default_stack() {
        on_big_stack(|| {
            let open = "[".repeat(100_000);
            let (_, errs) = parse(&open);
            assert!(!errs.is_empty());
            let closed = nested_flow(100_000);
            let (doc, errs) = parse(&closed);
            assert_eq!(errs.len(), 1);
            assert!(doc.is_some());
            let tree = parse_tree(&closed);
            assert!(!tree.root_node().has_error());
            drop(tree);
            let maps = format!("a: {}", "{a: ".repeat(100_000));
            let _ = parse(&maps);
        });
    }

    #[test]
    fn nesting_limit_fits_a_small_stack() {
        // Converting the deepest allowed document must not need a big stack (2 MiB threads).
        let text = nested_flow(MAX_DEPTH + 1);
        let block: String = (0..150)
            .map(|i| format!("{}- k:\n", "    ".repeat(i)))
            .collect();
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let _ = parse(&text);
                let _ = parse(&block);
            })
            .expect("spawn")
            .join()
            .expect("no stack overflow");
    }

    #[test]
    fn huge_scalars() {
        let big = "x".repeat(10 << 20);
        for text in [
            format!("a: {big}\n"),
            format!("a: \"{big}\"\n"),
            format!("a: |\n  {big}\n"),
        ] {
            let doc = ok(&text);
            let len = doc.get("a").and_then(Node::as_str).map(str::len);
            assert_eq!(len, Some(big.len() + usize::from(text.starts_with("a: |"))));
        }
    }

    #[test]
    fn empty_documents() {
        for text in [
            "",
            "   \n\n",
            "# only a comment\n",
            "---\n",
            "--- # c\n...\n",
            "\r\n# c\r\n",
        ] {
            let (doc, errs) = parse(text);
            assert_eq!(doc, None, "{text:?}");
            assert!(errs.is_empty(), "{text:?}: {errs:?}");
        }
    }

    #[test]
    fn odd_inputs_never_panic() {
        // Deterministic pseudo-random soup of YAML fragments.
        const PIECES: &[&str] = &[
            "a",
            "b: ",
            ": ",
            "- ",
            "? ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "\"",
            "'",
            "\\",
            "\n",
            "\n  ",
            "  ",
            "\t",
            "#c",
            "&x ",
            "*x",
            "!t ",
            "|",
            ">",
            "|-",
            ">+2",
            "---\n",
            "...\n",
            "<<: ",
            "é",
            "😀",
            "\r\n",
            "\r",
            "1.5",
            "~",
            "%YAML 1.2\n",
            "@",
            "`",
            "x: y\n",
            "\\u00e9",
            "\\q",
            "\0",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let n = (next() % 40) as usize;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let (_, errs) = parse(&text);
            for e in errs {
                assert!(
                    e.span.start <= e.span.end && e.span.end <= text.len(),
                    "{text:?}: {e:?}"
                );
                assert!(
                    text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end),
                    "{text:?}: {e:?}"
                );
            }
        }
    }
}
