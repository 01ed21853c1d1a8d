//! Property: any script made of the common forms (variable sets, checks, in `if`s, times,
//! counters, found elements, loops and switches, regular expressions, positions, `toFixed`,
//! `btoa(JSON.stringify(...))` of literals with values), mixed with statements postgen does
//! not translate and with arbitrary text in names and literals, is
//! counted and translated exactly as its statements say, and the client generated from it
//! parses with no code but its own. `fuzz/fuzz_targets/scripts.rs` runs any text as a script.

use proptest::prelude::*;
use serde_json::json;

/// A JavaScript string literal holding `text` (JSON's escapes are JavaScript's).
fn js(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// Arbitrary text, biased towards what breaks code, Markdown and templates.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 _-]{0,12}",
        "\\PC{0,16}",
        prop::collection::vec(
            prop::sample::select(vec![
                "\"",
                "\\",
                "*/",
                "#[",
                "}",
                "{{",
                "`",
                "\n",
                "\u{202e}",
                "include!(\"/etc/passwd\")",
                "${x}",
                "'"
            ]),
            0..6
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// A JavaScript regular expression literal matching `text` (its characters outside the Basic
/// Multilingual Plane left out), every character escaped as `\uXXXX`, flags `gi`.
fn regex(text: &str) -> String {
    let escaped: String = text
        .chars()
        .filter(|c| u32::from(*c) <= 0xFFFF)
        .map(|c| format!("\\u{:04X}", u32::from(c)))
        .collect();
    match escaped.is_empty() {
        true => "/(?:)/gi".into(),
        false => format!("/{escaped}/gi"),
    }
}

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z_][a-zA-Z0-9_]{0,8}"
}

/// A statement: its text, how many sets and checks it has, and how many postgen translates.
fn statement() -> impl Strategy<Value = (String, usize, usize)> {
    let leaf = prop_oneof![
        (name(), name()).prop_map(|(n, f)| (
            format!("pm.environment.set({}, pm.response.json().{f});", js(&n)),
            1,
            1
        )),
        (name(), name()).prop_map(|(n, f)| (
            format!(
                "postman.setEnvironmentVariable({}, JSON.parse(responseBody).{f});",
                js(&n)
            ),
            1,
            1
        )),
        (name(), text()).prop_map(|(n, t)| (
            format!("pm.globals.set({}, {});", js(&n), js(&t)),
            1,
            1
        )),
        (name(), text()).prop_map(|(n, t)| (
            format!(
                "pm.collectionVariables.set({}, \"Bearer \" + {});",
                js(&n),
                js(&t)
            ),
            1,
            1
        )),
        (text(), 100u16..600).prop_map(|(t, code)| (
            format!(
                "pm.test({}, function () {{ pm.response.to.have.status({code}); }});",
                js(&t)
            ),
            1,
            1
        )),
        (text(), 100u16..600).prop_map(|(t, code)| (
            format!("tests[{}] = responseCode.code === {code};", js(&t)),
            1,
            1
        )),
        (name(), text()).prop_map(|(f, t)| (
            format!("pm.expect(pm.response.json().{f}).to.eql({});", js(&t)),
            1,
            1
        )),
        (name(), text()).prop_map(|(f, t)| (
            format!(
                "pm.expect(pm.response.json()).to.have.property({}, {});",
                js(&f),
                js(&t)
            ),
            1,
            1
        )),
        name().prop_map(|n| (
            format!("pm.environment.set({}, CryptoJS.MD5(\"x\").toString());", js(&n)),
            1,
            0
        )),
        (name(), 0u8..8).prop_map(|(n, k)| (
            format!(
                "pm.environment.set({}, Math.floor(Math.random() * 100).toFixed({k}));",
                js(&n)
            ),
            1,
            1
        )),
        (name(), text()).prop_map(|(f, t)| (
            format!(
                "pm.test({}, () => pm.expect(pm.response.json().{f}).to.match({}));",
                js(&t),
                regex(&t)
            ),
            1,
            1
        )),
        (name(), name(), text()).prop_map(|(n, f, t)| (
            format!(
                "pm.environment.set({}, pm.response.json().{f}.replace({}, {}));",
                js(&n),
                regex(&t),
                js(&t.replace('$', ""))
            ),
            1,
            1
        )),
        (name(), name(), text(), text()).prop_map(|(n, f, k, t)| (
            format!(
                "{{ const o = {{ {}: pm.response.json().{f}, t: [{}, 1.5] }}; pm.globals.set({}, btoa(JSON.stringify(o))); }}",
                js(&k),
                js(&t),
                js(&n)
            ),
            1,
            1
        )),
        (name(), name(), text()).prop_map(|(n, f, t)| (
            format!(
                "{{ const s = pm.response.json().{f}; pm.environment.set({}, s.slice(s.indexOf({}) + 1)); }}",
                js(&n),
                js(&t)
            ),
            1,
            1
        )),
        name().prop_map(|n| (
            format!(
                "for (var i = 0; i < 2; i++) {{ pm.environment.set({}, i); }}",
                js(&n)
            ),
            1,
            0
        )),
        name().prop_map(|n| (
            format!("pm.environment.set({}, new Date().toISOString());", js(&n)),
            1,
            1
        )),
        (name(), -50i64..50).prop_map(|(n, k)| (
            format!(
                "{{ const m = require(\"moment\"); pm.variables.set({}, m().add({k}, \"months\").valueOf()); }}",
                js(&n)
            ),
            1,
            1
        )),
        name().prop_map(|n| (
            format!(
                "{{ var c = parseInt(pm.environment.get({0})); pm.environment.set({0}, isNaN(c) ? 0 : c + 1); }}",
                js(&n)
            ),
            1,
            1
        )),
        (name(), name(), text()).prop_map(|(n, f, t)| (
            format!(
                "{{ const hit = pm.response.json().items.find(x => x.{f} === {}); if (hit) pm.environment.set({}, hit.id); }}",
                js(&t),
                js(&n)
            ),
            1,
            1
        )),
        (name(), text(), text()).prop_map(|(n, a, b)| (
            format!(
                "pm.response.json().items.forEach(x => {{ switch (x.kind) {{ case {}: pm.collectionVariables.set({}, x.id); break; default: pm.expect(x.id).to.eql({}); }} }});",
                js(&a),
                js(&n),
                js(&b)
            ),
            2,
            2
        )),
        name().prop_map(|n| (
            format!(
                "pm.response.json().items.forEach(x => x.list.forEach(y => pm.environment.set({}, y)));",
                js(&n)
            ),
            1,
            0
        )),
        text().prop_map(|t| (format!("console.log({});", js(&t)), 0, 0)),
        Just(("postman.setNextRequest(\"next\");".to_string(), 0, 0)),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            (100u16..600, prop::collection::vec(inner.clone(), 1..3)).prop_map(|(code, body)| {
                let (text, counted, translated) = joined(body);
                (
                    format!("if (pm.response.code === {code}) {{\n{text}\n}}"),
                    counted,
                    translated,
                )
            }),
            prop::collection::vec(inner, 1..3).prop_map(|body| {
                let (text, counted, translated) = joined(body);
                (
                    format!("try {{\n{text}\n}} catch (e) {{ console.log(e); }}"),
                    counted,
                    translated,
                )
            }),
        ]
    })
}

fn joined(statements: Vec<(String, usize, usize)>) -> (String, usize, usize) {
    let text = statements
        .iter()
        .map(|s| s.0.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    (
        text,
        statements.iter().map(|s| s.1).sum(),
        statements.iter().map(|s| s.2).sum(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn scripts_are_counted_translated_and_rendered_safely(statements in prop::collection::vec(statement(), 0..8)) {
        let (script, counted, translated) = joined(statements);
        let collection = json!({
            "info": {"name": "Scripted", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "baseUrl", "value": "https://api.example.test"}],
            "item": [{
                "name": "Scripted",
                "event": [{"listen": "test", "script": {"exec": script.lines().collect::<Vec<_>>()}}],
                "request": {"method": "GET", "url": "{{baseUrl}}/things"},
                "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}], "body": "{\"id\": 1}"}],
            }],
        });
        let generated = postgen::Config::new("scripted.json")
            .name("scripted")
            .generate_from(&collection.to_string())
            .expect("a valid collection generates");
        prop_assert_eq!(generated.scripts.statements, counted, "{}", script);
        prop_assert_eq!(generated.scripts.translated, translated, "{}", script);
        for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            let parsed = syn::parse_file(&file.contents);
            prop_assert!(parsed.is_ok(), "{}: {:?}", file.path, parsed.err());
            let tokens = quote::ToTokens::to_token_stream(&parsed.unwrap()).to_string();
            let includes = tokens.matches("include !").count();
            let expected = usize::from(file.path == "src/lib.rs");
            prop_assert_eq!(includes, expected, "{} has injected code", file.path);
        }
    }
}
