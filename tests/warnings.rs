//! The warnings for what a collection is probably wrong about (`src/lower/doubts.rs`), one
//! test per warning over `tests/fixtures/suspect.json`, where each request that should warn
//! stands beside a near miss that must not. The client is still generated, and compiles
//! (`the_suspect_collection_still_generates_a_client_that_compiles`).

use std::sync::OnceLock;

use postgen::error::Kind;

mod common;

const FIXTURE: &str = "tests/fixtures/suspect.json";

/// The fixture's warnings as printed (`location: message`), generated once.
fn warnings() -> &'static [String] {
    static WARNINGS: OnceLock<Vec<String>> = OnceLock::new();
    WARNINGS.get_or_init(|| {
        let generated = postgen::Config::new(FIXTURE)
            .generate()
            .expect("the fixture generates");
        assert!(generated.warnings.iter().all(|w| w.kind == Kind::Suspect));
        generated.warnings.iter().map(ToString::to_string).collect()
    })
}

/// The warnings at `location` or inside it.
fn at(location: &str) -> Vec<&'static str> {
    warnings()
        .iter()
        .filter(|w| {
            w.strip_prefix(location)
                .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('.'))
        })
        .map(String::as_str)
        .collect()
}

#[test]
fn json_text_in_a_form_or_urlencoded_value() {
    assert_eq!(
        at("item[0]"),
        [
            "item[0].request.body.formdata[1].value: form field `settings` holds JSON text: the API \
          probably wants a JSON body (the client sends this field as text, as the collection does)"
        ]
    );
    assert_eq!(
        at("item[1]"),
        [
            "item[1].request.body.urlencoded[0].value: form field `questions` holds JSON text: the \
          API probably wants a JSON body (the client sends this field as text, as the collection \
          does)"
        ]
    );
}

#[test]
fn a_text_field_described_as_a_file() {
    // Not the file's URL, not a switch about files, not a field that is a file.
    assert_eq!(
        at("item[2]"),
        [
            "item[2].request.body.formdata[0]: form field `pic_file` is described as a file (\"The \
          file to upload.\") but its type is text: the client sends it as text, not as a file"
        ]
    );
}

#[test]
fn a_body_on_get_or_delete() {
    assert_eq!(
        at("item[3]"),
        [
            "item[3].request.body: a GET request with a body: HTTP gives it no meaning and many \
          servers and proxies drop or refuse it; the client sends it as the collection does"
        ]
    );
    // An empty raw body is no body.
    assert!(at("item[4]").is_empty());
}

#[test]
fn a_204_example_with_a_body() {
    assert_eq!(
        at("item[5]"),
        [
            "item[5].response[0].body: a 204 example with a body (`{}`): a 204 response has none, \
          so the body says nothing about the API"
        ]
    );
}

#[test]
fn binary_content_documented_as_json() {
    // The PDF that says it is a PDF is not suspect.
    assert_eq!(
        at("item[6]"),
        [
            "item[6].response[0].body: documented as JSON but the body is binary content: the API \
          probably sends a file, while the client expects the JSON the collection documents"
        ]
    );
}

#[test]
fn a_hard_coded_host_once_with_its_count() {
    assert_eq!(
        at("item[7]"),
        [
            "item[7].request.url: the host `https://status.example.test` is written out in 2 \
          requests rather than as a variable (`{{baseUrl}}`): the collection cannot be pointed at \
          another server; the client takes it as its base URL or a host setter"
        ]
    );
    assert!(at("item[8]").is_empty());
}

#[test]
fn an_empty_path_segment() {
    assert_eq!(
        at("item[9]"),
        [
            "item[9].request.url: the path `/v2//events/` has an empty segment: the request is sent \
          to a `//` path, which most servers do not route (a variable without a value, or a slash \
          too many?)"
        ]
    );
}

#[test]
fn an_example_that_is_only_type_hints() {
    // The second example holds a value beside its hint.
    assert_eq!(
        at("item[10]"),
        [
            "item[10].response[0].body: the example shows only type hints (`<string>`, \
          `<integer>`), no values: its types are read from the hints, and its test does not show \
          a response the API sent"
        ]
    );
}

#[test]
fn a_duplicated_request() {
    // Page 2 differs in its query.
    assert!(at("item[11]").is_empty());
    assert_eq!(
        at("item[12]"),
        [
            "item[12].request: `List users (copy)` is the same request as `List users` \
          (item[11].request): method, URL and body are identical; each is generated as its own \
          method"
        ]
    );
    assert!(at("item[13]").is_empty());
}

#[test]
fn every_warning_is_one_of_the_above() {
    assert_eq!(warnings().len(), 10, "{:#?}", warnings());
}

#[test]
fn the_suspect_collection_still_generates_a_client_that_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("suspect");
    let output = common::postgen(&["generate", FIXTURE, "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", common::text(&output.stderr));
    let stderr = common::text(&output.stderr);
    assert!(stderr.ends_with("warning: tests/fixtures/suspect.json: 10 warnings: 10 suspect\n"));
    // With warnings denied, nothing is written and the exit code says why.
    let denied = dir.path().join("denied");
    let output = common::postgen(&[
        "generate",
        FIXTURE,
        "--out",
        denied.to_str().unwrap(),
        "--deny-warnings",
    ]);
    assert_eq!(output.status.code(), Some(5));
    assert!(!denied.exists());
    // The client compiles with warnings denied, in the target directory the generated crates
    // of the tests share.
    let check = common::cargo_in(&out, &["check", "--quiet", "--all-targets"]);
    assert!(check.status.success(), "{}", common::text(&check.stderr));
}
