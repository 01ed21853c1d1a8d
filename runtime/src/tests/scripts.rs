//! The collection's scripts as the runtime runs them: values read from a response, conditions
//! as JavaScript and chai judge them, variables set for later requests (the bearer token
//! included) and checks with the values they saw.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{call_json, client_of, secret};
use crate::runtime::{
    Auth, Cond, Config, Op, Request, Scope, Script, ScriptCheck, ScriptSet, ScriptValue as V,
};

static LOGIN: Script = Script {
    before: &[ScriptSet {
        scope: Scope::Environment,
        name: "attempt",
        value: Some(V::Template("try-{{user}}")),
        when: None,
    }],
    after: &[
        ScriptSet {
            scope: Scope::Environment,
            name: "token",
            value: Some(V::Json("/data/token")),
            when: Some(Cond::Cmp(V::Status, Op::Eq, V::Const("200"))),
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "greeting",
            value: Some(V::Concat(&[V::Const("\"hi \""), V::Json("/data/name")])),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "missing",
            value: Some(V::Json("/nope")),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "session",
            value: Some(V::Cookie("sid")),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "old",
            value: None,
            when: None,
        },
    ],
    checks: &[
        ScriptCheck {
            name: "status",
            cond: Cond::OneOf(V::Status, &[V::Const("200"), V::Const("201")]),
        },
        ScriptCheck {
            name: "type",
            cond: Cond::IsType(V::Json("/data/tags"), "array"),
        },
        ScriptCheck {
            name: "tag",
            cond: Cond::Includes(V::Json("/data/tags"), V::Const("\"a\"")),
        },
        ScriptCheck {
            name: "count",
            cond: Cond::Cmp(V::Len(&V::Json("/data/tags")), Op::Eq, V::Const("2")),
        },
        ScriptCheck {
            name: "loose",
            cond: Cond::Cmp(V::Json("/data/n"), Op::LooseEq, V::Const("\"5\"")),
        },
        ScriptCheck {
            name: "strict",
            cond: Cond::Not(&Cond::Cmp(V::Json("/data/n"), Op::Eq, V::Const("\"5\""))),
        },
        ScriptCheck {
            name: "header",
            cond: Cond::Includes(V::Header("content-type"), V::Const("\"json\"")),
        },
        ScriptCheck {
            name: "fails",
            cond: Cond::Cmp(V::Json("/data/name"), Op::Eq, V::Const("\"Bob\"")),
        },
    ],
};

#[tokio::test]
async fn a_response_sets_variables_and_is_checked() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("set-cookie", "sid=abc; Path=/")
                .set_body_json(serde_json::json!({"data": {"token": "t-1", "name": "Ada", "tags": ["a", "b"], "n": 5}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let mut config = Config {
        bearer_token: secret("{{token}}"),
        ..Config::default()
    };
    config.vars.insert("user".into(), "ada".into());
    config
        .session
        .write()
        .unwrap()
        .set(Scope::Environment, "old", "x".into());
    let client = client_of(&server, config);
    let login = Request::new("POST").path("/login").script(&LOGIN);
    let response = call_json::<serde_json::Value>(&client, login)
        .await
        .unwrap();
    let report = response.script();
    assert_eq!(
        report.variables,
        [
            ("token", Some("t-1".to_string())),
            ("greeting", Some("hi Ada".to_string())),
            // Not in the body: set all the same, sent as newman sends it.
            ("missing", Some("null".to_string())),
            ("session", Some("abc".to_string())),
            ("old", None),
        ]
    );
    let failed: Vec<_> = report.checks.iter().filter(|c| !c.passed()).collect();
    assert_eq!(failed.len(), 1, "{report:?}");
    assert_eq!(failed[0].name, "fails");
    assert_eq!(
        failed[0].failure.as_deref(),
        Some(r#"expected the response's /data/name ("Ada") to equal "Bob""#)
    );
    let session = client.transport.config.session.read().unwrap().merged();
    assert_eq!(session.get("attempt").map(String::as_str), Some("try-ada"));
    assert_eq!(session.get("old"), None);

    // The bearer token written `{{token}}` is the one the script saved.
    let me = Request::new("GET").path("/me").auth(Auth::Bearer);
    call_json::<serde_json::Value>(&client, me).await.unwrap();
    let sent = server.received_requests().await.unwrap();
    let auth = sent[1]
        .headers
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(auth, "Bearer t-1");
}

static GUARDED: Script = Script {
    before: &[],
    after: &[ScriptSet {
        scope: Scope::Environment,
        name: "id",
        value: Some(V::Json("/id")),
        when: Some(Cond::Cmp(V::Status, Op::Eq, V::Const("201"))),
    }],
    checks: &[ScriptCheck {
        name: "created",
        cond: Cond::Cmp(V::Status, Op::Eq, V::Const("201")),
    }],
};

#[tokio::test]
async fn an_error_response_runs_the_scripts_too_and_a_guard_holds_a_set_back() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(409).set_body_json(serde_json::json!({"id": "dup"})))
        .mount(&server)
        .await;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let observed = seen.clone();
    let mut client = client_of(&server, Config::default());
    client.transport.config.script_observer = Some(std::sync::Arc::new(
        move |report: &crate::runtime::ScriptReport| {
            observed.lock().unwrap().push(report.clone());
        },
    ));
    let request = Request::new("POST").path("/items").script(&GUARDED);
    assert!(
        call_json::<serde_json::Value>(&client, request)
            .await
            .is_err()
    );
    let reports = seen.lock().unwrap();
    assert_eq!(
        reports[0].checks[0].failure.as_deref(),
        Some("expected the status (409) to equal 201")
    );
    assert!(reports[0].variables.is_empty());
    assert!(
        client
            .transport
            .config
            .session
            .read()
            .unwrap()
            .merged()
            .is_empty()
    );
}

static TYPES: Script = Script {
    before: &[],
    after: &[],
    checks: &[
        ScriptCheck {
            name: "missing",
            cond: Cond::Not(&Cond::Exists(V::Json("/a/b"))),
        },
        ScriptCheck {
            name: "null",
            cond: Cond::IsType(V::Json("/z"), "null"),
        },
        ScriptCheck {
            name: "truthy",
            cond: Cond::All(&[
                Cond::Truthy(V::Json("/s")),
                Cond::Not(&Cond::Truthy(V::Json("/e"))),
            ]),
        },
        ScriptCheck {
            name: "numbers",
            cond: Cond::Cmp(V::Json("/f"), Op::Eq, V::Const("1")),
        },
        ScriptCheck {
            name: "order",
            cond: Cond::All(&[
                Cond::Cmp(V::Json("/f"), Op::Lt, V::Const("2")),
                Cond::Cmp(V::Json("/f"), Op::Ge, V::Const("1")),
            ]),
        },
        ScriptCheck {
            name: "subset",
            cond: Cond::Includes(V::Json(""), V::Const(r#"{"s": "x"}"#)),
        },
        ScriptCheck {
            name: "body",
            cond: Cond::Includes(V::Body, V::Const("\"\\\"s\\\"\"")),
        },
        ScriptCheck {
            name: "reason",
            cond: Cond::Cmp(V::Reason, Op::Eq, V::Const("\"OK\"")),
        },
    ],
};

#[tokio::test]
async fn conditions_judge_values_as_javascript_and_chai_do() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"z": null, "s": "x", "e": "", "f": 1.0})),
        )
        .mount(&server)
        .await;
    let client = client_of(&server, Config::default());
    let response = call_json::<serde_json::Value>(&client, Request::new("GET").script(&TYPES))
        .await
        .unwrap();
    assert!(response.script().passed(), "{:?}", response.script());
}

#[tokio::test]
async fn scripts_can_be_turned_off() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "n"})))
        .mount(&server)
        .await;
    let client = client_of(
        &server,
        Config {
            scripts_off: true,
            ..Config::default()
        },
    );
    let response = call_json::<serde_json::Value>(&client, Request::new("POST").script(&GUARDED))
        .await
        .unwrap();
    assert!(response.script().checks.is_empty());
    assert!(
        client
            .transport
            .config
            .session
            .read()
            .unwrap()
            .merged()
            .is_empty()
    );
}

/// Sends a request with the `GUARDED` script to a server answering `status`, with the harness's
/// observer, and holds it to the check "created" as a generated test does.
async fn held_to_created(status: u16) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(status).set_body_json(serde_json::json!({"id": "n"})))
        .mount(&server)
        .await;
    let reports = crate::Reports::default();
    let mut client = client_of(&server, Config::default());
    client.transport.config.script_observer = Some(std::sync::Arc::new(reports.observer()));
    let _ = call_json::<serde_json::Value>(&client, Request::new("POST").script(&GUARDED)).await;
    crate::check_scripts(&reports, &["created"]);
}

#[tokio::test]
async fn the_generated_tests_hold_an_example_to_its_checks() {
    held_to_created(201).await;
}

#[tokio::test]
#[should_panic(
    expected = "the test script's check \"created\" fails on the saved example: expected the status (409) to equal 201"
)]
async fn a_generated_test_fails_when_the_example_fails_a_check() {
    held_to_created(409).await;
}

static SCOPED: Script = Script {
    before: &[
        ScriptSet {
            scope: Scope::Collection,
            name: "shadowed",
            value: Some(V::Const("\"from a script\"")),
            when: None,
        },
        ScriptSet {
            scope: Scope::Collection,
            name: "plain",
            value: Some(V::Const("\"from a script\"")),
            when: None,
        },
        ScriptSet {
            scope: Scope::Globals,
            name: "global",
            value: Some(V::Const("\"from a script\"")),
            when: None,
        },
    ],
    after: &[],
    checks: &[],
};

#[tokio::test]
async fn scopes_hide_one_another_as_in_postman() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let mut config = Config::default();
    config.vars.insert("plain".into(), "the client's".into());
    config.vars.insert("global".into(), "the client's".into());
    config
        .session
        .write()
        .unwrap()
        .set(Scope::Environment, "shadowed", "the environment's".into());
    let client = client_of(&server, config);
    call_json::<serde_json::Value>(&client, Request::new("GET").script(&SCOPED))
        .await
        .unwrap();
    let value = |name: &str| client.transport.config.value(name);
    // An environment value hides a collection one; a script's collection value hides the
    // client's; the client's hides a global.
    assert_eq!(value("shadowed").as_deref(), Some("the environment's"));
    assert_eq!(value("plain").as_deref(), Some("from a script"));
    assert_eq!(value("global").as_deref(), Some("the client's"));
}

static TEXT: Script = Script {
    before: &[],
    after: &[
        ScriptSet {
            scope: Scope::Environment,
            name: "token",
            value: Some(V::Or(&[
                V::Json("/missing"),
                V::Json("/empty"),
                V::Json("/token"),
            ])),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "kind",
            value: Some(V::If(
                &Cond::Cmp(V::Status, Op::Eq, V::Const("201")),
                &V::Const("\"new\""),
                &V::Const("\"old\""),
            )),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "ref",
            value: Some(V::Text(
                &V::Json("/id"),
                crate::runtime::TextOp::Split(".", 1),
            )),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "tail",
            value: Some(V::Text(
                &V::Json("/id"),
                crate::runtime::TextOp::Slice(-3, None),
            )),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "loud",
            value: Some(V::Text(
                &V::Text(&V::Json("/name"), crate::runtime::TextOp::Trim),
                crate::runtime::TextOp::Upper,
            )),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "none",
            value: Some(V::Text(
                &V::Json("/id"),
                crate::runtime::TextOp::Split(".", 9),
            )),
            when: None,
        },
    ],
    checks: &[],
};

#[tokio::test]
async fn defaults_choices_and_string_methods_read_as_in_javascript() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"empty": "", "token": "t", "id": "pay.123.abc", "name": " ada "}),
        ))
        .mount(&server)
        .await;
    let client = client_of(&server, Config::default());
    let response = call_json::<serde_json::Value>(&client, Request::new("GET").script(&TEXT))
        .await
        .unwrap();
    let set: Vec<_> = response
        .script()
        .variables
        .iter()
        .map(|(n, v)| (*n, v.clone().unwrap()))
        .collect();
    assert_eq!(
        set,
        [
            ("token", "t".to_string()),
            ("kind", "old".into()),
            ("ref", "123".into()),
            ("tail", "abc".into()),
            ("loud", "ADA".into()),
            ("none", "null".into())
        ]
    );
}

/// `const def = j.accounts.find(a => a.is_default) || j.accounts[0];`
/// `pm.environment.set("account", def.id);` and, from
/// `j.accounts.forEach(a => { if (a.kind === "x") pm.environment.set("x", a.id); })`, the last
/// matching element's id; a check that every account has a string id.
const DEFAULT: V = V::Find(
    &V::Json("/accounts"),
    &Cond::Truthy(V::Item("/is_default")),
    false,
);
const EITHER: V = V::Or(&[DEFAULT, V::Json("/accounts/0")]);
const LAST_X: V = V::Find(
    &V::Json("/accounts"),
    &Cond::Cmp(V::Item("/kind"), Op::Eq, V::Const("\"x\"")),
    true,
);
static FOUND: Script = Script {
    before: &[],
    after: &[
        ScriptSet {
            scope: Scope::Environment,
            name: "account",
            value: Some(V::At(&EITHER, "/id")),
            when: None,
        },
        ScriptSet {
            scope: Scope::Environment,
            name: "x",
            value: Some(V::At(&LAST_X, "/id")),
            when: Some(Cond::Exists(LAST_X)),
        },
    ],
    checks: &[ScriptCheck {
        name: "ids are text",
        cond: Cond::Not(&Cond::Exists(V::Find(
            &V::Json("/accounts"),
            &Cond::Not(&Cond::IsType(V::Item("/id"), "string")),
            false,
        ))),
    }],
};

#[tokio::test]
async fn elements_are_found_as_find_and_for_each_find_them() {
    let server = MockServer::start().await;
    let accounts = |body: serde_json::Value| ResponseTemplate::new(200).set_body_json(body);
    Mock::given(path("/a"))
        .respond_with(accounts(serde_json::json!({"accounts": [
            {"id": "a1", "kind": "x"}, {"id": "a2", "is_default": true}, {"id": "a3", "kind": "x"}
        ]})))
        .mount(&server)
        .await;
    Mock::given(path("/b"))
        .respond_with(accounts(
            serde_json::json!({"accounts": [{"id": "b1"}, {"id": 2}]}),
        ))
        .mount(&server)
        .await;
    let client = client_of(&server, Config::default());
    let run = |p: &'static str| {
        call_json::<serde_json::Value>(&client, Request::new("GET").path(p).script(&FOUND))
    };
    let a = run("/a").await.unwrap();
    assert_eq!(
        a.script().variables,
        [
            ("account", Some("a2".to_string())),
            ("x", Some("a3".to_string()))
        ]
    );
    assert!(a.script().passed(), "{:?}", a.script());
    // No default: the first account; no `x`: `x` is not set; an id that is a number fails.
    let b = run("/b").await.unwrap();
    assert_eq!(b.script().variables, [("account", Some("b1".to_string()))]);
    assert_eq!(
        b.script().checks[0].failure.as_deref(),
        Some(
            "an element of the response's /accounts: expected the element's /id (2) to be of type string"
        )
    );
}
