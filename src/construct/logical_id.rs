//! Logical IDs exactly as CDK's `makeUniqueId`: a readable prefix of the construct path plus
//! an 8-character MD5 hash of the path.

use md5::{Digest, Md5};

const HIDDEN_FROM_HUMAN_ID: &str = "Resource";
const HIDDEN_ID: &str = "Default";
const HASH_LEN: usize = 8;
const MAX_HUMAN_LEN: usize = 240;
const MAX_ID_LEN: usize = 255;

/// The logical ID of a construct path (components below the stack), as CDK computes it.
pub fn make_unique_id(components: &[&str]) -> String {
    let components: Vec<&str> = components
        .iter()
        .copied()
        .filter(|c| *c != HIDDEN_ID)
        .collect();
    if let [only] = components.as_slice() {
        let candidate = remove_non_alphanumeric(only);
        if candidate.len() <= MAX_ID_LEN {
            return candidate;
        }
    }
    let hash = path_hash(&components);
    let mut human: String = remove_dupes(&components)
        .into_iter()
        .filter(|c| *c != HIDDEN_FROM_HUMAN_ID)
        .map(remove_non_alphanumeric)
        .collect();
    human.truncate(MAX_HUMAN_LEN);
    human + &hash
}

fn path_hash(components: &[&str]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let digest = Md5::digest(components.join("/").as_bytes());
    let mut hash = String::with_capacity(HASH_LEN);
    for byte in digest.iter().take(HASH_LEN / 2) {
        hash.push(char::from(HEX[usize::from(byte >> 4)]));
        hash.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    hash
}

fn remove_non_alphanumeric(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Drops a component when the previous kept one ends with it (`Api/Api` reads as `Api`).
fn remove_dupes<'a>(path: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for component in path {
        if out.last().is_none_or(|last| !last.ends_with(component)) {
            out.push(component);
        }
    }
    out
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
}
