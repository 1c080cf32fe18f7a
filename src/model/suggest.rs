//! "Did you mean" suggestions for misspelt keys, types, members and ids.

/// `word` with its first letter upper-case (CloudFormation spells properties and attributes
/// so: `arn` -> `Arn`).
pub fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The candidate closest to `word`, when one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = if candidate.to_ascii_lowercase() == lower {
            1.0
        } else {
            strsim::jaro_winkler(&lower, &candidate.to_ascii_lowercase())
        };
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_words_only() {
        let keys = ["apiName", "description", "corsPreflight"];
        assert_eq!(did_you_mean("apiname", keys), Some("apiName"));
        assert_eq!(did_you_mean("corsPrefligth", keys), Some("corsPreflight"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }
}
