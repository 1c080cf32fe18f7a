//! Placeholders for new values: a value for a prop of a given kind that resolves without
//! errors where it can (an existing construct or integration of the right type, a sensible
//! scalar), and new entries with their required props.

use super::context::Ctx;
use super::edits::{Snip, render_flow_value};
use crate::model::schema::{Kind, PropDef, TypeDef};

impl Ctx<'_> {
    /// A value for a prop of `kind` named `name` that resolves without errors where it can.
    pub(super) fn placeholder(&self, name: &str, kind: &'static Kind) -> Snip {
        let raw = |s: &str| Snip::Raw(s.to_string());
        match kind {
            Kind::String => raw(match name {
                "path" => "/",
                "url" => "https://example.com",
                "handler" => "index.handler",
                "stageName" => "dev",
                "fromInline" => "\"exports.handler = async () => ({ statusCode: 200 });\"",
                _ => "\"\"",
            }),
            Kind::Bool => raw("false"),
            Kind::Number | Kind::Integer => raw("0"),
            Kind::Duration => raw("30 seconds"),
            Kind::Enum(e) => {
                let member = e
                    .members
                    .iter()
                    .find(|m| m.name.ends_with("_LATEST"))
                    .or_else(|| e.members.first());
                if let Some(m) = member {
                    return raw(m.name);
                }
                match e.factories.first() {
                    Some(f) => {
                        Snip::Map(vec![(f.name.to_string(), self.placeholder(f.name, &f.arg))])
                    }
                    None => raw("\"\""),
                }
            }
            Kind::Construct(types) => {
                let existing = self.a.checked.model.constructs.iter().find(|c| {
                    c.ty.is_some_and(|t| types.is_empty() || types.contains(&t.name))
                });
                match (existing, types.first()) {
                    (Some(c), _) => raw(&self.key_text(&c.path.value, true)),
                    (None, Some(t)) => raw(&format!("My{t}")),
                    (None, None) => raw("\"\""),
                }
            }
            Kind::Object(types) => {
                let existing = self
                    .integration_ids()
                    .into_iter()
                    .find(|(_, t)| types.contains(t));
                match existing {
                    Some((id, _)) => raw(&self.key_text(&id, true)),
                    None => raw("MyIntegration"),
                }
            }
            Kind::List(inner) => match self.placeholder(name, inner) {
                Snip::Raw(v) => Snip::Raw(format!("[{v}]")),
                map @ Snip::Map(_) => Snip::Raw(format!("[{}]", render_flow_value(&map))),
            },
            Kind::Map(_) | Kind::ParameterMapping => raw("{}"),
            Kind::Metric => {
                let existing = self.a.checked.model.constructs.iter().find_map(|c| {
                    let first = c.ty?.metrics.first()?;
                    Some(format!("{}.{}", c.path.value, first.name))
                });
                raw(&existing.unwrap_or_else(|| "MyApi.metricServerError".into()))
            }
            Kind::Json => raw("\"\""),
            Kind::Struct(defs) => {
                let wanted =
                    |d: &&PropDef| d.required || matches!(d.name, "destination" | "format");
                Snip::Map(
                    defs.iter()
                        .filter(wanted)
                        .map(|d| (d.name.to_string(), self.placeholder(d.name, &d.kind)))
                        .collect(),
                )
            }
        }
    }

    /// A new entry of type `ty`: `type:` and its required props.
    pub(super) fn new_entry(&self, ty: &'static TypeDef) -> Snip {
        let mut fields = vec![("type".to_string(), Snip::Raw(ty.name.to_string()))];
        for def in ty.props.iter().filter(|d| d.required) {
            fields.push((def.name.to_string(), self.placeholder(def.name, &def.kind)));
        }
        Snip::Map(fields)
    }

    /// The ids under `integrations:` and their `type:`.
    fn integration_ids(&self) -> Vec<(String, &str)> {
        let Some(section) = self.a.root().and_then(|r| r.get("integrations")) else {
            return Vec::new();
        };
        section
            .as_map()
            .unwrap_or(&[])
            .iter()
            .filter_map(|e| Some((e.key.as_str()?.to_string(), e.value.get("type")?.as_str()?)))
            .collect()
    }
}
