//! Tests of [`context`](super::context), and the helpers the tests of the submodules share:
//! a fixture with a `$0` cursor, and the context there rendered on one line.

use super::*;

/// A path as `constructs / HttpApi / addRoutes / 0`.
fn render_path(path: &[Segment]) -> String {
    let parts: Vec<String> = path.iter().map(ToString::to_string).collect();
    parts.join(" / ")
}

/// Strips the `$0` marker: the text and the cursor's offset.
fn fixture(s: &str) -> (String, usize) {
    let offset = s.find("$0").expect("fixture has a $0 cursor");
    (s.replacen("$0", "", 1), offset)
}

/// The context at the marker, rendered on one line.
pub(super) fn check(s: &str) -> String {
    let (text, offset) = fixture(s);
    let a = Analysis::of_text(&text);
    let Some(c) = context(&a, offset) else {
        return "none".into();
    };
    let spot = match c.spot {
        Spot::Key => "key",
        Spot::Value => "value",
    };
    let place = match c.spot {
        Spot::Key => c.key_place(),
        Spot::Value => c.place,
    };
    let mut out = format!(
        "{spot} at [{}] word {:?} place {}",
        render_path(&c.path),
        a.slice(c.word),
        place_name(place)
    );
    if c.flow {
        out.push_str(" flow");
    }
    if c.needs_space {
        out.push_str(" needs-space");
    }
    if let Some(e) = &c.expr {
        out.push_str(&format!(
            " expr head {:?} members {:?} at {:?} word {:?}",
            e.head,
            e.members,
            e.at,
            a.slice(e.word)
        ));
    }
    out
}

fn place_name(p: Place) -> String {
    match p {
        Place::Document => "document".into(),
        Place::Constructs => "constructs".into(),
        Place::Construct { ty, explicit } => format!(
            "construct {}{}",
            ty.map_or("?", |t| t.name),
            match (explicit, ty) {
                (true, _) => "",
                (false, Some(_)) => " (created)",
                (false, None) => " (no type)",
            }
        ),
        Place::Objects(role) => role.section().unwrap_or_default().into(),
        Place::Object {
            role, ty, inline, ..
        } => format!(
            "{} {}{}",
            role.noun(),
            ty.map_or("?", |t| t.name),
            if inline { " inline" } else { "" }
        ),
        Place::Outputs => "outputs".into(),
        Place::Output => "output".into(),
        Place::Calls(m) => format!("calls {}", m.name),
        Place::CallItem(m) => format!("call of {}", m.name),
        Place::Props(defs) => format!(
            "props {}",
            defs.iter().map(|d| d.name).collect::<Vec<_>>().join(",")
        ),
        Place::Value { kind, prop } => format!(
            "value {}{}",
            kind.describe(),
            prop.map_or(String::new(), |p| format!(" of {}", p.name))
        ),
        Place::TypeName { role, .. } => format!("type name {role:?}"),
        Place::MappingValue => "mapping value".into(),
        Place::Unknown => "unknown".into(),
    }
}

pub(super) const API: &str = "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  HttpApi:\n    type: HttpApi\n";

#[test]
fn never_panics_and_handles_multibyte_text() {
    let text =
        "# é 🚀\nconstructs:\n  Api:\n    type: HttpApi\n    description: \"🚀 ünïcode\"\n    ";
    let a = Analysis::of_text(text);
    for offset in 0..=text.len() + 3 {
        let _ = context(&a, offset);
    }
    assert_eq!(
        check("constructs:\n  Api:\n    description: \"🚀 ${Api.$0\"\n    type: HttpApi\n"),
        "value at [constructs / Api / description] word \"Api.\" place value string of description expr head Some(\"Api\") members [] at Member word \"\""
    );
    assert_eq!(check("# a comment $0\n"), "none");
    let _ = context(&Analysis::of_text(""), 5);
}
