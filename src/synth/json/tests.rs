use super::*;
use proptest::prelude::*;

fn pretty(value: &Value) -> String {
    let mut out = Vec::new();
    write_pretty(value, &mut out).expect("writing into a Vec");
    String::from_utf8(out).expect("UTF-8")
}

fn serde_pretty(value: &Value) -> String {
    serde_json::to_string_pretty(&value.to_serde()).expect("serde_json")
}

#[test]
fn macro_builds_what_serde_json_builds() {
    let name = String::from("Api");
    let parts = vec![json!("a"), json!({ "Ref": "B" })];
    let value = json!({
        "Type": "AWS::ApiGatewayV2::Api",
        "Properties": { "Name": name, "Tags": [], "Empty": {}, "Count": 5, "Ratio": 0.5 },
        "List": [1, "two", null, true, { "Fn::Join": ["", parts] }, [-3]],
        "Null": null
    });
    let expected = serde_json::json!({
        "Type": "AWS::ApiGatewayV2::Api",
        "Properties": { "Name": "Api", "Tags": [], "Empty": {}, "Count": 5, "Ratio": 0.5 },
        "List": [1, "two", null, true, { "Fn::Join": ["", ["a", { "Ref": "B" }]] }, [-3]],
        "Null": null
    });
    assert_eq!(value.to_serde(), expected);
    assert_eq!(
        pretty(&value),
        serde_json::to_string_pretty(&expected).unwrap()
    );
}

#[test]
fn a_value_larger_than_the_buffer_is_written_whole() {
    let resources: Map = (0..2_000)
        .map(|i| {
            let id = format!("Route{i}\u{e9}\"");
            (id.clone(), json!({ "Type": "AWS::ApiGatewayV2::Route", "Properties": { "RouteKey": id, "Tags": [i, null] } }))
        })
        .collect();
    let template = json!({ "Resources": resources });
    let mut out = Vec::new();
    let written = write_pretty(&template, &mut out).expect("writing into a Vec");
    assert!(out.len() > 2 * CHUNK);
    assert_eq!(written, out.len());
    assert_eq!(String::from_utf8(out).unwrap(), serde_pretty(&template));
}

#[test]
fn insert_replaces_in_place_and_remove_keeps_order() {
    let mut map = Map::new();
    map.insert("A".into(), json!(1));
    map.insert("B".into(), json!(2));
    map.insert("C".into(), json!(3));
    assert_eq!(map.insert("A".into(), json!(4)), Some(json!(1)));
    assert_eq!(map.keys().collect::<Vec<_>>(), ["A", "B", "C"]);
    assert_eq!(map.remove("B"), Some(json!(2)));
    assert_eq!(map.keys().collect::<Vec<_>>(), ["A", "C"]);
    assert_eq!(Value::Object(map)["A"], json!(4));
}

#[test]
fn objects_compare_as_json_objects() {
    assert_eq!(json!({ "A": 1, "B": 2 }), json!({ "B": 2, "A": 1 }));
    assert_ne!(json!({ "A": 1 }), json!({ "A": 1, "B": 2 }));
    assert_eq!(json!({ "A": 1 })["missing"], Value::Null);
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_map(Value::from),
        // Control characters, quotes, backslashes, non-ASCII and DEL.
        "[\\x00-\\x1f\"\\\\a-z/é😀\\x7f]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[A-Za-z:\"\\n]{0,6}", inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn writes_exactly_what_serde_json_writes(value in any_value()) {
        prop_assert_eq!(pretty(&value), serde_pretty(&value));
    }
}
