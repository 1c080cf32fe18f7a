//! The apex domain of a name, as CDK's `apexDomain` computes it for email validation of
//! certificates: the public suffix (from the list CDK ships, `public_suffixes.txt`: every
//! suffix of its tree, one per line, sorted) and one more label.

use std::sync::OnceLock;

/// The public suffixes, sorted.
fn suffixes() -> &'static [&'static str] {
    static SUFFIXES: OnceLock<Vec<&'static str>> = OnceLock::new();
    SUFFIXES.get_or_init(|| {
        let mut list: Vec<&str> = include_str!("public_suffixes.txt").lines().collect();
        list.sort_unstable();
        list
    })
}

/// `api.example.co.uk` -> `example.co.uk`: labels are taken from the right while they extend a
/// public suffix, then one more.
pub fn apex_domain(name: &str) -> String {
    let labels: Vec<&str> = name.split('.').collect();
    let mut taken = 0;
    while taken < labels.len() {
        taken += 1;
        let suffix = labels[labels.len() - taken..].join(".");
        if suffixes().binary_search(&suffix.as_str()).is_err() {
            break;
        }
    }
    labels[labels.len() - taken..].join(".")
}

#[cfg(test)]
mod tests {
    use super::apex_domain;

    #[test]
    fn apex_domains_as_cdk_computes_them() {
        assert_eq!(apex_domain("api.example.com"), "example.com");
        assert_eq!(apex_domain("*.api.example.co.uk"), "example.co.uk");
        assert_eq!(apex_domain("y.other.org"), "other.org");
        assert_eq!(apex_domain("example.com"), "example.com");
        assert_eq!(apex_domain("com"), "com");
        assert_eq!(apex_domain("a.b.unknowntld"), "unknowntld");
    }
}
