//! Semantic tokens: construct ids where they are defined and referred to, integration ids, and
//! the heads and members of `${...}` expressions, so editors can colour the format's own names
//! on top of YAML highlighting.

use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokensLegend,
};

use super::analysis::Analysis;
use crate::model::{Value, ValueKind};
use crate::syntax::Span;

/// Token types, in legend order.
const TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::CLASS,     // a construct id
    SemanticTokenType::INTERFACE, // an integration id
    SemanticTokenType::PROPERTY,  // an attribute in `${Id.attr}`
    SemanticTokenType::METHOD,    // an attribute method in `${Id.method(...)}`
];

const CONSTRUCT: u32 = 0;
const INTEGRATION: u32 = 1;
const ATTRIBUTE: u32 = 2;
const METHOD: u32 = 3;
/// Modifier bit: the token is where the name is defined.
const DECLARATION: u32 = 1;

/// The legend the server announces.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

/// The document's tokens, delta-encoded in UTF-16 as LSP wants them.
pub fn semantic_tokens(a: &Analysis) -> Vec<SemanticToken> {
    let model = &a.checked.model;
    let mut tokens: Vec<(Span, u32, u32)> = Vec::new();
    for c in &model.constructs {
        tokens.push((c.path.span, CONSTRUCT, DECLARATION));
        let mut values: Vec<&Value> = c.props.items.iter().map(|p| &p.value).collect();
        for call in &c.calls {
            values.extend(call.args.items.iter().map(|p| &p.value));
        }
        tokens.extend(c.depends_on.iter().map(|d| (d.span, CONSTRUCT, 0)));
        collect_references(values, &mut tokens);
    }
    for o in &model.objects {
        if a.slice(o.id.span) == o.id.value {
            tokens.push((o.id.span, INTEGRATION, DECLARATION));
        }
        collect_references(
            o.props.items.iter().map(|p| &p.value).collect(),
            &mut tokens,
        );
    }
    for e in model.exprs() {
        tokens.push((e.head.span, CONSTRUCT, 0));
        for m in &e.members {
            tokens.push((
                m.name.span,
                if m.args.is_some() { METHOD } else { ATTRIBUTE },
                0,
            ));
        }
    }
    // Inline integrations are references too, but written as mappings: no token for those.
    tokens.retain(|(span, _, _)| {
        let text = a.slice(*span);
        span.start < span.end && !text.contains('\n') && !text.starts_with(['{', '['])
    });
    tokens.sort_by_key(|(span, _, _)| span.start);
    tokens.dedup_by_key(|(span, _, _)| span.start);
    encode(a, &tokens)
}

/// Construct and integration references among `values` (lists and structs included).
fn collect_references(mut values: Vec<&Value>, tokens: &mut Vec<(Span, u32, u32)>) {
    while let Some(v) = values.pop() {
        match &v.kind {
            ValueKind::Construct(_) => tokens.push((v.span, CONSTRUCT, 0)),
            ValueKind::Metric(m) => tokens.push((m.target.span, CONSTRUCT, 0)),
            ValueKind::Object(_) => tokens.push((v.span, INTEGRATION, 0)),
            ValueKind::List(items) => values.extend(items.iter()),
            ValueKind::Struct(props) | ValueKind::MathExpression(props) => {
                values.extend(props.items.iter().map(|p| &p.value))
            }
            ValueKind::Map(entries) => values.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

fn encode(a: &Analysis, tokens: &[(Span, u32, u32)]) -> Vec<SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut line, mut character) = (0, 0);
    for (span, token_type, modifiers) in tokens {
        let start = a.position(span.start);
        let end = a.position(span.end);
        if end.line != start.line {
            continue;
        }
        let delta_line = start.line - line;
        let delta_start = if delta_line == 0 {
            start.character - character
        } else {
            start.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: *token_type,
            token_modifiers_bitset: *modifiers,
        });
        line = start.line;
        character = start.character;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_references_and_expressions_after_emoji() {
        let a = Analysis::of_text(
            "# 🎉\nintegrations:\n  I: { type: HttpLambdaIntegration, handler: Fn }\nconstructs:\n  Fn: { type: Function, fromFunctionArn: \"arn:aws:lambda:us-east-1:1:function:f\" }\n  \"Ä\": { type: HttpApi, addRoutes: [{ path: /a, integration: I }] }\noutputs:\n  U: \"${Ä.url} ${Ä.arnForExecuteApi()}\"\n",
        );
        let tokens = semantic_tokens(&a);
        let mut line = 0;
        let mut col = 0;
        let decoded: Vec<(u32, u32, u32, u32)> = tokens
            .iter()
            .map(|t| {
                if t.delta_line > 0 {
                    col = 0;
                }
                line += t.delta_line;
                col += t.delta_start;
                (line, col, t.length, t.token_type)
            })
            .collect();
        assert_eq!(
            decoded,
            [
                (2, 2, 1, INTEGRATION),
                (2, 45, 2, CONSTRUCT),
                (4, 2, 2, CONSTRUCT),
                (5, 2, 3, CONSTRUCT),
                (5, 61, 1, INTEGRATION),
                (7, 8, 1, CONSTRUCT),
                (7, 10, 3, ATTRIBUTE),
                (7, 17, 1, CONSTRUCT),
                (7, 19, 16, METHOD),
            ]
        );
    }
}
