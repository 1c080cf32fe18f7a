//! Metrics of APIs and stages as values (`Kind::Metric`): `Api.metricServerError`, or
//! `{ Api.metricServerError: { period: 1 minute } }` with options.

use super::Resolver;
use crate::diagnostic::Diagnostic;
use crate::model::schema::{
    GENERIC_METRIC_OPTIONS, HTTP_API, MATH_EXPRESSION_PROPS, METRIC_OPTIONS, TypeDef,
};
use crate::model::suggest::did_you_mean;
use crate::model::{MetricRef, Props, Spanned, Value, ValueKind};
use crate::syntax::{Node, NodeValue, Span};

const HINT: &str = "write `Path.metricName` (`Api.metricServerError`), or `{ Api.metricServerError: { period: 1 minute } }`";

impl Resolver<'_> {
    /// Resolves a metric value.
    pub(super) fn metric(&mut self, node: &Node) -> Option<Value> {
        let (call, call_span, options) = match &node.value {
            NodeValue::Scalar(s) => (&*s.text, node.span, None),
            NodeValue::Map(entries) if entries.len() == 1 => {
                let entry = entries.first()?;
                let call = entry.key.as_str()?;
                (call, entry.key.span, Some(&entry.value))
            }
            _ => {
                self.diags.push(
                    Diagnostic::error(node.span, "expected a metric of an API or stage")
                        .with_hint(HINT),
                );
                return None;
            }
        };
        if call == "MathExpression" {
            let options = options?;
            if self.in_math_expression {
                self.diags.push(
                    Diagnostic::error(
                        call_span,
                        "math expressions inside math expressions are not supported here",
                    )
                    .with_hint("write the inner expression out in the outer one"),
                );
                return None;
            }
            self.in_math_expression = true;
            let props = self.props(
                options,
                MATH_EXPRESSION_PROPS,
                "in `MathExpression`",
                call_span,
            );
            self.in_math_expression = false;
            return Some(Value {
                kind: ValueKind::MathExpression(props?),
                span: node.span,
            });
        }
        let Some((path, method)) = call.rsplit_once('.') else {
            self.diags.push(
                Diagnostic::error(call_span, format!("`{call}` names no metric method"))
                    .with_hint(HINT),
            );
            return None;
        };
        let Some(ty) = self.names.path(path) else {
            if !self.is_broken(path) {
                let candidates = self
                    .names
                    .all_paths()
                    .filter(|(_, t)| !t.metrics.is_empty())
                    .map(|(p, _)| p);
                let mut d = Diagnostic::error(call_span, format!("unknown construct `{path}`"));
                if let Some(best) = did_you_mean(path, candidates) {
                    d = d.with_fix(
                        format!("Replace with `{best}.{method}`"),
                        call_span,
                        format!("{best}.{method}"),
                    );
                }
                self.diags.push(d);
            }
            return None;
        };
        let Some(def) = ty.metrics.iter().find(|m| m.name == method) else {
            self.unknown_metric(path, method, ty, call_span);
            return None;
        };
        let defs = if def.metric_name.is_some() {
            METRIC_OPTIONS
        } else {
            GENERIC_METRIC_OPTIONS
        };
        let options = match options {
            Some(options) => self.props(options, defs, &format!("in `{call}`"), call_span)?,
            None if def.metric_name.is_none() => {
                self.diags.push(
                    Diagnostic::error(call_span, "`metric` needs the metric's name")
                        .with_hint(format!("write `{{ {call}: {{ metricName: 4xx }} }}`")),
                );
                return None;
            }
            None => Props {
                items: Vec::new(),
                span: Span::new(call_span.end, call_span.end),
            },
        };
        let target = Spanned {
            value: path.to_string(),
            span: Span::new(call_span.start, call_span.start + path.len()),
        };
        Some(Value {
            kind: ValueKind::Metric(Box::new(MetricRef {
                target,
                def,
                options,
                call: call_span,
            })),
            span: node.span,
        })
    }

    /// The error for a metric method `ty` does not have.
    fn unknown_metric(&mut self, path: &str, method: &str, ty: &TypeDef, at: Span) {
        if ty.metrics.is_empty() {
            self.diags.push(Diagnostic::error(
                at,
                format!("`{path}` is a {}, which has no metrics", ty.name),
            ));
            return;
        }
        let message = format!("`{path}` ({}) has no metric method `{method}`", ty.name);
        // A named metric of HTTP APIs on a type that has only `metric(metricName)`.
        let named = HTTP_API.metrics.iter().find(|m| m.name == method);
        let generic_only = ty.metrics.iter().all(|m| m.metric_name.is_none());
        let d = match named.and_then(|m| m.metric_name.map(|name| (name, m.statistic))) {
            Some((name, statistic)) if generic_only => {
                let statistic = statistic
                    .map(|s| format!(", statistic: {s}"))
                    .unwrap_or_default();
                Diagnostic::error(at, message).with_hint(format!(
                    "a {} has only `metric`: write `{{ {path}.metric: {{ metricName: {name}{statistic} }} }}`",
                    ty.name
                ))
            }
            _ => match did_you_mean(method, ty.metrics.iter().map(|m| m.name)) {
                Some(best) => Diagnostic::error(at, message).with_fix(
                    format!("Replace with `{path}.{best}`"),
                    at,
                    format!("{path}.{best}"),
                ),
                None => {
                    let names: Vec<&str> = ty.metrics.iter().map(|m| m.name).collect();
                    Diagnostic::error(at, message)
                        .with_hint(format!("one of: {}", names.join(", ")))
                }
            },
        };
        self.diags.push(d);
    }
}
