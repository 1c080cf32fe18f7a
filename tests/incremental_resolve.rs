//! The calls an edit left alone are taken from the previous analysis (moved along the text,
//! or shared when they did not move), and only while every name they refer to outside their
//! own text means what it meant: each analysis below is made from the one before, as the
//! server makes it, and equals a fresh analysis of the same text.

use apigw_lsp::lsp::Analysis;
use apigw_lsp::syntax::Document;

#[path = "common/text.rs"]
mod text;
use text::position_of;

/// Routes naming integrations and an authorizer by id, a stage whose description names
/// another API, and a call entry; non-ASCII text before and between them.
const API: &str = "integrations:
  A: {type: HttpUrlIntegration, url: 'https://a.example.com/bücher'}
  B: {type: HttpUrlIntegration, url: 'https://b.example.com'}
authorizers:
  Auth: { type: HttpJwtAuthorizer, jwtIssuer: https://issuer.example.com, jwtAudience: [x] }
constructs:
  Other: { type: HttpApi }
  Api:
    type: HttpApi
    description: Bücher 😀
    addRoutes:
      - { path: /a, integration: A }
      - { path: /b, methods: [GET], integration: A, authorizer: Auth }
      - path: /c
        integration: B
      - { path: /d, integration: A }
    addStage:
      beta: { stageName: beta, description: \"${Other.apiId} ${Auth.authorizerId}\" }
      gamma: { stageName: gamma }
  Api.addRoutes:
    - { path: /e, integration: B }
";

/// What must match: the model's constructs, objects and outputs, and the diagnostics.
fn summary(a: &Analysis) -> String {
    let model = &a.checked.model;
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        model.constructs, model.objects, model.outputs, a.checked.diagnostics
    )
}

/// A document and its latest analysis, edited as the server edits and analyses it.
struct Session {
    doc: Document,
    text: String,
    analysis: Analysis,
    version: i32,
}

impl Session {
    fn open(text: &str) -> Session {
        let doc = Document::new(text, 0);
        let analysis = Analysis::new(&doc);
        Session {
            doc,
            text: text.to_string(),
            analysis,
            version: 0,
        }
    }

    /// Replaces the first `old` after `after` by `new`, analyses the result from the
    /// previous analysis and checks it against a fresh one; returns the diagnostics' messages.
    fn replace_after(&mut self, after: &str, old: &str, new: &str) -> Vec<String> {
        let from = self.text.find(after).expect("anchor text") + after.len();
        let start = from + self.text[from..].find(old).expect("text to replace");
        let end = start + old.len();
        let range = (position_of(&self.text, start), position_of(&self.text, end));
        self.text.replace_range(start..end, new);
        self.version += 1;
        self.doc.apply_change(Some(range), new, self.version);
        let analysis = Analysis::after(&self.doc, Some(&self.analysis));
        let fresh = Analysis::of_text(&self.text);
        assert_eq!(analysis.text, self.text);
        assert_eq!(
            summary(&analysis),
            summary(&fresh),
            "after replacing {old:?} by {new:?}"
        );
        self.analysis = analysis;
        let diagnostics = &self.analysis.checked.diagnostics;
        diagnostics.iter().map(|d| d.message.clone()).collect()
    }

    fn replace(&mut self, old: &str, new: &str) -> Vec<String> {
        self.replace_after("", old, new)
    }

    /// How many calls the latest analysis keeps, and how many it took from the one before.
    fn kept(&self) -> (usize, usize) {
        self.analysis.kept_calls()
    }
}

#[test]
fn typing_in_one_call_takes_every_other_call_from_the_previous_analysis() {
    let mut s = Session::open(API);
    assert_eq!(s.analysis.kept_calls(), (7, 0), "4 + 1 routes, 2 stages");
    // In a route: the routes before it did not move, those after it did.
    assert_eq!(s.replace("/b,", "/bü,"), Vec::<String>::new());
    assert_eq!(s.kept(), (7, 6));
    // Before every call: all move.
    assert_eq!(s.replace("Bücher", "Bücherei"), Vec::<String>::new());
    assert_eq!(s.kept(), (7, 7));
    // A route added between two others; one removed.
    s.replace(
        "      - path: /c",
        "      - { path: /new, integration: B }\n      - path: /c",
    );
    assert_eq!(s.kept(), (8, 7));
    s.replace("      - { path: /d, integration: A }\n", "");
    assert_eq!(s.kept(), (7, 7));
    // A call with something to report is resolved again each time, and reported each time.
    let unknown = s.replace(
        "integration: B }\n      - path",
        "integration: Bee }\n      - path",
    );
    assert_eq!(unknown, ["unknown integration `Bee`"]);
    assert_eq!(s.kept(), (6, 6));
    assert_eq!(s.replace("Bücherei", "Bü"), ["unknown integration `Bee`"]);
    assert_eq!(s.kept(), (6, 6));
}

#[test]
fn calls_whose_names_changed_meaning_are_resolved_again() {
    let mut s = Session::open(API);
    // The integration three routes name is renamed: each is reported (and the authorizer of
    // one is no longer attached), then resolved again once it is back.
    let renamed = s.replace("  A: {type", "  A2: {type");
    let unknown = renamed.iter().filter(|m| *m == "unknown integration `A`");
    assert_eq!(unknown.count(), 3, "{renamed:?}");
    assert_eq!(s.replace("  A2: {type", "  A: {type"), Vec::<String>::new());
    assert_eq!(
        s.kept(),
        (7, 4),
        "the calls that do not name `A` were taken"
    );
    // An integration whose type changes to one a route cannot take.
    let wrong = s.replace(
        "  B: {type: HttpUrlIntegration",
        "  B: {type: HttpJwtAuthorizer",
    );
    assert!(!wrong.is_empty());
    s.replace(
        "  B: {type: HttpJwtAuthorizer",
        "  B: {type: HttpUrlIntegration",
    );
    // Still an integration, at the same place, but of a type an HTTP route cannot take.
    let websocket = s.replace(
        "  B: {type: HttpUrlIntegration, url: 'https://b.example.com'}",
        "  B: {type: WebSocketMockIntegration}",
    );
    let refused = "a WebSocketMockIntegration cannot be used here; expected HttpUrlIntegration";
    assert_eq!(
        websocket.iter().filter(|m| m.starts_with(refused)).count(),
        2
    );
    s.replace(
        "  B: {type: WebSocketMockIntegration}",
        "  B: {type: HttpUrlIntegration, url: 'https://b.example.com'}",
    );
    // The authorizer renamed, and the API the stage's description names removed, broken
    // and defined again.
    assert!(!s.replace("  Auth: {", "  Authz: {").is_empty());
    s.replace("  Authz: {", "  Auth: {");
    assert!(!s.replace("  Other: { type: HttpApi }\n", "").is_empty());
    s.replace("constructs:\n", "constructs:\n  Other: { type: Nope }\n");
    // Below a broken entry nothing is reported; once it is mended, an unknown path is.
    let below_broken = s.replace("${Other.apiId}", "${Other/Gone.apiId}");
    assert_eq!(below_broken, ["unknown type `Nope`"]);
    let unknown = s.replace("type: Nope", "type: HttpApi");
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert!(unknown[0].contains("Other/Gone"), "{unknown:?}");
    s.replace("${Other/Gone.apiId}", "${Other.apiId}");
    assert_eq!(s.analysis.checked.diagnostics.len(), 0);
    // The routes' API is defined below its call entry's new target: every call is checked.
    s.replace_after(
        "  Api.addRoutes:",
        "- { path: /e",
        "- { path: /e, authorizer: Auth",
    );
    assert!(s.kept().1 > 0);
}

#[test]
fn nothing_is_taken_from_a_document_with_anchors_and_aliases() {
    // An alias repeats a node written elsewhere: a call's text alone no longer tells what it is.
    let text = API.replace(
        "      - { path: /a, integration: A }",
        "      - &r { path: /a, integration: A }\n      - *r",
    );
    let mut s = Session::open(&text);
    s.replace("/b,", "/bb,");
    assert_eq!(s.kept().1, 0);
    s.replace("&r { path: /a", "&r { path: /aa");
    assert_eq!(s.kept().1, 0);
}
