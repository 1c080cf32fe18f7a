//! Resolved calls kept from one resolve of a document for the next: a keystroke in one route
//! of a 2,000-route API resolves that route again, and takes the others from the previous
//! analysis. A call is taken when its method is the same, its text (and the column it starts
//! at) is, and every name it looked up outside its text answers the same (see `names`): the
//! same `Arc<Call>` when its text did not move, else a copy moved to where its text is now.
//! The previous calls are looked through in document order. Calls that were reported on, or
//! that defined an inline integration or authorizer, are always resolved again.
//!
//! Only valid when both YAML trees were read from each subtree's own text (no anchors,
//! aliases, merge keys or syntax errors): then equal text means an equal YAML subtree.

use std::sync::Arc;

use super::names::{Lookup, Names};
use crate::model::Call;
use crate::model::schema::MethodDef;
use crate::model::shift::Shift;
use crate::syntax::{Span, line_start};

/// One kept call: its method, where its text is in the resolved version and the column it
/// starts at, the call (its spans there), and the names it looked up.
#[derive(Debug)]
struct Kept {
    method: &'static MethodDef,
    span: Span,
    column: usize,
    call: Arc<Call>,
    lookups: Arc<[Lookup]>,
}

/// The calls a resolve kept for the next resolve of the same document, in document order.
#[derive(Debug, Default)]
pub struct Memo {
    kept: Vec<Kept>,
    /// How many of them were taken from the previous memo.
    taken: usize,
    /// The columns of the calls' offsets in the text being resolved.
    columns: Columns,
}

/// The columns of offsets asked in increasing order (calls are resolved in document order):
/// the text between two offsets is scanned once, so a document written on one line costs no
/// more than one with a call per line.
#[derive(Debug, Default)]
struct Columns {
    /// The offset asked last.
    scanned: usize,
    /// Where the line holding it starts.
    line_start: usize,
}

impl Columns {
    /// The column of `offset` in `text`, in bytes (indentation decides YAML's structure).
    fn of(&mut self, text: &str, offset: usize) -> usize {
        if offset < self.scanned {
            return column(text, offset);
        }
        let newline = text
            .as_bytes()
            .get(self.scanned..offset)
            .and_then(|between| between.iter().rposition(|&b| b == b'\n'));
        if let Some(at) = newline {
            self.line_start = self.scanned + at + 1;
        }
        self.scanned = offset;
        offset.saturating_sub(self.line_start)
    }
}

impl Memo {
    /// An empty memo with room for `calls` calls.
    pub(super) fn with_capacity(calls: usize) -> Memo {
        Memo {
            kept: Vec::with_capacity(calls),
            ..Memo::default()
        }
    }

    /// How many calls are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// How many of the kept calls were taken from the previous version's memo rather than
    /// resolved again.
    pub fn taken(&self) -> usize {
        self.taken
    }

    /// Whether no call is kept.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Keeps a call just resolved from the text at `span` of `text`, with the names it
    /// looked up (shared with the call kept before it when they are the same: most routes
    /// name one integration).
    pub(super) fn keep_new(
        &mut self,
        method: &'static MethodDef,
        text: &str,
        span: Span,
        call: Arc<Call>,
        lookups: Vec<Lookup>,
    ) {
        let lookups = match self.kept.last() {
            Some(last) if *last.lookups == *lookups => Arc::clone(&last.lookups),
            _ => lookups.into(),
        };
        self.kept.push(Kept {
            method,
            span,
            column: self.columns.of(text, span.start),
            call,
            lookups,
        });
    }
}

/// A previous resolve's memo, with the text it was resolved from.
#[derive(Clone, Copy, Debug)]
pub struct Previous<'a> {
    /// The previous version's text.
    pub text: &'a str,
    /// What its resolve kept.
    pub memo: &'a Memo,
}

/// How many kept calls past the next expected one a call's text is looked for among (the
/// calls an edit removed).
const LOOKAHEAD: usize = 16;

/// Finds the previous memo's calls again, in document order: each call is looked for at
/// the kept call after the last one found, or a few further on.
pub(super) struct Recall<'a> {
    previous: Previous<'a>,
    /// The index of the kept call expected next.
    next: usize,
    /// The names last found to answer as recorded, and how many objects were defined then
    /// (an answer can only change when one is added).
    confirmed: Option<(*const Lookup, usize)>,
}

/// The column of `offset` in `text`, in bytes, found from the offset backwards.
fn column(text: &str, offset: usize) -> usize {
    offset.saturating_sub(line_start(text, offset))
}

impl<'a> Recall<'a> {
    /// Starts looking through a previous memo.
    pub(super) fn new(previous: Previous<'a>) -> Recall<'a> {
        Recall {
            previous,
            next: 0,
            confirmed: None,
        }
    }

    /// The kept call of `method` whose text is `source`, starting at `column`.
    fn find(
        &mut self,
        method: &'static MethodDef,
        source: &str,
        column: usize,
    ) -> Option<&'a Kept> {
        let kept = self.previous.memo.kept.get(self.next..)?;
        let at = kept.iter().take(LOOKAHEAD + 1).position(|k| {
            std::ptr::eq(k.method, method)
                && k.column == column
                && k.span.end.saturating_sub(k.span.start) == source.len()
                && self.previous.text.get(k.span.start..k.span.end) == Some(source)
        })?;
        self.next += at + 1;
        kept.get(at)
    }

    /// The call of `method` kept for the text at `span` of `text`, when every name it
    /// looked up answers the same in `names`: moved to `span`, and kept again in `next`.
    pub(super) fn take(
        &mut self,
        method: &'static MethodDef,
        text: &str,
        span: Span,
        names: &Names,
        next: &mut Memo,
    ) -> Option<Arc<Call>> {
        let column = next.columns.of(text, span.start);
        let kept = self.find(method, text.get(span.start..span.end)?, column)?;
        let confirmed = Some((kept.lookups.as_ptr(), names.objects_defined()));
        if self.confirmed != confirmed {
            if !names.answers_as(&kept.lookups) {
                return None;
            }
            self.confirmed = confirmed;
        }
        let call = if span.start == kept.span.start {
            Arc::clone(&kept.call)
        } else {
            let mut call = Call::clone(&kept.call);
            call.shift(span.start as isize - kept.span.start as isize);
            Arc::new(call)
        };
        next.kept.push(Kept {
            method,
            span,
            column: kept.column,
            call: Arc::clone(&call),
            lookups: Arc::clone(&kept.lookups),
        });
        next.taken += 1;
        Some(call)
    }
}

#[cfg(test)]
mod tests {
    use super::{Columns, column};

    /// Offsets asked in order (and once out of order) get the columns a backward scan finds,
    /// on lines of any length, CRLF and multi-byte text included.
    #[test]
    fn columns_asked_in_order_equal_a_scan_back_to_the_line_start() {
        let text = "a: 1\r\n  - { path: /bü, x: [1, 2] }\n\n      - q: 😀\nlast";
        let mut columns = Columns::default();
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &offset in offsets.iter().step_by(3).chain([5, 40, 2].iter()) {
            assert_eq!(
                columns.of(text, offset),
                column(text, offset),
                "offset {offset}"
            );
        }
    }
}
