//! Recovery from broken documents: tab-indented lines and the errors that made tree-sitter lose
//! the document structure are reported, blanked in a copy of the text (same byte offsets) and
//! the copy is re-parsed, so that the rest of the document still yields a tree.

use std::borrow::Cow;

use tree_sitter::Tree;

use super::super::{Span, line_index};
use super::errors::failure_at;
use super::text::{children, lines, span_of};
use super::{SyntaxError, guard, parse_raw};

/// How many times a document whose structure tree-sitter could not recover is patched and
/// re-parsed.
const MAX_RECOVERY_ROUNDS: usize = 8;

/// Reports the tab-indented lines of `base` (the text of `tree`, sanitized) and, while the
/// structure is lost, the error behind it; returns the patched text and its tree (None when
/// `base` and `tree` needed no patching).
pub(super) fn recover<'a>(
    tree: &Tree,
    base: &'a str,
    errors: &mut Vec<SyntaxError>,
    depth_reported: &mut bool,
) -> (Cow<'a, str>, Option<Tree>) {
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
        patched = Some(reparse(&mut owned, errors, depth_reported));
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
        patched = Some(reparse(&mut owned, errors, depth_reported));
        work = Cow::Owned(owned);
    }
    (work, patched)
}

/// Sanitizes (if needed) and parses a patched copy of the text.
fn reparse(text: &mut String, errors: &mut Vec<SyntaxError>, depth_reported: &mut bool) -> Tree {
    if let Some((clean, found)) = guard::sanitize(text) {
        *text = clean;
        if !*depth_reported {
            errors.extend(found);
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
