//! DynamoDB tables and their grants (`table.grantReadData(grantee)` and its siblings).

use crate::synth::json::{Map, Value, json};

use super::iam::{allow, grant_to};
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::{Call, Construct, Props, ValueKind};

/// What synth knows of a table.
#[derive(Clone, Debug)]
pub struct TableInfo {
    /// The table's construct node.
    pub node: NodeId,
    /// `tableName`.
    pub name: Str,
    /// `tableArn`.
    pub arn: Str,
    /// `tableStreamArn` (an owned table with a stream only).
    pub stream_arn: Option<Str>,
    /// The `AWS::DynamoDB::Table` of an owned table.
    pub resource: Option<NodeId>,
}

/// `new dynamodb.Table(scope, id, props)`, `Table.fromTableName` or `Table.fromTableArn`.
pub fn create_table(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<TableInfo> {
    if let Some(import) = &construct.import {
        let text = s.string(&import.value)?;
        let (name, arn) = if import.def.name == "fromTableArn" {
            let name = match text.as_literal() {
                Some(arn) => Str::lit(arn.rsplit('/').next().unwrap_or_default()),
                None => Str::token(
                    json!({ "Fn::Select": [1, { "Fn::Split": ["/", { "Fn::Select": [5, { "Fn::Split": [":", text.to_json()] }] }] }] }),
                ),
            };
            (name, text)
        } else {
            let arn = s.env.format_arn("dynamodb", &Str::lit("table"), &text);
            (text, arn)
        };
        return Some(TableInfo {
            node,
            name,
            arn,
            stream_arn: None,
            resource: None,
        });
    }
    let props = &construct.props;
    let mut definitions = Vec::new();
    let mut schema = Vec::new();
    for (prop, key_type) in [("partitionKey", "HASH"), ("sortKey", "RANGE")] {
        let Some(ValueKind::Struct(key)) = props.get(prop).map(|v| &v.kind) else {
            continue;
        };
        let name = s.prop_json(key, "name")?;
        let ty = s.prop_json(key, "type")?;
        if !definitions
            .iter()
            .any(|d: &Value| d["AttributeName"] == name)
        {
            definitions.push(json!({ "AttributeName": &name, "AttributeType": ty }));
        }
        schema.push(json!({ "AttributeName": name, "KeyType": key_type }));
    }
    let on_demand = matches!(props.get("billingMode").map(|v| &v.kind),
        Some(ValueKind::Member(m)) if m.name == "PAY_PER_REQUEST");
    let mut p = Map::new();
    p.insert("AttributeDefinitions".into(), Value::Array(definitions));
    if on_demand {
        p.insert("BillingMode".into(), json!("PAY_PER_REQUEST"));
    }
    let protection = props.bool("deletionProtection").map(Value::Bool);
    put(&mut p, "DeletionProtectionEnabled", protection);
    p.insert("KeySchema".into(), Value::Array(schema));
    if let Some(ValueKind::Struct(pitr)) = props
        .get("pointInTimeRecoverySpecification")
        .map(|v| &v.kind)
    {
        p.insert("PointInTimeRecoverySpecification".into(), recovery(s, pitr));
    }
    if !on_demand {
        let read = s.prop_json(props, "readCapacity").unwrap_or(json!(5));
        let write = s.prop_json(props, "writeCapacity").unwrap_or(json!(5));
        p.insert(
            "ProvisionedThroughput".into(),
            json!({ "ReadCapacityUnits": read, "WriteCapacityUnits": write }),
        );
    }
    let stream = s.prop_json(props, "stream");
    let has_stream = stream.is_some();
    put(
        &mut p,
        "StreamSpecification",
        stream.map(|view| json!({ "StreamViewType": view })),
    );
    let name = s.prop_json(props, "tableName");
    put(&mut p, "TableName", name);
    if let Some(attribute) = s.prop_json(props, "timeToLiveAttribute") {
        p.insert(
            "TimeToLiveSpecification".into(),
            json!({ "AttributeName": attribute, "Enabled": true }),
        );
    }
    let policy = match props.get("removalPolicy").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ => "Retain",
    };
    let resource = Resource::new("AWS::DynamoDB::Table", p).with_removal_policy(policy);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    let id = s.tree.logical_id(resource);
    Some(TableInfo {
        node,
        name: Str::reference(&id),
        arn: Str::get_att(&id, "Arn"),
        stream_arn: has_stream.then(|| Str::get_att(&id, "StreamArn")),
        resource: Some(resource),
    })
}

/// `PointInTimeRecoverySpecification` from `pointInTimeRecoverySpecification`.
fn recovery(s: &mut Synth, pitr: &Props) -> Value {
    let mut spec = Map::new();
    let enabled = pitr.bool("pointInTimeRecoveryEnabled").map(Value::Bool);
    put(&mut spec, "PointInTimeRecoveryEnabled", enabled);
    let days = s.prop_json(pitr, "recoveryPeriodInDays");
    put(&mut spec, "RecoveryPeriodInDays", days);
    Value::Object(spec)
}

/// The table's method keys, in the order written: its grants.
pub fn table_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::Table(table)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in &construct.calls {
        grant(s, &table, call);
    }
}

/// CDK's `RESOURCE_READ_DATA_ACTIONS`.
const READ: &[&str] = &[
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:GetItem",
    "dynamodb:Scan",
    "dynamodb:ConditionCheckItem",
];
/// CDK's `WRITE_DATA_ACTIONS`.
const WRITE: &[&str] = &[
    "dynamodb:BatchWriteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
];
const DESCRIBE: &str = "dynamodb:DescribeTable";
/// CDK's `PRINCIPAL_ONLY_READ_DATA_ACTIONS`: a statement of their own after the read actions.
const STREAM_READ: &[&str] = &["dynamodb:GetRecords", "dynamodb:GetShardIterator"];

/// One grant: CDK's statements (the actions on the table's ARN, then for the read grants the
/// stream reads in a statement of their own), added to the grantee's policy in order.
fn grant(s: &mut Synth, table: &TableInfo, call: &Call) {
    let (actions, stream_reads): (Vec<&str>, bool) = match call.method.name {
        "grantReadData" => (READ.iter().copied().chain([DESCRIBE]).collect(), true),
        "grantWriteData" => (WRITE.iter().copied().chain([DESCRIBE]).collect(), false),
        "grantReadWriteData" => (
            READ.iter()
                .chain(WRITE)
                .copied()
                .chain([DESCRIBE])
                .collect(),
            true,
        ),
        "grantFullAccess" => (vec!["dynamodb:*"], false),
        _ => return,
    };
    let Some(ValueKind::Construct(grantee)) = call.args.get("grantee").map(|v| &v.kind) else {
        return;
    };
    let resource = json!([table.arn.to_json()]);
    let mut statements = vec![allow(&actions, resource.clone())];
    if stream_reads {
        statements.push(allow(STREAM_READ, resource));
    }
    for statement in statements {
        grant_to(s, grantee, statement);
    }
    if let Some(table_resource) = table.resource
        && let Some(principal) = other_account_principal(s, grantee)
    {
        let mut statement = allow(&actions, json!("*"));
        if let Some(fields) = statement.as_object_mut() {
            fields.insert("Principal".into(), json!({ "AWS": principal.to_json() }));
        }
        add_to_resource_policy(s, table_resource, statement);
    }
}

/// `Grant.addToPrincipalOrResource`'s account comparison: the ARN of an imported role whose
/// account is not known to be the stack's (a literal account against an unknown or other
/// stack account, or the reverse), whose grants also go to the table's resource policy.
fn other_account_principal(s: &mut Synth, grantee: &str) -> Option<Str> {
    let entry = s.model.construct(grantee)?;
    if entry.import.is_none() || entry.ty.is_none_or(|t| t.name != "Role") {
        return None;
    }
    let Handle::Role(role) = s.handle(grantee)? else {
        return None;
    };
    let role_account = role
        .arn
        .as_literal()
        .and_then(|arn| arn.split(':').nth(4).map(str::to_string));
    let same = match (&s.model.stack.account, role_account) {
        (Some(stack), Some(role)) => *stack == role,
        (None, None) => true,
        _ => false,
    };
    (!same).then_some(role.arn)
}

/// Appends `statement` to the table's `ResourcePolicy` (created on first use).
fn add_to_resource_policy(s: &mut Synth, table: NodeId, statement: Value) {
    let Some(resource) = s.tree.resource_mut(table) else {
        return;
    };
    let policy = resource.properties.entry("ResourcePolicy").or_insert_with(
        || json!({ "PolicyDocument": { "Statement": [], "Version": "2012-10-17" } }),
    );
    if let Some(Value::Array(statements)) = policy
        .get_mut("PolicyDocument")
        .and_then(|document| document.get_mut("Statement"))
    {
        statements.push(statement);
    }
}
