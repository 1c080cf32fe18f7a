//! The JSON-RPC transport's guard rails. tower-lsp-server stops reading its input after the
//! first message it cannot decode, which would end the session, and obeys `shutdown` even as a
//! notification; this layer reads the framing itself ([`framing`]) and passes on only messages
//! the server decodes and should act on. A request it cannot pass on (an id that is neither
//! an integer nor a string, such as `1.5`) is answered `-32600` here, through [`merge`], which
//! interleaves those answers with the server's output a whole message at a time. Everything
//! else that is skipped is reported on stderr, so a misbehaving client never stops the server.

pub mod framing;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tower_lsp_server::jsonrpc::{Request, Response};

use framing::{Frame, Framer};

/// How much is read from a stream at a time.
const CHUNK: usize = 64 << 10;

/// What the guard saw of the session: whether the client asked to shut down.
#[derive(Clone, Default)]
pub struct Session(Arc<AtomicBool>);

impl Session {
    /// Whether a `shutdown` request was passed on (LSP: exit with 0 only then).
    pub fn shut_down(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// What to do with one message body.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Pass it on to the server.
    Forward,
    /// Pass it on: it is the `shutdown` request.
    ForwardShutdown,
    /// Answer it here with this response (the server could not decode it).
    Answer(Value),
    /// Drop it; why, for the log.
    Drop(&'static str),
}

/// Decides what happens to a message body (JSON, see [`is_json`]).
pub fn judge(body: &[u8]) -> Verdict {
    if let Ok(request) = serde_json::from_slice::<Request>(body) {
        let is_request = request.id().is_some();
        return match request.method() {
            "shutdown" | "initialize" if !is_request => {
                Verdict::Drop("a notification of a method that must be a request")
            }
            "shutdown" => Verdict::ForwardShutdown,
            _ => Verdict::Forward,
        };
    }
    if serde_json::from_slice::<Response>(body).is_ok() {
        return Verdict::Forward;
    }
    let looks_like_request = serde_json::from_slice::<Value>(body)
        .is_ok_and(|v| v.get("method").is_some_and(Value::is_string) && v.get("id").is_some());
    if looks_like_request {
        // JSON-RPC: when the id cannot be read, the error response's id is null.
        return Verdict::Answer(serde_json::json!({
            "jsonrpc": "2.0",
            "id": null,
            "error": {
                "code": -32600,
                "message": "invalid request: a JSON-RPC 2.0 request needs an id that is an integer or a string, and object or array params",
            },
        }));
    }
    Verdict::Drop("a message that is not a JSON-RPC 2.0 request, notification or response")
}

/// Whether `body` is JSON: the framer's check on the server's input.
pub fn is_json(body: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
}

/// Returns a stream that yields the messages of `input` the server should see, re-framed;
/// answers for requests it cannot see go to `answers`.
pub fn sanitize<R>(input: R, answers: UnboundedSender<Vec<u8>>, session: Session) -> DuplexStream
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let (mut forward, output) = tokio::io::duplex(1 << 20);
    tokio::spawn(async move {
        let mut input = input;
        let mut framer = Framer::new(is_json);
        let mut chunk = vec![0; CHUNK];
        loop {
            let n = match input.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            framer.push(&chunk[..n]);
            while let Some(frame) = framer.next_frame() {
                let body = match frame {
                    Frame::Body(body) => body,
                    Frame::Skipped(reason) => {
                        eprintln!("apigw-lsp: skipped {reason}");
                        continue;
                    }
                };
                match judge(&body) {
                    Verdict::Forward => {}
                    Verdict::ForwardShutdown => session.0.store(true, Ordering::SeqCst),
                    Verdict::Answer(answer) => {
                        eprintln!("apigw-lsp: answered an invalid request");
                        let _ = answers.send(frame_of(answer.to_string().as_bytes()));
                        continue;
                    }
                    Verdict::Drop(reason) => {
                        eprintln!("apigw-lsp: skipped {reason}");
                        continue;
                    }
                }
                if forward.write_all(&frame_of(&body)).await.is_err() {
                    return;
                }
            }
        }
    });
    output
}

/// Writes the server's messages (read from `server`) and the guard's `answers` to `output`,
/// whole messages at a time, until the server's side closes.
pub async fn merge<O: AsyncWrite>(
    mut server: DuplexStream,
    mut answers: UnboundedReceiver<Vec<u8>>,
    output: O,
) {
    tokio::pin!(output);
    let mut framer = Framer::new(|_| true);
    let mut chunk = vec![0; CHUNK];
    let mut answering = true;
    loop {
        let message = tokio::select! {
            read = server.read(&mut chunk) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    framer.push(&chunk[..n]);
                    let mut out = Vec::new();
                    while let Some(frame) = framer.next_frame() {
                        if let Frame::Body(body) = frame {
                            out.extend_from_slice(&frame_of(&body));
                        }
                    }
                    out
                }
            },
            answer = answers.recv(), if answering => match answer {
                Some(answer) => answer,
                None => {
                    answering = false;
                    continue;
                }
            },
        };
        if output.write_all(&message).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}

/// `body` with its header.
fn frame_of(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

#[cfg(test)]
mod tests {
    use super::{Verdict, judge};

    #[test]
    fn judges_messages() {
        let forward: &[&str] = &[
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"exit"}"#,
            r#"{"jsonrpc":"2.0","id":3,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":"x","method":"y"}"#,
        ];
        for body in forward {
            assert_eq!(judge(body.as_bytes()), Verdict::Forward, "{body}");
        }
        assert_eq!(
            judge(br#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
            Verdict::ForwardShutdown
        );
        for id in [
            "1.5",
            "1.0",
            "1e3",
            "9223372036854775808",
            "-9223372036854775809",
            "{}",
        ] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
            assert!(
                matches!(judge(body.as_bytes()), Verdict::Answer(_)),
                "{body}"
            );
            let response = format!(r#"{{"jsonrpc":"2.0","id":{id},"result":null}}"#);
            assert!(
                matches!(judge(response.as_bytes()), Verdict::Drop(_)),
                "{response}"
            );
        }
        for body in [
            r#"{"jsonrpc":"2.0","method":"shutdown"}"#,
            r#"{"foo":1}"#,
            "[1,2]",
            r#"{"jsonrpc":"1.0","method":"x"}"#,
        ] {
            assert!(matches!(judge(body.as_bytes()), Verdict::Drop(_)), "{body}");
        }
    }
}
