//! `${...}` expressions in string values: parsing them with source spans and checking heads,
//! attributes and arguments against the schema table.

use super::Resolver;
use crate::diagnostic::Diagnostic;
use crate::model::Text;
use crate::model::expr::{Expr, ExprError, SourceMap, parse_text};
use crate::model::schema::{self, AttrKind, Role};
use crate::model::suggest::{capitalized, did_you_mean};
use crate::syntax::Node;

pub use crate::model::schema::{AWS_PSEUDO_PARAMETERS, BUILTIN_HEADS};

/// Whether an expression is `${Fn.importValue(..)}` or `${Aws.PSEUDO}`. These win over an entry
/// named `Fn` or `Aws` only through those member names, which no construct attribute has.
pub fn is_builtin(expr: &Expr) -> bool {
    let Some(member) = expr.members.first() else {
        return false;
    };
    match expr.head.value.as_str() {
        "Fn" => member.name.value == "importValue",
        "Aws" => AWS_PSEUDO_PARAMETERS
            .iter()
            .any(|(name, _)| *name == member.name.value),
        _ => false,
    }
}

impl Resolver<'_> {
    pub(super) fn text_value(&mut self, node: &Node, decoded: &str) -> Text {
        let span = node.span;
        let source = self.text.get(span.start..span.end).unwrap_or("");
        let base = if source == decoded {
            Some(span.start)
        } else if source.len() >= 2 && source.get(1..source.len() - 1) == Some(decoded) {
            Some(span.start + 1)
        } else {
            None
        };
        let map = SourceMap { base, whole: span };
        let (text, errors) = parse_text(decoded, map, &|h| {
            self.head_type(h).is_some() || BUILTIN_HEADS.contains(&h) || self.names.is_broken(h)
        });
        for e in errors {
            self.expr_error(e);
        }
        for expr in text.exprs() {
            self.check_expr(expr);
        }
        text
    }

    /// Checks an expression's members against the attributes the schema lists for its head.
    pub(super) fn check_expr(&mut self, expr: &Expr) {
        let head = expr.head.value.as_str();
        if is_builtin(expr) || (BUILTIN_HEADS.contains(&head) && self.names.path(head).is_none()) {
            return self.check_builtin(expr);
        }
        let Some(mut ty) = self.head_type(head) else {
            return;
        };
        let mut ends_on_value = false;
        for (i, member) in expr.members.iter().enumerate() {
            let last = i + 1 == expr.members.len();
            if ends_on_value {
                self.error(
                    member.name.span,
                    format!(
                        "`{}` is a string: it has no attribute `{}`",
                        expr.members[i - 1].name.value,
                        member.name.value
                    ),
                );
                return;
            }
            if ty.is_cfn_attribute(&member.name.value) {
                // `Fn::GetAtt`: the rest of the chain is the attribute (`Endpoint.Address`).
                if let Some(m) = expr.members[i..].iter().find(|m| m.args.is_some()) {
                    self.error(
                        m.name.span,
                        format!("`{}` is not a method: remove the parentheses", m.name.value),
                    );
                }
                return;
            }
            let Some(attr) = ty.attr(&member.name.value) else {
                let name = &member.name.value;
                if std::ptr::eq(ty, &schema::CFN_RESOURCE) {
                    let capitalized = capitalized(name);
                    self.diags.push(
                        Diagnostic::error(
                            member.name.span,
                            format!("CfnResource has no attribute `{name}`: CloudFormation attributes start with a capital letter"),
                        )
                        .with_hint(format!("`ref` is its `Ref`; did you mean `{capitalized}` (`Fn::GetAtt`)?"))
                        .with_fix(format!("Replace with `{capitalized}`"), member.name.span, capitalized),
                    );
                    return;
                }
                let names: Vec<&str> = ty.attrs.iter().map(|a| a.name).collect();
                let mut d = Diagnostic::error(
                    member.name.span,
                    format!("{} has no attribute `{}`", ty.name, member.name.value),
                );
                if let Some(best) = did_you_mean(&member.name.value, names.iter().copied()) {
                    d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                        format!("Replace with `{best}`"),
                        member.name.span,
                        best,
                    );
                } else if names.is_empty() {
                    d = d.with_hint(format!("{} has no attributes", ty.name));
                } else {
                    d = d.with_hint(format!("available: {}", names.join(", ")));
                }
                self.diags.push(d);
                return;
            };
            match (&attr.kind, &member.args) {
                (AttrKind::Method(params), Some(args)) => {
                    if args.len() > params.len() {
                        self.error(
                            member.name.span,
                            format!(
                                "{} takes at most {} arguments: {}",
                                attr.name,
                                params.len(),
                                params.join(", ")
                            ),
                        );
                        return;
                    }
                    ends_on_value = true;
                }
                (AttrKind::Method(params), None) => {
                    self.error(
                        member.name.span,
                        format!(
                            "{} is a method: write `{}({})`",
                            attr.name,
                            attr.name,
                            params.join(", ")
                        ),
                    );
                    return;
                }
                (_, Some(_)) => {
                    self.error(
                        member.name.span,
                        format!("`{}` is not a method: remove the parentheses", attr.name),
                    );
                    return;
                }
                (AttrKind::Value, None) => ends_on_value = true,
                (AttrKind::Child(child), None) => {
                    let Some(child_ty) = schema::find_type(child) else {
                        return;
                    };
                    ty = child_ty;
                    if last {
                        self.error(
                            expr.span,
                            format!("`{}` is a {}, not a value", attr.name, child),
                        )
                        .hint = Some("add an attribute, e.g. `.url`".into());
                    }
                }
            }
        }
        if expr.members.is_empty() {
            self.error(expr.span, "this expression names a construct, not a value")
                .hint = Some("add an attribute, e.g. `.url`".into());
        }
    }

    /// The type of an expression's head: a construct path, or else the id of an authorizer
    /// under `authorizers:` (`${Auth.authorizerId}`).
    pub(super) fn head_type(&self, head: &str) -> Option<&'static schema::TypeDef> {
        if let Some(ty) = self.names.path(head) {
            return Some(ty);
        }
        let index = self.names.object(Role::Authorizer, head)??;
        self.names.object_type(index)
    }

    /// `${Fn.importValue(Name)}` and `${Aws.REGION}`-style pseudo parameters.
    pub(super) fn check_builtin(&mut self, expr: &Expr) {
        let ok = match (expr.head.value.as_str(), expr.members.as_slice()) {
            ("Fn", [m]) => {
                m.name.value == "importValue" && matches!(m.args.as_deref(), Some([Some(_)]))
            }
            ("Aws", [m]) => {
                m.args.is_none()
                    && AWS_PSEUDO_PARAMETERS
                        .iter()
                        .any(|(name, _)| *name == m.name.value)
            }
            _ => false,
        };
        if !ok {
            let hint = if expr.head.value == "Fn" {
                "write `${Fn.importValue(ExportName)}`".to_string()
            } else {
                let names: Vec<&str> = AWS_PSEUDO_PARAMETERS.iter().map(|(n, _)| *n).collect();
                format!(
                    "write one of: {}",
                    names
                        .iter()
                        .map(|n| format!("Aws.{n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            self.error(
                expr.span,
                format!("unsupported `{}` expression", expr.head.value),
            )
            .hint = Some(hint);
        }
    }

    pub(super) fn expr_error(&mut self, e: ExprError) {
        let mut d = Diagnostic::error(e.span, e.message);
        if let Some(head) = e.unknown_head {
            let candidates: Vec<&str> = self.names.all_paths().map(|(p, _)| p).collect();
            if let Some(best) = did_you_mean(&head, candidates) {
                d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                    format!("Replace with `{best}`"),
                    e.span,
                    best,
                );
            } else {
                d = d.with_hint(
                    "an expression starts with the path of an entry under `constructs:`",
                );
            }
        }
        self.diags.push(d);
    }
}
