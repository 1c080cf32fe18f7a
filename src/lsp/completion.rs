//! Completion, driven by the schema table through the cursor's [`context`].
//!
//! - Keys valid at the cursor and not written yet: sections, `type`, props, methods, imports and
//!   `dependsOn` in a construct, struct props, call options, inline integration keys, `stack`
//!   and output keys. Each comes with its doc and, where the key has a shape, a snippet at the
//!   cursor's indentation (block) or on one line (flow): structs open a nested mapping, booleans
//!   and enums offer their choices, list-shaped methods insert a first call with their options
//!   up to the last required one (`addRoutes` -> `path`, `methods`, `integration`).
//! - Values: type names of the section (constructs or integrations), enum members (the value
//!   CloudFormation receives as detail) and factories, `true`/`false`, paths of constructs of the
//!   accepted types (CDK-created children included), integration ids of accepted types and
//!   inline integration snippets.
//! - Inside `${`: entry paths, `Fn` and `Aws`; after `Head.` the head type's attributes (methods
//!   as snippets); after a child attribute (`defaultStage.`) the child type's; inside
//!   `arnForExecuteApi(` the methods, the API's route paths and its stage names (and route keys
//!   for `arnForExecuteApiV2`).
//! - `$context.*` variables in string values whose prop name contains `format`, and request
//!   sources (`$request.header.`, ...) and `$context.*` in parameter mapping values.
//!
//! Every item replaces the word at the cursor through a text edit.

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    InsertTextMode, MarkupContent, MarkupKind, TextEdit,
};

use super::analysis::Analysis;
use super::context::{self, CursorContext, ExprAt, ExprCursor, KeyDef, Place, Segment, Spot};
use super::convert::to_range;
use super::hover::{
    attr_markdown, key_detail, key_markdown, member_markdown, owner_name, type_markdown,
};
use crate::model::ValueKind;
use crate::model::resolve::AWS_PSEUDO_PARAMETERS;
use crate::model::schema::{
    self, AttrKind, CallShape, HTTP_METHOD, Kind, MethodDef, PropDef, TypeDef,
};
use crate::syntax::Span;

/// Characters after which clients ask for completion.
pub const TRIGGER_CHARACTERS: &[&str] = &[":", " ", "$", "{", ".", "(", ","];

/// API Gateway's `$context` variables usable in access log formats and parameter mappings,
/// with a short doc each.
pub static CONTEXT_VARIABLES: &[(&str, &str)] = &[
    ("requestId", "The ID API Gateway assigns to the request."),
    (
        "extendedRequestId",
        "The same as `requestId` for HTTP APIs (the extended ID of REST APIs).",
    ),
    ("accountId", "The API owner's AWS account ID."),
    ("apiId", "The ID API Gateway assigns to the API."),
    ("stage", "The stage the request was made to."),
    (
        "routeKey",
        "The route the request matched (`GET /pets`, `$default`).",
    ),
    ("httpMethod", "The request's HTTP method."),
    ("path", "The request path (`/prod/pets`)."),
    ("protocol", "The request protocol (`HTTP/1.1`)."),
    ("status", "The response status code."),
    ("responseLength", "The response payload length in bytes."),
    ("responseLatency", "The response latency in milliseconds."),
    (
        "requestTime",
        "The request time in CLF format (`dd/MMM/yyyy:HH:mm:ss +-hhmm`).",
    ),
    (
        "requestTimeEpoch",
        "The request time in epoch milliseconds.",
    ),
    ("domainName", "The full domain name used to invoke the API."),
    ("domainPrefix", "The first label of `domainName`."),
    (
        "identity.sourceIp",
        "The source IP address of the TCP connection.",
    ),
    ("identity.userAgent", "The caller's `User-Agent` header."),
    (
        "identity.accountId",
        "The caller's AWS account ID (IAM authorization).",
    ),
    (
        "identity.caller",
        "The principal identifier of the caller that signed the request (IAM authorization).",
    ),
    (
        "identity.user",
        "The principal identifier of the user (IAM authorization).",
    ),
    (
        "identity.userArn",
        "The ARN of the user after authentication (IAM authorization).",
    ),
    ("error.message", "The API Gateway error message."),
    (
        "error.messageString",
        "The quoted value of `error.message` (JSON-safe).",
    ),
    (
        "error.responseType",
        "The gateway response type of the error.",
    ),
    (
        "authorizer.error",
        "The error message an authorizer returned.",
    ),
    (
        "authorizer.principalId",
        "The principal ID a Lambda authorizer returned.",
    ),
    (
        "integration.error",
        "The error message an integration returned.",
    ),
    (
        "integration.integrationStatus",
        "For a Lambda proxy integration, the status code Lambda returned.",
    ),
    (
        "integration.latency",
        "The integration latency in milliseconds.",
    ),
    (
        "integration.requestId",
        "The request ID of the AWS endpoint behind the integration.",
    ),
    (
        "integration.status",
        "The status code the integration returned.",
    ),
    (
        "integrationErrorMessage",
        "The integration's error message.",
    ),
    (
        "integrationLatency",
        "The integration latency in milliseconds.",
    ),
    (
        "integrationStatus",
        "For a Lambda proxy integration, the status code Lambda returned.",
    ),
    (
        "awsEndpointRequestId",
        "The request ID of the AWS endpoint (`x-amz-request-id`).",
    ),
    (
        "customDomain.basePathMatched",
        "The API mapping path a request to a custom domain matched.",
    ),
    ("dataProcessed", "The amount of data processed, in bytes."),
    ("connectionId", "WebSocket: the connection's ID."),
    (
        "connectedAt",
        "WebSocket: the connection time, in epoch milliseconds.",
    ),
    (
        "eventType",
        "WebSocket: `CONNECT`, `MESSAGE` or `DISCONNECT`.",
    ),
    ("messageId", "WebSocket: the message's ID."),
];

/// Request data a parameter mapping value may read (besides `$context.*`).
const MAPPING_SOURCES: &[(&str, &str)] = &[
    (
        "$request.header.",
        "A request header: `$request.header.<name>`.",
    ),
    (
        "$request.querystring.",
        "A query string parameter: `$request.querystring.<name>`.",
    ),
    (
        "$request.path.",
        "A path parameter: `$request.path.<name>`, or `$request.path` for the whole path.",
    ),
    (
        "$request.body.",
        "A JSON path into the request body (WebSocket): `$request.body.<path>`.",
    ),
    (
        "$stageVariables.",
        "A stage variable: `$stageVariables.<name>`.",
    ),
];

/// Parameter mapping keys: an action and a location.
const MAPPING_KEYS: &[(&str, &str)] = &[
    ("append:header.", "Appends a header sent to the backend."),
    (
        "overwrite:header.",
        "Replaces a header sent to the backend.",
    ),
    (
        "remove:header.",
        "Removes a header before the request reaches the backend.",
    ),
    (
        "append:querystring.",
        "Appends a query string parameter sent to the backend.",
    ),
    (
        "overwrite:querystring.",
        "Replaces a query string parameter sent to the backend.",
    ),
    ("remove:querystring.", "Removes a query string parameter."),
    ("overwrite:path", "Replaces the path sent to the backend."),
];

/// Completion items at `offset`.
pub fn complete(a: &Analysis, offset: usize) -> Vec<CompletionItem> {
    let Some(c) = context::context(a, offset) else {
        return Vec::new();
    };
    let mut b = Builder {
        a,
        items: Vec::new(),
    };
    if let Some(e) = &c.expr {
        expr_items(&mut b, &c, e);
        return b.items;
    }
    match c.spot {
        Spot::Key => key_items(&mut b, &c),
        Spot::Value => value_items(&mut b, &c),
    }
    b.items
}

/// One item before it becomes a [`CompletionItem`].
struct New {
    label: String,
    kind: CompletionItemKind,
    detail: String,
    doc: String,
    insert: String,
    snippet: bool,
    range: Span,
    filter: Option<String>,
}

struct Builder<'a> {
    a: &'a Analysis,
    items: Vec<CompletionItem>,
}

impl Builder<'_> {
    fn push(&mut self, mut new: New) {
        let multi_line = new.insert.contains('\n');
        if multi_line && self.a.text.contains("\r\n") {
            new.insert = new.insert.replace('\n', "\r\n");
        }
        let item = CompletionItem {
            label: new.label,
            kind: Some(new.kind),
            detail: (!new.detail.is_empty()).then_some(new.detail),
            documentation: (!new.doc.is_empty()).then_some(Documentation::MarkupContent(
                MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: new.doc,
                },
            )),
            sort_text: Some(format!("{:04}", self.items.len())),
            filter_text: new.filter,
            insert_text_format: Some(if new.snippet {
                InsertTextFormat::SNIPPET
            } else {
                InsertTextFormat::PLAIN_TEXT
            }),
            // Snippets carry their own indentation.
            insert_text_mode: multi_line.then_some(InsertTextMode::AS_IS),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: to_range(self.a, new.range),
                new_text: new.insert,
            })),
            ..CompletionItem::default()
        };
        self.items.push(item);
    }
}

/// Escapes text for a snippet.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Keys.

fn key_items(b: &mut Builder<'_>, c: &CursorContext<'_>) {
    let place = c.key_place();
    if let Place::Value {
        kind: Kind::ParameterMapping,
        ..
    } = place
    {
        for (key, doc) in MAPPING_KEYS {
            b.push(New {
                label: (*key).to_string(),
                kind: CompletionItemKind::PROPERTY,
                detail: "parameter mapping key".into(),
                doc: (*doc).to_string(),
                insert: (*key).to_string(),
                snippet: false,
                range: c.word,
                filter: None,
            });
        }
        return;
    }
    let existing = c.existing_keys();
    let typed_key_follows =
        b.a.text
            .get(c.word.end..)
            .is_some_and(|t| t.trim_start_matches([' ', '\t']).starts_with(':'));
    let owner = owner_name(place, &c.path);
    let mut keys = place.keys();
    keys.sort_by_key(|k| match k {
        KeyDef::Type { .. } | KeyDef::Id => 0,
        KeyDef::Prop(p) if p.required => 1,
        _ => 2,
    });
    for def in keys {
        let Some(name) = def.name() else { continue };
        if existing.contains(&name) {
            continue;
        }
        let (insert, snippet) = if typed_key_follows {
            (name.to_string(), false)
        } else {
            (key_snippet(def, name, c), true)
        };
        b.push(New {
            label: name.to_string(),
            kind: key_kind(def),
            detail: key_detail(def),
            doc: key_markdown(def, owner.as_deref()),
            insert,
            snippet,
            range: c.word,
            filter: None,
        });
    }
}

fn key_kind(def: KeyDef) -> CompletionItemKind {
    match def {
        KeyDef::Section(_) => CompletionItemKind::MODULE,
        KeyDef::Type { .. } | KeyDef::DependsOn => CompletionItemKind::KEYWORD,
        KeyDef::Method(_) => CompletionItemKind::METHOD,
        KeyDef::Import(_) | KeyDef::Factory(_) => CompletionItemKind::CONSTRUCTOR,
        _ => CompletionItemKind::PROPERTY,
    }
}

/// A value written after `key:`: on the same line, or as nested lines (relative to the
/// key's children's indentation).
enum Snip {
    Inline(String),
    Block(Vec<String>),
}

/// Numbers a snippet's tab stops.
struct Tabs(u32);

impl Tabs {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }

    fn stop(&mut self, placeholder: &str) -> String {
        let n = self.next();
        if placeholder.is_empty() {
            format!("${n}")
        } else {
            format!("${{{n}:{}}}", esc(placeholder))
        }
    }

    fn choice(&mut self, options: &[&str]) -> String {
        let n = self.next();
        format!("${{{n}|{}|}}", options.join(","))
    }
}

/// The snippet of a value of `kind`; `placeholder` names what to type.
fn kind_snippet(kind: &Kind, tabs: &mut Tabs, flow: bool, placeholder: &str) -> Snip {
    match kind {
        Kind::Bool => Snip::Inline(tabs.choice(&["true", "false"])),
        Kind::Enum(e) if !e.members.is_empty() => {
            let names: Vec<&str> = e.members.iter().map(|m| m.name).collect();
            Snip::Inline(tabs.choice(&names))
        }
        Kind::Enum(e) => match e.factories {
            [f] => Snip::Inline(format!("{{ {}: {} }}", f.name, tabs.stop(""))),
            factories => {
                let names: Vec<&str> = factories.iter().map(|f| f.name).collect();
                let key = tabs.choice(&names);
                Snip::Inline(format!("{{ {key}: {} }}", tabs.stop("")))
            }
        },
        Kind::List(inner) => match inner {
            Kind::Struct(_) if flow => Snip::Inline(format!("[{{ {} }}]", tabs.stop(""))),
            Kind::Struct(_) => Snip::Block(vec![format!("- {}", tabs.stop(""))]),
            Kind::Enum(e) if !e.members.is_empty() => {
                let names: Vec<&str> = e.members.iter().map(|m| m.name).collect();
                Snip::Inline(format!("[{}]", tabs.choice(&names)))
            }
            _ => Snip::Inline(format!("[{}]", tabs.stop(""))),
        },
        Kind::Map(_) | Kind::Struct(_) | Kind::ParameterMapping => {
            if flow {
                Snip::Inline(format!("{{ {} }}", tabs.stop("")))
            } else {
                Snip::Block(vec![tabs.stop("")])
            }
        }
        Kind::String
        | Kind::Number
        | Kind::Integer
        | Kind::Duration
        | Kind::Construct(_)
        | Kind::Integration(_) => Snip::Inline(tabs.stop(placeholder)),
    }
}

/// `key: value` or `key:` with nested lines, indented for a key at `column`.
fn with_key(name: &str, snip: Snip, column: usize) -> String {
    match snip {
        Snip::Inline(v) => format!("{name}: {v}"),
        Snip::Block(lines) => {
            let indent = " ".repeat(column + 2);
            let mut out = format!("{name}:");
            for line in lines {
                out.push('\n');
                out.push_str(&indent);
                out.push_str(&line);
            }
            out
        }
    }
}

/// What a snippet proposes to type for a parameter.
fn placeholder(p: &PropDef) -> &'static str {
    match (p.name, &p.kind) {
        ("path", Kind::String) => "/path",
        (_, Kind::Construct(_) | Kind::Integration(_)) => "",
        (name, _) => name,
    }
}

fn key_snippet(def: KeyDef, name: &str, c: &CursorContext<'_>) -> String {
    let mut tabs = Tabs(0);
    match def {
        KeyDef::Section(_) => {
            let nested = if c.flow {
                Snip::Inline(format!("{{ {} }}", tabs.stop("")))
            } else {
                Snip::Block(vec![tabs.stop("")])
            };
            with_key(name, nested, c.column)
        }
        KeyDef::DependsOn => format!("{name}: [{}]", tabs.stop("")),
        KeyDef::Type { .. } | KeyDef::Id => format!("{name}: {}", tabs.stop("")),
        KeyDef::Import(i) => with_key(name, kind_snippet(&i.arg, &mut tabs, c.flow, ""), c.column),
        KeyDef::Factory(f) => with_key(name, kind_snippet(&f.arg, &mut tabs, c.flow, ""), c.column),
        KeyDef::Prop(p) => with_key(name, kind_snippet(&p.kind, &mut tabs, c.flow, ""), c.column),
        KeyDef::Method(m) => method_snippet(m, c),
        _ => format!("{}: {}", esc(name), tabs.stop("")),
    }
}

/// The options a call snippet fills in: every parameter up to the last required one.
fn call_params(m: &MethodDef) -> &'static [PropDef] {
    let last_required = m.params.iter().rposition(|p| p.required);
    match last_required {
        Some(i) => m.params.get(..=i).unwrap_or(&[]),
        None => &[],
    }
}

fn method_snippet(m: &'static MethodDef, c: &CursorContext<'_>) -> String {
    let mut tabs = Tabs(0);
    let params = call_params(m);
    let mut options: Vec<String> = Vec::new();
    for p in params {
        let value = match kind_snippet(&p.kind, &mut tabs, true, placeholder(p)) {
            Snip::Inline(v) => v,
            Snip::Block(_) => tabs.stop(""),
        };
        options.push(format!("{}: {value}", p.name));
    }
    let name = m.name;
    let indent = |n: usize| " ".repeat(c.column + n);
    match m.shape {
        CallShape::List => {
            if c.flow {
                if options.is_empty() {
                    return format!("{name}: [{{ {} }}]", tabs.stop(""));
                }
                return format!("{name}: [{{ {} }}]", options.join(", "));
            }
            if options.is_empty() {
                return format!("{name}:\n{}- {}", indent(2), tabs.stop(""));
            }
            let mut out = format!("{name}:");
            for (i, option) in options.iter().enumerate() {
                let lead = if i == 0 { "- " } else { "  " };
                out.push_str(&format!("\n{}{lead}{option}", indent(2)));
            }
            out
        }
        CallShape::Keyed => {
            let mut tabs_key = Tabs(0);
            let key = tabs_key.stop(m.key);
            // Renumber: the key is the first stop, the options follow.
            let options: Vec<String> = renumber(&options, 1);
            if c.flow {
                let inner = if options.is_empty() {
                    format!("{{ {} }}", tabs_key.stop(""))
                } else {
                    format!("{{ {} }}", options.join(", "))
                };
                return format!("{name}: {{ {key}: {inner} }}");
            }
            let mut out = format!("{name}:\n{}{key}:", indent(2));
            if options.is_empty() {
                out.push_str(&format!("\n{}{}", indent(4), tabs_key.stop("")));
            }
            for option in &options {
                out.push_str(&format!("\n{}{option}", indent(4)));
            }
            out
        }
        CallShape::KeyedValue => {
            let mut tabs = Tabs(0);
            let key = tabs.stop(m.key);
            let value = match m.params.first() {
                Some(p) => match kind_snippet(&p.kind, &mut tabs, true, placeholder(p)) {
                    Snip::Inline(v) => v,
                    Snip::Block(_) => tabs.stop(""),
                },
                None => tabs.stop(""),
            };
            if c.flow {
                format!("{name}: {{ {key}: {value} }}")
            } else {
                format!("{name}:\n{}{key}: {value}", indent(2))
            }
        }
    }
}

/// Shifts the tab stop numbers of snippet parts by `by` (`$1` -> `$2`, `${1:x}` -> `${2:x}`).
fn renumber(parts: &[String], by: u32) -> Vec<String> {
    parts
        .iter()
        .map(|part| {
            let mut out = String::with_capacity(part.len());
            let mut chars = part.chars().peekable();
            while let Some(ch) = chars.next() {
                out.push(ch);
                if ch == '\\' {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                    continue;
                }
                if ch != '$' {
                    continue;
                }
                if chars.peek() == Some(&'{') {
                    out.push('{');
                    chars.next();
                }
                let mut digits = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                match digits.parse::<u32>() {
                    Ok(n) => out.push_str(&(n + by).to_string()),
                    Err(_) => out.push_str(&digits),
                }
            }
            out
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Values.

fn value_items(b: &mut Builder<'_>, c: &CursorContext<'_>) {
    if dollar_items(b, c) {
        return;
    }
    // Text before the word (`type: HttpApi |`): the value is written already.
    let written = c
        .value_start
        .and_then(|start| b.a.text.get(start..c.word.start))
        .is_some_and(|t| !t.trim().is_empty());
    if written {
        return;
    }
    let lead = if c.needs_space { " " } else { "" };
    match c.place {
        Place::TypeName { role, accepted } => {
            for t in schema::TYPES
                .iter()
                .filter(|t| t.role == role && (accepted.is_empty() || accepted.contains(&t.name)))
            {
                b.push(New {
                    label: t.name.to_string(),
                    kind: CompletionItemKind::CLASS,
                    detail: super::hover::module_name(t.module).to_string(),
                    doc: type_markdown(t),
                    insert: format!("{lead}{}", t.name),
                    snippet: false,
                    range: c.word,
                    filter: None,
                });
            }
        }
        Place::Value { kind, .. } => kind_values(b, c, kind, false),
        _ => {}
    }
}

/// Values of `kind`; `wrap` writes each as a one-item list (the cursor is where a list goes).
fn kind_values(b: &mut Builder<'_>, c: &CursorContext<'_>, kind: &Kind, wrap: bool) {
    let lead = if c.needs_space { " " } else { "" };
    let write = |v: &str| {
        if wrap {
            format!("{lead}[{v}]")
        } else {
            format!("{lead}{v}")
        }
    };
    let label = |v: &str| {
        if wrap {
            format!("[{v}]")
        } else {
            v.to_string()
        }
    };
    let filter = |v: &str| wrap.then(|| v.to_string());
    match kind {
        Kind::Bool => {
            let doc = match c.place {
                Place::Value { prop: Some(p), .. } => key_markdown(KeyDef::Prop(p), None),
                _ => String::new(),
            };
            for v in ["true", "false"] {
                b.push(New {
                    label: label(v),
                    kind: CompletionItemKind::VALUE,
                    detail: "boolean".into(),
                    doc: doc.clone(),
                    insert: write(v),
                    snippet: false,
                    range: c.word,
                    filter: filter(v),
                });
            }
        }
        Kind::Enum(e) => {
            for m in e.members {
                b.push(New {
                    label: label(m.name),
                    kind: CompletionItemKind::ENUM_MEMBER,
                    detail: format!("→ {}", m.value),
                    doc: member_markdown(e, m),
                    insert: write(m.name),
                    snippet: false,
                    range: c.word,
                    filter: filter(m.name),
                });
            }
            if !wrap {
                for f in e.factories {
                    let mut tabs = Tabs(0);
                    let arg = match kind_snippet(&f.arg, &mut tabs, true, "") {
                        Snip::Inline(v) => v,
                        Snip::Block(_) => tabs.stop(""),
                    };
                    let arg = if matches!(f.arg, Kind::String) {
                        format!("\"{arg}\"")
                    } else {
                        arg
                    };
                    b.push(New {
                        label: format!("{{ {}: … }}", f.name),
                        kind: CompletionItemKind::CONSTRUCTOR,
                        detail: format!("{}.{} · {}", e.name, f.name, f.arg.describe()),
                        doc: f.doc.to_string(),
                        insert: format!("{lead}{{ {}: {arg} }}", f.name),
                        snippet: true,
                        range: c.word,
                        filter: Some(f.name.to_string()),
                    });
                }
            }
        }
        Kind::Construct(types) => {
            let own = match c.path.as_slice() {
                [Segment::Key(section), Segment::Key(path), ..] if section == "constructs" => {
                    Some(path.as_str())
                }
                _ => None,
            };
            for p in &c.known.paths {
                if !types.is_empty() && !types.contains(&p.ty.name) {
                    continue;
                }
                // Not the entry itself, nor a child of it.
                if own.is_some_and(|o| {
                    p.path == o || p.path.strip_prefix(o).is_some_and(|r| r.starts_with('/'))
                }) {
                    continue;
                }
                let mut detail = p.ty.name.to_string();
                if p.created {
                    detail.push_str(" · created by CDK");
                }
                b.push(New {
                    label: label(&p.path),
                    kind: CompletionItemKind::REFERENCE,
                    detail,
                    doc: type_markdown(p.ty),
                    insert: write(&p.path),
                    snippet: false,
                    range: c.word,
                    filter: filter(&p.path),
                });
            }
        }
        Kind::Integration(types) => {
            for i in &c.known.integrations {
                let Some(ty) = i.ty.filter(|t| types.contains(&t.name)) else {
                    continue;
                };
                b.push(New {
                    label: label(&i.id),
                    kind: CompletionItemKind::REFERENCE,
                    detail: ty.name.to_string(),
                    doc: type_markdown(ty),
                    insert: write(&i.id),
                    snippet: false,
                    range: c.word,
                    filter: filter(&i.id),
                });
            }
            if !wrap {
                for name in types.iter() {
                    let Some(ty) = schema::find_type(name) else {
                        continue;
                    };
                    b.push(New {
                        label: format!("{{ type: {name}, id: … }}"),
                        kind: CompletionItemKind::SNIPPET,
                        detail: format!("inline {name}"),
                        doc: type_markdown(ty),
                        insert: format!("{lead}{}", inline_integration(ty)),
                        snippet: true,
                        range: c.word,
                        filter: Some(name.to_string()),
                    });
                }
            }
        }
        Kind::List(inner) if !wrap => kind_values(b, c, inner, true),
        _ => {}
    }
}

/// `{ type: X, id: Id, <required props> }`.
fn inline_integration(ty: &TypeDef) -> String {
    let mut tabs = Tabs(0);
    let mut parts = vec![
        format!("type: {}", ty.name),
        format!("id: {}", tabs.stop(&format!("{}Id", ty.name))),
    ];
    for p in ty.props.iter().filter(|p| p.required) {
        let value = match kind_snippet(&p.kind, &mut tabs, true, placeholder(p)) {
            Snip::Inline(v) => v,
            Snip::Block(_) => tabs.stop(""),
        };
        parts.push(format!("{}: {value}", p.name));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// `$context.*` (and request sources in parameter mappings) at a `$` being typed. Returns
/// whether the cursor is in such a place (then nothing else is offered).
fn dollar_items(b: &mut Builder<'_>, c: &CursorContext<'_>) -> bool {
    let mapping = matches!(c.place, Place::MappingValue);
    let string = matches!(
        c.place,
        Place::Value {
            kind: Kind::String,
            ..
        }
    );
    let format = string
        && c.path
            .iter()
            .any(|s| matches!(s, Segment::Key(k) if k.to_ascii_lowercase().contains("format")));
    if !mapping && !format {
        return false;
    }
    let text = b.a.text.as_str();
    let floor = c.value_start.unwrap_or(c.word.start).min(c.offset);
    let before = text.get(floor..c.offset).unwrap_or("");
    let run = before
        .char_indices()
        .rev()
        .take_while(|(_, ch)| ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '-'))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let dollar = before
        .get(..run)
        .filter(|t| t.ends_with('$'))
        .map(|_| floor + run - 1);
    let start = match dollar {
        Some(d) => d,
        None if mapping && before.trim().is_empty() => c.word.start,
        None => return mapping,
    };
    let end = text
        .get(c.offset..)
        .and_then(|t| {
            t.char_indices()
                .find(|(_, ch)| !(ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '-')))
        })
        .map_or(text.len(), |(i, _)| c.offset + i);
    let range = Span::new(start, end.max(c.offset));
    let lead = if c.needs_space { " " } else { "" };
    if mapping {
        for (source, doc) in MAPPING_SOURCES {
            b.push(New {
                label: (*source).to_string(),
                kind: CompletionItemKind::VARIABLE,
                detail: "request data".into(),
                doc: (*doc).to_string(),
                insert: format!("{lead}{source}"),
                snippet: false,
                range,
                filter: None,
            });
        }
    }
    for (name, doc) in CONTEXT_VARIABLES {
        let label = format!("$context.{name}");
        b.push(New {
            insert: format!("{lead}{label}"),
            label,
            kind: CompletionItemKind::VARIABLE,
            detail: "context variable".into(),
            doc: (*doc).to_string(),
            snippet: false,
            range,
            filter: None,
        });
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Expressions.

/// The type reached by following `members` (child attributes) from `head`.
fn member_type(c: &CursorContext<'_>, head: &str, members: &[String]) -> Option<&'static TypeDef> {
    let mut ty = c.known.path_type(head)?;
    for m in members {
        match ty.attr(m)?.kind {
            AttrKind::Child(child) => ty = schema::find_type(child)?,
            _ => return None,
        }
    }
    Some(ty)
}

fn expr_items(b: &mut Builder<'_>, c: &CursorContext<'_>, e: &ExprCursor) {
    let range = e.word;
    match &e.at {
        ExprAt::Head => {
            for p in &c.known.paths {
                let mut detail = p.ty.name.to_string();
                if p.created {
                    detail.push_str(" · created by CDK");
                }
                b.push(New {
                    label: p.path.clone(),
                    kind: CompletionItemKind::REFERENCE,
                    detail,
                    doc: type_markdown(p.ty),
                    insert: p.path.clone(),
                    snippet: false,
                    range,
                    filter: None,
                });
            }
            for (name, detail, doc) in [
                (
                    "Fn",
                    "Fn.importValue(name)",
                    "`${Fn.importValue(Name)}` is `Fn::ImportValue` of an exported output.",
                ),
                (
                    "Aws",
                    "pseudo parameters",
                    "`${Aws.REGION}`, `${Aws.ACCOUNT_ID}`, ...: CloudFormation pseudo parameters.",
                ),
            ] {
                if c.known.path_type(name).is_some() {
                    continue;
                }
                b.push(New {
                    label: name.into(),
                    kind: CompletionItemKind::KEYWORD,
                    detail: detail.into(),
                    doc: doc.into(),
                    insert: name.into(),
                    snippet: false,
                    range,
                    filter: None,
                });
            }
        }
        ExprAt::Member => {
            let Some(head) = e.head.as_deref() else {
                return;
            };
            if c.known.path_type(head).is_none() {
                builtin_members(b, head, e, range);
                return;
            }
            let Some(ty) = member_type(c, head, &e.members) else {
                return;
            };
            for attr in ty.attrs {
                let (kind, detail, insert, snippet) = match attr.kind {
                    AttrKind::Value => (
                        CompletionItemKind::PROPERTY,
                        "string".to_string(),
                        attr.name.to_string(),
                        false,
                    ),
                    AttrKind::Child(t) => (
                        CompletionItemKind::FIELD,
                        t.to_string(),
                        attr.name.to_string(),
                        false,
                    ),
                    AttrKind::Method(params) => {
                        let mut tabs = Tabs(0);
                        let args: Vec<String> = params
                            .iter()
                            .map(|p| tabs.stop(arg_placeholder(p)))
                            .collect();
                        (
                            CompletionItemKind::METHOD,
                            format!("{}({})", attr.name, params.join(", ")),
                            format!("{}({})", attr.name, args.join(", ")),
                            true,
                        )
                    }
                };
                b.push(New {
                    label: attr.name.to_string(),
                    kind,
                    detail,
                    doc: attr_markdown(ty, attr),
                    insert,
                    snippet,
                    range,
                    filter: None,
                });
            }
        }
        ExprAt::Arg { method, index } => {
            let Some(head) = e.head.as_deref() else {
                return;
            };
            let Some(ty) = member_type(c, head, &e.members) else {
                return;
            };
            let Some(AttrKind::Method(params)) = ty.attr(method).map(|a| &a.kind) else {
                return;
            };
            let Some(param) = params.get(*index) else {
                return;
            };
            // Route paths, stages and route keys belong to the head's API itself.
            let api = if e.members.is_empty() {
                b.a.checked.model.construct(head)
            } else {
                None
            };
            let values: Vec<(String, String, String)> = match *param {
                "method" => HTTP_METHOD
                    .members
                    .iter()
                    .map(|m| {
                        (
                            m.name.to_string(),
                            if m.name == "ANY" {
                                "any method (`*`)".to_string()
                            } else {
                                "HttpMethod".to_string()
                            },
                            m.doc.to_string(),
                        )
                    })
                    .collect(),
                "path" => api
                    .map(route_paths)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| (p, "route path".into(), format!("A route path of `{head}`.")))
                    .collect(),
                "stage" => api
                    .map(|api| b.a.checked.model.stage_names(api))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| (s, "stage".into(), format!("A stage of `{head}`.")))
                    .collect(),
                "route" => api
                    .map(route_keys)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|k| (k, "route key".into(), format!("A route of `{head}`.")))
                    .collect(),
                _ => Vec::new(),
            };
            for (value, detail, doc) in values {
                b.push(New {
                    label: value.clone(),
                    kind: CompletionItemKind::VALUE,
                    detail,
                    doc,
                    insert: value,
                    snippet: false,
                    range,
                    filter: None,
                });
            }
        }
    }
}

/// Members of `${Fn.` and `${Aws.`.
fn builtin_members(b: &mut Builder<'_>, head: &str, e: &ExprCursor, range: Span) {
    if !e.members.is_empty() {
        return;
    }
    match head {
        "Fn" => b.push(New {
            label: "importValue".into(),
            kind: CompletionItemKind::FUNCTION,
            detail: "importValue(name)".into(),
            doc: "`Fn::ImportValue`: the value of an output another stack exports.".into(),
            insert: "importValue(${1:ExportName})".into(),
            snippet: true,
            range,
            filter: None,
        }),
        "Aws" => {
            for (name, reference) in AWS_PSEUDO_PARAMETERS {
                b.push(New {
                    label: (*name).to_string(),
                    kind: CompletionItemKind::CONSTANT,
                    detail: format!("Ref {reference}"),
                    doc: format!("The pseudo parameter `{reference}`."),
                    insert: (*name).to_string(),
                    snippet: false,
                    range,
                    filter: None,
                });
            }
        }
        _ => {}
    }
}

/// What a method argument snippet proposes.
fn arg_placeholder(param: &str) -> &str {
    match param {
        "method" => "GET",
        "path" => "/path",
        other => other,
    }
}

/// The literal paths of an API's routes, in order, without repeats.
fn route_paths(api: &crate::model::Construct) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for call in &api.calls {
        let Some(ValueKind::Text(t)) = call.args.get("path").map(|v| &v.kind) else {
            continue;
        };
        if let Some(p) = t.as_literal()
            && !out.contains(&p)
        {
            out.push(p);
        }
    }
    out
}

/// The route keys of a WebSocket API: its route option props (`connectRouteOptions` is
/// `$connect`) and its keyed route calls.
fn route_keys(api: &crate::model::Construct) -> Vec<String> {
    let mut out = Vec::new();
    for prop in &api.props.items {
        if let Some(name) = prop.def.name.strip_suffix("RouteOptions") {
            out.push(format!("${name}"));
        }
    }
    for call in &api.calls {
        if call.method.key == "routeKey"
            && let Some(k) = &call.key
        {
            out.push(k.value.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renumbering_shifts_every_stop() {
        assert_eq!(
            renumber(&["a: ${1:x}".into(), "b: $2".into(), "c: \\$3".into()], 1),
            vec!["a: ${2:x}", "b: $3", "c: \\$3"]
        );
    }

    #[test]
    fn call_params_stop_at_the_last_required_one() {
        let names: Vec<&str> = call_params(&schema::HTTP_API.methods[0])
            .iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["path", "methods", "integration"]);
    }

    #[test]
    fn never_panics() {
        for text in [
            "",
            "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: 🚀, integration: ${Api.arnForExecuteApi(",
            "\u{feff}a: [b, {c: ${",
        ] {
            let a = Analysis::of_text(text);
            for offset in 0..=text.len() + 2 {
                let _ = complete(&a, offset);
            }
        }
    }
}
