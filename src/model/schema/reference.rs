//! The README's definition-format reference (markdown), generated from the schema table.

use super::{
    AWS_PSEUDO_PARAMETERS, AttrKind, CallShape, Kind, OUTPUT_PROPS, PropDef, Role, SECTIONS,
    STACK_PROPS, TYPES,
};

/// The reference as markdown, without the surrounding README markers.
pub fn generate() -> String {
    let mut out = String::new();
    out.push_str("### Top level\n\n| key | what it holds |\n|---|---|\n");
    for section in SECTIONS {
        out.push_str(&format!("| `{}` | {} |\n", section.name, section.doc));
    }
    out.push_str("| `x-...` | Ignored: a place for YAML anchors of shared snippets. |\n\n");
    out.push_str("#### Built-in expressions\n\n| expression | CloudFormation |\n|---|---|\n");
    out.push_str("| `${Fn.importValue(Name)}` | `Fn::ImportValue` of the export `Name` |\n");
    for (name, reference) in AWS_PSEUDO_PARAMETERS {
        out.push_str(&format!("| `${{Aws.{name}}}` | `Ref {reference}` |\n"));
    }
    out.push('\n');
    out.push_str("#### `stack:`\n\n");
    props_table(&mut out, STACK_PROPS);
    out.push_str("#### An output written as a map\n\n");
    props_table(&mut out, OUTPUT_PROPS);
    for role in [
        Role::Construct,
        Role::Integration,
        Role::Authorizer,
        Role::Child,
    ] {
        out.push_str(match role {
            Role::Construct => "### Constructs (under `constructs:`)\n\n",
            Role::Integration => {
                "### Integrations (under `integrations:`, or inline with `id:`)\n\n"
            }
            Role::Authorizer => {
                "### Authorizers (under `authorizers:`, or inline: with `id:` where CDK gives them one)\n\n"
            }
            Role::Child => "### Created by methods (referred to by their path)\n\n",
        });
        for ty in TYPES.iter().filter(|t| t.role == role) {
            // A child CDK creates is never written with `type:`.
            let heading = if role == Role::Child {
                format!("`{}`", ty.name)
            } else if std::ptr::eq(*ty, &super::CFN_RESOURCE) {
                "`type: AWS::Service::Resource` (any CloudFormation type)".to_string()
            } else {
                format!("`type: {}`", ty.name)
            };
            out.push_str(&format!(
                "#### {heading} ({})\n\n{}\n\n",
                ty.module.qualifier(),
                ty.doc
            ));
            if !ty.props.is_empty() {
                props_table(&mut out, ty.props);
            }
            for import in ty.imports {
                out.push_str(&format!(
                    "- import `{}:` {} — {}\n",
                    import.name,
                    import.arg.describe(),
                    import.doc
                ));
            }
            for method in ty.methods {
                let shape = match method.shape {
                    CallShape::List if method.key.is_empty() => "a list of calls".to_string(),
                    CallShape::List => {
                        format!("a list of calls; an item may be the bare `{}`", method.key)
                    }
                    CallShape::Keyed => format!("a map keyed by `{}`", method.key),
                    CallShape::KeyedValue => format!("a map of `{}` to value", method.key),
                };
                out.push_str(&format!(
                    "- method `{}:` ({shape}) — {}\n",
                    method.name, method.doc
                ));
                if method.shape != CallShape::KeyedValue {
                    for p in method.params {
                        out.push_str(&format!(
                            "  - `{}`{}: {} — {}\n",
                            p.name,
                            required(p),
                            p.kind.describe(),
                            p.doc
                        ));
                    }
                }
            }
            for attr in ty.attrs {
                let form = match &attr.kind {
                    AttrKind::Value => format!("`${{Id.{}}}`", attr.name),
                    AttrKind::Child(t) => format!("`${{Id.{}.…}}` ({t})", attr.name),
                    AttrKind::Method(params) => {
                        format!("`${{Id.{}({})}}`", attr.name, params.join(", "))
                    }
                };
                out.push_str(&format!("- attribute {form} — {}\n", attr.doc));
            }
            out.push('\n');
        }
    }
    out.push_str("### Enums\n\n");
    let mut seen: Vec<&str> = Vec::new();
    for ty in TYPES {
        collect_enums(ty.props, &mut seen, &mut out);
        for method in ty.methods {
            collect_enums(method.params, &mut seen, &mut out);
        }
    }
    out
}

fn required(p: &PropDef) -> &'static str {
    if p.required { " (required)" } else { "" }
}

fn props_table(out: &mut String, props: &[PropDef]) {
    out.push_str("| key | value | default | description |\n|---|---|---|---|\n");
    for p in props {
        let default = match (p.required, p.default) {
            (true, _) => "required".to_string(),
            (false, Some(d)) => format!("`{d}`"),
            (false, None) => "—".to_string(),
        };
        out.push_str(&format!(
            "| `{}` | {} | {default} | {} |\n",
            p.name,
            p.kind.describe().replace('|', "\\|"),
            p.doc.replace('|', "\\|")
        ));
        if let Kind::Struct(inner) = p.kind {
            for q in inner {
                out.push_str(&format!(
                    "| `{}.{}` | {} | {} | {} |\n",
                    p.name,
                    q.name,
                    q.kind.describe(),
                    q.default.map_or("—".into(), |d| format!("`{d}`")),
                    q.doc
                ));
            }
        }
    }
    out.push('\n');
}

fn collect_enums(props: &[PropDef], seen: &mut Vec<&'static str>, out: &mut String) {
    for p in props {
        let mut kind = &p.kind;
        while let Kind::List(inner) = kind {
            kind = inner;
        }
        match kind {
            Kind::Enum(def) if !seen.contains(&def.name) => {
                seen.push(def.name);
                let members: Vec<String> = def
                    .members
                    .iter()
                    .map(|m| format!("`{}`", m.name))
                    .collect();
                let factories: Vec<String> = def
                    .factories
                    .iter()
                    .map(|f| format!("`{{ {}: … }}`", f.name))
                    .collect();
                let all: Vec<String> = members.into_iter().chain(factories).collect();
                out.push_str(&format!("- **{}**: {}\n", def.name, all.join(", ")));
            }
            Kind::Struct(inner) => collect_enums(inner, seen, out),
            _ => {}
        }
    }
}
