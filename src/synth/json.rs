//! The template's JSON as synth builds it.
//!
//! A template is mostly fixed text (property names, resource types, enum values) around a few
//! computed strings, and its objects are small. So keys and strings written in the program are
//! borrowed, not allocated; an object is a vector of entries in insertion order (the template's
//! key order), looked up by a scan instead of through a hash table; and `--synth` renders the
//! value straight to text ([`write_pretty`]) in `serde_json`'s pretty format. The `json!` macro
//! builds values from JSON-like syntax, as `serde_json::json!` does.

use std::borrow::Cow;
use std::io::{self, Write};

pub use serde_json::Number;

/// A key or a string: borrowed when written in the program, owned when computed.
pub type Text = Cow<'static, str>;

/// A JSON value of the template.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, printed as `serde_json` prints it.
    Number(Number),
    /// A string.
    String(Text),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

/// A JSON object: entries in insertion order, each key once.
#[derive(Clone, Debug, Default)]
pub struct Map {
    entries: Vec<(Text, Value)>,
}

static NULL: Value = Value::Null;

impl Value {
    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The entries of an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The entries of an object, to change.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The value under `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|map| map.get(key))
    }

    /// The value under `key` of an object, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.as_object_mut().and_then(|map| map.get_mut(key))
    }
}

impl std::ops::Index<&str> for Value {
    type Output = Value;

    /// The value under `key`, or `null` (not an object, or no such key), as in `serde_json`.
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl std::ops::Index<usize> for Value {
    type Output = Value;

    /// The item at `index`, or `null` (not an array, or past its end), as in `serde_json`.
    fn index(&self, index: usize) -> &Value {
        self.as_array()
            .and_then(|items| items.get(index))
            .unwrap_or(&NULL)
    }
}

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<String> for Value {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == Some(other.as_str())
    }
}

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map::default()
    }

    /// An empty object with room for `capacity` entries.
    pub fn with_capacity(capacity: usize) -> Map {
        Map {
            entries: Vec::with_capacity(capacity),
        }
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k == key)
    }

    /// Sets `key` to `value`: in place when the key is there (returning the old value), else
    /// at the end.
    pub fn insert(&mut self, key: Text, value: Value) -> Option<Value> {
        match self.position(&key) {
            Some(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// The object `json!` writes: its entries, each key once, exactly as much room as they take.
    pub fn from_literal(entries: Vec<(Text, Value)>) -> Map {
        debug_assert!(
            entries
                .iter()
                .enumerate()
                .all(|(i, (k, _))| entries[..i].iter().all(|(other, _)| other != k)),
            "a key written twice"
        );
        Map { entries }
    }

    /// Appends an entry whose key the caller knows is not there yet (the template's resources
    /// and outputs: the plan refused two with one logical ID), without looking for it.
    pub fn push_new(&mut self, key: Text, value: Value) {
        debug_assert!(!self.contains_key(&key), "{key} twice");
        self.entries.push((key, value));
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value under `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Whether `key` is there.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Takes `key` out, keeping the order of the other entries.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.position(key).map(|at| self.entries.remove(at).1)
    }

    /// The place of `key`, to fill when missing (as `serde_json`'s `entry`).
    pub fn entry(&mut self, key: impl Into<Text>) -> Entry<'_> {
        Entry {
            map: self,
            key: key.into(),
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (&**k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| &**k)
    }

    /// Orders the entries by key (byte order), as CloudFormation properties are written.
    pub fn sort_keys(&mut self) {
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
    }
}

/// A key's place in a [`Map`], from [`Map::entry`].
pub struct Entry<'a> {
    map: &'a mut Map,
    key: Text,
}

impl<'a> Entry<'a> {
    /// The value under the key, inserted at the end with `make` when missing.
    pub fn or_insert_with(self, make: impl FnOnce() -> Value) -> &'a mut Value {
        let at = match self.map.position(&self.key) {
            Some(at) => at,
            None => {
                self.map.entries.push((self.key, make()));
                self.map.entries.len() - 1
            }
        };
        &mut self.map.entries[at].1
    }
}

impl PartialEq for Map {
    /// Equal entries in any order, as JSON objects compare.
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl IntoIterator for Map {
    type Item = (Text, Value);
    type IntoIter = std::vec::IntoIter<(Text, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<K: Into<Text>> FromIterator<(K, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Map {
        let mut map = Map::new();
        map.extend(iter);
        map
    }
}

impl<K: Into<Text>> Extend<(K, Value)> for Map {
    fn extend<I: IntoIterator<Item = (K, Value)>>(&mut self, iter: I) {
        for (key, value) in iter {
            self.insert(key.into(), value);
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(Cow::Owned(s))
    }
}

impl From<f64> for Value {
    /// A finite number; `null` for NaN and infinities, as `serde_json` has it.
    fn from(n: f64) -> Value {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// What `json!` takes: owned values are moved in, borrowed ones copied.
pub trait IntoValue {
    /// The value.
    fn into_value(self) -> Value;
}

impl IntoValue for Value {
    fn into_value(self) -> Value {
        self
    }
}

impl IntoValue for &Value {
    fn into_value(self) -> Value {
        self.clone()
    }
}

impl IntoValue for Map {
    fn into_value(self) -> Value {
        Value::Object(self)
    }
}

impl IntoValue for &Map {
    fn into_value(self) -> Value {
        Value::Object(self.clone())
    }
}

impl IntoValue for String {
    fn into_value(self) -> Value {
        Value::String(Cow::Owned(self))
    }
}

impl IntoValue for &String {
    fn into_value(self) -> Value {
        Value::String(Cow::Owned(self.clone()))
    }
}

impl IntoValue for &str {
    fn into_value(self) -> Value {
        Value::String(Cow::Owned(self.to_owned()))
    }
}

impl IntoValue for &&str {
    fn into_value(self) -> Value {
        Value::String(Cow::Owned((*self).to_owned()))
    }
}

impl IntoValue for Text {
    fn into_value(self) -> Value {
        Value::String(self)
    }
}

impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value::Bool(self)
    }
}

impl IntoValue for f64 {
    fn into_value(self) -> Value {
        Value::from(self)
    }
}

macro_rules! integer_into_value {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            fn into_value(self) -> Value {
                Value::Number(Number::from(self))
            }
        }

        impl IntoValue for &$t {
            fn into_value(self) -> Value {
                Value::Number(Number::from(*self))
            }
        }
    )*};
}
integer_into_value!(i32, i64, u8, u16, u32, u64, usize);

impl<T: IntoValue> IntoValue for Option<T> {
    /// The value, or `null`.
    fn into_value(self) -> Value {
        self.map_or(Value::Null, IntoValue::into_value)
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Value {
        Value::Array(self.into_iter().map(IntoValue::into_value).collect())
    }
}

impl<'a, T> IntoValue for &'a Vec<T>
where
    &'a T: IntoValue,
{
    fn into_value(self) -> Value {
        Value::Array(self.iter().map(IntoValue::into_value).collect())
    }
}

impl<'a, T> IntoValue for &'a [T]
where
    &'a T: IntoValue,
{
    fn into_value(self) -> Value {
        Value::Array(self.iter().map(IntoValue::into_value).collect())
    }
}

impl<T: IntoValue, const N: usize> IntoValue for [T; N] {
    fn into_value(self) -> Value {
        Value::Array(self.into_iter().map(IntoValue::into_value).collect())
    }
}

/// A literal written in `json!`: a string literal is borrowed, not copied.
pub trait Literal {
    /// The literal as a value.
    fn into_json(self) -> Value;
}

impl Literal for &'static str {
    fn into_json(self) -> Value {
        Value::String(Cow::Borrowed(self))
    }
}

impl Literal for bool {
    fn into_json(self) -> Value {
        Value::Bool(self)
    }
}

impl Literal for i32 {
    fn into_json(self) -> Value {
        Value::Number(Number::from(self))
    }
}

impl Literal for i64 {
    fn into_json(self) -> Value {
        Value::Number(Number::from(self))
    }
}

impl Literal for f64 {
    fn into_json(self) -> Value {
        Value::from(self)
    }
}

/// A [`Value`] from JSON-like syntax: `{ "Key": value, ... }`, `[a, b]`, `null`, literals and
/// any expression that converts into a value. Object keys are string literals.
macro_rules! json {
    (null) => { $crate::synth::json::Value::Null };
    ([]) => { $crate::synth::json::Value::Array(Vec::new()) };
    ([ $($items:tt)+ ]) => {
        $crate::synth::json::Value::Array($crate::synth::json::json!(@array [] $($items)+))
    };
    ({}) => { $crate::synth::json::Value::Object($crate::synth::json::Map::new()) };
    ({ $($entries:tt)+ }) => {
        $crate::synth::json::Value::Object($crate::synth::json::Map::from_literal(
            $crate::synth::json::json!(@object [] $($entries)+)
        ))
    };
    ($lit:literal) => { $crate::synth::json::Literal::into_json($lit) };
    ($other:expr) => { $crate::synth::json::IntoValue::into_value($other) };

    // Array items, collected in brackets.
    (@array [$($done:expr,)*]) => { vec![$($done,)*] };
    (@array [$($done:expr,)*] null $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@array [$($done,)* $crate::synth::json::Value::Null,] $($($rest)*)?)
    };
    (@array [$($done:expr,)*] [ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@array [$($done,)* $crate::synth::json::json!([$($inner)*]),] $($($rest)*)?)
    };
    (@array [$($done:expr,)*] { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@array [$($done,)* $crate::synth::json::json!({$($inner)*}),] $($($rest)*)?)
    };
    (@array [$($done:expr,)*] $lit:literal $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@array [$($done,)* $crate::synth::json::Literal::into_json($lit),] $($($rest)*)?)
    };
    (@array [$($done:expr,)*] $next:expr $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@array [$($done,)* $crate::synth::json::IntoValue::into_value($next),] $($($rest)*)?)
    };

    // Object entries, collected in brackets as (key, value) pairs.
    (@object [$($done:expr,)*]) => { vec![$($done,)*] };
    (@object [$($done:expr,)*] $key:literal : null $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@object [$($done,)* (std::borrow::Cow::Borrowed($key), $crate::synth::json::Value::Null),] $($($rest)*)?)
    };
    (@object [$($done:expr,)*] $key:literal : [ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@object [$($done,)* (std::borrow::Cow::Borrowed($key), $crate::synth::json::json!([$($inner)*])),] $($($rest)*)?)
    };
    (@object [$($done:expr,)*] $key:literal : { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@object [$($done,)* (std::borrow::Cow::Borrowed($key), $crate::synth::json::json!({$($inner)*})),] $($($rest)*)?)
    };
    (@object [$($done:expr,)*] $key:literal : $lit:literal $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@object [$($done,)* (std::borrow::Cow::Borrowed($key), $crate::synth::json::Literal::into_json($lit)),] $($($rest)*)?)
    };
    (@object [$($done:expr,)*] $key:literal : $value:expr $(, $($rest:tt)*)?) => {
        $crate::synth::json::json!(@object [$($done,)* (std::borrow::Cow::Borrowed($key), $crate::synth::json::IntoValue::into_value($value)),] $($($rest)*)?)
    };
}
pub(crate) use json;

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => n.serialize(serializer),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => serializer.collect_seq(items),
            Value::Object(map) => serializer.collect_map(map.iter()),
        }
    }
}

impl Value {
    /// The value as a `serde_json` value (for tests and for code that reads JSON generically),
    /// through the `Serialize` impl above.
    pub fn to_serde(&self) -> serde_json::Value {
        // Keys are strings and numbers finite: serializing cannot fail.
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// Writes `value` as `serde_json::to_writer_pretty` does (two-space indent, `"key": value`,
/// `[]` and `{}` when empty, the same string escapes and number forms); how many bytes it
/// wrote. The text is rendered into a buffer handed to `out` each time it holds [`CHUNK`]
/// bytes: `out` needs no buffer of its own, and a large template is never held whole.
pub fn write_pretty(value: &Value, out: &mut impl Write) -> io::Result<usize> {
    let mut sink = Sink {
        buf: Vec::with_capacity(CHUNK + CHUNK / 4),
        out,
        written: 0,
    };
    sink.value(value, 0)?;
    sink.flush()?;
    Ok(sink.written)
}

/// The bytes [`write_pretty`] renders before it hands them on.
pub const CHUNK: usize = 64 * 1024;

/// Rendered text on its way to a writer.
struct Sink<'a, W> {
    buf: Vec<u8>,
    out: &'a mut W,
    written: usize,
}

impl<W: Write> Sink<'_, W> {
    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.written += self.buf.len();
        self.buf.clear();
        Ok(())
    }

    /// Hands the buffer on once it is full (between items, so writes stay large).
    fn flush_if_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn value(&mut self, value: &Value, depth: usize) -> io::Result<()> {
        match value {
            Value::Null => self.buf.extend_from_slice(b"null"),
            Value::Bool(true) => self.buf.extend_from_slice(b"true"),
            Value::Bool(false) => self.buf.extend_from_slice(b"false"),
            Value::Number(n) => {
                // Writing into a Vec cannot fail.
                let _ = write!(self.buf, "{n}");
            }
            Value::String(s) => self.string(s),
            Value::Array(items) if items.is_empty() => self.buf.extend_from_slice(b"[]"),
            Value::Array(items) => {
                self.collection(b'[', b']', items.iter().map(|item| (None, item)), depth)?;
            }
            Value::Object(map) if map.is_empty() => self.buf.extend_from_slice(b"{}"),
            Value::Object(map) => {
                let entries = map.iter().map(|(key, item)| (Some(key), item));
                self.collection(b'{', b'}', entries, depth)?;
            }
        }
        Ok(())
    }

    /// A non-empty array (items without keys) or object between `open` and `close`: one item
    /// per line, indented a level deeper than `depth`.
    fn collection<'v>(
        &mut self,
        open: u8,
        close: u8,
        items: impl Iterator<Item = (Option<&'v str>, &'v Value)>,
        depth: usize,
    ) -> io::Result<()> {
        self.buf.push(open);
        for (i, (key, item)) in items.enumerate() {
            self.buf
                .extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            self.indent(depth + 1);
            if let Some(key) = key {
                self.string(key);
                self.buf.extend_from_slice(b": ");
            }
            self.value(item, depth + 1)?;
            self.flush_if_full()?;
        }
        self.buf.push(b'\n');
        self.indent(depth);
        self.buf.push(close);
        Ok(())
    }

    fn indent(&mut self, depth: usize) {
        let len = self.buf.len() + depth * 2;
        self.buf.resize(len, b' ');
    }

    /// A JSON string with `serde_json`'s escapes: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
    /// other control characters as `\u00XX`; everything else as is.
    fn string(&mut self, s: &str) {
        let buf = &mut self.buf;
        buf.push(b'"');
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if !NEEDS_ESCAPE[usize::from(b)] {
                continue;
            }
            buf.extend_from_slice(&bytes[start..i]);
            match b {
                b'"' => buf.extend_from_slice(b"\\\""),
                b'\\' => buf.extend_from_slice(b"\\\\"),
                b'\n' => buf.extend_from_slice(b"\\n"),
                b'\r' => buf.extend_from_slice(b"\\r"),
                b'\t' => buf.extend_from_slice(b"\\t"),
                0x08 => buf.extend_from_slice(b"\\b"),
                0x0c => buf.extend_from_slice(b"\\f"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let code = [
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        HEX[usize::from(b >> 4)],
                        HEX[usize::from(b & 0xf)],
                    ];
                    buf.extend_from_slice(&code);
                }
            }
            start = i + 1;
        }
        buf.extend_from_slice(&bytes[start..]);
        buf.push(b'"');
    }
}

/// The bytes a JSON string escapes: control characters, `"` and `\`.
static NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

#[cfg(test)]
mod tests;
