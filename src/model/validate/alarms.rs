//! What CDK throws about metrics and alarms, and what CloudWatch rejects that CDK lets through.

use crate::diagnostic::Diagnostic;
use crate::model::statistic::{self, Statistic};
use crate::model::{Construct, MetricRef, Props, ValueKind};

/// An alarm's metric and its evaluation settings.
pub(super) fn check_alarm(construct: &Construct, diags: &mut Vec<Diagnostic>) {
    let props = &construct.props;
    match props.get("metric").map(|v| &v.kind) {
        Some(ValueKind::Metric(metric)) => check_metric(metric, diags),
        Some(ValueKind::MathExpression(math)) => check_math_expression(math, diags),
        _ => {}
    }
    let number = |name: &str| match props.get(name).map(|v| &v.kind) {
        Some(ValueKind::Number(n)) => Some(*n),
        _ => None,
    };
    if let (Some(datapoints), Some(periods)) =
        (number("datapointsToAlarm"), number("evaluationPeriods"))
        && datapoints > periods
        && let Some(prop) = props.prop("datapointsToAlarm")
    {
        diags.push(
            Diagnostic::warning(
                prop.value.span,
                format!(
                    "datapointsToAlarm ({datapoints}) is more than evaluationPeriods ({periods}): CloudWatch rejects the alarm"
                ),
            )
            .with_hint("at most `evaluationPeriods` periods can breach"),
        );
    }
}

/// A math expression: CDK refuses identifiers that are not variable names, and warns about
/// identifiers the expression uses without a metric, and about metric periods it overrides.
fn check_math_expression(math: &Props, diags: &mut Vec<Diagnostic>) {
    let Some(ValueKind::Map(using)) = math.get("usingMetrics").map(|v| &v.kind) else {
        return;
    };
    for (id, value) in using {
        if !is_variable(&id.value) {
            diags.push(
                Diagnostic::error(
                    id.span,
                    format!(
                        "Invalid variable names in expression: {}. Must start with lowercase letter and only contain alphanumerics.",
                        id.value
                    ),
                )
                .with_hint("start the identifier with a lower-case letter (`e4`, `errors`)"),
            );
        }
        if let ValueKind::Metric(metric) = &value.kind {
            check_metric(metric, diags);
        }
    }
    let period = match math.get("period").map(|v| &v.kind) {
        Some(ValueKind::Duration(d)) => d.to_millis() / 1000.0,
        _ => 300.0,
    };
    let overridden = using.iter().find_map(|(_, value)| {
        let ValueKind::Metric(metric) = &value.kind else {
            return None;
        };
        let own = metric.options.get("period")?;
        let ValueKind::Duration(d) = &own.kind else {
            return None;
        };
        let seconds = d.to_millis() / 1000.0;
        (seconds != 300.0 && seconds != period).then_some(own.span)
    });
    let Some(expression) = math.get("expression") else {
        return;
    };
    let ValueKind::Text(text) = &expression.kind else {
        return;
    };
    let Some(literal) = text.as_literal() else {
        return;
    };
    if let Some(at) = overridden {
        diags.push(Diagnostic::warning(
            at,
            format!(
                "Periods of metrics in 'usingMetrics' for Math expression '{literal}' have been overridden to {period} seconds."
            ),
        ));
    }
    let upper = literal.to_ascii_uppercase();
    let searches = ["INSIGHT_RULE_METRIC", "SELECT", "SEARCH", "METRICS"]
        .iter()
        .any(|word| has_word(&upper, word));
    let missing: Vec<String> = identifiers(&literal)
        .into_iter()
        .filter(|i| !using.iter().any(|(id, _)| id.value == *i))
        .collect();
    if !searches && !missing.is_empty() {
        diags.push(
            Diagnostic::warning(
                expression.span,
                format!(
                    "Math expression '{literal}' references unknown identifiers: {}. Please add them to the 'usingMetrics' map.",
                    missing.join(", ")
                ),
            ),
        );
    }
}

/// CDK's `VARIABLE_PAT`: a lower-case letter, then letters, digits and `_`.
fn is_variable(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The identifiers CDK finds in an expression: every run matching `[a-z][a-zA-Z0-9_]*`
/// outside quoted strings.
fn identifiers(expression: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    let mut current: Option<String> = None;
    for c in expression.chars() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match current.as_mut() {
            Some(run) if c.is_ascii_alphanumeric() || c == '_' => run.push(c),
            _ => {
                if let Some(run) = current.take() {
                    out.push(run);
                }
                if c == '"' || c == '\'' {
                    quote = Some(c);
                } else if c.is_ascii_lowercase() {
                    current = Some(c.to_string());
                }
            }
        }
    }
    out.extend(current);
    out
}

/// Whether `word` occurs in `text` between word boundaries.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'));
        boundary(before) && boundary(after)
    })
}

/// A metric's period (CDK refuses what CloudWatch cannot aggregate) and statistic (CDK warns
/// about one it does not know).
fn check_metric(metric: &MetricRef, diags: &mut Vec<Diagnostic>) {
    let options = &metric.options;
    if let Some(period) = options.get("period")
        && let ValueKind::Duration(d) = &period.kind
    {
        let seconds = d.to_millis() / 1000.0;
        let valid = seconds.fract() == 0.0
            && (matches!(seconds as u64, 1 | 5 | 10 | 30) || (seconds as u64).is_multiple_of(60))
            && seconds > 0.0;
        if !valid {
            diags.push(
                Diagnostic::error(
                    period.span,
                    format!(
                        "'period' must be 1, 5, 10, 30, or a multiple of 60 seconds, received {}",
                        seconds
                    ),
                )
                .with_hint("use `1 minute`, `5 minutes`, `1 hour`, ..."),
            );
        }
    }
    if let Some(stat) = options.get("statistic")
        && let ValueKind::Text(text) = &stat.kind
        && let Some(literal) = text.as_literal()
        && let Statistic::Unrecognized(_) = statistic::parse(&literal)
    {
        diags.push(
            Diagnostic::warning(
                stat.span,
                format!("Unrecognized statistic \"{literal}\": CloudWatch may reject it"),
            )
            .with_hint("`Average`, `Sum`, `SampleCount`, `Minimum`, `Maximum`, or a percentile such as `p99`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::identifiers;

    #[test]
    fn identifiers_as_cdk_finds_them() {
        assert_eq!(identifiers("100 * (e4 + e5) / n"), ["e4", "e5", "n"]);
        assert_eq!(identifiers("FILL(m1, 0) + \"text x\""), ["m1"]);
        // CDK's pattern has no word boundary: the `b` of `Ab` is an identifier too.
        assert_eq!(identifiers("Ab + SUM(METRICS())"), ["b"]);
    }
}
