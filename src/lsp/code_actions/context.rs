//! What every code action needs: the analysis, the file's conventions
//! (line break, indentation step, columns, block or flow style) and the mappings the schema
//! knows, collected once per request.

use super::scopes::Scope;
use crate::lsp::analysis::Analysis;
use crate::syntax::Node;

/// What every action needs: the analysis, the file's conventions and the mappings the schema
/// knows.
pub(super) struct Ctx<'a> {
    /// The analysis of the document.
    pub(super) a: &'a Analysis,
    /// The line break the file uses.
    pub(super) nl: &'static str,
    /// The file's indentation step.
    pub(super) step: usize,
    /// The mappings the schema knows, outermost first.
    pub(super) scopes: Vec<Scope<'a>>,
}

impl<'a> Ctx<'a> {
    /// The context of the document `a`, with its scopes collected.
    pub(super) fn new(a: &'a Analysis) -> Ctx<'a> {
        let mut ctx = Ctx {
            a,
            nl: if a.text.contains("\r\n") {
                "\r\n"
            } else {
                "\n"
            },
            step: 2,
            scopes: Vec::new(),
        };
        ctx.step = ctx.indent_step();
        if let Some(root) = a.root() {
            let mut scopes = Vec::new();
            ctx.document(root, &mut scopes);
            ctx.scopes = scopes;
        }
        ctx
    }

    /// The indentation of the first nested block mapping under a section (2 when none).
    fn indent_step(&self) -> usize {
        let Some(sections) = self.a.root().and_then(Node::as_map) else {
            return 2;
        };
        sections
            .iter()
            .filter(|s| self.column(s.key.span.start) == 0 && !self.is_flow(&s.value))
            .find_map(|s| {
                s.value
                    .as_map()?
                    .first()
                    .map(|e| self.column(e.key.span.start))
            })
            .filter(|&c| c > 0)
            .unwrap_or(2)
    }

    /// The column (in chars) of a byte offset.
    pub(super) fn column(&self, offset: usize) -> usize {
        let text = &self.a.text;
        text.get(crate::syntax::line_start(text, offset)..offset)
            .map_or(0, |t| t.chars().count())
    }

    /// Whether a collection is written in flow style.
    pub(super) fn is_flow(&self, node: &Node) -> bool {
        self.a.slice(node.span).starts_with(['{', '['])
    }
}
