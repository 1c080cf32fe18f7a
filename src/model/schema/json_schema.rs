//! The JSON Schema of the definition format (`grammar/apigw.schema.json`), generated from the
//! schema table so editors with a YAML language server validate and complete without us.

use serde_json::{Map, Value, json};

use super::{
    CFN_RESOURCE, CallShape, Kind, OUTPUT_PROPS, PropDef, Role, STACK_PROPS, TYPES, TypeDef,
};

/// The whole JSON Schema document, each `description` doubled by a `markdownDescription` (the
/// docs hold Markdown code spans, which YAML language servers render only from the latter).
pub fn generate() -> Value {
    let mut schema = document();
    add_markdown_descriptions(&mut schema);
    schema
}

/// Adds `markdownDescription` beside every schema's `description` (values such as `default`
/// or `enum` are data, not schemas, and stay as they are).
fn add_markdown_descriptions(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::String(doc)) = map.get("description") {
                let doc = doc.clone();
                map.insert("markdownDescription".into(), Value::String(doc));
            }
            for (key, value) in map.iter_mut() {
                if !matches!(key.as_str(), "default" | "enum" | "const" | "examples") {
                    add_markdown_descriptions(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(add_markdown_descriptions),
        _ => {}
    }
}

fn document() -> Value {
    let mut defs = Map::new();
    for ty in TYPES {
        defs.insert(ty.name.to_string(), type_schema(ty));
    }
    let dispatch = |role: Role| -> Value {
        let branches: Vec<Value> = TYPES
            .iter()
            .filter(|t| t.role == role)
            .map(|t| {
                json!({
                    "if": { "properties": { "type": type_name_schema(t) }, "required": ["type"] },
                    "then": { "$ref": format!("#/$defs/{}", t.name) }
                })
            })
            .collect();
        let names: Vec<String> = super::class_types()
            .filter(|t| t.role == role)
            .flat_map(spellings)
            .collect();
        let mut type_names = json!({ "enum": names });
        if role == Role::Construct {
            type_names = json!({ "anyOf": [type_names, type_name_schema(&CFN_RESOURCE)] });
        }
        describe(
            &mut type_names,
            "The CDK class name, or a CloudFormation type (`AWS::Logs::LogGroup`) for a `CfnResource`.",
        );
        json!({
            "type": "object",
            "properties": { "type": type_names },
            "allOf": branches
        })
    };
    defs.insert("construct".into(), dispatch(Role::Construct));
    defs.insert("integration".into(), dispatch(Role::Integration));
    defs.insert("authorizer".into(), dispatch(Role::Authorizer));
    let output = json!({
        "anyOf": [
            { "type": "string" },
            struct_schema(OUTPUT_PROPS)
        ]
    });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://github.com/apigw-lsp/apigw-lsp/grammar/apigw.schema.json",
        "title": "apigw-lsp definition file",
        "description": "An API Gateway v2 stack written as data: constructs keyed by CDK construct path.",
        "type": "object",
        "properties": {
            "stack": struct_schema(STACK_PROPS),
            "constructs": {
                "type": "object",
                "description": "Constructs keyed by their CDK construct path (`Id`, `Parent/Id`), in code order; a key `Path.method` is a call entry.",
                "patternProperties": {
                    "\\.[a-z][A-Za-z0-9]*(#.*)?$": { "description": "A call entry: one call of the method on the construct at the path, at its place in code order; its value is what the method key would take." }
                },
                "additionalProperties": { "$ref": "#/$defs/construct" }
            },
            "integrations": {
                "type": "object",
                "description": "Integrations keyed by their CDK id.",
                "additionalProperties": { "$ref": "#/$defs/integration" }
            },
            "authorizers": {
                "type": "object",
                "description": "Authorizers keyed by their CDK id.",
                "additionalProperties": { "$ref": "#/$defs/authorizer" }
            },
            "outputs": {
                "type": "object",
                "description": "Stack outputs: output id to a value or `{ value, description, exportName }`.",
                "additionalProperties": output
            }
        },
        "patternProperties": { "^x-": {} },
        "additionalProperties": false,
        "$defs": defs
    })
}

/// What `type:` holds for `ty`: its class name, plain or qualified by its module
/// (`lambda.Function`), or for `CfnResource` a CloudFormation type.
fn type_name_schema(ty: &TypeDef) -> Value {
    if std::ptr::eq(ty, &CFN_RESOURCE) {
        json!({ "type": "string", "pattern": "^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$" })
    } else {
        json!({ "enum": spellings(ty) })
    }
}

/// The two ways to write a class name: plain and qualified by its module.
fn spellings(ty: &TypeDef) -> [String; 2] {
    [
        ty.name.to_string(),
        format!("{}.{}", ty.module.qualifier(), ty.name),
    ]
}

fn type_schema(ty: &TypeDef) -> Value {
    let mut properties = Map::new();
    // A child CDK creates (`HttpRoute`) is never written with `type:`.
    if ty.role != Role::Child {
        properties.insert("type".into(), type_name_schema(ty));
    }
    if ty.role.is_object() && ty.keyed {
        properties.insert(
            "id".into(),
            json!({ "type": "string", "description": "The CDK id (inline integrations only)." }),
        );
    } else if !ty.role.is_object() {
        properties.insert(
            "dependsOn".into(),
            json!({ "type": "array", "items": { "type": "string" }, "description": "Construct paths this one depends on." }),
        );
    }
    for prop in ty.props {
        properties.insert(prop.name.into(), prop_schema(prop));
    }
    for import in ty.imports {
        let mut s = kind_schema(&import.arg);
        describe(&mut s, import.doc);
        properties.insert(import.name.into(), s);
    }
    for method in ty.methods {
        let item = struct_schema(method.params);
        let mut s = match method.shape {
            CallShape::List => match method.bare_param() {
                // An item may be the bare first argument (`addApiKey: [Key]`).
                Some(first) => {
                    let bare = kind_schema(&first.kind);
                    let one = json!({ "anyOf": [item, bare] });
                    json!({ "anyOf": [ { "type": "array", "items": one }, item, bare ] })
                }
                None => json!({ "anyOf": [ { "type": "array", "items": item }, item ] }),
            },
            CallShape::Keyed => keyed_calls(item),
            CallShape::KeyedValue => {
                let value = method
                    .params
                    .first()
                    .map_or(json!({}), |p| kind_schema(&p.kind));
                keyed_calls(value)
            }
        };
        describe(&mut s, method.doc);
        properties.insert(method.name.into(), s);
    }
    let required: Vec<&str> = ty
        .props
        .iter()
        .filter(|p| p.required)
        .map(|p| p.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "description": ty.doc,
        "properties": properties,
        "additionalProperties": false
    });
    if let Value::Object(map) = &mut schema
        && !required.is_empty()
    {
        let mut alternatives = vec![json!({ "required": required })];
        alternatives.extend(ty.imports.iter().map(|i| json!({ "required": [i.name] })));
        map.insert("anyOf".into(), Value::Array(alternatives));
    }
    schema
}

/// Keyed calls: a map by the first argument, or a list of such maps.
fn keyed_calls(value: Value) -> Value {
    let map = json!({ "type": "object", "additionalProperties": value });
    json!({ "anyOf": [map, { "type": "array", "items": map }] })
}

fn describe(schema: &mut Value, doc: &str) {
    if let Value::Object(map) = schema {
        map.insert("description".into(), Value::String(doc.into()));
    }
}

fn prop_schema(prop: &PropDef) -> Value {
    let mut s = kind_schema(&prop.kind);
    let doc = match prop.default {
        Some(default) => format!("{} Default: {default}.", prop.doc),
        None => prop.doc.to_string(),
    };
    describe(&mut s, &doc);
    s
}

fn struct_schema(props: &[PropDef]) -> Value {
    let mut properties = Map::new();
    for prop in props {
        properties.insert(prop.name.into(), prop_schema(prop));
    }
    let required: Vec<&str> = props
        .iter()
        .filter(|p| p.required)
        .map(|p| p.name)
        .collect();
    let mut s =
        json!({ "type": "object", "properties": properties, "additionalProperties": false });
    if let Value::Object(map) = &mut s
        && !required.is_empty()
    {
        map.insert("required".into(), json!(required));
    }
    s
}

/// A metric method call: `Path.metricX`, or `{ Path.metricX: options }`.
fn metric_calls() -> Vec<Value> {
    let options = match struct_schema(super::GENERIC_METRIC_OPTIONS) {
        Value::Object(mut map) => {
            map.remove("required");
            Value::Object(map)
        }
        other => other,
    };
    vec![
        json!({ "type": "string", "pattern": "\\.metric[A-Za-z]*$" }),
        json!({
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "propertyNames": { "pattern": "\\.metric[A-Za-z]*$" },
            "additionalProperties": options
        }),
    ]
}

fn kind_schema(kind: &Kind) -> Value {
    match kind {
        // The schema decides a value's type, not YAML: `stageName: 1.10` is the string "1.10".
        Kind::String => json!({ "type": ["string", "number", "boolean"] }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Number => json!({ "type": "number" }),
        Kind::Integer => json!({ "type": "integer" }),
        Kind::Duration => json!({
            "type": "string",
            "pattern": "^([0-9]+(\\.[0-9]+)? *(millis?|milliseconds?|ms|seconds?|s|minutes?|m|hours?|h|days?|d)|P.+)$"
        }),
        Kind::Enum(def) => {
            let mut options = Vec::new();
            if !def.members.is_empty() {
                let names: Vec<&str> = def.members.iter().map(|m| m.name).collect();
                options.push(json!({ "enum": names }));
            }
            for factory in def.factories {
                options.push(json!({
                    "type": "object",
                    "properties": { factory.name: kind_schema(&factory.arg) },
                    "required": [factory.name],
                    "additionalProperties": false
                }));
            }
            json!({ "anyOf": options })
        }
        Kind::Construct(_) => json!({ "type": "string" }),
        Kind::Object(types) => {
            // A construct type among them (an imported `HttpAuthorizer`) is a path: a string.
            let inline: Vec<Value> = types
                .iter()
                .filter(|t| super::find_type(t).is_some_and(|t| t.role.is_object()))
                .map(|t| json!({ "$ref": format!("#/$defs/{t}") }))
                .collect();
            json!({ "anyOf": [ { "type": "string" }, { "anyOf": inline } ] })
        }
        Kind::List(inner) => json!({ "type": "array", "items": kind_schema(inner) }),
        Kind::Map(inner) => json!({ "type": "object", "additionalProperties": kind_schema(inner) }),
        Kind::Struct(props) => struct_schema(props),
        Kind::Json => json!({}),
        Kind::Metric => {
            let mut forms = metric_calls();
            // `{ MathExpression: {...} }`, whose metrics are metric calls.
            let math: Vec<(String, Value)> = super::MATH_EXPRESSION_PROPS
                .iter()
                .map(|p| {
                    let schema = match p.kind {
                        Kind::Metric | Kind::Map(Kind::Metric) => json!({
                            "type": "object",
                            "additionalProperties": { "anyOf": metric_calls() }
                        }),
                        _ => kind_schema(&p.kind),
                    };
                    (p.name.to_string(), schema)
                })
                .collect();
            forms.push(json!({
                "type": "object",
                "properties": { "MathExpression": {
                    "type": "object",
                    "properties": Value::Object(math.into_iter().collect()),
                    "required": ["expression", "usingMetrics"],
                    "additionalProperties": false
                } },
                "required": ["MathExpression"],
                "additionalProperties": false
            }));
            json!({ "anyOf": forms })
        }
        // Any key, as `ParameterMapping.custom` takes it (API Gateway's keys get a warning).
        Kind::ParameterMapping => json!({
            "type": "object",
            "additionalProperties": { "type": "string" }
        }),
    }
}
