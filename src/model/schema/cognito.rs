//! Amazon Cognito (`aws-cognito`): the user pools whose tokens authorize routes.

use super::enums::REMOVAL_POLICY;
use super::{
    AttrDef, AttrKind, CallShape, ImportDef, Kind, MethodDef, Module, Role, TypeDef, dflt, opt,
};

/// `cognito.UserPool`: a user directory.
pub static USER_POOL: TypeDef = TypeDef {
    name: "UserPool",
    module: Module::Cognito,
    role: Role::Construct,
    keyed: true,
    doc: "A Cognito user pool (`AWS::Cognito::UserPool`) with CDK's defaults (sign-up by \
          administrators only, code verification), kept when it leaves the stack unless its \
          removal policy says otherwise; or an existing one imported with `fromUserPoolId`.",
    props: &[
        opt("userPoolName", Kind::String, "The pool's name."),
        dflt(
            "removalPolicy",
            Kind::Enum(&REMOVAL_POLICY),
            "RETAIN",
            "What happens to the pool when it leaves the stack.",
        ),
    ],
    imports: &[ImportDef {
        name: "fromUserPoolId",
        arg: Kind::String,
        doc: "Imports an existing pool by id (`us-east-1_abc123`).",
    }],
    metrics: &[],
    methods: &[MethodDef {
        name: "addClient",
        shape: CallShape::Keyed,
        key: "id",
        params: &[
            opt("userPoolClientName", Kind::String, "The client's name."),
            dflt(
                "generateSecret",
                Kind::Bool,
                "false",
                "Whether the client gets a secret (server-side apps).",
            ),
        ],
        creates: Some("UserPoolClient"),
        doc: "Adds an app client (`AWS::Cognito::UserPoolClient`) at `Pool/id`, with CDK's OAuth \
              defaults.",
    }],
    attrs: &[
        AttrDef {
            name: "userPoolId",
            kind: AttrKind::Value,
            doc: "The pool's id.",
        },
        AttrDef {
            name: "userPoolArn",
            kind: AttrKind::Value,
            doc: "The pool's ARN.",
        },
    ],
};

/// `cognito.UserPoolClient`: an app client of a user pool, created by `addClient`.
pub static USER_POOL_CLIENT: TypeDef = TypeDef {
    name: "UserPoolClient",
    module: Module::Cognito,
    role: Role::Child,
    keyed: true,
    doc: "An app client of a user pool, created by `addClient` at `Pool/id`.",
    props: &[],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[AttrDef {
        name: "userPoolClientId",
        kind: AttrKind::Value,
        doc: "The client's id.",
    }],
};
