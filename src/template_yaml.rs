//! The template as YAML (`--format yaml`), written so that YAML 1.1 readers (PyYAML,
//! CloudFormation's tooling habits) and YAML 1.2 readers both read back the same JSON value:
//! a string is written plain only when no reader could take it for anything else (it starts
//! with a letter or `/`, holds only letters, digits and `_ . / - :`, no `: `, and is not a
//! boolean word such as `on`, `yes` or `off`); every other string is double-quoted, with the
//! characters that some reader would fold or refuse escaped.

use std::fmt::Write;

use crate::synth::json::Value;

/// Words that YAML 1.1 or 1.2 reads as booleans or null, in any case.
const KEYWORDS: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null"];

/// Renders a JSON value as a block-style YAML document.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    if is_collection(value) {
        block(value, 0, false, &mut out);
    } else {
        out.push_str(&scalar(value));
        out.push('\n');
    }
    out
}

/// Whether `value` is written as a block (a non-empty mapping or sequence).
fn is_collection(value: &Value) -> bool {
    match value {
        Value::Object(map) => !map.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => false,
    }
}

/// Writes a non-empty mapping or sequence at `indent`; with `inline`, its first line goes on
/// the current line (after a sequence's `- `).
fn block(value: &Value, indent: usize, inline: bool, out: &mut String) {
    let pad = |first: bool, out: &mut String| {
        if !(first && inline) {
            out.push_str(&" ".repeat(indent));
        }
    };
    match value {
        Value::Object(map) => {
            for (i, (key, item)) in map.iter().enumerate() {
                pad(i == 0, out);
                out.push_str(&string(key));
                out.push(':');
                if is_collection(item) {
                    out.push('\n');
                    block(item, indent + 2, false, out);
                } else {
                    out.push(' ');
                    out.push_str(&scalar(item));
                    out.push('\n');
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pad(i == 0, out);
                out.push_str("- ");
                if is_collection(item) {
                    block(item, indent + 2, true, out);
                } else {
                    out.push_str(&scalar(item));
                    out.push('\n');
                }
            }
        }
        _ => {}
    }
}

/// A scalar (or an empty collection) as a flow value.
fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(n),
        Value::String(s) => string(s),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// A number as both YAML versions read it: YAML 1.1 floats need a `.` and a signed exponent.
fn number(n: &serde_json::Number) -> String {
    let text = n.to_string();
    if n.is_f64() && !text.contains('.') {
        if let Some((mantissa, exponent)) = text.split_once(['e', 'E']) {
            let sign = if exponent.starts_with(['-', '+']) {
                ""
            } else {
                "+"
            };
            return format!("{mantissa}.0e{sign}{exponent}");
        }
        return format!("{text}.0");
    }
    text
}

/// A string, plain when that is unambiguous, double-quoted otherwise.
fn string(s: &str) -> String {
    if is_plain_safe(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Controls, DEL and C1 (NEL is a line break in YAML 1.1), the Unicode line and
            // paragraph separators, the byte order mark and the non-characters.
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` reads back as the same string unquoted, in YAML 1.1 and 1.2.
fn is_plain_safe(s: &str) -> bool {
    let bytes = s.as_bytes();
    let Some(first) = bytes.first() else {
        return false;
    };
    let allowed = |b: &u8| b.is_ascii_alphanumeric() || b"_./-:".contains(b);
    (first.is_ascii_alphabetic() || *first == b'/')
        && bytes.iter().all(allowed)
        && !s.ends_with(':')
        && !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::json::json;

    #[test]
    fn ambiguous_strings_are_quoted() {
        for s in [
            "on",
            "Yes",
            "OFF",
            "n",
            "2012-10-17",
            "12:30:00",
            "1e3",
            "0x1F",
            "~",
            "null",
        ] {
            assert!(string(s).starts_with('"'), "{s}");
        }
        for s in [
            "", " a", "a ", "a: b", "#x", "-", "${x}", "a,b", "*a", "&a", "!a", "|", "a:",
        ] {
            assert!(string(s).starts_with('"'), "{s:?}");
        }
        for s in [
            "AWS::ApiGatewayV2::Api",
            "/books",
            "ApiF70053CD",
            "a.b-c_d",
            "onion",
        ] {
            assert_eq!(string(s), s);
        }
        assert_eq!(string("a\"b\\c\nd\u{85}"), "\"a\\\"b\\\\c\\nd\\u0085\"");
    }

    #[test]
    fn block_layout() {
        let v =
            json!({ "A": { "B": [1, { "C": "x", "D": [] }, ["y", "z"]], "E": {} }, "F": 1.5e30 });
        assert_eq!(
            to_yaml(&v),
            "A:\n  B:\n    - 1\n    - C: x\n      D: []\n    - - \"y\"\n      - z\n  E: {}\nF: 1.5e+30\n"
        );
    }
}
