//! JavaScript's `String.prototype.localeCompare` as Node.js runs it without a locale: ICU's
//! root collation (the CLDR root order, "non-ignorable" punctuation, no numeric ordering). CDK
//! sorts `DependsOn` lists by construct path with it.
//!
//! Exact for ASCII, the characters construct paths are made of in practice:
//! - primary level: whitespace and punctuation first, in CLDR's order (`_ - , ; : ! ? . ' " ( )
//!   [ ] { } @ * / \ & # % ` ^ + < = > | ~ $`), then digits, then letters with `a` and `A`
//!   equal;
//! - tertiary level (only between strings equal at the primary level): lower case before upper
//!   case, position by position;
//! - control characters other than tab, line feed, vertical tab, form feed and carriage return
//!   are ignored.
//!
//! Other characters sort after every ASCII one, by code point (ICU would interleave accented
//! letters with their base letters).

use std::cmp::Ordering;

/// ASCII characters with a primary weight, in CLDR root order; letters follow, one weight per
/// letter whatever its case.
const ORDER: &str = "\t\n\u{0b}\u{0c}\r\u{85} _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789";

/// The collation element of one character: primary weight and whether it is upper case.
fn element(c: char) -> Option<(u32, bool)> {
    if c.is_ascii_alphabetic() {
        let letter = u32::from(c.to_ascii_lowercase()) - u32::from('a');
        return Some((
            ORDER.chars().count() as u32 + 1 + letter,
            c.is_ascii_uppercase(),
        ));
    }
    if let Some(index) = ORDER.chars().position(|o| o == c) {
        return Some((index as u32 + 1, false));
    }
    if c.is_ascii() || c.is_control() {
        return None; // Completely ignorable.
    }
    Some((0x1_0000 + u32::from(c), false))
}

/// `a.localeCompare(b)` under ICU's root collation (see the module docs).
pub fn locale_compare(a: &str, b: &str) -> Ordering {
    let elements = |s: &str| s.chars().filter_map(element).collect::<Vec<_>>();
    let (a, b) = (elements(a), elements(b));
    let primary = |e: &[(u32, bool)]| e.iter().map(|x| x.0).collect::<Vec<_>>();
    let tertiary = |e: &[(u32, bool)]| e.iter().map(|x| x.1).collect::<Vec<_>>();
    primary(&a)
        .cmp(&primary(&b))
        .then_with(|| tertiary(&a).cmp(&tertiary(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs that Node.js's `localeCompare` ordered (tests/data/locale_compare.tsv, generated
    /// from random strings of path characters: case-only differences, prefixes, shared
    /// prefixes).
    #[test]
    fn agrees_with_node_on_generated_pairs() {
        let data = include_str!("../../tests/data/locale_compare.tsv");
        let mut checked = 0;
        for line in data.lines() {
            let mut fields = line.split('\t');
            let (Some(a), Some(b), Some(sign)) = (fields.next(), fields.next(), fields.next())
            else {
                panic!("malformed line {line:?}");
            };
            let expected = match sign {
                "-1" => Ordering::Less,
                "1" => Ordering::Greater,
                _ => Ordering::Equal,
            };
            assert_eq!(locale_compare(a, b), expected, "{a:?} vs {b:?}");
            checked += 1;
        }
        assert!(checked >= 3000);
    }

    #[test]
    fn whitespace_punctuation_digits_letters() {
        let mut chars: Vec<String> = (32u8..127).map(|c| char::from(c).to_string()).collect();
        chars.sort_by(|a, b| locale_compare(a, b));
        assert_eq!(
            chars.concat(),
            " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ"
        );
        assert_eq!(locale_compare("a\u{1}b", "ab"), Ordering::Equal);
        assert_eq!(locale_compare("\t", " "), Ordering::Less);
    }

    #[test]
    fn paths_that_byte_order_sorts_otherwise() {
        let mut paths = vec![
            "Api/Resource",
            "Api/$connect-Route/Resource",
            "Api/Zeta-Route/Resource",
            "Api/broadcast-Route/Resource",
            "Api-2/Resource",
        ];
        paths.sort_by(|a, b| locale_compare(a, b));
        assert_eq!(
            paths,
            [
                "Api-2/Resource",
                "Api/$connect-Route/Resource",
                "Api/broadcast-Route/Resource",
                "Api/Resource",
                "Api/Zeta-Route/Resource"
            ]
        );
    }
}
