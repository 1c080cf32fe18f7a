//! Logical IDs exactly as CDK's `makeUniqueId`: a readable prefix of the construct path plus
//! an 8-character MD5 hash of the path.

use md5::{Digest, Md5};

const HIDDEN_FROM_HUMAN_ID: &str = "Resource";
/// The construct id CDK leaves out of logical IDs (`Default`).
pub const HIDDEN_ID: &str = "Default";
const HASH_LEN: usize = 8;
const MAX_HUMAN_LEN: usize = 240;
const MAX_ID_LEN: usize = 255;

/// The logical ID of a construct path (components below the stack), as CDK computes it.
pub fn make_unique_id(components: &[&str]) -> String {
    match id_key(components) {
        IdKey::Unhashed(id) => id,
        IdKey::Hashed(path) => {
            // The readable part: components without consecutive repeats (a component the
            // previous kept one ends with), without `Resource`, letters and digits only.
            let mut id: Vec<u8> = Vec::with_capacity(path.len() + HASH_LEN);
            let mut last: Option<&str> = None;
            for component in path.split('/') {
                if last.is_some_and(|l| l.ends_with(component)) {
                    continue;
                }
                last = Some(component);
                if component != HIDDEN_FROM_HUMAN_ID {
                    id.extend(component.bytes().filter(u8::is_ascii_alphanumeric));
                }
            }
            id.truncate(MAX_HUMAN_LEN);
            push_path_hash(&path, &mut id);
            // Only ASCII letters and digits were written.
            String::from_utf8(id).unwrap_or_default()
        }
    }
}

/// What decides a path's logical ID, cheaper to compute than the ID: a top-level id's
/// readable form (no hash), or the path without `Default` components (which the hash covers).
/// Two paths with different keys have different logical IDs, except where an unhashed id
/// happens to read like a hashed one ([`looks_hashed`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IdKey {
    /// A single component short enough to be its own logical ID.
    Unhashed(String),
    /// The `/`-joined components that the hash is computed from.
    Hashed(String),
}

/// The [`IdKey`] of a construct path (components below the stack).
pub fn id_key(components: &[&str]) -> IdKey {
    let kept = || components.iter().copied().filter(|c| *c != HIDDEN_ID);
    let mut first_two = kept();
    if let (Some(only), None) = (first_two.next(), first_two.next()) {
        let candidate = remove_non_alphanumeric(only);
        if candidate.len() <= MAX_ID_LEN {
            return IdKey::Unhashed(candidate);
        }
    }
    let mut path = String::with_capacity(kept().map(|c| c.len() + 1).sum());
    for (i, component) in kept().enumerate() {
        if i > 0 {
            path.push('/');
        }
        path.push_str(component);
    }
    IdKey::Hashed(path)
}

/// Whether an unhashed logical ID ends like a hashed one (8 upper-case hex digits), so that it
/// could equal another path's hashed ID.
pub fn looks_hashed(id: &str) -> bool {
    id.len() > HASH_LEN
        && id.as_bytes()[id.len() - HASH_LEN..]
            .iter()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b))
}

/// Appends the first 8 hex digits of the MD5 of a `/`-joined path.
fn push_path_hash(path: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let digest = Md5::digest(path.as_bytes());
    for byte in digest.iter().take(HASH_LEN / 2) {
        out.push(HEX[usize::from(byte >> 4)]);
        out.push(HEX[usize::from(byte & 0x0f)]);
    }
}

fn remove_non_alphanumeric(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

#[cfg(test)]
mod tests {
    use super::make_unique_id;

    #[test]
    fn matches_cdk_templates() {
        assert_eq!(make_unique_id(&["HttpApi", "Resource"]), "HttpApiF5A9A8A7");
        assert_eq!(
            make_unique_id(&["HttpApi", "DefaultStage", "Resource"]),
            "HttpApiDefaultStage3EEB07D6"
        );
        assert_eq!(
            make_unique_id(&["HttpApi", "GET--books", "GetBooksIntegration", "Resource"]),
            "HttpApiGETbooksGetBooksIntegration62C21291"
        );
        assert_eq!(
            make_unique_id(&["BookStoreDefaultFn", "ServiceRole", "Resource"]),
            "BookStoreDefaultFnServiceRoleF4BAC886"
        );
        assert_eq!(
            make_unique_id(&["Stack", "BooksDefaultFn"]),
            "StackBooksDefaultFnA55F8CF2"
        );
        assert_eq!(make_unique_id(&["ApiEndpoint"]), "ApiEndpoint");
    }

    #[test]
    fn default_is_dropped_and_long_ids_truncate() {
        assert_eq!(
            make_unique_id(&["Api", "Default", "Resource"]),
            make_unique_id(&["Api", "Resource"])
        );
        let long = "a".repeat(300);
        let id = make_unique_id(&[&long, "Resource"]);
        assert_eq!(id.len(), 248);
    }

    #[test]
    fn id_keys_decide_logical_ids() {
        use super::{IdKey, id_key, looks_hashed};
        let paths: &[&[&str]] = &[
            &["Api", "Resource"],
            &["Api", "Default", "Resource"],
            &["Api", "GET--books", "Default", "Resource"],
            &["Api", "GET--books", "Resource"],
            &["Api-Url"],
            &["ApiUrl"],
            &["Default", "Api"],
        ];
        for a in paths {
            for b in paths {
                assert_eq!(
                    id_key(a) == id_key(b),
                    make_unique_id(a) == make_unique_id(b),
                    "{a:?} {b:?}"
                );
            }
        }
        assert_eq!(id_key(&["Api-Url"]), IdKey::Unhashed("ApiUrl".into()));
        assert!(looks_hashed(&make_unique_id(&["Api", "Resource"])));
        assert!(!looks_hashed("ApiUrl") && !looks_hashed("ABCDEF12"));
    }
}
