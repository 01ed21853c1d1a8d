//! Numbers and times in scripts as JavaScript and moment make them: `parseInt`, `Number`,
//! arithmetic, `isNaN`, and times shifted by calendar months or fixed units, checked on a
//! counter and a due date that pre-request scripts set and requests send; and the response
//! time a test script reads.

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{call_json, client_of};
use crate::runtime::{
    Arith, Cond, Config, NumberParse, Op, Request, Scope, Script, ScriptCheck, ScriptSet,
    ScriptValue as V, Shift, TimeFormat, TimeUnit, arith, days_from_civil, parse_float, parse_int,
    shifted, to_number,
};
use serde_json::json;

#[test]
fn numbers_are_read_as_javascript_reads_them() {
    let n = |v: serde_json::Value| to_number(Some(&v));
    assert_eq!(n(json!(" 12 ")), 12.0);
    assert_eq!(n(json!("")), 0.0);
    assert_eq!(n(json!("0x1f")), 31.0);
    assert_eq!(n(json!("1e3")), 1000.0);
    assert_eq!(n(json!(null)), 0.0);
    assert_eq!(n(json!(true)), 1.0);
    assert_eq!(n(json!([7])), 7.0);
    // Rust's parser takes these; JavaScript's `Number` does not.
    for text in ["inf", "NaN", "12px", "1_000", "-0x10"] {
        assert!(n(json!(text)).is_nan(), "{text}");
    }
    assert!(to_number(None).is_nan());
    assert_eq!(n(json!("-Infinity")), f64::NEG_INFINITY);

    assert_eq!(parse_int("  42px"), 42.0);
    assert_eq!(parse_int("-0x1A"), -26.0);
    assert_eq!(parse_int("3.9"), 3.0);
    assert_eq!(parse_int(&"9".repeat(400)), f64::INFINITY);
    assert_eq!(
        n(json!("0x10000000000000000")),
        18_446_744_073_709_551_616.0
    );
    assert!(n(json!("0x")).is_nan());
    assert!(parse_int("px42").is_nan());
    assert_eq!(parse_float("3.25e2x"), 325.0);
    assert_eq!(parse_float(".5"), 0.5);
    assert!(parse_float("e5").is_nan());

    let a = |x: serde_json::Value, op, y: serde_json::Value| arith(Some(&x), op, Some(&y));
    assert_eq!(a(json!(1), Arith::Add, json!(2)), json!(3));
    // JavaScript's `+` joins as soon as one side is text.
    assert_eq!(a(json!("1"), Arith::Add, json!(2)), json!("12"));
    assert_eq!(
        arith(None, Arith::Add, Some(&json!("x"))),
        json!("undefinedx")
    );
    assert_eq!(a(json!("6"), Arith::Mul, json!("7")), json!(42));
    assert_eq!(a(json!(7), Arith::Div, json!(2)), json!(3.5));
    assert_eq!(a(json!(7), Arith::Rem, json!(4)), json!(3));
    assert_eq!(a(json!(1), Arith::Div, json!(0)), json!("Infinity"));
    assert_eq!(a(json!("x"), Arith::Sub, json!(1)), json!("NaN"));
}

#[test]
fn calendar_months_keep_the_day_or_take_the_last_one() {
    let day = |y, m, d| days_from_civil(y, m, d) * 86_400_000;
    let noon = 12 * 3_600_000;
    // moment("2024-01-31").add(1, "months") is 2024-02-29 (a leap year), then 2025-02-28.
    assert_eq!(
        shifted(day(2024, 1, 31) + noon, 1, TimeUnit::Months),
        day(2024, 2, 29) + noon
    );
    assert_eq!(
        shifted(day(2024, 2, 29), 1, TimeUnit::Years),
        day(2025, 2, 28)
    );
    assert_eq!(
        shifted(day(2026, 3, 31), -1, TimeUnit::Months),
        day(2026, 2, 28)
    );
    assert_eq!(
        shifted(day(2026, 12, 7), 2, TimeUnit::Months),
        day(2027, 2, 7)
    );
    assert_eq!(
        shifted(day(2026, 12, 7), -25, TimeUnit::Days),
        day(2026, 11, 12)
    );
    assert_eq!(
        shifted(day(2026, 12, 7), 1, TimeUnit::Weeks),
        day(2026, 12, 14)
    );
    // Before 1970 too, and no overflow at the ends of JavaScript's range of dates.
    assert_eq!(
        shifted(day(1970, 1, 31), -1, TimeUnit::Months),
        day(1969, 12, 31)
    );
    assert_eq!(
        shifted(day(1900, 3, 31), -1, TimeUnit::Months),
        day(1900, 2, 28)
    );
    let end = 8_640_000_000_000_000;
    assert_eq!(shifted(0, i64::MAX, TimeUnit::Years), end);
    assert_eq!(shifted(0, i64::MIN, TimeUnit::Months), -end);
    assert_eq!(shifted(end, i64::MAX, TimeUnit::Weeks), end);
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
}

const COUNT: V = V::Number(&V::Var("count"), NumberParse::Int);

/// Postman's counter idiom and a due date two days out:
/// `var count = parseInt(pm.environment.get("count"));`
/// `pm.environment.set("count", isNaN(count) ? 0 : count + 1);`
/// `pm.environment.set("due", moment().add(2, "days").valueOf());`
static COUNTER: Script = Script {
    before: &[
        ScriptSet {
            scope: Scope::Environment,
            name: "count",
            value: Some(V::If(
                &Cond::IsNaN(COUNT),
                &V::Const("0"),
                &V::Arith(&COUNT, Arith::Add, &V::Const("1")),
            )),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "due",
            value: Some(V::Now(
                &[Shift {
                    amount: 2,
                    unit: TimeUnit::Days,
                }],
                TimeFormat::Millis,
            )),
            when: None,
        },
    ],
    after: &[],
    checks: &[],
};

#[tokio::test]
async fn a_counter_and_a_due_date_set_before_each_request_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = client_of(&server, Config::default());
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    for _ in 0..3 {
        let request = Request::new("GET")
            .path("/tick")
            .query_var("count", "count")
            .query_var("due", "due")
            .script(&COUNTER);
        call_json::<serde_json::Value>(&client, request)
            .await
            .unwrap();
    }
    let sent = server.received_requests().await.unwrap();
    let counts: Vec<String> = sent
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "count")
                .unwrap()
                .1
                .into_owned()
        })
        .collect();
    assert_eq!(counts, ["0", "1", "2"]);
    let due: u128 = sent[0]
        .url
        .query_pairs()
        .find(|(k, _)| k == "due")
        .unwrap()
        .1
        .parse()
        .unwrap();
    let two_days = 2 * 86_400_000;
    let lag = due - (started.as_millis() + two_days);
    assert!(
        lag < 60_000,
        "due {due} is not two days after {}",
        started.as_millis()
    );
}

/// `pm.expect(pm.response.responseTime).to.be.below(50)` and `.above(90)`.
static TIMED: Script = Script {
    before: &[],
    after: &[],
    checks: &[
        ScriptCheck {
            name: "fast",
            cond: Cond::Cmp(V::ResponseTime, Op::Lt, V::Const("50")),
        },
        ScriptCheck {
            name: "slow",
            cond: Cond::Cmp(V::ResponseTime, Op::Gt, V::Const("90")),
        },
    ],
};

#[tokio::test]
async fn the_response_time_is_the_wait_for_the_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({}))
                .set_delay(std::time::Duration::from_millis(100)),
        )
        .mount(&server)
        .await;
    let client = client_of(&server, Config::default());
    let response = client
        .transport
        .send(Request::new("GET").path("/slow").script(&TIMED))
        .await
        .unwrap();
    assert!(
        response.elapsed() >= std::time::Duration::from_millis(100),
        "{:?}",
        response.elapsed()
    );
    let checks = &response.script().checks;
    assert_eq!(checks[1].failure, None);
    let failure = checks[0].failure.as_deref().unwrap();
    assert!(
        failure.starts_with("expected the response time (1")
            && failure.ends_with(") to be below 50"),
        "{failure}"
    );
}
