//! What every client's `replay` example does with variables and its command line
//! (`src/replay/support.rs`): values taken as newman takes them, substituted as Postman's
//! runner substitutes them.

use super::{VARIABLES, environment, flush_checks, observe, options, summary, tally, vars};

fn args(list: &[&str]) -> impl Iterator<Item = String> {
    list.iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .into_iter()
}

#[test]
fn variables_are_substituted_nested_and_unknown_ones_kept() {
    // One set of values for the process, as in `replay`.
    VARIABLES.get_or_init(|| {
        [
            ("base", "https://{{host}}/v1"),
            ("host", "api.test"),
            ("loop", "{{loop}}x"),
            ("empty", ""),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    });
    assert_eq!(vars("{{base}}/users"), "https://api.test/v1/users");
    assert_eq!(
        vars("{{unknown}} {{ host}} {{empty}}|"),
        "{{unknown}} {{ host}} |"
    );
    assert_eq!(vars("{{a{{host}}}}"), "{{aapi.test}}");
    // A value naming itself stops after 20 rounds rather than running away.
    assert_eq!(vars("{{loop}}"), format!("{{{{loop}}}}{}", "x".repeat(20)));
    let guid = vars("{{$guid}}");
    assert_eq!(guid.len(), 36);
    assert_eq!(&guid[14..15], "4", "a version 4 UUID: {guid}");
    assert_ne!(vars("{{$guid}}"), guid, "each use is fresh");
}

#[test]
fn the_command_line_takes_values_as_newman_does() {
    let dir = std::env::temp_dir().join(format!("postgen-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("env.json");
    std::fs::write(
        &file,
        r#"{"values": [{"key": "a", "value": "file"}, {"key": "b", "value": 2},
            {"key": "off", "value": "x", "enabled": false}, {"key": "none"}]}"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let parsed = options(args(&[
        "http://127.0.0.1:9",
        "--environment",
        path,
        "--env-var",
        "a=cli=x",
        "--bodies",
    ]))
    .unwrap();
    assert_eq!(parsed.base_url.as_deref(), Some("http://127.0.0.1:9"));
    assert!(parsed.bodies);
    let values: Vec<(&str, &str)> = parsed
        .values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    // In order, so that a later value wins: `--env-var` after the file.
    assert_eq!(
        values,
        [("a", "file"), ("b", "2"), ("none", ""), ("a", "cli=x")]
    );
    for (bad, error) in [
        (&["--env-var"][..], "--env-var needs NAME=VALUE"),
        (
            &["--env-var", "novalue"][..],
            "--env-var \"novalue\": expected NAME=VALUE",
        ),
        (&["--nope"][..], "unknown option --nope"),
        (&["a", "b"][..], "unexpected argument \"b\""),
    ] {
        assert_eq!(options(args(bad)).err().as_deref(), Some(error));
    }
    std::fs::write(&file, r#"{"name": "no values"}"#).unwrap();
    assert_eq!(
        environment(path).unwrap_err(),
        format!("{path}: a Postman environment has a `values` list")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn checks_are_counted_and_the_run_fails_when_one_fails() {
    use crate::runtime::{CheckResult, ScriptReport};
    let passed = ScriptReport {
        variables: vec![("token", Some("t".into()))],
        checks: vec![CheckResult {
            name: "ok",
            failure: None,
        }],
    };
    observe(&passed);
    assert_eq!(tally().pending, ["  \u{2713} ok"]);
    flush_checks();
    assert!(tally().pending.is_empty());
    assert_eq!(
        summary(1),
        (
            "replay: 1 requests, 1 checks, 0 failed, 0 responses that did not decode".to_string(),
            true
        )
    );
    let failed = ScriptReport {
        variables: Vec::new(),
        checks: vec![CheckResult {
            name: "status",
            failure: Some("expected the status (500) to equal 200".into()),
        }],
    };
    observe(&failed);
    assert_eq!(
        tally().pending,
        ["  \u{2717} status: expected the status (500) to equal 200"]
    );
    flush_checks();
    tally().undecoded += 1;
    assert_eq!(
        summary(2),
        (
            "replay: 2 requests, 2 checks, 1 failed, 1 responses that did not decode".to_string(),
            false
        )
    );
}
