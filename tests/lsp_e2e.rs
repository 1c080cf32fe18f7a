//! End to end: the language server in-process over a pipe (and once as the real binary over
//! stdio), driven with JSON-RPC as an editor would: initialize, open, edit, ask.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};

/// A JSON-RPC client talking to an in-process server.
struct Client {
    write: WriteHalf<DuplexStream>,
    read: BufReader<ReadHalf<DuplexStream>>,
    next_id: i64,
    /// Notifications received while waiting for responses.
    notifications: Vec<Value>,
}

const URI: &str = "file:///work/books.apigw.yaml";

impl Client {
    async fn start(options: Value) -> Client {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        tokio::spawn(apigw_lsp::lsp::serve(server_read, server_write));
        let (read, write) = tokio::io::split(client_end);
        let mut c = Client {
            write,
            read: BufReader::new(read),
            next_id: 1,
            notifications: Vec::new(),
        };
        let init = c
            .request(
                "initialize",
                json!({ "capabilities": {}, "initializationOptions": options }),
            )
            .await;
        assert_eq!(init["result"]["serverInfo"]["name"], "apigw-lsp");
        c.notify("initialized", json!({})).await;
        c
    }

    async fn send_raw(&mut self, bytes: &[u8]) {
        self.write.write_all(bytes).await.unwrap();
        self.write.flush().await.unwrap();
    }

    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes())
            .await;
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    async fn receive(&mut self) -> Value {
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            let n = tokio::time::timeout(Duration::from_secs(10), self.read.read_line(&mut line))
                .await
                .expect("the server answers within 10 s")
                .unwrap();
            assert!(n > 0, "server closed the stream");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.read.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// Sends a request and waits for its response, keeping notifications that arrive meanwhile.
    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        loop {
            let message = self.receive().await;
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            if message.get("method").is_some() && message.get("id").is_some() {
                // A server-to-client request (none expected); answer null to keep it going.
                let reply = json!({ "jsonrpc": "2.0", "id": message["id"], "result": null });
                self.send(reply).await;
                continue;
            }
            self.notifications.push(message);
        }
    }

    /// Waits for the next notification of `method` (possibly one already received).
    async fn notification(&mut self, method: &str) -> Value {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| n["method"] == method)
        {
            return self.notifications.remove(i);
        }
        loop {
            let message = self.receive().await;
            if message["method"] == method {
                return message;
            }
            self.notifications.push(message);
        }
    }

    async fn diagnostics(&mut self) -> Value {
        self.notification("textDocument/publishDiagnostics").await["params"].clone()
    }

    async fn open(&mut self, text: &str) {
        let doc = json!({ "uri": URI, "languageId": "yaml", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": doc }))
            .await;
    }

    async fn change(&mut self, version: i32, range: [u32; 4], text: &str) {
        let range = json!({ "start": { "line": range[0], "character": range[1] }, "end": { "line": range[2], "character": range[3] } });
        let params = json!({
            "textDocument": { "uri": URI, "version": version },
            "contentChanges": [{ "range": range, "text": text }]
        });
        self.notify("textDocument/didChange", params).await;
    }
}

fn messages(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let r = &d["range"];
            format!(
                "{}:{}-{}:{} {}",
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"],
                d["message"].as_str().unwrap().lines().next().unwrap()
            )
        })
        .collect()
}

const DOC: &str =
    "# Bücher 📚 API\nconstructs:\n  Api:\n    type: HttpApi\n    descripton: \"naïve 🎉\"\n";

#[tokio::test]
async fn diagnostics_follow_incremental_edits_in_utf16_positions() {
    let mut c = Client::start(json!({ "debounceMs": 0 })).await;
    c.open(DOC).await;
    let d = c.diagnostics().await;
    assert_eq!(d["version"], 1);
    assert_eq!(
        messages(&d),
        ["4:4-4:14 unknown key `descripton` for HttpApi"]
    );

    // Insert an emoji (two UTF-16 units) before the key on its line: the range moves by 2... no,
    // insert text on line 4 before the key: "  " -> the key shifts right by the inserted units.
    c.change(2, [4, 4, 4, 4], "🎉: 1\n    ").await;
    let d = c.diagnostics().await;
    assert_eq!(d["version"], 2);
    let m = messages(&d);
    assert!(
        m.contains(&"5:4-5:14 unknown key `descripton` for HttpApi".to_string()),
        "{m:?}"
    );
    assert!(
        m.iter().any(|l| l.starts_with("4:4-4:6 unknown key `🎉`")),
        "{m:?}"
    );

    // Fix both: delete the inserted line, correct the spelling (replace "descripton").
    c.change(3, [4, 4, 5, 4], "").await;
    c.change(4, [4, 4, 4, 14], "description").await;
    let d = c.diagnostics().await;
    let d = if d["version"] == 3 {
        c.diagnostics().await
    } else {
        d
    };
    assert_eq!(d["version"], 4);
    assert_eq!(messages(&d), Vec::<String>::new());
    let preview = c
        .request("apigw/preview", json!({ "textDocument": { "uri": URI } }))
        .await;
    let template = &preview["result"]["template"];
    assert_eq!(
        template["Resources"]["ApiF70053CD"]["Properties"]["Description"],
        "naïve 🎉"
    );
}

#[tokio::test]
async fn preview_notification_and_request_agree_with_the_synthesizer() {
    let text = include_str!("../examples/01-bookstore.apigw.yaml");
    let mut c = Client::start(json!({ "debounceMs": 0 })).await;
    c.open(text).await;
    let changed = c.notification("apigw/previewChanged").await;
    assert_eq!(
        changed["params"],
        json!({ "uri": URI, "version": 1, "hasTemplate": true, "errorCount": 0 })
    );
    let expected = apigw_lsp::check::check_text(text)
        .template()
        .map(apigw_lsp::synth::json::Value::to_serde)
        .unwrap();
    let preview = c
        .request("apigw/preview", json!({ "textDocument": { "uri": URI } }))
        .await;
    assert_eq!(preview["result"]["template"], expected);
    assert_eq!(preview["result"]["version"], 1);
    // The text editors show is byte for byte what `--synth` writes.
    let synth = std::process::Command::new(env!("CARGO_BIN_EXE_apigw-lsp"))
        .args(["--synth", "examples/01-bookstore.apigw.yaml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run --synth");
    assert_eq!(
        preview["result"]["text"].as_str(),
        Some(String::from_utf8_lossy(&synth.stdout).as_ref())
    );

    // Break it half-way: the preview reports the blocking error and no template.
    c.change(2, [0, 0, 0, 0], "constructs: [\n").await;
    let changed = c.notification("apigw/previewChanged").await;
    assert_eq!(changed["params"]["version"], 2);
    assert_eq!(changed["params"]["hasTemplate"], false);
    let preview = c
        .request("apigw/preview", json!({ "textDocument": { "uri": URI } }))
        .await;
    assert_eq!(preview["result"]["template"], Value::Null);
    assert_eq!(preview["result"]["text"], Value::Null);
    assert!(!preview["result"]["errors"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn inlay_hints_show_route_arns() {
    let text = "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /books, methods: [GET], integration: I }\n";
    let mut c = Client::start(json!({ "debounceMs": 0 })).await;
    c.open(text).await;
    let range =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 10, "character": 0 } });
    let hints = c
        .request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": URI }, "range": range }),
        )
        .await;
    let hints = hints["result"].as_array().unwrap().clone();
    assert_eq!(hints.len(), 1);
    assert_eq!(hints[0]["position"], json!({ "line": 6, "character": 22 }));
    assert!(
        hints[0]["label"]
            .as_str()
            .unwrap()
            .ends_with(":${ApiF70053CD}/$default/GET/books"),
        "{}",
        hints[0]["label"]
    );
}

#[tokio::test]
async fn superseded_changes_publish_only_the_latest_version() {
    let mut c = Client::start(json!({ "debounceMs": 100 })).await;
    c.open("constructs:\n  Api: { type: HttpApi }\n").await;
    assert_eq!(c.diagnostics().await["version"], 1);
    for (i, ch) in "abc".chars().enumerate() {
        c.change(2 + i as i32, [1, 2, 1, 2], &ch.to_string()).await;
    }
    let d = c.diagnostics().await;
    assert_eq!(
        d["version"], 4,
        "only the last of three quick edits is published"
    );
}

#[tokio::test]
async fn bad_input_is_answered_or_ignored_never_fatal() {
    let mut c = Client::start(json!({ "debounceMs": 0 })).await;
    // Unknown request: an error response; unknown notification: ignored.
    let r = c.request("apigw/unknown", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    c.notify("$/unknownNotification", json!({})).await;
    // Malformed JSON with a valid header, JSON that is not JSON-RPC, a header without length.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json").await;
    c.send_raw(b"Content-Length: 9\r\n\r\n{\"foo\":1}").await;
    c.send_raw(b"X-Nonsense: yes\r\n\r\n").await;
    // Requests for a document that is not open.
    let other = json!({ "textDocument": { "uri": "file:///nowhere.apigw.yaml" }, "position": { "line": 0, "character": 0 } });
    assert_eq!(
        c.request("textDocument/hover", other.clone()).await["result"],
        Value::Null
    );
    assert_eq!(
        c.request("textDocument/completion", other.clone()).await["result"],
        Value::Null
    );
    // Positions past the end, edits past the end, and an edit that breaks the YAML.
    c.open("constructs:\n  Api: { type: HttpApi }\n").await;
    c.diagnostics().await;
    let far =
        json!({ "textDocument": { "uri": URI }, "position": { "line": 999, "character": 999 } });
    let r = c.request("textDocument/hover", far.clone()).await;
    assert!(r.get("error").is_none());
    let r = c.request("textDocument/definition", far).await;
    assert!(r.get("error").is_none());
    c.change(2, [50, 3, 70, 9], "{{{").await;
    let d = c.diagnostics().await;
    assert!(!messages(&d).is_empty());
    // Still alive and answering.
    let r = c
        .request("apigw/preview", json!({ "textDocument": { "uri": URI } }))
        .await;
    assert_eq!(r["result"]["version"], 2);
    let r = c.request("shutdown", Value::Null).await;
    assert_eq!(r["result"], Value::Null);
}

/// A file recognised by its `constructs:` key that stops being a definition file has its
/// diagnostics cleared.
#[tokio::test]
async fn a_document_that_leaves_the_servers_care_has_its_diagnostics_cleared() {
    let mut c = Client::start(json!({ "debounceMs": 0 })).await;
    let uri = "file:///work/values.yaml";
    let doc = json!({ "uri": uri, "languageId": "yaml", "version": 1, "text": "constructs:\n  Api: { type: Nope }\n" });
    c.notify("textDocument/didOpen", json!({ "textDocument": doc }))
        .await;
    let d = c.diagnostics().await;
    assert_eq!(d["uri"], uri);
    assert!(!messages(&d).is_empty());
    let range =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } });
    let params = json!({
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "range": range, "text": "x" }]
    });
    c.notify("textDocument/didChange", params).await;
    let d = c.diagnostics().await;
    assert_eq!(d["uri"], uri);
    assert_eq!(d["version"], 2);
    assert_eq!(messages(&d), Vec::<String>::new());
}

/// A document that the file patterns stop covering (a configuration change) has its
/// diagnostics cleared too.
#[tokio::test]
async fn a_document_the_file_patterns_stop_covering_has_its_diagnostics_cleared() {
    let mut c = Client::start(json!({ "debounceMs": 0 })).await;
    c.open("stack: { idd: S }\n").await;
    let d = c.diagnostics().await;
    assert!(!messages(&d).is_empty());
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "apigw": { "filePatterns": ["*.api.yaml"] } } }),
    )
    .await;
    let d = c.diagnostics().await;
    assert_eq!(d["uri"], URI);
    assert_eq!(messages(&d), Vec::<String>::new());
}

/// The messages a server once went deaf after: each bad framing, then a request that must be
/// answered (the framing guard resynchronises on the next `Content-Length:` header).
#[tokio::test]
async fn bad_framing_never_makes_the_server_deaf() {
    let mut c = Client::start(json!({ "debounceMs": 0 })).await;
    let huge = format!(
        "Content-Length: {}\r\n\r\n{{\"x\":\"{}\"}}",
        70_000_008,
        "x".repeat(70_000_000)
    );
    let bad: Vec<Vec<u8>> = vec![
        b"Content-Length: abc\r\n\r\n{}".to_vec(),
        b"Content-Type: application/vscode-jsonrpc\r\n\r\n{}".to_vec(),
        b"Content-Length: -5\r\n\r\n{}".to_vec(),
        b"Content-Length: \r\n\r\n{}".to_vec(),
        b"Content-Length: 18446744073709551616\r\n\r\n{}".to_vec(),
        b"Content-Length: 999999999999\r\n\r\n{}".to_vec(),
        b"Content-Length: 2\r\n\r\n{\"jsonrpc\":\"2.0\"}".to_vec(),
        b"\x00\x01\xfe\xff binary garbage \r\n\x7f\x00".to_vec(),
        huge.into_bytes(),
    ];
    for (i, prefix) in bad.iter().enumerate() {
        c.send_raw(prefix).await;
        let r = c.request("apigw/unknown", json!({})).await;
        assert_eq!(r["error"]["code"], -32601, "answered after bad input {i}");
    }
}

/// Ids that are numbers but not integers (or out of i64's range) are answered with an
/// invalid-request error (id null), and the session goes on; client responses with such ids
/// are dropped.
#[tokio::test]
async fn non_integer_ids_are_answered_and_the_session_goes_on() {
    let mut c = Client::start(json!({ "debounceMs": 0 })).await;
    for id in [
        "1.5",
        "1.0",
        "1e3",
        "9223372036854775808",
        "-9223372036854775809",
    ] {
        let request = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
        c.send_raw(format!("Content-Length: {}\r\n\r\n{request}", request.len()).as_bytes())
            .await;
        let answer = c.receive().await;
        assert_eq!(answer["id"], Value::Null, "{id}");
        assert_eq!(answer["error"]["code"], -32600, "{id}");
        let response = format!(r#"{{"jsonrpc":"2.0","id":{id},"result":null}}"#);
        c.send_raw(format!("Content-Length: {}\r\n\r\n{response}", response.len()).as_bytes())
            .await;
    }
    let r = c.request("apigw/unknown", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    // Not shut down by any of them: a request is still served.
    let r = c.request("shutdown", Value::Null).await;
    assert_eq!(r["result"], Value::Null);
}

/// `shutdown` must be a request: sent as a notification it is ignored, not obeyed.
#[tokio::test]
async fn shutdown_as_a_notification_is_ignored() {
    let mut c = Client::start(json!({ "debounceMs": 0 })).await;
    c.notify("shutdown", Value::Null).await;
    c.open("constructs:\n  Api: { type: HttpApi }\n").await;
    let d = c.diagnostics().await;
    assert_eq!(d["version"], 1);
    let r = c
        .request("apigw/preview", json!({ "textDocument": { "uri": URI } }))
        .await;
    assert!(r.get("error").is_none(), "{r}");
}

/// LSP: `exit` after `shutdown` exits 0, without it 1.
#[test]
fn exit_code_says_whether_shutdown_came_first() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    for (messages, code) in [
        (vec![json!({ "jsonrpc": "2.0", "method": "exit" })], 1),
        (
            vec![
                json!({ "jsonrpc": "2.0", "id": 1, "method": "shutdown" }),
                json!({ "jsonrpc": "2.0", "method": "exit" }),
            ],
            0,
        ),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_apigw-lsp"))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        for message in messages {
            let body = message.to_string();
            write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        }
        stdin.flush().unwrap();
        assert_eq!(child.wait().unwrap().code(), Some(code));
    }
}

#[test]
fn the_real_binary_speaks_lsp_on_stdio() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_apigw-lsp"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut exchange = |message: Value| -> Value {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
        if message.get("id").is_none() {
            return Value::Null;
        }
        let mut length = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            if let Some(v) = line.trim().strip_prefix("Content-Length: ") {
                length = v.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    };
    let init = exchange(
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }),
    );
    assert_eq!(init["result"]["serverInfo"]["name"], "apigw-lsp");
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    let shutdown = exchange(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    assert_eq!(shutdown["result"], Value::Null);
    exchange(json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert!(child.wait().unwrap().success());
}
