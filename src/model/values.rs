//! Scalar conversions the schema asks for: booleans, numbers and durations as CDK reads them.

use super::{Duration, TimeUnit};

/// A YAML plain scalar as a boolean.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// A YAML plain scalar as a finite number.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty()
        || t.chars()
            .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A duration: `<n> <unit>` with CDK's units (singular or plural), or ISO 8601 (`PT5M`).
pub fn parse_duration(s: &str) -> Option<Duration> {
    let t = s.trim();
    if let Some(iso) = t.strip_prefix('P') {
        return parse_iso8601(iso);
    }
    let (amount, unit) = t.split_once(char::is_whitespace)?;
    let amount = parse_number(amount).filter(|a| *a >= 0.0)?;
    let unit = match unit.trim() {
        "milli" | "millis" | "millisecond" | "milliseconds" | "ms" => TimeUnit::Millis,
        "second" | "seconds" | "s" => TimeUnit::Seconds,
        "minute" | "minutes" | "m" => TimeUnit::Minutes,
        "hour" | "hours" | "h" => TimeUnit::Hours,
        "day" | "days" | "d" => TimeUnit::Days,
        _ => return None,
    };
    Some(Duration { amount, unit })
}

/// `P[nD][T[nH][nM][nS]]`, as CDK's `Duration.parse` (days, hours, minutes, seconds).
fn parse_iso8601(rest: &str) -> Option<Duration> {
    let mut millis = 0.0;
    let mut in_time = false;
    let mut number = String::new();
    let mut any = false;
    for c in rest.chars() {
        match c {
            'T' if !in_time && number.is_empty() => in_time = true,
            '0'..='9' | '.' => number.push(c),
            _ => {
                let n: f64 = number.parse().ok()?;
                number.clear();
                let unit = match (c, in_time) {
                    ('D', false) => TimeUnit::Days,
                    ('H', true) => TimeUnit::Hours,
                    ('M', true) => TimeUnit::Minutes,
                    ('S', true) => TimeUnit::Seconds,
                    _ => return None,
                };
                millis += n * unit.millis();
                any = true;
            }
        }
    }
    (any && number.is_empty()).then_some(Duration {
        amount: millis / 1_000.0,
        unit: TimeUnit::Seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(
            parse_duration("10 days").map(|d| d.to_millis()),
            Some(864_000_000.0)
        );
        assert_eq!(
            parse_duration("1 minute").map(|d| d.unit),
            Some(TimeUnit::Minutes)
        );
        assert_eq!(
            parse_duration("2500 millis").map(|d| d.to_millis()),
            Some(2500.0)
        );
        assert_eq!(
            parse_duration("PT5M").map(|d| d.to_millis()),
            Some(300_000.0)
        );
        assert_eq!(
            parse_duration("P1DT1H").map(|d| d.to_millis()),
            Some(90_000_000.0)
        );
        assert_eq!(parse_duration("5 fortnights"), None);
        assert_eq!(parse_duration("five seconds"), None);
        assert_eq!(parse_duration("-1 seconds"), None);
    }

    #[test]
    fn numbers_and_bools() {
        assert_eq!(parse_number("2.5"), Some(2.5));
        assert_eq!(parse_number("nan"), None);
        assert_eq!(parse_number("1e400"), None);
        assert_eq!(parse_bool("true"), Some(true));
        assert_eq!(parse_bool("yes"), None);
    }
}
