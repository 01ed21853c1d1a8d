//! Texts in scripts as JavaScript cuts and searches them: `indexOf` and `slice` at positions
//! found at run time, regular expressions (`test`, chai's `match`, `replace`), `JSON.parse` of
//! built text, `toFixed` and `Math`, `JSON.stringify` and `btoa`; checked on a digest
//! challenge, Adyen's `a=1&b=2` answers, amounts and terminal payloads, through a client
//! against a loopback server.

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::client_of;
use crate::runtime::{
    Arith, Cond, Config, MathFn, Regex, RegexEngine, RegexLite, Request, Scope, Script,
    ScriptCheck, ScriptSet, ScriptValue, ScriptValue as V, index_of, math, sliced, to_fixed,
};
use serde_json::json;

#[test]
fn positions_are_javascripts() {
    let text = json!("Digest realm=\"me@x\", nonce=\"n1\"");
    let at = |needle: &str, from: Option<serde_json::Value>| {
        index_of(&text, Some(&json!(needle)), from.as_ref())
    };
    assert_eq!(at("\"", None), Some(json!(13)));
    assert_eq!(at("\"", Some(json!(14))), Some(json!(18)));
    assert_eq!(
        at("\"", Some(json!("14"))),
        Some(json!(18)),
        "a position is a number"
    );
    assert_eq!(at("nope", None), Some(json!(-1)));
    // Positions are cut toward zero and clamped; NaN is 0; the empty text is found where asked.
    assert_eq!(at("D", Some(json!("x"))), Some(json!(0)));
    assert_eq!(at("", Some(json!(99))), Some(json!(31)));
    assert_eq!(at("D", Some(json!(-5.7))), Some(json!(0)));
    // `undefined` is searched for as its text; lists compare elements.
    assert_eq!(index_of(&json!("an undefined"), None, None), Some(json!(3)));
    let n = |n: i64| Some(json!(n));
    assert_eq!(
        index_of(&json!([1, "1", 1]), Some(&json!(1)), n(1).as_ref()),
        Some(json!(2))
    );
    assert_eq!(
        index_of(&json!([1, 2]), Some(&json!(2)), n(-1).as_ref()),
        Some(json!(1))
    );
    assert_eq!(
        index_of(&json!(12), Some(&json!(1)), None),
        None,
        "a number has no indexOf"
    );

    let cut = |v, a: Option<serde_json::Value>, b: Option<serde_json::Value>| {
        sliced(v, a.as_ref(), b.as_ref())
    };
    assert_eq!(cut(json!("héllo"), n(1), n(-1)), Some(json!("éll")));
    assert_eq!(cut(json!("abc"), n(2), n(1)), Some(json!("")));
    assert_eq!(cut(json!([1, 2, 3]), n(-2), None), Some(json!([2, 3])));
    // An undefined start is 0, an undefined end the end.
    assert_eq!(cut(json!("abc"), None, None), Some(json!("abc")));
    assert_eq!(cut(json!(5), n(0), None), None);
}

#[test]
fn numbers_are_rounded_and_written_as_javascript_does() {
    assert_eq!(math(-2.5, MathFn::Round), -2.0);
    assert_eq!(math(2.5, MathFn::Round), 3.0);
    assert_eq!(math(0.499_999_999_999_999_94, MathFn::Round), 0.0);
    assert_eq!(math(-1.5, MathFn::Floor), -2.0);
    assert_eq!(math(-1.5, MathFn::Ceil), -1.0);
    assert_eq!(math(-1.5, MathFn::Trunc), -1.0);
    assert_eq!(math(-1.5, MathFn::Abs), 1.5);

    // JavaScript rounds the double's exact value, ties away from zero: 1.005 is a bit below.
    assert_eq!(to_fixed(1.005, 2), "1.00");
    assert_eq!(to_fixed(0.125, 2), "0.13");
    assert_eq!(to_fixed(-0.125, 2), "-0.13");
    assert_eq!(to_fixed(9.995, 2), "9.99");
    assert_eq!(to_fixed(99.5, 0), "100");
    assert_eq!(to_fixed(12.3, 3), "12.300");
    assert_eq!(to_fixed(-0.0001, 2), "-0.00");
    assert_eq!(to_fixed(1e21, 2), "1e+21");
    assert_eq!(to_fixed(f64::NAN, 2), "NaN");
}

#[test]
fn regular_expressions_run_with_regex_lite() {
    assert!(RegexLite.is_match(r"(?i)^gzip", "GZIP, deflate"));
    assert!(!RegexLite.is_match(r"^\d+$", "12a"));
    assert_eq!(
        RegexLite.replace("&", "a=1&b=2&c", "\", \"", true),
        "a=1\", \"b=2\", \"c"
    );
    assert_eq!(RegexLite.replace("&", "a&b&c", "+", false), "a+b&c");
    assert_eq!(
        RegexLite.replace(r"(\w+)@(\w+)", "me@home", "${2}/${1} (${0}) $$", false),
        "home/me (me@home) $"
    );
    let re = Regex {
        pattern: "^x",
        written: "/^x/",
        engine: &RegexLite,
    };
    assert_eq!(format!("{re:?}"), "Regex(/^x/)");
}

const HEADER: V = V::Header("WWW-Authenticate");
const START: V = V::Arith(
    &V::IndexOf(
        &HEADER,
        &V::Const("\"\\\"\""),
        Some(&V::IndexOf(&HEADER, &V::Const("\"realm\""), None)),
    ),
    Arith::Add,
    &V::Const("1"),
);
const ADDITIONAL: V = V::ParseJson(&V::Concat(&[
    V::Const("\"{\\\"\""),
    V::ReplaceMatches(
        &V::ReplaceMatches(&V::Json("/additional"), AMP, "\", \"", true),
        EQUALS,
        "\": \"",
        true,
    ),
    V::Const("\"\\\"}\""),
]));
const AMP: Regex = Regex {
    pattern: "&",
    written: "/&/g",
    engine: &RegexLite,
};
const EQUALS: Regex = Regex {
    pattern: "=",
    written: "/=/g",
    engine: &RegexLite,
};

const fn set(name: &'static str, value: V) -> ScriptSet {
    ScriptSet {
        name,
        scope: Scope::Globals,
        value: Some(value),
        when: None,
    }
}

/// newman's digest test, Adyen's additional data and amounts, and two checks by regex.
static TEXTS: Script = Script {
    before: &[],
    after: &[
        set(
            "realm",
            V::Slice(
                &HEADER,
                &START,
                Some(&V::IndexOf(&HEADER, &V::Const("\"\\\"\""), Some(&START))),
            ),
        ),
        set("token", V::At(&ADDITIONAL, "/recurring.token")),
        set(
            "amount",
            V::Fixed(
                &V::Arith(&V::Json("/value"), Arith::Div, &V::Const("100")),
                2,
            ),
        ),
        set(
            "cents",
            V::Math(
                &V::Arith(&V::Json("/total"), Arith::Mul, &V::Const("100")),
                MathFn::Round,
            ),
        ),
        set(
            "id",
            V::Concat(&[
                V::Const("\"Scan_\""),
                V::Math(
                    &V::Arith(&V::Random, Arith::Mul, &V::Const("1000")),
                    MathFn::Floor,
                ),
            ]),
        ),
        // `btoa(JSON.stringify({ "say": json.say, "n": json.total }))`, as postgen writes it.
        set(
            "blob",
            V::Base64(&V::Concat(&[
                V::Const("\"{\\\"say\\\":\""),
                V::JsonText(&V::Json("/say")),
                V::Const("\",\\\"n\\\":\""),
                V::JsonText(&V::Json("/total")),
                V::Const("\"}\""),
            ])),
        ),
        // `btoa` of a character past Latin-1 throws: the variable is set to null.
        set("wide", V::Base64(&V::Json("/ip"))),
        set("missing", V::JsonText(&V::Json("/nothing"))),
    ],
    checks: &[
        ScriptCheck {
            name: "ip",
            cond: Cond::Matches(
                V::Json("/ip"),
                Regex {
                    pattern: r"^\d+\x{2E}\d+\x{2E}\d+\x{2E}\d+$",
                    written: r"/^\d+\.\d+\.\d+\.\d+$/",
                    engine: &RegexLite,
                },
            ),
        },
        ScriptCheck {
            name: "gzip",
            cond: Cond::Matches(
                V::Json("/encoding"),
                Regex {
                    pattern: "(?i)gzip",
                    written: "/gzip/i",
                    engine: &RegexLite,
                },
            ),
        },
    ],
};

#[tokio::test]
async fn a_test_script_cuts_parses_and_matches_the_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header(
                    "WWW-Authenticate",
                    "Digest realm=\"me@example.com\", nonce=\"abc\"",
                )
                .set_body_json(json!({
                    "additional": "recurring.token=T-1&shopper=S",
                    "value": "1999",
                    "total": 12.345,
                    "ip": "10.0.0.1x\u{2192}",
                    "encoding": "br, GZip",
                    "say": "café \"x\"\n",
                })),
        )
        .mount(&server)
        .await;
    let client = client_of(&server, Config::default());
    let response = client
        .transport
        .send(Request::new("GET").path("/challenge").script(&TEXTS))
        .await
        .unwrap();
    let report = response.script();
    let value = |name: &str| {
        let found = report.variables.iter().find(|(n, _)| *n == name);
        found.and_then(|(_, v)| v.clone()).unwrap_or_default()
    };
    assert_eq!(value("realm"), "me@example.com");
    assert_eq!(value("token"), "T-1");
    assert_eq!(value("amount"), "19.99");
    assert_eq!(value("cents"), "1235");
    // JavaScript's `btoa` encodes é as the one byte E9.
    let blob = value("blob");
    assert_eq!(
        blob,
        ::base64::Engine::encode(
            &::base64::engine::general_purpose::STANDARD,
            b"{\"say\":\"caf\xe9 \\\"x\\\"\\n\",\"n\":12.345}"
        )
    );
    assert_eq!(value("wide"), "null");
    assert_eq!(value("missing"), "null");
    let id: u32 = value("id").strip_prefix("Scan_").unwrap().parse().unwrap();
    assert!(id < 1000);
    assert_eq!(report.checks[1].failure, None);
    assert_eq!(
        report.checks[0].failure.as_deref(),
        Some(r#"expected the response's /ip ("10.0.0.1x→") to match /^\d+\.\d+\.\d+\.\d+$/"#)
    );
}

#[test]
fn scripts_holding_a_regex_stay_send_sync_and_unwind_safe() {
    // cargo-semver-checks caught their loss once (`&dyn RegexEngine` without the supertraits).
    fn auto<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    auto::<Script>();
    auto::<ScriptValue>();
    auto::<Cond>();
    auto::<Regex>();
}
