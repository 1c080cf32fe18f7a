//! Strings as CDK renders them: literal text and intrinsic functions (`Ref`, `Fn::GetAtt`),
//! joined with `Fn::Join` when mixed, and the stack's pseudo parameters.

use std::sync::Arc;

use crate::synth::json::{Value, json};

/// One piece of a string: literal text or an intrinsic function.
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Lit(String),
    Token(Token),
}

/// An intrinsic function. Copies share it (strings are concatenated often; a token is
/// rendered as JSON only when the string is).
#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// `{"Ref": id}`.
    Ref(Arc<str>),
    /// `{"Fn::GetAtt": [id, attribute]}`.
    GetAtt(Arc<(String, String)>),
    /// Any other function, as written.
    Other(Arc<Value>),
}

impl Token {
    fn to_json(&self) -> Value {
        match self {
            Token::Ref(id) => json!({ "Ref": &**id }),
            Token::GetAtt(target) => json!({ "Fn::GetAtt": [&target.0, &target.1] }),
            Token::Other(value) => Value::clone(value),
        }
    }
}

/// A string that may contain CloudFormation tokens.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Str {
    pieces: Vec<Piece>,
}

impl Str {
    /// Literal text.
    pub fn lit(s: impl Into<String>) -> Str {
        let mut out = Str::default();
        out.push_lit(&s.into());
        out
    }

    /// An intrinsic function, such as `{"Ref": "X"}`.
    pub fn token(v: Value) -> Str {
        Str::of(Token::Other(Arc::new(v)))
    }

    fn of(token: Token) -> Str {
        Str {
            pieces: vec![Piece::Token(token)],
        }
    }

    /// `{"Ref": id}`.
    pub fn reference(id: &str) -> Str {
        Str::of(Token::Ref(Arc::from(id)))
    }

    /// `{"Fn::GetAtt": [id, attr]}`.
    pub fn get_att(id: &str, attr: &str) -> Str {
        Str::of(Token::GetAtt(Arc::new((id.to_owned(), attr.to_owned()))))
    }

    /// Appends literal text.
    pub fn push_lit(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Piece::Lit(last)) = self.pieces.last_mut() {
            last.push_str(s);
        } else {
            self.pieces.push(Piece::Lit(s.to_string()));
        }
    }

    /// Appends another string (concatenation, as `${a}${b}` in CDK).
    pub fn push(&mut self, other: &Str) {
        for piece in &other.pieces {
            match piece {
                Piece::Lit(s) => self.push_lit(s),
                Piece::Token(t) => self.pieces.push(Piece::Token(t.clone())),
            }
        }
    }

    /// Builder form of [`Str::push_lit`].
    pub fn and_lit(mut self, s: &str) -> Str {
        self.push_lit(s);
        self
    }

    /// Builder form of [`Str::push`].
    pub fn and(mut self, other: &Str) -> Str {
        self.push(other);
        self
    }

    /// The text when it holds no tokens.
    pub fn as_literal(&self) -> Option<String> {
        match self.pieces.as_slice() {
            [] => Some(String::new()),
            [Piece::Lit(s)] => Some(s.clone()),
            _ => None,
        }
    }

    /// The string as `Fn::Sub` would write it (`arn:${AWS::Partition}:...:${Api}/*`), for
    /// people to read: `Ref` is `${Id}`, `Fn::GetAtt` is `${Id.Attr}`.
    pub fn to_sub_string(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Lit(s) => out.push_str(s),
                Piece::Token(Token::Ref(id)) => out.push_str(&format!("${{{id}}}")),
                Piece::Token(Token::GetAtt(target)) => {
                    out.push_str(&format!("${{{}.{}}}", target.0, target.1));
                }
                Piece::Token(Token::Other(_)) => out.push_str("${…}"),
            }
        }
        out
    }

    /// The CloudFormation value: a string, a bare token, or `Fn::Join` with an empty delimiter.
    pub fn to_json(&self) -> Value {
        match self.pieces.as_slice() {
            [] => Value::String("".into()),
            [Piece::Lit(s)] => Value::from(s.clone()),
            [Piece::Token(t)] => t.to_json(),
            pieces => {
                let parts: Vec<Value> = pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Lit(s) => Value::from(s.clone()),
                        Piece::Token(t) => t.to_json(),
                    })
                    .collect();
                json!({ "Fn::Join": ["", parts] })
            }
        }
    }
}

/// The stack's environment: region and account literal when `stack.env` gives them.
#[derive(Clone, Debug, Default)]
pub struct Env {
    /// `stack.env.region`.
    pub region: Option<String>,
    /// `stack.env.account`.
    pub account: Option<String>,
}

impl Env {
    /// The region: literal, or `{"Ref": "AWS::Region"}`.
    pub fn region(&self) -> Str {
        self.region
            .as_ref()
            .map_or_else(|| Str::reference("AWS::Region"), Str::lit)
    }

    /// The account: literal, or `{"Ref": "AWS::AccountId"}`.
    pub fn account(&self) -> Str {
        self.account
            .as_ref()
            .map_or_else(|| Str::reference("AWS::AccountId"), Str::lit)
    }

    /// The partition, always `{"Ref": "AWS::Partition"}` (as CDK renders it).
    pub fn partition(&self) -> Str {
        Str::reference("AWS::Partition")
    }

    /// The URL suffix, always `{"Ref": "AWS::URLSuffix"}`.
    pub fn url_suffix(&self) -> Str {
        Str::reference("AWS::URLSuffix")
    }

    /// `Stack.formatArn` with `/` before the resource name.
    pub fn format_arn(&self, service: &str, resource: &Str, resource_name: &Str) -> Str {
        Str::lit("arn:")
            .and(&self.partition())
            .and_lit(&format!(":{service}:"))
            .and(&self.region())
            .and_lit(":")
            .and(&self.account())
            .and_lit(":")
            .and(resource)
            .and_lit("/")
            .and(resource_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_cdk() {
        let env = Env::default();
        let url = Str::lit("https://")
            .and(&Str::reference("Api"))
            .and_lit(".execute-api.")
            .and(&env.region());
        assert_eq!(
            url.to_json(),
            json!({"Fn::Join": ["", ["https://", {"Ref": "Api"}, ".execute-api.", {"Ref": "AWS::Region"}]]})
        );
        assert_eq!(Str::reference("Api").to_json(), json!({"Ref": "Api"}));
        assert_eq!(Str::lit("a").and_lit("b").to_json(), json!("ab"));
        let env = Env {
            region: Some("us-east-1".into()),
            account: Some("1".into()),
        };
        let arn = env.format_arn("execute-api", &Str::reference("Api"), &Str::lit("*/*/*"));
        assert_eq!(
            arn.to_json(),
            json!({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":execute-api:us-east-1:1:", {"Ref": "Api"}, "/*/*/*"]]})
        );
    }
}
