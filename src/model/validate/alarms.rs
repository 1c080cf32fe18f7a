//! What CDK throws about metrics and alarms, and what CloudWatch rejects that CDK lets through.

use crate::diagnostic::Diagnostic;
use crate::model::statistic::{self, Statistic};
use crate::model::{Construct, MetricRef, ValueKind};

/// An alarm's metric and its evaluation settings.
pub(super) fn check_alarm(construct: &Construct, diags: &mut Vec<Diagnostic>) {
    let props = &construct.props;
    if let Some(ValueKind::Metric(metric)) = props.get("metric").map(|v| &v.kind) {
        check_metric(metric, diags);
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
