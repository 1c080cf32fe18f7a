//! DynamoDB tables (`new dynamodb.Table`) and their grants.

use serde_json::{Map, Value, json};

use super::iam::grant_to;
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth};
use crate::model::{Construct, Props, ValueKind};

/// What synth knows of a table.
#[derive(Clone, Debug)]
pub struct TableInfo {
    /// The table's construct node.
    pub node: NodeId,
    /// `tableName`.
    pub name: Str,
    /// `tableArn`.
    pub arn: Str,
    /// `tableStreamArn`, for a table with a stream.
    pub stream_arn: Option<Str>,
}

/// `new dynamodb.Table(scope, id, props)`.
pub fn create_table(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<TableInfo> {
    let props = &construct.props;
    let mut attributes = Vec::new();
    let mut key_schema = Vec::new();
    for (prop, key_type) in [("partitionKey", "HASH"), ("sortKey", "RANGE")] {
        let Some((name, ty)) = key_attribute(props, prop) else {
            continue;
        };
        attributes.push(json!({ "AttributeName": name, "AttributeType": ty }));
        key_schema.push(json!({ "AttributeName": name, "KeyType": key_type }));
    }
    let on_demand = member(props, "billingMode") == Some("PAY_PER_REQUEST");
    let mut p = Map::new();
    p.insert("AttributeDefinitions".into(), Value::Array(attributes));
    if on_demand {
        p.insert("BillingMode".into(), json!("PAY_PER_REQUEST"));
    }
    p.insert("KeySchema".into(), Value::Array(key_schema));
    if !on_demand {
        let capacity = |name| match props.get(name).map(|v| &v.kind) {
            Some(ValueKind::Number(n)) => super::number(*n),
            _ => json!(5),
        };
        p.insert(
            "ProvisionedThroughput".into(),
            json!({
                "ReadCapacityUnits": capacity("readCapacity"),
                "WriteCapacityUnits": capacity("writeCapacity"),
            }),
        );
    }
    let stream = member(props, "stream");
    if let Some(view) = stream {
        p.insert(
            "StreamSpecification".into(),
            json!({ "StreamViewType": view }),
        );
    }
    if let Some(name) = s.prop_json(props, "tableName") {
        p.insert("TableName".into(), name);
    }
    if let Some(attribute) = s.prop_json(props, "timeToLiveAttribute") {
        p.insert(
            "TimeToLiveSpecification".into(),
            json!({ "AttributeName": attribute, "Enabled": true }),
        );
    }
    let policy = member(props, "removalPolicy").unwrap_or("Retain");
    let resource = Resource::new("AWS::DynamoDB::Table", p).with_removal_policy(policy);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    let id = s.tree.logical_id(resource);
    Some(TableInfo {
        node,
        name: Str::reference(&id),
        arn: Str::get_att(&id, "Arn"),
        stream_arn: stream.map(|_| Str::get_att(&id, "StreamArn")),
    })
}

/// The value CloudFormation receives for the enum prop `name`.
fn member(props: &Props, name: &str) -> Option<&'static str> {
    match props.get(name).map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => Some(m.value),
        _ => None,
    }
}

/// A key attribute's name and type (`S`, `N`, `B`).
fn key_attribute(props: &Props, prop: &str) -> Option<(String, &'static str)> {
    let ValueKind::Struct(attribute) = &props.get(prop)?.kind else {
        return None;
    };
    let ValueKind::Text(name) = &attribute.get("name")?.kind else {
        return None;
    };
    Some((name.as_literal()?, member(attribute, "type")?))
}

/// The table's grants, in the order written.
pub fn table_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::Table(table)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in &construct.calls {
        let Some(ValueKind::Construct(grantee)) = call.args.get("grantee").map(|v| &v.kind) else {
            continue;
        };
        for actions in grant_actions(call.method.name) {
            let action = match actions.as_slice() {
                [one] => json!(one),
                _ => json!(actions),
            };
            let statement = json!({
                "Action": action,
                "Effect": "Allow",
                "Resource": [table.arn.to_json()],
            });
            grant_to(s, grantee, statement);
        }
    }
}

const READ_DATA: &[&str] = &[
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:GetItem",
    "dynamodb:Scan",
    "dynamodb:ConditionCheckItem",
];
const WRITE_DATA: &[&str] = &[
    "dynamodb:BatchWriteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
];
const DESCRIBE_TABLE: &str = "dynamodb:DescribeTable";
const READ_STREAM: &[&str] = &["dynamodb:GetRecords", "dynamodb:GetShardIterator"];

/// The statements' action lists a grant method adds, in CDK's order: the table's actions, then
/// (for reads) the stream's, as a statement of their own.
fn grant_actions(method: &str) -> Vec<Vec<&'static str>> {
    let with_describe = |parts: &[&[&'static str]]| {
        let mut actions: Vec<&'static str> = parts.concat();
        actions.push(DESCRIBE_TABLE);
        actions
    };
    match method {
        "grantReadData" => vec![with_describe(&[READ_DATA]), READ_STREAM.to_vec()],
        "grantWriteData" => vec![with_describe(&[WRITE_DATA])],
        "grantReadWriteData" => vec![
            with_describe(&[READ_DATA, WRITE_DATA]),
            READ_STREAM.to_vec(),
        ],
        "grantFullAccess" => vec![vec!["dynamodb:*"]],
        _ => Vec::new(),
    }
}
