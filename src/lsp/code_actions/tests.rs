//! Tests of [`code_actions`](super::code_actions).

use super::*;

/// Titles and edited texts of the actions at the `|` in `text`.
fn run(text: &str) -> Vec<(String, String)> {
    let at = text.find('|').unwrap();
    let text = text.replace('|', "");
    let a = Analysis::of_text(&text);
    let uri: Uri = "file:///t.apigw.yaml".parse().unwrap();
    code_actions(&a, &uri, Span::new(at, at))
        .into_iter()
        .map(|action| {
            let mut edits: Vec<TextEdit> = action
                .edit
                .and_then(|e| e.changes)
                .and_then(|mut c| c.remove(&uri))
                .unwrap_or_default();
            edits.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
            let mut out = text.clone();
            for e in edits {
                let start = a.offset(crate::syntax::Position::new(
                    e.range.start.line,
                    e.range.start.character,
                ));
                let end = a.offset(crate::syntax::Position::new(
                    e.range.end.line,
                    e.range.end.character,
                ));
                out.replace_range(start..end, &e.new_text);
            }
            (action.title, out)
        })
        .collect()
}

#[test]
fn access_logging_for_stage_entries_and_added_stages() {
    // The destination refers to a log group entry of the file when there is one.
    let text = "constructs:\n  Logs: { type: LogGroup }\n  Api: { type: HttpApi }\n  Stage:\n    type: HttpStage|\n    httpApi: Api\n    stageName: beta\n";
    let actions = run(text);
    let (_, edited) = actions
        .iter()
        .find(|(t, _)| t == "Add access logging")
        .expect("offered");
    assert_eq!(
        edited,
        "constructs:\n  Logs: { type: LogGroup }\n  Api: { type: HttpApi }\n  Stage:\n    type: HttpStage\n    httpApi: Api\n    stageName: beta\n    accessLogSettings:\n      destination:\n        logGroup: Logs\n      format: clf\n"
    );
    let a = Analysis::of_text(edited);
    assert!(
        a.checked.diagnostics.is_empty(),
        "{:?}",
        a.checked.diagnostics
    );
    assert!(a.checked.template().is_some());
    // Not offered twice.
    let again = edited.replace("type: HttpStage", "type: HttpStage|");
    assert!(run(&again).iter().all(|(t, _)| t != "Add access logging"));
}

#[test]
fn api_key_converts_into_a_rate_limited_key() {
    let text = "constructs:\n  Key: { type: ApiKey|, apiKeyName: web }\n";
    let actions = run(text);
    let (_, edited) = actions
        .iter()
        .find(|(t, _)| t == "Convert to a rate-limited API key")
        .expect("offered");
    assert_eq!(
        edited,
        "constructs:\n  Key: { type: RateLimitedApiKey, apiKeyName: web, throttle: { rateLimit: 100, burstLimit: 50 } }\n"
    );
    let a = Analysis::of_text(edited);
    assert!(
        a.checked.diagnostics.is_empty(),
        "{:?}",
        a.checked.diagnostics
    );
    assert!(a.checked.template().is_some());
    // Not offered on the rate-limited key.
    let again = edited.replace("RateLimitedApiKey,", "RateLimitedApiKey|,");
    assert!(
        run(&again)
            .iter()
            .all(|(t, _)| t != "Convert to a rate-limited API key")
    );
}

#[test]
fn access_logging_for_a_websocket_stage() {
    let text = "constructs:\n  Logs: { type: LogGroup }\n  Api: { type: WebSocketApi }\n  Stage:\n    type: WebSocketStage|\n    webSocketApi: Api\n    stageName: prod\n";
    let actions = run(text);
    let (_, edited) = actions
        .iter()
        .find(|(t, _)| t == "Add access logging")
        .expect("offered");
    let a = Analysis::of_text(edited);
    assert!(
        a.checked.diagnostics.is_empty(),
        "{:?}",
        a.checked.diagnostics
    );
    assert!(a.checked.template().is_some());
}
