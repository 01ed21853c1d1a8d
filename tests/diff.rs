//! `postgen diff` on two versions of the fixture collection `tests/fixtures/diff/pets-v*.json`.

mod common;

use std::process::Output;

use common::postgen;
use serde_json::{Value, json};

const V1: &str = "tests/fixtures/diff/pets-v1.json";
const V2: &str = "tests/fixtures/diff/pets-v2.json";

/// Writes `value` as the file `name` in `dir`; returns its path.
fn write(dir: &std::path::Path, name: &str, value: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, value.to_string()).unwrap();
    path.to_str().unwrap().to_string()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn reports_each_change_per_endpoint_marked_breaking_or_compatible() {
    let output = postgen(&["diff", V1, V2]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "\
pets::list_pets (GET /pets)
  compatible  query parameter `sort` added (optional, `Option<String>`)
  breaking    query parameter `status` removed
  compatible  response field `age` added (optional, `Option<i64>`)
pets::get_a_pet (GET /pets/:petId)
  compatible  response status 410 documented
  compatible  response field `age` added (optional, `Option<i64>`)
pets::create_a_pet (POST /pets)
  breaking    body field `age` added (required, `i64`)
  compatible  response field `age` added (optional, `Option<i64>`)
pets::delete_a_pet (POST /pets/:petId/delete)
  compatible  method DELETE -> POST
  compatible  path `/pets/:petId` -> `/pets/:petId/delete`
pets::adopt_a_pet (POST /pets/:petId/adopt)
  breaking    renamed from `pets::adopt`
pets::list_owners (GET /owners)
  compatible  added
pets::update_a_pet (PUT /pets/:petId)
  breaking    removed
types::UpdateAPet (type)
  breaking    removed
types::Owner (type)
  compatible  added
5 breaking, 9 compatible change(s)
"
    );
}

#[test]
fn json_output_is_for_tools() {
    let output = postgen(&["diff", "--json", V1, V2]);
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["breaking"], 5);
    assert_eq!(report["compatible"], 9);
    assert_eq!(report["changes"].as_array().unwrap().len(), 14);
    assert_eq!(
        report["changes"][5],
        json!({
            "endpoint": "pets::create_a_pet",
            "request": "POST /pets",
            "change": "body field `age` added (required, `i64`)",
            "breaking": true
        })
    );
}

#[test]
fn fail_on_breaking_gates_only_breaking_changes() {
    let output = postgen(&["diff", "--fail-on-breaking", V1, V2]);
    assert_eq!(output.status.code(), Some(4));
    let output = postgen(&["diff", "--fail-on-breaking", V1, V1]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "no changes to the generated API\n");

    // Only an added endpoint: compatible, so the gate passes.
    let read = |path: &str| -> Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let mut added = read(V1);
    let owners = read(V2)["item"][0]["item"][5].clone();
    assert_eq!(owners["name"], "List owners");
    added["item"][0]["item"]
        .as_array_mut()
        .unwrap()
        .push(owners);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pets-v1.1.json");
    std::fs::write(&path, added.to_string()).unwrap();
    let output = postgen(&["diff", "--fail-on-breaking", V1, path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "pets::list_owners (GET /owners)\n  compatible  added\ntypes::Owner (type)\n  compatible  added\n0 breaking, 2 compatible change(s)\n"
    );
}

#[test]
fn a_type_that_moves_or_is_renamed_is_breaking() {
    // A request renamed: its method and the type named after what it fetches both move.
    let collection = |name: &str| {
        json!({"info": {"name": "T"}, "item": [{"name": name, "request": {
            "method": "GET", "url": "https://x.test/pets/1"},
            "response": [{"name": "ok", "code": 200,
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": "{\"id\": 1, \"name\": \"Rex\"}"}]}]})
    };
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, value: &Value| write(dir.path(), name, value);
    let (old, new) = (
        write("old.json", &collection("Fetch a pet")),
        write("new.json", &collection("Fetch an animal")),
    );
    let output = postgen(&["diff", &old, &new]);
    assert_eq!(
        stdout(&output),
        "fetch_an_animal (GET /pets/1)\n  breaking    renamed from `fetch_a_pet`\n\
         types::Pet (type)\n  breaking    renamed or moved to `types::Animal`\n\
         2 breaking, 0 compatible change(s)\n"
    );
}

#[test]
fn a_request_added_can_rename_the_type_it_shares() {
    // A body one request returns is named after what it is about; once another request about
    // something else returns the same structure, the name is the first request's.
    let request = |name: &str, path: &str| {
        json!({"name": name, "request": {"method": "GET", "url": format!("https://x.test/{path}")},
            "response": [{"name": "ok", "code": 200,
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": "{\"id\": 1, \"topic\": \"Q3\"}"}]})
    };
    let dir = tempfile::tempdir().unwrap();
    let old = json!({"info": {"name": "T"}, "item": [request("Get a meeting", "meetings/1")]});
    let new = json!({"info": {"name": "T"}, "item": [
        request("Get a meeting", "meetings/1"), request("Get a webinar", "webinars/1")]});
    let (old, new) = (
        write(dir.path(), "old.json", &old),
        write(dir.path(), "new.json", &new),
    );
    let output = postgen(&["diff", &old, &new]);
    assert_eq!(
        stdout(&output),
        "get_a_webinar (GET /webinars/1)\n  compatible  added\n\
         types::Meeting (type)\n  breaking    renamed or moved to `types::GetAMeetingResponse`\n\
         1 breaking, 1 compatible change(s)\n"
    );
}

#[test]
fn a_broken_version_is_an_input_error() {
    let output = postgen(&["diff", V1, "Cargo.toml"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: Cargo.toml: "), "{stderr}");
}

#[test]
fn the_environment_decides_what_is_an_argument_as_generate_does() {
    // The new version sends a header with `{{tenant}}`, which only the environment gives a value.
    let collection = |header: bool| {
        let headers = if header {
            json!([{"key": "X-Tenant", "value": "{{tenant}}"}])
        } else {
            json!([])
        };
        json!({"info": {"name": "T"}, "item": [{"name": "Get", "request": {
            "method": "GET", "header": headers, "url": "https://x.test/a"}}]})
    };
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, value: &Value| write(dir.path(), name, value);
    let (old, new) = (
        write("old.json", &collection(false)),
        write("new.json", &collection(true)),
    );
    let env = write(
        "env.json",
        &json!({"name": "prod", "values": [{"key": "tenant", "value": "acme", "enabled": true}]}),
    );
    // Without the environment the variable is a new argument of the method.
    let output = postgen(&["diff", &old, &new]);
    assert_eq!(
        stdout(&output),
        "get (GET /a)\n  breaking    argument `tenant: &str` added\n1 breaking, 0 compatible change(s)\n"
    );
    // With it, a client variable with a default: no change to the method.
    let output = postgen(&["diff", "--env", &env, &old, &new]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(stdout(&output), "no changes to the generated API\n");
}
