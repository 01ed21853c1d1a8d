//! The Zoom crate's `replay` example against a loopback server: it sends the collection's eight
//! requests in collection order, each as Postman's runner sends it, and prints their statuses.

use std::path::Path;
use std::process::Command;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Builds the replay example (in its own target directory: this test's cargo holds the lock of
/// the workspace's) and runs it against `base_url`.
fn replay(base_url: &str, token: Option<&str>) -> String {
    replay_with(&[base_url], token)
}

/// [`replay`] with these arguments.
fn replay_with(args: &[&str], token: Option<&str>) -> String {
    let output = run_replay(args, token);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    stdout
}

/// Runs the replay example with these arguments, whatever its exit status.
fn run_replay(args: &[&str], token: Option<&str>) -> std::process::Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut command = Command::new(env!("CARGO"));
    command
        .args([
            "run",
            "--offline",
            "--quiet",
            "-p",
            "zoom",
            "--example",
            "replay",
            "--",
        ])
        .args(args)
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target/generator-tests"))
        .env_remove("BEARER_TOKEN");
    if let Some(token) = token {
        command.env("BEARER_TOKEN", token);
    }
    command.output().unwrap()
}

fn line(request: &Request) -> String {
    match request.url.query() {
        Some(query) => format!("{} {}?{query}", request.method, request.url.path()),
        None => format!("{} {}", request.method, request.url.path()),
    }
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

async fn multipart(request: &Request) -> Vec<(String, String)> {
    let boundary = multer::parse_boundary(header(request, "content-type").unwrap()).unwrap();
    let mut form = multer::Multipart::with_reader(&request.body[..], boundary);
    let mut fields = Vec::new();
    while let Some(field) = form.next_field().await.unwrap() {
        let name = field.name().unwrap().to_string();
        fields.push((name, field.text().await.unwrap()));
    }
    fields
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn replay_sends_what_the_postman_runner_sends_in_collection_order() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let stdout = replay(&format!("{}/v2", server.uri()), Some("replay-token"));

    let requests = server.received_requests().await.unwrap();
    let lines: Vec<String> = requests.iter().map(line).collect();
    let group = "/v2/im/groups/quis%20officia%20in%20reprehenderit";
    assert_eq!(
        lines,
        [
            "GET /v2/im/groups".to_string(),
            "POST /v2/im/groups".into(),
            format!("GET {group}"),
            format!("PATCH {group}"),
            format!("DELETE {group}"),
            format!("GET {group}/members?page_size=30&page_number=1"),
            format!("POST {group}/members"),
            format!("DELETE {group}/members/z8yCxjabcdEFGHfp8uQ"),
        ]
    );
    for request in &requests {
        assert_eq!(
            header(request, "authorization"),
            Some("Bearer replay-token")
        );
    }
    let form_fields = |name, kind| {
        pairs(&[
            ("name", name),
            ("type", kind),
            ("search_by_domain", "false"),
            ("search_by_account", "true"),
            ("search_by_ma_account", "false"),
        ])
    };
    assert_eq!(
        multipart(&requests[1]).await,
        form_fields("Sales", "normal")
    );
    assert_eq!(
        multipart(&requests[3]).await,
        form_fields("anim Duis adipisicing sint", "restricted")
    );
    assert_eq!(
        header(&requests[6], "content-type"),
        Some("application/json")
    );
    let body: serde_json::Value = serde_json::from_slice(&requests[6].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"members": [
            {"id": "z8yCxjabcdEFGHfp8uQ", "email": "jchill@example.com"},
            {"id": "KDcuGIm1QgePTO8WbOqwIQ", "email": "rghimire@example.com"}
        ]})
    );
    for i in [0, 2, 4, 5, 7] {
        assert!(requests[i].body.is_empty(), "request {i} has no body");
    }

    // One line per request with its status: each body has one saved example, so `{}` decodes.
    let printed: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        printed,
        [
            "200 GET /im/groups",
            "200 POST /im/groups",
            "200 GET /im/groups/:groupId",
            "200 PATCH /im/groups/:groupId",
            "200 DELETE /im/groups/:groupId",
            "200 GET /im/groups/:groupId/members",
            "200 POST /im/groups/:groupId/members",
            "200 DELETE /im/groups/:groupId/members/:memberId",
            "replay: 8 requests, 0 checks, 0 failed, 0 responses that did not decode",
        ]
    );
}

#[tokio::test]
async fn replay_takes_variable_values_as_newman_does() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    // A Postman environment export; a disabled value is not used, and `--env-var`, given
    // after it, wins. Without BASE_URL the requests go where `{{baseUrl}}` says.
    let environment = std::env::temp_dir().join(format!("replay-env-{}.json", std::process::id()));
    let nowhere = "http://127.0.0.1:9/v2";
    std::fs::write(
        &environment,
        serde_json::json!({"name": "test", "values": [
            {"key": "baseUrl", "value": format!("{}/v2", server.uri()), "enabled": false},
            {"key": "baseUrl", "value": nowhere, "enabled": true}
        ]})
        .to_string(),
    )
    .unwrap();
    let given = format!("baseUrl={}/v2", server.uri());
    let environment_arg = environment.to_string_lossy().into_owned();
    let stdout = replay_with(
        &["--environment", &environment_arg, "--env-var", &given],
        None,
    );
    std::fs::remove_file(&environment).unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 8, "{stdout}");
    assert_eq!(line(&requests[0]), "GET /v2/im/groups");
    // The collection's oauth2 block names no token: none is sent, as Postman sends none.
    assert_eq!(header(&requests[0], "authorization"), None);

    let output = run_replay(&["--env-var", "baseUrl"], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(
            "replay: --env-var \"baseUrl\": expected NAME=VALUE\nusage: replay [BASE_URL]"
        ),
        "{stderr}"
    );
}

#[tokio::test]
async fn replay_reports_a_body_that_does_not_decode_with_the_decoder_message() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(r#""no""#))
        .mount(&server)
        .await;
    let output = run_replay(&[&format!("{}/v2", server.uri())], Some("replay-token"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let first = stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "--- GET /im/groups: unexpected response body (HTTP 200 OK): invalid type: string \"no\", expected struct ImDirectoryGroupList at line 1 column 4"
    );
    // The run counts them in its last line (the endpoints whose type is text or has no body
    // take `"no"`), and its exit status says the run failed.
    let undecoded = stdout
        .lines()
        .filter(|l| l.contains("unexpected response body"))
        .count();
    assert_eq!(undecoded, 5, "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("replay: 8 requests, 0 checks, 0 failed, 5 responses that did not decode")
    );
    assert_eq!(output.status.code(), Some(1));
}

#[tokio::test]
async fn replay_prints_what_it_decoded_with_bodies() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"total_records": 1, "groups": [{"id": "g1", "extra": 1}]}"#),
        )
        .mount(&server)
        .await;
    let base = format!("{}/v2", server.uri());
    let stdout = replay_with(&[&base, "--bodies"], Some("replay-token"));
    let lines: Vec<&str> = stdout.lines().take(2).collect();
    // What the client kept: a key its type does not have is not kept.
    assert_eq!(
        lines,
        [
            "200 GET /im/groups",
            r#"  = {"total_records":1,"groups":[{"id":"g1"}]}"#
        ]
    );
}

#[tokio::test]
async fn replay_prints_error_statuses() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"code":4130}"#))
        .mount(&server)
        .await;
    let stdout = replay(&server.uri(), None);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 8);
    // Zoom's collection holds no token: like Postman's runner, the replay sends none.
    assert!(
        requests
            .iter()
            .all(|r| header(r, "authorization").is_none())
    );
    let (statuses, summary) = stdout.trim_end().rsplit_once('\n').unwrap();
    assert!(statuses.lines().all(|l| l.starts_with("404 ")), "{stdout}");
    // A 404 is what the server said, not a failure of the run: no check asked otherwise.
    assert_eq!(
        summary,
        "replay: 8 requests, 0 checks, 0 failed, 0 responses that did not decode"
    );
}
