//! Completion, driven by the schema table through the cursor's `context`.
//!
//! - Keys valid at the cursor and not written yet: sections, `type`, props, methods, imports and
//!   `dependsOn` in a construct, struct props, call options, inline integration keys, `stack`
//!   and output keys. Each comes with its doc and, where the key has a shape, a snippet at the
//!   cursor's indentation (block) or on one line (flow): structs open a nested mapping, booleans
//!   and enums offer their choices, list-shaped methods insert a first call with their options
//!   up to the last required one (`addRoutes` -> `path`, `methods`, `integration`).
//! - Values: type names of the section (constructs or integrations), enum members (the value
//!   CloudFormation receives as detail) and factories, `true`/`false`, paths of constructs of the
//!   accepted types (CDK-created children included), integration ids of accepted types and
//!   inline integration snippets.
//! - Inside `${`: entry paths, `Fn` and `Aws`; after `Head.` the head type's attributes (methods
//!   as snippets); after a child attribute (`defaultStage.`) the child type's; inside
//!   `arnForExecuteApi(` the methods, the API's route paths and its stage names (and route keys
//!   for `arnForExecuteApiV2`).
//! - `$context.*` variables in string values whose prop name contains `format`, and request
//!   sources (`$request.header.`, ...) and `$context.*` in parameter mapping values.
//!
//! Every item replaces the word at the cursor through a text edit.
//!
//! The work is split by job: `keys` offers the keys valid at the cursor, with the snippets of
//! `snippets` (a value's shape, tab stops) and `calls` (a method's first call); `values`
//! offers type names, enum members and references; `variables` holds the `$context` variables
//! and the request sources of parameter mappings; `expr` offers the items inside `${...}`;
//! `builder` turns each item into a [`CompletionItem`].

mod builder;
mod calls;
mod expr;
mod keys;
mod snippets;
mod values;
mod variables;

use tower_lsp_server::ls_types::CompletionItem;

use super::analysis::Analysis;
use super::context::{self, Spot};
use builder::Builder;
use expr::expr_items;
use keys::key_items;
use values::value_items;

/// Characters after which clients ask for completion.
pub const TRIGGER_CHARACTERS: &[&str] = &[":", " ", "$", "{", ".", "(", ","];

/// Completion items at `offset`.
pub fn complete(a: &Analysis, offset: usize) -> Vec<CompletionItem> {
    let Some(c) = context::context(a, offset) else {
        return Vec::new();
    };
    let mut b = Builder {
        a,
        items: Vec::new(),
    };
    if let Some(e) = &c.expr {
        expr_items(&mut b, &c, e);
        return b.items;
    }
    match c.spot {
        Spot::Key => key_items(&mut b, &c),
        Spot::Value => value_items(&mut b, &c),
    }
    b.items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_panics() {
        for text in [
            "",
            "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: 🚀, integration: ${Api.arnForExecuteApi(",
            "\u{feff}a: [b, {c: ${",
        ] {
            let a = Analysis::of_text(text);
            for offset in 0..=text.len() + 2 {
                let _ = complete(&a, offset);
            }
        }
    }
}
