//! CloudWatch statistics as CDK parses them (`parseStatistic`): simple statistics by any of
//! their names, percentiles and the other single and range statistics, or text CloudWatch may
//! know that CDK does not.

/// A statistic, normalized.
#[derive(Clone, Debug, PartialEq)]
pub enum Statistic {
    /// `Average`, `Sum`, `SampleCount`, `Minimum` or `Maximum` (an alarm's `Statistic`).
    Simple(&'static str),
    /// A percentile or other extended statistic (an alarm's `ExtendedStatistic`).
    Extended(String),
    /// Text CDK does not recognize: passed through as an extended statistic, with a warning.
    Unrecognized(String),
}

impl Statistic {
    /// The statistic as CloudWatch gets it.
    pub fn text(&self) -> &str {
        match self {
            Statistic::Simple(s) => s,
            Statistic::Extended(s) | Statistic::Unrecognized(s) => s,
        }
    }
}

/// Parses a statistic as CDK does.
pub fn parse(stat: &str) -> Statistic {
    let lower = stat.to_ascii_lowercase();
    let simple = match lower.as_str() {
        "average" | "avg" => Some("Average"),
        "minimum" | "min" => Some("Minimum"),
        "maximum" | "max" => Some("Maximum"),
        "samplecount" | "n" => Some("SampleCount"),
        "sum" => Some("Sum"),
        _ => None,
    };
    if let Some(simple) = simple {
        return Statistic::Simple(simple);
    }
    if lower == "iqm" {
        return Statistic::Extended("IQM".into());
    }
    // `p99`, `tm90.5`, ...: lower case.
    for prefix in ["p", "tm", "wm", "tc", "ts"] {
        if let Some(rest) = lower.strip_prefix(prefix)
            && rest.parse::<f64>().is_ok_and(|n| n > 0.0 && n <= 100.0)
            && !rest.starts_with('+')
        {
            return Statistic::Extended(lower);
        }
    }
    // `TM(10%:90%)`, `PR(:300)`, ...: upper case.
    let upper = stat.to_ascii_uppercase();
    for prefix in ["PR(", "TM(", "WM(", "TC(", "TS("] {
        if let Some(inner) = upper.strip_prefix(prefix).and_then(|r| r.strip_suffix(')'))
            && inner.contains(':')
        {
            return Statistic::Extended(upper);
        }
    }
    Statistic::Unrecognized(stat.to_string())
}

#[cfg(test)]
mod tests {
    use super::{Statistic, parse};

    #[test]
    fn statistics_as_cdk_parses_them() {
        assert_eq!(parse("sum"), Statistic::Simple("Sum"));
        assert_eq!(parse("n"), Statistic::Simple("SampleCount"));
        assert_eq!(parse("P99"), Statistic::Extended("p99".into()));
        assert_eq!(parse("tm99.9"), Statistic::Extended("tm99.9".into()));
        assert_eq!(
            parse("tm(10%:90%)"),
            Statistic::Extended("TM(10%:90%)".into())
        );
        assert_eq!(parse("iqm"), Statistic::Extended("IQM".into()));
        assert_eq!(parse("p101"), Statistic::Unrecognized("p101".into()));
        assert_eq!(parse("median"), Statistic::Unrecognized("median".into()));
    }
}
