//! DynamoDB tables: what CDK refuses about a table's capacity and the stream ARN of a table
//! without a stream.

use crate::diagnostic::Diagnostic;
use crate::model::{Construct, Expr, Model, ValueKind};

/// A table billed per request that provisions capacity: CDK throws.
pub(super) fn check_table(construct: &Construct, diags: &mut Vec<Diagnostic>) {
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
