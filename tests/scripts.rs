//! The collection's scripts in the client generated from `tests/fixtures/formats.json` (folder
//! "Scripts"): a login whose test script saves the token that later requests send, a create
//! whose script saves the new id that the read's path uses, a pre-request value, and the test
//! scripts' checks, all checked on the wire against a loopback server.

use formats::types::{CreateNote, LogIn};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/login"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "tok-123", "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/notes"))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"id": "n-42", "text": "hello"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/notes/n-42"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "n-42", "text": "hello"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/repos"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!([{"id": 7, "name": "postgen"}])),
        )
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> formats::Client {
    formats::Client::new(&format!("{}/v1", server.uri())).unwrap()
}

fn header(request: &wiremock::Request, name: &str) -> String {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_token_and_an_id_flow_from_responses_to_later_requests() {
    let server = server().await;
    let client = client(&server);
    let login = LogIn {
        user: "ada".into(),
        password: "secret".into(),
    };
    let response = client.scripts().log_in(&login).send().await.unwrap();
    assert!(response.script().passed(), "{:?}", response.script());
    assert_eq!(
        response.script().variables,
        vec![("sessionToken", Some("tok-123".to_string()))]
    );
    assert_eq!(
        client
            .script_variables()
            .get("sessionToken")
            .map(String::as_str),
        Some("tok-123")
    );

    // A clone shares what scripts set.
    let other = client.clone();
    let note = other
        .scripts()
        .create_note(&CreateNote {
            text: "hello".into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(note.script().checks.len(), 1);
    assert!(note.script().passed());
    let read = client.scripts().read_note().send().await.unwrap();
    assert_eq!(read.script().checks[0].name, "the note just created");
    assert!(read.script().passed(), "{:?}", read.script());
    // `text.slice(0, text.indexOf("l")).replace(/e/g, "E")` and `(text.length / 3).toFixed(2)`
    // of "hello".
    assert_eq!(
        read.script().variables,
        [
            ("noteStem", Some("hE".to_string())),
            ("noteScore", Some("1.67".to_string()))
        ]
    );

    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 3);
    assert_eq!(header(&sent[0], "authorization"), "");
    assert_eq!(header(&sent[1], "authorization"), "Bearer tok-123");
    // The pre-request script's value: `req-` and a number made when the request was built.
    let id = header(&sent[1], "x-request-id");
    assert!(
        id.strip_prefix("req-")
            .is_some_and(|n| n.parse::<u32>().is_ok()),
        "{id}"
    );
    assert_eq!(sent[2].url.path(), "/v1/notes/n-42");
    assert_eq!(header(&sent[2], "authorization"), "Bearer tok-123");
}

#[tokio::test]
async fn before_a_script_sets_a_variable_it_is_sent_as_written_as_postman_sends_it() {
    let server = server().await;
    let client = client(&server);
    let _ = client
        .scripts()
        .create_note(&CreateNote {
            text: "hello".into(),
        })
        .send()
        .await;
    let sent = server.received_requests().await.unwrap();
    assert_eq!(header(&sent[0], "authorization"), "Bearer {{sessionToken}}");
}

#[tokio::test]
async fn a_failed_check_says_what_it_saw() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "other", "text": "bye"})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    client.set_script_variable("noteId", "n-42");
    let reports = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = reports.clone();
    let client =
        client.with_script_observer(move |report| seen.lock().unwrap().push(report.clone()));
    let read = client.scripts().read_note().send().await.unwrap();
    let check = &read.script().checks[0];
    assert_eq!(
        check.failure.as_deref(),
        Some(r#"expected the response's /id ("other") to equal "n-42""#)
    );
    assert_eq!(
        read.script().checks[1].failure.as_deref(),
        Some(r#"expected the response's /id ("other") to match /^n-\d+$/"#)
    );
    assert_eq!(reports.lock().unwrap().len(), 1);
    assert_eq!(&reports.lock().unwrap()[0], read.script());

    // Without scripts, no check is made and no variable set.
    let quiet = client.with_scripts(false);
    let read = quiet.scripts().read_note().send().await.unwrap();
    assert!(read.script().checks.is_empty());
}

/// Runs the formats client's `replay` example against `base_url` (in its own target directory:
/// this test's cargo holds the lock of the workspace's).
fn replay(base_url: &str) -> std::process::Output {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::process::Command::new(env!("CARGO"))
        .args([
            "run",
            "--offline",
            "--quiet",
            "-p",
            "formats",
            "--example",
            "replay",
            "--",
            base_url,
        ])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target/generator-tests"))
        .output()
        .unwrap()
}

#[tokio::test]
async fn replay_carries_variables_and_prints_each_check() {
    let server = server().await;
    let output = replay(&format!("{}/v1", server.uri()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let at = |line: &str| {
        lines
            .iter()
            .position(|l| *l == line)
            .unwrap_or_else(|| panic!("{line:?} in {stdout}"))
    };
    let login = at("200 POST /auth/login");
    assert_eq!(lines[login + 1], "  \u{2713} logged in");
    let create = at("201 POST /notes");
    assert_eq!(lines[create + 1], "  \u{2713} Status code is 201");
    // The read's path is the id the create's script saved: the server answers only that one.
    let read = at("200 GET /notes/{{noteId}}");
    assert_eq!(lines[read + 1], "  \u{2713} the note just created");
    // `pm.expect(...id).to.match(/^n-\d+$/)`, run by regex-lite.
    assert_eq!(lines[read + 2], "  \u{2713} a note id");
    // `repos.forEach(r => pm.expect(r.id).to.be.a("number"))` inside a test.
    let repos = at("200 GET /repos");
    assert_eq!(lines[repos + 1], "  \u{2713} every repo has an id");
    let sent = server.received_requests().await.unwrap();
    let read_request = sent
        .iter()
        .find(|r| r.url.path() == "/v1/notes/n-42")
        .expect("the read");
    assert_eq!(header(read_request, "authorization"), "Bearer tok-123");
    let summary = lines.last().unwrap();
    assert!(
        summary.starts_with("replay: ")
            && summary.contains(" 6 checks, 0 failed, 0 responses that did not decode"), // and `scripted`'s empty test, `List repos`' loop
        "{summary}"
    );
    assert!(output.status.success(), "{stdout}");
}

#[tokio::test]
async fn replay_fails_when_a_check_fails() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/login"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "no"})))
        .mount(&server)
        .await;
    let output = replay(&format!("{}/v1", server.uri()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("  \u{2717} logged in: expected the status (401) to equal 200"),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(1), "{stdout}");
}
