//! The item builder: one [`New`] item becomes a [`CompletionItem`] that replaces its range
//! through a text edit, keeps the order items are offered in, and uses the document's line
//! breaks.

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    InsertTextMode, MarkupContent, MarkupKind, TextEdit,
};

use crate::lsp::analysis::Analysis;
use crate::lsp::convert::to_range;
use crate::syntax::Span;

/// One item before it becomes a [`CompletionItem`].
pub(super) struct New {
    /// The label shown in the list.
    pub(super) label: String,
    /// The icon the client shows.
    pub(super) kind: CompletionItemKind,
    /// A short detail (a type, a value); none when empty.
    pub(super) detail: String,
    /// Markdown documentation; none when empty.
    pub(super) doc: String,
    /// The text that replaces `range`.
    pub(super) insert: String,
    /// Whether `insert` is a snippet (tab stops, choices).
    pub(super) snippet: bool,
    /// The text the item replaces.
    pub(super) range: Span,
    /// The text the client filters on, when not the label.
    pub(super) filter: Option<String>,
}

/// Collects the items of one request.
pub(super) struct Builder<'a> {
    /// The document being completed.
    pub(super) a: &'a Analysis,
    /// The items so far, in the order they are offered.
    pub(super) items: Vec<CompletionItem>,
}

impl Builder<'_> {
    /// Adds an item: sorted after those before it, its line breaks those of the document.
    pub(super) fn push(&mut self, mut new: New) {
        let multi_line = new.insert.contains('\n');
        if multi_line && self.a.text.contains("\r\n") {
            new.insert = new.insert.replace('\n', "\r\n");
        }
        let item = CompletionItem {
            label: new.label,
            kind: Some(new.kind),
            detail: (!new.detail.is_empty()).then_some(new.detail),
            documentation: (!new.doc.is_empty()).then_some(Documentation::MarkupContent(
                MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: new.doc,
                },
            )),
            sort_text: Some(format!("{:04}", self.items.len())),
            filter_text: new.filter,
            insert_text_format: Some(if new.snippet {
                InsertTextFormat::SNIPPET
            } else {
                InsertTextFormat::PLAIN_TEXT
            }),
            // Snippets carry their own indentation.
            insert_text_mode: multi_line.then_some(InsertTextMode::AS_IS),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: to_range(self.a, new.range),
                new_text: new.insert,
            })),
            ..CompletionItem::default()
        };
        self.items.push(item);
    }
}
