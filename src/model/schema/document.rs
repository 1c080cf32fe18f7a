//! The top level of a definition file: `stack:`, `constructs:`, `integrations:`, `outputs:`.

use super::{Kind, PropDef, opt};

const ENV: &[PropDef] = &[
    opt(
        "account",
        Kind::String,
        "The AWS account id (12 digits, quoted): account becomes a literal in ARNs.",
    ),
    opt(
        "region",
        Kind::String,
        "The AWS region (`us-east-1`): region becomes a literal in ARNs and URLs.",
    ),
];

/// Keys of `stack:` (CDK `StackProps`, plus the stack's construct id).
pub static STACK_PROPS: &[PropDef] = &[
    PropDef {
        name: "id",
        kind: Kind::String,
        required: false,
        default: Some("Stack"),
        doc: "The stack's construct id; it appears in some logical IDs (shared Lambda permissions).",
    },
    opt(
        "env",
        Kind::Struct(ENV),
        "The stack's environment; environment-agnostic without it.",
    ),
    opt("description", Kind::String, "The template's description."),
];

/// Keys of an output written as a map.
pub static OUTPUT_PROPS: &[PropDef] = &[
    PropDef {
        name: "value",
        kind: Kind::String,
        required: true,
        default: None,
        doc: "The output's value; `${...}` expressions allowed.",
    },
    opt("description", Kind::String, "A description of the output."),
    opt(
        "exportName",
        Kind::String,
        "The name under which the value is exported for `Fn::ImportValue`.",
    ),
];

/// One top-level section of a definition file.
#[derive(Debug)]
pub struct Section {
    /// The key.
    pub name: &'static str,
    /// Documentation.
    pub doc: &'static str,
}

/// Every top-level key (besides `x-` keys, which are ignored).
pub static SECTIONS: &[Section] = &[
    Section {
        name: "stack",
        doc: "The stack: its construct id, environment and description.",
    },
    Section {
        name: "constructs",
        doc: "Constructs keyed by their CDK construct path (`Id`, `Parent/Id`), in code order.",
    },
    Section {
        name: "integrations",
        doc: "Integrations keyed by their CDK id; routes refer to them by id.",
    },
    Section {
        name: "authorizers",
        doc: "Authorizers keyed by their CDK id; routes and `defaultAuthorizer` refer to them by id. Those without an id in CDK (`HttpIamAuthorizer`, `HttpNoneAuthorizer`) are written inline.",
    },
    Section {
        name: "outputs",
        doc: "Stack outputs keyed by their construct id (`Id`, or `Parent/Id` inside an entry): a value, or `{ value, description, exportName }`. The logical ID is CDK's (`Api-Url` is `ApiUrl`).",
    },
];
