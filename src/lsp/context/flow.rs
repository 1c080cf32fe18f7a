//! A flow collection typed up to the cursor (`- { path: /a, integration: `), read by a small
//! scanner because the tree does not hold it yet.

use super::text::quoted;
use super::{Segment, Spot};

/// Where a flow collection typed up to the cursor leaves the cursor.
#[derive(Debug, PartialEq)]
pub(super) struct FlowScan {
    pub(super) spot: Spot,
    /// The path inside the collection (relative to the collection).
    pub(super) path: Vec<Segment>,
    /// Where the token at the cursor starts (after an opening quote), relative to the scan.
    pub(super) token_start: usize,
    pub(super) needs_space: bool,
}

#[derive(Debug)]
enum Frame {
    Map {
        key: Option<String>,
        after_colon: bool,
    },
    Seq {
        index: usize,
    },
}

/// Scans a flow collection from its opener to the cursor (the end of `s`); `None` when the
/// collection closes before the cursor or the cursor is in a comment.
pub(super) fn scan_flow(s: &str) -> Option<FlowScan> {
    let mut frames: Vec<Frame> = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut token_start = None;
    while i < s.len() {
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        match c {
            ' ' | '\t' | '\r' | '\n' => i += 1,
            '{' | '[' => {
                let segment = match frames.last() {
                    None => None,
                    Some(Frame::Map {
                        key: Some(k),
                        after_colon: true,
                    }) => Some(Segment::Key(k.clone())),
                    Some(Frame::Seq { index }) => Some(Segment::Index(*index)),
                    Some(Frame::Map { .. }) => return None,
                };
                if let Some(segment) = segment {
                    segments.push(segment);
                }
                frames.push(if c == '{' {
                    Frame::Map {
                        key: None,
                        after_colon: false,
                    }
                } else {
                    Frame::Seq { index: 0 }
                });
                i += 1;
            }
            '}' | ']' => {
                frames.pop();
                if frames.is_empty() {
                    return None;
                }
                segments.pop();
                i += 1;
            }
            ',' => {
                match frames.last_mut() {
                    Some(Frame::Map { key, after_colon }) => {
                        *key = None;
                        *after_colon = false;
                    }
                    Some(Frame::Seq { index }) => *index += 1,
                    None => return None,
                }
                i += 1;
            }
            ':' => {
                if let Some(Frame::Map { after_colon, .. }) = frames.last_mut() {
                    *after_colon = true;
                }
                i += 1;
            }
            '#' if i > 0 && matches!(bytes.get(i - 1), Some(b' ' | b'\t')) => {
                match s.get(i..).and_then(|t| t.find('\n')) {
                    Some(nl) => i += nl + 1,
                    None => return None,
                }
            }
            '"' | '\'' => {
                let Some((value, len)) = s.get(i..).and_then(quoted) else {
                    token_start = Some(i + 1);
                    break;
                };
                if let Some(Frame::Map {
                    key,
                    after_colon: false,
                }) = frames.last_mut()
                {
                    *key = Some(value);
                }
                i += len;
            }
            _ => {
                // A plain scalar: up to a flow indicator or `: `.
                let rest = s.get(i..).unwrap_or("");
                let mut end = None;
                for (j, ch) in rest.char_indices() {
                    let next = rest.as_bytes().get(j + 1);
                    if matches!(ch, ',' | '[' | ']' | '{' | '}')
                        || (ch == ':' && matches!(next, Some(b' ' | b',' | b'}' | b']' | b'\t')))
                        || (ch == '#' && j > 0 && rest.as_bytes().get(j - 1) == Some(&b' '))
                    {
                        end = Some(j);
                        break;
                    }
                }
                let Some(end) = end else {
                    token_start = Some(i);
                    break;
                };
                let token = rest.get(..end).unwrap_or("").trim_end();
                if let Some(Frame::Map {
                    key,
                    after_colon: false,
                }) = frames.last_mut()
                {
                    *key = Some(token.to_string());
                }
                i += end.max(1);
            }
        }
    }
    let top = frames.last()?;
    let token_start = token_start.unwrap_or(s.len());
    let typed = token_start < s.len();
    Some(match top {
        Frame::Map {
            key: Some(k),
            after_colon: true,
        } => {
            segments.push(Segment::Key(k.clone()));
            FlowScan {
                spot: Spot::Value,
                path: segments,
                token_start,
                needs_space: !typed && s.ends_with(':'),
            }
        }
        Frame::Map { .. } => FlowScan {
            spot: Spot::Key,
            path: segments,
            token_start,
            needs_space: false,
        },
        Frame::Seq { index } => {
            segments.push(Segment::Index(*index));
            FlowScan {
                spot: Spot::Value,
                path: segments,
                token_start,
                needs_space: false,
            }
        }
    })
}
