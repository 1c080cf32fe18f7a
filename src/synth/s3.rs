//! S3 buckets: owned buckets (with the TLS-only bucket policy CDK adds for `enforceSSL`) and
//! imported ones.

use crate::synth::json::{Map, Value, json};

use super::Synth;
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use crate::model::{Construct, ValueKind};

/// What synth knows of a bucket.
#[derive(Clone, Debug)]
pub struct BucketInfo {
    /// The bucket's construct node.
    pub node: NodeId,
    /// `bucketName`.
    pub name: Str,
    /// `bucketArn`.
    pub arn: Str,
}

/// `new s3.Bucket(scope, id, props)`, `Bucket.fromBucketName` or `Bucket.fromBucketArn`.
pub fn create_bucket(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<BucketInfo> {
    if let Some(import) = &construct.import {
        let text = s.string(&import.value)?;
        if import.def.name == "fromBucketArn" {
            // CDK's `parseBucketName`: what follows `:::`.
            let name = match text.as_literal() {
                Some(arn) => Str::lit(arn.rsplit(":::").next().unwrap_or_default()),
                None => Str::token(
                    json!({ "Fn::Select": [0, { "Fn::Split": ["/", { "Fn::Select": [5, { "Fn::Split": [":", text.to_json()] }] }] }] }),
                ),
            };
            return Some(BucketInfo {
                node,
                name,
                arn: text,
            });
        }
        let arn = Str::lit("arn:")
            .and(&s.env.partition())
            .and_lit(":s3:::")
            .and(&text);
        return Some(BucketInfo {
            node,
            name: text,
            arn,
        });
    }
    let props = &construct.props;
    let mut p = Map::new();
    if let Some(ValueKind::Member(m)) = props.get("encryption").map(|v| &v.kind) {
        p.insert(
            "BucketEncryption".into(),
            json!({ "ServerSideEncryptionConfiguration": [
                { "ServerSideEncryptionByDefault": { "SSEAlgorithm": m.value } }
            ] }),
        );
    }
    if let Some(name) = s.prop_json(props, "bucketName") {
        p.insert("BucketName".into(), name);
    }
    match props.get("blockPublicAccess").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) if m.value == "BLOCK_ALL" => {
            p.insert(
                "PublicAccessBlockConfiguration".into(),
                json!({ "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true }),
            );
        }
        Some(ValueKind::Member(_)) => {
            p.insert(
                "PublicAccessBlockConfiguration".into(),
                json!({ "BlockPublicAcls": true, "IgnorePublicAcls": true }),
            );
        }
        _ => {}
    }
    if props.bool("versioned") == Some(true) {
        p.insert(
            "VersioningConfiguration".into(),
            json!({ "Status": "Enabled" }),
        );
    }
    let policy = match props.get("removalPolicy").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ => "Retain",
    };
    let resource = Resource::new("AWS::S3::Bucket", p).with_removal_policy(policy);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    let logical_id = s.tree.logical_id(resource);
    let bucket = BucketInfo {
        node,
        name: Str::reference(&logical_id),
        arn: Str::get_att(&logical_id, "Arn"),
    };
    if props.bool("enforceSSL") == Some(true) {
        let minimum_tls = match props.get("minimumTLSVersion").map(|v| &v.kind) {
            Some(ValueKind::Number(n)) => Some(*n),
            _ => None,
        };
        tls_policy(s, &bucket, minimum_tls);
    }
    Some(bucket)
}

/// The bucket policy at `Bucket/Policy` that denies requests without TLS (and below
/// `minimum_tls`).
fn tls_policy(s: &mut Synth, bucket: &BucketInfo, minimum_tls: Option<f64>) -> Option<()> {
    let objects = bucket.arn.clone().and_lit("/*");
    let resources = json!([bucket.arn.to_json(), objects.to_json()]);
    let deny = |condition: Value| {
        json!({
            "Action": "s3:*",
            "Condition": condition,
            "Effect": "Deny",
            "Principal": { "AWS": "*" },
            "Resource": &resources,
        })
    };
    let mut statements = vec![deny(json!({ "Bool": { "aws:SecureTransport": "false" } }))];
    if let Some(version) = minimum_tls {
        statements.push(deny(
            json!({ "NumericLessThan": { "s3:TlsVersion": super::number(version) } }),
        ));
    }
    let mut p = Map::new();
    p.insert("Bucket".into(), bucket.name.to_json());
    p.insert(
        "PolicyDocument".into(),
        json!({ "Statement": statements, "Version": "2012-10-17" }),
    );
    let policy = s.tree.add(bucket.node, "Policy").ok()?;
    s.tree
        .add_resource(
            policy,
            "Resource",
            Resource::new("AWS::S3::BucketPolicy", p),
        )
        .ok()?;
    Some(())
}
