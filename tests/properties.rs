//! Property: for any collection built from Postman's constructs with arbitrary text in every
//! user-controlled place, postgen either generates Rust that parses (and has no payload token
//! outside literals) or reports input problems; it never panics. Bounded to run in `cargo test`;
//! `fuzz/` runs the same pipeline unbounded on raw bytes.

use proptest::prelude::*;
use serde_json::{Value, json};

/// Text a collection author could write: any characters, biased towards the ones that matter to
/// code, Markdown and TOML.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 _-]{0,12}",
        "\\PC{0,16}",
        prop::collection::vec(
            prop::sample::select(vec![
                "\"",
                "\\",
                "\"#",
                "*/",
                "/*",
                "#[",
                "}",
                "{",
                "\n",
                "\r\n",
                "\0",
                "\u{202e}",
                "`",
                "|",
                "<b>",
                "{{",
                "}}",
                ":",
                "/",
                "?",
                "#",
                "&",
                "=",
                "%",
                "..",
                "r#",
                "self",
                "type",
                "1",
                "ß",
                "日本",
                " ",
                "include!(x)",
                "pwned_marker()",
            ]),
            0..8
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        Just(Value::Null),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(text(), inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn request() -> impl Strategy<Value = Value> {
    let method = prop::sample::select(vec!["GET", "POST", "PUT", "PATCH", "DELETE", "PROPFIND"]);
    let segment = prop_oneof![
        text(),
        text().prop_map(|t| format!(":{t}")),
        text().prop_map(|t| format!("{{{{{t}}}}}"))
    ];
    let body = prop_oneof![
        Just(Value::Null),
        json_value().prop_map(|v| json!({"mode": "raw", "raw": v.to_string(), "options": {"raw": {"language": "json"}}})),
        text().prop_map(|t| json!({"mode": "raw", "raw": t})),
        prop::collection::vec((text(), text(), any::<bool>()), 0..4).prop_map(|fields| json!({
            "mode": "formdata",
            "formdata": fields.into_iter().map(|(k, v, file)| if file {
                json!({"key": k, "type": "file", "src": v})
            } else {
                json!({"key": k, "value": v, "type": "text", "description": v})
            }).collect::<Vec<_>>()
        })),
        prop::collection::vec((text(), text()), 0..4).prop_map(|fields| json!({
            "mode": "urlencoded",
            "urlencoded": fields.into_iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>()
        })),
    ];
    let response = (any::<u16>(), text(), json_value()).prop_map(|(code, name, body)| {
        json!({
            "name": name, "code": 100 + code % 500, "status": name,
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": body.to_string()
        })
    });
    (
        text(),
        method,
        prop::collection::vec(segment, 0..4),
        prop::collection::vec((text(), text(), text()), 0..3),
        prop::collection::vec(("[A-Za-z][A-Za-z0-9-]{0,8}", "[ -~]{0,12}"), 0..2),
        body,
        prop::collection::vec(response, 0..3),
    )
        .prop_map(|(name, method, path, query, headers, body, responses)| {
            let mut request = json!({
                "method": method,
                "description": name,
                "url": {
                    "raw": format!("{{{{baseUrl}}}}/{}", path.join("/")),
                    "host": ["{{baseUrl}}"],
                    "path": path,
                    "query": query.iter().map(|(k, v, d)| json!({"key": k, "value": v, "description": d})).collect::<Vec<_>>(),
                },
                "header": headers.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>(),
            });
            if !body.is_null() {
                request["body"] = body;
            }
            json!({"name": name, "request": request, "response": responses})
        })
}

fn collection() -> impl Strategy<Value = Value> {
    let item = request().prop_recursive(2, 12, 4, |inner| {
        (text(), text(), prop::collection::vec(inner, 0..4)).prop_map(
            |(name, docs, items)| json!({"name": name, "description": docs, "item": items}),
        )
    });
    (text(), text(), prop::collection::vec(item, 1..5), prop::collection::vec((text(), text()), 0..3)).prop_map(
        |(name, docs, items, vars)| {
            let mut variable = vec![json!({"key": "baseUrl", "value": "https://api.example.test"})];
            variable.extend(vars.into_iter().map(|(k, v)| json!({"key": k, "value": v})));
            json!({
                "info": {"name": name, "description": docs,
                    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                "variable": variable,
                "item": items,
            })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_output_parses_as_rust(collection in collection()) {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("random.json");
        std::fs::write(&input, collection.to_string()).unwrap();
        match postgen::Config::new(&input).name("random").generate() {
            Ok(generated) => {
                for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
                    let parsed = syn::parse_file(&file.contents);
                    prop_assert!(parsed.is_ok(), "{}: {:?}", file.path, parsed.err());
                    // Formatted in pieces, the file is as formatting it whole would make it.
                    let body = file.contents.split_once("\n\n").map_or("", |(_, body)| body);
                    let whole = prettyplease::unparse(&syn::parse_file(body).unwrap());
                    prop_assert!(whole == body, "{} differs from its whole-file format", file.path);
                    // A name may become the identifier `pwned_marker`, but nothing user-written
                    // can become a macro call: `!` is never part of an identifier.
                    let tokens = quote::ToTokens::to_token_stream(&parsed.unwrap()).to_string();
                    let includes = tokens.matches("include !").count();
                    let expected = usize::from(file.path == "src/lib.rs");
                    prop_assert_eq!(includes, expected, "{} has injected code", file.path);
                }
            }
            // Bad input is fine when reported as such, with a location.
            Err(postgen::Error::Input { problems, .. }) => prop_assert!(!problems.is_empty()),
            Err(other) => prop_assert!(false, "not an input error: {other}"),
        }
    }
}
