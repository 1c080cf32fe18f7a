//! DynamoDB tables: what CDK refuses about a table's capacity, its key attributes and its
//! point-in-time recovery period, and the stream ARN of a table without a stream; what
//! CloudFormation rejects (one attribute as both keys, a `SNAPSHOT` removal policy).

use crate::diagnostic::Diagnostic;
use crate::model::{Construct, Expr, Model, Props, ValueKind};

/// The checks on an owned `Table` entry.
pub(super) fn check_table(construct: &Construct, diags: &mut Vec<Diagnostic>) {
    if construct.import.is_some() {
        return;
    }
    check_capacity(construct, diags);
    check_keys(&construct.props, diags);
    check_recovery(&construct.props, diags);
    if let Some(policy) = construct.props.get("removalPolicy")
        && matches!(&policy.kind, ValueKind::Member(m) if m.name == "SNAPSHOT")
    {
        diags.push(
            Diagnostic::warning(
                policy.span,
                "CloudFormation rejects a `Snapshot` deletion policy on a DynamoDB table",
            )
            .with_hint("use `RETAIN` (or point-in-time recovery) to keep the data"),
        );
    }
}

/// A table billed per request that provisions capacity: CDK throws.
fn check_capacity(construct: &Construct, diags: &mut Vec<Diagnostic>) {
    let on_demand = matches!(
        construct.props.get("billingMode").map(|v| &v.kind),
        Some(ValueKind::Member(m)) if m.value == "PAY_PER_REQUEST"
    );
    if !on_demand {
        return;
    }
    for name in ["readCapacity", "writeCapacity"] {
        let Some(prop) = construct.props.prop(name) else {
            continue;
        };
        let mut d = Diagnostic::error(
            prop.key_span,
            "you cannot provision read and write capacity for a table with PAY_PER_REQUEST billing mode",
        )
        .with_hint("remove the capacity, or bill the table as `PROVISIONED`");
        if let Some(mode) = construct.props.prop("billingMode") {
            d = d.with_related(mode.key_span, "the table is billed per request here");
        }
        diags.push(d);
    }
}

/// The partition and sort keys: one attribute cannot have two types (CDK's
/// `registerAttribute`), nor be both keys (DynamoDB refuses the key schema).
fn check_keys(props: &Props, diags: &mut Vec<Diagnostic>) {
    let key = |name: &str| -> Option<(String, &'static str, crate::syntax::Span)> {
        let value = props.get(name)?;
        let ValueKind::Struct(key) = &value.kind else {
            return None;
        };
        let ValueKind::Text(attribute) = &key.get("name")?.kind else {
            return None;
        };
        let ValueKind::Member(ty) = &key.get("type")?.kind else {
            return None;
        };
        Some((attribute.as_literal()?, ty.value, key.get("name")?.span))
    };
    let (Some((partition, partition_type, _)), Some((sort, sort_type, span))) =
        (key("partitionKey"), key("sortKey"))
    else {
        return;
    };
    if partition != sort {
        return;
    }
    if partition_type != sort_type {
        diags.push(Diagnostic::error(
            span,
            format!(
                "Unable to specify {sort} as {sort_type} because it was already defined as {partition_type}"
            ),
        ));
    } else {
        diags.push(
            Diagnostic::warning(
                span,
                format!("DynamoDB rejects `{sort}` as both the partition key and the sort key"),
            )
            .with_hint("give the sort key an attribute of its own, or leave it out"),
        );
    }
}

/// `pointInTimeRecoverySpecification`: CDK's checks of the recovery period.
fn check_recovery(props: &Props, diags: &mut Vec<Diagnostic>) {
    let Some(ValueKind::Struct(pitr)) = props
        .get("pointInTimeRecoverySpecification")
        .map(|v| &v.kind)
    else {
        return;
    };
    let Some(days) = pitr.get("recoveryPeriodInDays") else {
        return;
    };
    let ValueKind::Number(n) = days.kind else {
        return;
    };
    if pitr.bool("pointInTimeRecoveryEnabled") != Some(true) && n != 0.0 {
        diags.push(Diagnostic::error(
            days.span,
            "Cannot set `recoveryPeriodInDays` while `pointInTimeRecoveryEnabled` is set to false.",
        ));
    } else if !(1.0..=35.0).contains(&n) {
        diags.push(Diagnostic::error(
            days.span,
            "`recoveryPeriodInDays` must be a value between `1` and `35`.",
        ));
    }
}

/// `${Table.tableStreamArn}` of a table without a stream: undefined in CDK. As the whole value
/// of an output, CDK throws at synth with its words; elsewhere the text would read `undefined`.
pub(super) fn check_stream_read(model: &Model, expr: &Expr, diags: &mut Vec<Diagnostic>) {
    let Some(member) = expr.members.first() else {
        return;
    };
    if member.name.value != "tableStreamArn" {
        return;
    }
    let Some(table) = model
        .construct(&expr.head.value)
        .filter(|c| c.ty.is_some_and(|t| t.name == "Table"))
    else {
        return;
    };
    if table.props.get("stream").is_some() {
        return;
    }
    let output = model.outputs.iter().find(|o| o.value.span == expr.span);
    let message = match output {
        Some(output) => format!(
            "Missing value for CloudFormation output at path \"{}/{}\"",
            model.stack.id, output.id.value
        ),
        None => format!(
            "`{}` has no stream: `tableStreamArn` is undefined",
            expr.head.value
        ),
    };
    diags.push(
        Diagnostic::error(expr.span, message)
            .with_related(
                table.path.span,
                "the table is defined here, without `stream`",
            )
            .with_hint("give the table a `stream` (e.g. `stream: NEW_AND_OLD_IMAGES`)"),
    );
}
