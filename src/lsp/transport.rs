//! A guard in front of the JSON-RPC transport. tower-lsp-server stops reading its input after
//! the first message it cannot decode, which would end the session; this layer reads the
//! framing itself and passes on only well-formed JSON-RPC messages. Anything else (bad
//! headers, a body that is not JSON, JSON that is not a JSON-RPC message) is reported on
//! stderr and skipped, so a misbehaving client never stops the server.

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

/// The largest message accepted (64 MiB); larger ones are skipped.
const MAX_MESSAGE: usize = 64 << 20;

/// Returns a stream that yields the well-formed messages of `input`, re-framed.
pub fn sanitize<R>(input: R) -> DuplexStream
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let (mut forward, output) = tokio::io::duplex(1 << 20);
    tokio::spawn(async move {
        let mut reader = BufReader::new(input);
        while let Some(body) = next_message(&mut reader).await {
            let Some(body) = body else { continue };
            let frame = format!("Content-Length: {}\r\n\r\n", body.len());
            if forward.write_all(frame.as_bytes()).await.is_err()
                || forward.write_all(&body).await.is_err()
            {
                return;
            }
        }
    });
    output
}

/// Reads one framed message: `None` at the end of input, `Some(None)` for a skipped message.
async fn next_message<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Option<Vec<u8>>> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = reader.read_until(b'\n', &mut line).await.ok()?;
        if n == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
    let Some(length) = length.filter(|l| *l <= MAX_MESSAGE) else {
        eprintln!("apigw-lsp: skipped a message without a usable Content-Length");
        return Some(None);
    };
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.ok()?;
    if is_json_rpc(&body) {
        Some(Some(body))
    } else {
        eprintln!("apigw-lsp: skipped a message that is not JSON-RPC 2.0");
        Some(None)
    }
}

/// Whether `body` is a JSON-RPC 2.0 request, notification or response.
fn is_json_rpc(body: &[u8]) -> bool {
    let Ok(Value::Object(message)) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    let id_ok = match message.get("id") {
        None | Some(Value::Null | Value::Number(_) | Value::String(_)) => true,
        Some(_) => false,
    };
    let params_ok = matches!(
        message.get("params"),
        None | Some(Value::Object(_) | Value::Array(_) | Value::Null)
    );
    let is_request = message.get("method").is_some_and(Value::is_string) && params_ok;
    let is_response = message.contains_key("id")
        && (message.contains_key("result") || message.contains_key("error"));
    message.get("jsonrpc") == Some(&Value::String("2.0".into()))
        && id_ok
        && (is_request || is_response)
}

#[cfg(test)]
mod tests {
    use super::is_json_rpc;

    #[test]
    fn recognises_json_rpc_messages() {
        assert!(is_json_rpc(
            br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#
        ));
        assert!(is_json_rpc(br#"{"jsonrpc":"2.0","method":"exit"}"#));
        assert!(is_json_rpc(br#"{"jsonrpc":"2.0","id":3,"result":null}"#));
        assert!(!is_json_rpc(b"{not json"));
        assert!(!is_json_rpc(br#"{"foo":1}"#));
        assert!(!is_json_rpc(br#"{"jsonrpc":"2.0","id":{},"method":"x"}"#));
        assert!(!is_json_rpc(
            br#"{"jsonrpc":"2.0","id":1,"method":"x","params":5}"#
        ));
        assert!(!is_json_rpc(b"[1,2]"));
    }
}
