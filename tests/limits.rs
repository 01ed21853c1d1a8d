//! Input at the limits: deep nesting is an error naming the limit (never a stack overflow), deep
//! JSON inside a body is kept as text, and thousands of requests with one name get distinct,
//! predictable functions. Larger inputs (50,000 requests, 100 MB) are measured by
//! `benches/limits.sh`, documented in the README.

mod common;

use std::fs;
use std::path::Path;

use common::{api_of, postgen, text};

const SCHEMA: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/// Runs `postgen generate` on a collection written to `input`: `request` inside `depth` nested
/// folders named `f`.
fn generate_nested(depth: usize, request: &str, input: &Path, out: &Path) -> std::process::Output {
    let mut json = format!(r#"{{"info":{{"name":"Deep","schema":"{SCHEMA}"}},"item":"#);
    json.push_str(&r#"[{"name":"f","item":"#.repeat(depth));
    json.push_str(&format!("[{request}]"));
    json.push_str(&"}]".repeat(depth));
    json.push('}');
    fs::write(input, json).unwrap();
    postgen(&[
        "generate",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

#[test]
fn a_hundred_thousand_nested_folders_are_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("deep.json"), dir.path().join("out"));
    let output = generate_nested(
        100_000,
        r#"{"name":"r","request":{"method":"GET","url":"https://x.io/a"}}"#,
        &input,
        &out,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: {}: nested deeper than 128 JSON levels, postgen's limit (about 60 folders), at line 1 column 1372\n",
            input.display()
        )
    );
    assert!(!out.exists());
}

#[test]
fn the_deepest_nesting_accepted_generates_in_a_debug_build() {
    // 60 folders is the most the 128-level limit lets through. Rendering and formatting recurse
    // once per folder on worker threads; with a default 2 MiB stack this debug binary aborted.
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("deep.json"), dir.path().join("out"));
    let depth = 60;
    let output = generate_nested(
        depth,
        r#"{"name":"Innermost","request":{"method":"GET","url":"https://x.io/a"},"response":[{"name":"ok","code":200,"header":[{"key":"Content-Type","value":"application/json"}],"body":"{\"a\":1}"}]}"#,
        &input,
        &out,
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    assert!(api.contains("pub fn innermost("), "the innermost request");
    // The 60th folder's module is indented 59 levels.
    let innermost = format!("\n{}pub mod ", " ".repeat(4 * (depth - 1)));
    assert!(api.contains(&innermost), "60 nested modules");
    let tests = fs::read_to_string(out.join("tests/examples.rs")).unwrap();
    assert!(
        tests.contains("async fn innermost_200()"),
        "its example's test"
    );
}

#[test]
fn a_hundred_thousand_nested_arrays_in_a_body_stay_text() {
    let depth = 100_000;
    let body = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let collection = serde_json::json!({
        "info": {"name": "Deep body", "schema": SCHEMA},
        "item": [{
            "name": "Send",
            "request": {"method": "POST", "url": "https://x.io/a",
                "body": {"mode": "raw", "raw": body, "options": {"raw": {"language": "json"}}}},
            "response": [{"name": "ok", "code": 200,
                "header": [{"key": "Content-Type", "value": "application/json"}], "body": body}]
        }]
    });
    // serde_json's writer is not recursive over a string: this is one long string value.
    let api = api_of(&collection, "deep-body.json");
    let send = &api[api.find("pub fn send(").expect("the endpoint")..];
    let send = &send[..send.find("\n    }\n").unwrap()];
    assert!(send.contains("body: &str)"), "the body is text: {send}");
    assert!(send.contains(".text(body)"), "{send}");
}

#[test]
fn ten_thousand_requests_of_one_name_get_distinct_functions() {
    let items: Vec<serde_json::Value> = (0..10_000)
        .map(|_| serde_json::json!({"name": "Get thing", "request": {"method": "GET", "url": "https://x.io/things"}}))
        .collect();
    let collection = serde_json::json!({"info": {"name": "Dups", "schema": SCHEMA}, "item": items});
    let api = api_of(&collection, "dups.json");
    let names: Vec<&str> = api
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub fn get_thing"))
        .map(|rest| rest.split('(').next().unwrap())
        .collect();
    assert_eq!(names.len(), 10_000);
    // The second is told apart by its HTTP method; the path adds no word to the name.
    assert_eq!(names[..4], ["", "_get", "_2", "_3"]);
    assert_eq!(names[9_999], "_9999");
}
