//! Moving resolved values along the text: every span of a call, its props and values, by the
//! same number of bytes (a call kept from the previous version of a document whose text now
//! starts elsewhere; see `resolve::memo`).

use super::expr::{Expr, Member, Text, TextPart};
use super::{Call, MetricRef, Prop, Props, Spanned, Value, ValueKind};

/// A resolved value whose spans can be moved by `delta` bytes.
pub trait Shift {
    /// Moves every span by `delta` bytes.
    fn shift(&mut self, delta: isize);
}

impl<T> Shift for Spanned<T> {
    fn shift(&mut self, delta: isize) {
        self.span = self.span.shifted(delta);
    }
}

impl Shift for Call {
    fn shift(&mut self, delta: isize) {
        if let Some(key) = &mut self.key {
            key.shift(delta);
        }
        self.args.shift(delta);
        self.span = self.span.shifted(delta);
    }
}

impl Shift for Props {
    fn shift(&mut self, delta: isize) {
        for prop in &mut self.items {
            prop.shift(delta);
        }
        self.span = self.span.shifted(delta);
    }
}

impl Shift for Prop {
    fn shift(&mut self, delta: isize) {
        self.key_span = self.key_span.shifted(delta);
        self.value.shift(delta);
    }
}

impl Shift for Value {
    fn shift(&mut self, delta: isize) {
        self.span = self.span.shifted(delta);
        match &mut self.kind {
            ValueKind::Text(text) => text.shift(delta),
            ValueKind::Factory(_, arg) => arg.shift(delta),
            ValueKind::List(items) => items.iter_mut().for_each(|v| v.shift(delta)),
            ValueKind::Map(entries) => {
                for (key, value) in entries {
                    key.shift(delta);
                    value.shift(delta);
                }
            }
            ValueKind::Struct(props) | ValueKind::MathExpression(props) => props.shift(delta),
            ValueKind::Metric(metric) => metric.shift(delta),
            ValueKind::Bool(_)
            | ValueKind::Number(_)
            | ValueKind::Duration(_)
            | ValueKind::Member(_)
            | ValueKind::Construct(_)
            | ValueKind::Object(_) => {}
        }
    }
}

impl Shift for MetricRef {
    fn shift(&mut self, delta: isize) {
        self.target.shift(delta);
        self.options.shift(delta);
        self.call = self.call.shifted(delta);
    }
}

impl Shift for Text {
    fn shift(&mut self, delta: isize) {
        for part in &mut self.parts {
            if let TextPart::Expr(expr) = part {
                expr.shift(delta);
            }
        }
    }
}

impl Shift for Expr {
    fn shift(&mut self, delta: isize) {
        self.head.shift(delta);
        self.members.iter_mut().for_each(|m| m.shift(delta));
        self.span = self.span.shifted(delta);
    }
}

impl Shift for Member {
    fn shift(&mut self, delta: isize) {
        self.name.shift(delta);
        for arg in self.args.iter_mut().flatten().flatten() {
            arg.shift(delta);
        }
    }
}
