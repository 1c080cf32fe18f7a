//! Locating the cursor: the key or value under it and its path, from the YAML tree when the
//! tree holds the cursor's line, else from the raw text (indentation for block keys, the flow
//! scanner for flow collections).

use super::flow::scan_flow;
use super::lines::{Line, Lines};
use super::text::{in_comment, is_key_char, is_value_char, word_around};
use super::{Segment, Spot, node_at, place_at};
use crate::syntax::line_start;
use crate::syntax::{Node, NodeValue, Span};

/// What [`Lines::locate`] found.
#[derive(Debug)]
pub(super) struct Located<'a> {
    pub(super) spot: Spot,
    pub(super) path: Vec<Segment>,
    pub(super) word: Span,
    pub(super) node: Option<&'a Node>,
    pub(super) column: usize,
    pub(super) flow: bool,
    pub(super) needs_space: bool,
    pub(super) value_start: Option<usize>,
}

impl<'a> Lines<'a> {
    pub(super) fn locate(&self, offset: usize) -> Option<Located<'a>> {
        let ls = line_start(self.text, offset);
        if let Some(found) = self.locate_in_tree(offset, ls) {
            return Some(found);
        }
        if let Some(found) = self.locate_in_flow_gap(offset) {
            return Some(found);
        }
        self.locate_in_text(offset, ls)
    }

    /// The key or value node of the tree under the cursor (on the cursor's line).
    fn locate_in_tree(&self, offset: usize, ls: usize) -> Option<Located<'a>> {
        let root = self.root?;
        let mut path = Vec::new();
        let mut node = root;
        let mut flow = false;
        loop {
            match &node.value {
                NodeValue::Map(entries) => {
                    flow = flow || self.is_flow(node);
                    let mut next = None;
                    for entry in entries {
                        if entry.key.span.contains(offset) && entry.key.span.start >= ls {
                            if !self.is_scalar_like(&entry.key) {
                                return None;
                            }
                            let word = word_around(self.text, offset, ls, is_key_char);
                            return Some(Located {
                                spot: Spot::Key,
                                path,
                                word,
                                node: Some(&entry.key),
                                column: word.start.saturating_sub(ls),
                                flow,
                                needs_space: false,
                                value_start: None,
                            });
                        }
                        if entry.value.span.contains(offset) && !entry.value.is_alias() {
                            let key = entry.key.as_str()?;
                            next = Some((Segment::Key(key.to_string()), &entry.value));
                            break;
                        }
                    }
                    let (segment, child) = next?;
                    path.push(segment);
                    node = child;
                }
                NodeValue::Seq(items) => {
                    flow = flow || self.is_flow(node);
                    let (i, child) = items
                        .iter()
                        .enumerate()
                        .find(|(_, item)| item.span.contains(offset) && !item.is_alias())?;
                    path.push(Segment::Index(i));
                    node = child;
                }
                NodeValue::Scalar(_) | NodeValue::Null => {
                    if node.span.start < ls {
                        // A scalar that began on an earlier line: the text decides.
                        return None;
                    }
                    let source = self.text.get(node.span.start..node.span.end).unwrap_or("");
                    let quoted = source.starts_with('"') || source.starts_with('\'');
                    if source.starts_with(['|', '>']) {
                        return None;
                    }
                    let value_start = node.span.start + usize::from(quoted);
                    if quoted && offset < value_start {
                        return None;
                    }
                    let floor = value_start;
                    let word = if quoted {
                        let inner_end = node.span.end.saturating_sub(1).max(value_start);
                        let w = word_around(self.text, offset, floor, is_value_char);
                        Span::new(w.start, w.end.min(inner_end).max(w.start))
                    } else {
                        word_around(self.text, offset, floor, is_value_char)
                    };
                    let needs_space = self
                        .text
                        .get(..word.start)
                        .is_some_and(|t| t.ends_with(':'));
                    return Some(Located {
                        spot: Spot::Value,
                        path,
                        word,
                        node: Some(node),
                        column: word.start.saturating_sub(ls),
                        flow,
                        needs_space,
                        value_start: Some(value_start),
                    });
                }
            }
        }
    }

    /// Whether a collection node is written in flow style.
    fn is_flow(&self, node: &Node) -> bool {
        self.text
            .get(node.span.start..)
            .is_some_and(|t| t.starts_with(['{', '[']))
    }

    fn is_scalar_like(&self, node: &Node) -> bool {
        matches!(node.value, NodeValue::Scalar(_) | NodeValue::Null)
    }

    /// The cursor between the items of a flow collection the tree holds (`{ a: 1, | }`).
    fn locate_in_flow_gap(&self, offset: usize) -> Option<Located<'a>> {
        let root = self.root?;
        let mut path = Vec::new();
        let mut node = root;
        let mut found: Option<(Vec<Segment>, &Node)> = None;
        loop {
            if self.is_flow(node) && node.span.start < offset && offset < node.span.end {
                found = Some((path.clone(), node));
            }
            let next = match &node.value {
                NodeValue::Map(entries) => entries
                    .iter()
                    .find(|e| e.value.span.contains(offset) && !e.value.is_alias())
                    .and_then(|e| Some((Segment::Key(e.key.as_str()?.to_string()), &e.value))),
                NodeValue::Seq(items) => items
                    .iter()
                    .enumerate()
                    .find(|(_, item)| item.span.contains(offset) && !item.is_alias())
                    .map(|(i, item)| (Segment::Index(i), item)),
                _ => None,
            };
            let Some((segment, child)) = next else { break };
            path.push(segment);
            node = child;
        }
        let (mut path, collection) = found?;
        let before = self.text.get(collection.span.start..offset)?;
        let last = before
            .trim_end_matches([' ', '\t', '\r', '\n'])
            .chars()
            .last()?;
        let ls = line_start(self.text, offset);
        let base = Located {
            spot: Spot::Key,
            path: Vec::new(),
            word: Span::new(offset, offset),
            node: None,
            column: offset - ls,
            flow: true,
            needs_space: last == ':' && before.ends_with(':'),
            value_start: Some(offset),
        };
        match &collection.value {
            NodeValue::Map(entries) => match last {
                '{' | ',' => Some(Located {
                    path,
                    value_start: None,
                    ..base
                }),
                ':' => {
                    let entry = entries
                        .iter()
                        .filter(|e| e.key.span.end <= offset)
                        .max_by_key(|e| e.key.span.end)?;
                    path.push(Segment::Key(entry.key.as_str()?.to_string()));
                    Some(Located {
                        spot: Spot::Value,
                        path,
                        ..base
                    })
                }
                _ => None,
            },
            NodeValue::Seq(items) => match last {
                '[' | ',' => {
                    let index = items.iter().filter(|i| i.span.end <= offset).count();
                    path.push(Segment::Index(index));
                    Some(Located {
                        spot: Spot::Value,
                        path,
                        ..base
                    })
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The cursor on a line the tree does not hold (being typed), read from the text.
    fn locate_in_text(&self, offset: usize, ls: usize) -> Option<Located<'a>> {
        let before = self.text.get(ls..offset)?;
        let line = Line::parse(ls, before);
        if in_comment(before) {
            return None;
        }
        let base = |spot, path, word: Span, value_start| Located {
            spot,
            path,
            word,
            node: None,
            column: word.start.saturating_sub(ls),
            flow: false,
            needs_space: false,
            value_start,
        };
        if let Some(key) = &line.key {
            // `key: |`: the value of a key written on this line.
            let mut path = self.line_key_path(&line, 0)?;
            let rest = before.get(key.colon_end..).unwrap_or("");
            let lead = rest.len() - rest.trim_start().len();
            let value_at = ls + key.colon_end + lead;
            let value = rest.trim_start();
            if value.starts_with(['{', '[']) {
                return self.locate_in_flow_text(value, value_at, path, ls);
            }
            if value.starts_with(['|', '>', '&', '*', '!']) {
                return None;
            }
            let quoted = value.starts_with(['"', '\'']);
            let value_start = value_at + usize::from(quoted);
            let word = word_around(self.text, offset, value_start, is_value_char);
            let needs_space = lead == 0 && value.is_empty();
            let _ = &mut path;
            return Some(Located {
                needs_space,
                ..base(Spot::Value, path, word, Some(value_start))
            });
        }
        let rest = line.rest();
        if let Some(&first_dash) = line.dashes.first() {
            // `- |`: an item of a block sequence.
            let mut path = self.item_path(ls, first_dash, line.dashes.len(), 0)?;
            let content_at = ls + line.content;
            if rest.starts_with(['{', '[']) {
                return self.locate_in_flow_text(rest, content_at, path, ls);
            }
            let quoted = rest.starts_with(['"', '\'']);
            let value_start = content_at + usize::from(quoted);
            let word = word_around(self.text, offset, value_start, is_value_char);
            let place = place_at(self.root, &path, self.known);
            let is_mapping = !quoted && !place.mapping(node_at(self.root, &path)).keys().is_empty();
            if is_mapping {
                return Some(base(Spot::Key, path, word, None));
            }
            let _ = &mut path;
            return Some(base(Spot::Value, path, word, Some(value_start)));
        }
        if rest.starts_with(['{', '[', '"', '\'', '|', '>', '&', '*', '!']) {
            return None;
        }
        // A key being typed (or a new line): indentation decides the mapping.
        let word = word_around(self.text, offset, ls + line.content, is_key_char);
        let column = word.start - ls;
        let path = self.container_path(ls, column, 0)?;
        Some(base(Spot::Key, path, word, None))
    }

    /// A flow collection being typed on the cursor's line: `s` is the text from its opener to
    /// the cursor, starting at byte `at`; `base` the path of the collection.
    fn locate_in_flow_text(
        &self,
        s: &str,
        at: usize,
        base: Vec<Segment>,
        ls: usize,
    ) -> Option<Located<'a>> {
        let scan = scan_flow(s)?;
        let mut path = base;
        path.extend(scan.path);
        let value_start = at + scan.token_start;
        let word = word_around(self.text, at + s.len(), value_start, is_value_char);
        Some(Located {
            spot: scan.spot,
            path,
            word,
            node: None,
            column: word.start.saturating_sub(ls),
            flow: true,
            needs_space: scan.needs_space,
            value_start: (scan.spot == Spot::Value).then_some(value_start),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{API, check};

    #[test]
    fn keys_from_indentation() {
        assert_eq!(check("$0"), "key at [] word \"\" place document");
        assert_eq!(check("cons$0"), "key at [] word \"cons\" place document");
        assert_eq!(
            check(&format!("{API}    ap$0\n")),
            "key at [constructs / HttpApi] word \"ap\" place construct HttpApi"
        );
        assert_eq!(
            check(&format!("{API}    $0\n  Other:\n    type: Function\n")),
            "key at [constructs / HttpApi] word \"\" place construct HttpApi"
        );
        assert_eq!(
            check(&format!("{API}  $0\n")),
            "key at [constructs] word \"\" place constructs"
        );
        assert_eq!(
            check(&format!("{API}$0\n")),
            "key at [] word \"\" place document"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - path: /a\n        me$0\n"
            )),
            "key at [constructs / HttpApi / addRoutes / 0] word \"me\" place props path,methods,integration,authorizer,authorizationScopes"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - path: /a\n      - path: /b\n        $0\n  B:\n    type: HttpApi\n"
            )),
            "key at [constructs / HttpApi / addRoutes / 1] word \"\" place props path,methods,integration,authorizer,authorizationScopes"
        );
        assert_eq!(
            check(&format!("{API}    addRoutes:\n      - $0\n")),
            "key at [constructs / HttpApi / addRoutes / 0] word \"\" place props path,methods,integration,authorizer,authorizationScopes"
        );
        assert_eq!(
            check(&format!("{API}    corsPreflight:\n      $0\n")),
            "key at [constructs / HttpApi / corsPreflight] word \"\" place props allowCredentials,allowHeaders,allowMethods,allowOrigins,exposeHeaders,maxAge"
        );
    }

    #[test]
    fn values_in_block_and_flow() {
        assert_eq!(
            check("constructs:\n  HttpApi:\n    type: $0\n"),
            "value at [constructs / HttpApi / type] word \"\" place type name Construct"
        );
        assert_eq!(
            check("constructs:\n  HttpApi:\n    type:$0\n"),
            "value at [constructs / HttpApi / type] word \"\" place type name Construct needs-space"
        );
        assert_eq!(
            check("constructs:\n  HttpApi:\n    type: Htt$0\n"),
            "value at [constructs / HttpApi / type] word \"Htt\" place type name Construct"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, integration: $0 }}\n"
            )),
            format!(
                "value at [constructs / HttpApi / addRoutes / 0 / integration] word \"\" place value integration ({}) of integration flow",
                crate::model::schema::HTTP_INTEGRATIONS.join(" or ")
            )
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, integration: $0\n"
            )),
            format!(
                "value at [constructs / HttpApi / addRoutes / 0 / integration] word \"\" place value integration ({}) of integration flow",
                crate::model::schema::HTTP_INTEGRATIONS.join(" or ")
            )
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, inte$0 }}\n"
            )),
            "key at [constructs / HttpApi / addRoutes / 0] word \"inte\" place props path,methods,integration,authorizer,authorizationScopes flow"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, methods: [GET, $0], integration: I }}\n"
            )),
            "value at [constructs / HttpApi / addRoutes / 0 / methods / 1] word \"\" place value HttpMethod member of methods flow"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, methods: [GET, P$0], integration: I }}\n"
            )),
            "value at [constructs / HttpApi / addRoutes / 0 / methods / 1] word \"P\" place value HttpMethod member of methods flow"
        );
        assert_eq!(
            check(&format!("{API}    dependsOn:\n      - $0\n")),
            "value at [constructs / HttpApi / dependsOn / 0] word \"\" place value path of a "
        );
    }

    #[test]
    fn typing_in_block_structures() {
        // A word alone where a mapping belongs parses as a scalar value: it is a key.
        assert_eq!(
            check("constructs:\n  Foo:\n    ap$0\n"),
            "key at [constructs / Foo] word \"ap\" place construct ? (no type)"
        );
        // In the middle of an existing key.
        assert_eq!(
            check(&format!("{API}    ipAddr$0essType: IPV4\n")),
            "key at [constructs / HttpApi] word \"ipAddressType\" place construct HttpApi"
        );
        // Quoted entry keys.
        assert_eq!(
            check("constructs:\n  \"My Api\":\n    type: HttpApi\n    $0\n"),
            "key at [constructs / My Api] word \"\" place construct HttpApi"
        );
        // Block lists of values.
        assert_eq!(
            check(&format!("{API}    dependsOn:\n      - Bo$0\n")),
            "value at [constructs / HttpApi / dependsOn / 0] word \"Bo\" place value path of a "
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - path: /a\n        methods:\n          - GET\n          - P$0\n"
            )),
            "value at [constructs / HttpApi / addRoutes / 0 / methods / 1] word \"P\" place value HttpMethod member of methods"
        );
        // `-` alone, its mapping on the next lines.
        assert_eq!(
            check(&format!("{API}    addRoutes:\n      -\n        pa$0\n")),
            "key at [constructs / HttpApi / addRoutes / 0] word \"pa\" place props path,methods,integration,authorizer,authorizationScopes"
        );
        // Lines of a block scalar are not structure.
        assert_eq!(
            check(
                "constructs:\n  Fn:\n    type: Function\n    code:\n      fromInline: |\n        a: 1\n          b: 2\n    $0\n"
            ),
            "key at [constructs / Fn] word \"\" place construct Function"
        );
        // Keyed calls.
        assert_eq!(
            check(
                "constructs:\n  Ws:\n    type: WebSocketApi\n    addRoute:\n      sendmessage:\n        $0\n"
            ),
            "key at [constructs / Ws / addRoute / sendmessage] word \"\" place props integration,authorizer,returnResponse,apiKeyRequired"
        );
        assert_eq!(
            check("constructs:\r\n  Api:\r\n    type: HttpApi\r\n    $0\r\n"),
            "key at [constructs / Api] word \"\" place construct HttpApi"
        );
    }
}
