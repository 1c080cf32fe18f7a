//! DynamoDB tables (`aws-dynamodb`): what a WebSocket or HTTP API's AWS integration reads and
//! writes, and the grants that let a role, a user or a function do so.

use super::enums::{REMOVAL_POLICY, member};
use super::iam::grant;
use super::{
    AttrDef, AttrKind, EnumDef, ImportDef, Kind, Module, PropDef, Role, TypeDef, dflt, opt, req,
};

/// `dynamodb.AttributeType`: the type of a key attribute.
pub const ATTRIBUTE_TYPE: EnumDef = EnumDef {
    name: "AttributeType",
    members: &[
        member("STRING", "S", "A string."),
        member("NUMBER", "N", "A number."),
        member("BINARY", "B", "Binary data."),
    ],
    factories: &[],
};

/// `dynamodb.BillingMode`: how reads and writes are paid for.
pub const BILLING_MODE: EnumDef = EnumDef {
    name: "BillingMode",
    members: &[
        member(
            "PROVISIONED",
            "PROVISIONED",
            "Provisioned read and write capacity (`readCapacity`, `writeCapacity`).",
        ),
        member(
            "PAY_PER_REQUEST",
            "PAY_PER_REQUEST",
            "On demand: each request is paid for; no capacity to provision.",
        ),
    ],
    factories: &[],
};

/// `dynamodb.StreamViewType`: what the table's stream records hold.
pub const STREAM_VIEW_TYPE: EnumDef = EnumDef {
    name: "StreamViewType",
    members: &[
        member(
            "NEW_IMAGE",
            "NEW_IMAGE",
            "The item as it is after the change.",
        ),
        member(
            "OLD_IMAGE",
            "OLD_IMAGE",
            "The item as it was before the change.",
        ),
        member(
            "NEW_AND_OLD_IMAGES",
            "NEW_AND_OLD_IMAGES",
            "The item before and after the change.",
        ),
        member(
            "KEYS_ONLY",
            "KEYS_ONLY",
            "Only the key attributes of the item.",
        ),
    ],
    factories: &[],
};

/// A key attribute: `{ name, type }`.
const ATTRIBUTE: &[PropDef] = &[
    req("name", Kind::String, "The attribute's name."),
    req(
        "type",
        Kind::Enum(&ATTRIBUTE_TYPE),
        "The attribute's type: `STRING`, `NUMBER` or `BINARY`.",
    ),
];

/// `pointInTimeRecoverySpecification`.
const POINT_IN_TIME_RECOVERY: &[PropDef] = &[
    req(
        "pointInTimeRecoveryEnabled",
        Kind::Bool,
        "Whether continuous backups are on.",
    ),
    opt(
        "recoveryPeriodInDays",
        Kind::Integer,
        "How many days back the table can be restored (1 to 35; DynamoDB's default 35).",
    ),
];

/// `dynamodb.Table`: a DynamoDB table.
pub static TABLE: TypeDef = TypeDef {
    name: "Table",
    module: Module::DynamoDb,
    role: Role::Construct,
    keyed: true,
    doc: "A DynamoDB table (`AWS::DynamoDB::Table`), kept when it leaves the stack unless its \
          removal policy says otherwise; or an existing one imported with `fromTableName` or \
          `fromTableArn`. Its grants add statements to the grantee's policy.",
    props: &[
        req(
            "partitionKey",
            Kind::Struct(ATTRIBUTE),
            "The partition (hash) key: `{ name: id, type: STRING }`.",
        ),
        opt(
            "sortKey",
            Kind::Struct(ATTRIBUTE),
            "The sort (range) key: `{ name: createdAt, type: NUMBER }`.",
        ),
        dflt(
            "billingMode",
            Kind::Enum(&BILLING_MODE),
            "PROVISIONED",
            "How reads and writes are paid for.",
        ),
        dflt(
            "readCapacity",
            Kind::Integer,
            "5",
            "Read capacity units of a `PROVISIONED` table.",
        ),
        dflt(
            "writeCapacity",
            Kind::Integer,
            "5",
            "Write capacity units of a `PROVISIONED` table.",
        ),
        opt(
            "tableName",
            Kind::String,
            "The table's name (generated when omitted).",
        ),
        dflt(
            "removalPolicy",
            Kind::Enum(&REMOVAL_POLICY),
            "RETAIN",
            "What happens to the table and its data when it leaves the stack.",
        ),
        opt(
            "timeToLiveAttribute",
            Kind::String,
            "The attribute holding each item's expiry time (epoch seconds).",
        ),
        opt(
            "pointInTimeRecoverySpecification",
            Kind::Struct(POINT_IN_TIME_RECOVERY),
            "Continuous backups: `{ pointInTimeRecoveryEnabled: true }`.",
        ),
        opt(
            "stream",
            Kind::Enum(&STREAM_VIEW_TYPE),
            "Turns the table's stream on, with what its records hold (`${Table.tableStreamArn}`).",
        ),
        opt(
            "deletionProtection",
            Kind::Bool,
            "Whether the table refuses to be deleted.",
        ),
    ],
    imports: &[
        ImportDef {
            name: "fromTableName",
            arg: Kind::String,
            doc: "Imports a table of this stack's account and region by name.",
        },
        ImportDef {
            name: "fromTableArn",
            arg: Kind::String,
            doc: "Imports a table by ARN (`arn:aws:dynamodb:<region>:<account>:table/<name>`).",
        },
    ],
    metrics: &[],
    methods: &[
        grant(
            "grantReadData",
            "Allows reading items (`BatchGetItem`, `Query`, `GetItem`, `Scan`, \
             `ConditionCheckItem`, `DescribeTable`, and the stream reads `GetRecords`, \
             `GetShardIterator`), added to the grantee's policy.",
        ),
        grant(
            "grantWriteData",
            "Allows writing items (`BatchWriteItem`, `PutItem`, `UpdateItem`, `DeleteItem`, \
             `DescribeTable`), added to the grantee's policy.",
        ),
        grant(
            "grantReadWriteData",
            "Allows reading and writing items, added to the grantee's policy.",
        ),
        grant(
            "grantFullAccess",
            "Allows every DynamoDB action on the table (`dynamodb:*`), added to the grantee's \
             policy.",
        ),
    ],
    attrs: &[
        AttrDef {
            name: "tableName",
            kind: AttrKind::Value,
            doc: "The table's name (`Ref`).",
        },
        AttrDef {
            name: "tableArn",
            kind: AttrKind::Value,
            doc: "The table's ARN (`Fn::GetAtt Arn`).",
        },
        AttrDef {
            name: "tableStreamArn",
            kind: AttrKind::Value,
            doc: "The ARN of the table's stream (`Fn::GetAtt StreamArn`; with `stream` only).",
        },
    ],
};
