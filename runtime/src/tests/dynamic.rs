//! Postman's dynamic variables: their formats, and that a request is given fresh values when
//! it is sent, unless a client variable of that name gives one.

use super::*;
use crate::runtime::{DYNAMIC_VARIABLES, JsonVar, Part, dynamic, iso_timestamp};
use ::std::time::Duration;

fn is_uuid_v4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && text
            .chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

#[test]
fn every_dynamic_variable_has_a_value_in_postmans_format() {
    for name in DYNAMIC_VARIABLES {
        let value = dynamic(name).unwrap_or_else(|| panic!("{name} has a value"));
        assert!(
            !value.is_empty() && !value.contains("{{"),
            "{name}: {value:?}"
        );
    }
    for name in ["$guid", "$randomUUID"] {
        let value = dynamic(name).unwrap();
        assert!(is_uuid_v4(&value), "{name}: {value}");
    }
    let timestamp: u64 = dynamic("$timestamp").unwrap().parse().unwrap();
    assert!(timestamp > 1_700_000_000);
    let n: u32 = dynamic("$randomInt").unwrap().parse().unwrap();
    assert!(n <= 1000);
    assert!(["true", "false"].contains(&dynamic("$randomBoolean").unwrap().as_str()));
    let color = dynamic("$randomHexColor").unwrap();
    assert!(color.len() == 7 && color.starts_with('#'), "{color}");
    let ip = dynamic("$randomIP").unwrap();
    assert!(ip.parse::<::std::net::Ipv4Addr>().is_ok(), "{ip}");
    let ipv6 = dynamic("$randomIPV6").unwrap();
    assert!(ipv6.parse::<::std::net::Ipv6Addr>().is_ok(), "{ipv6}");
    assert_eq!(dynamic("$randomPassword").unwrap().len(), 15);
    let email = dynamic("$randomEmail").unwrap();
    assert!(email.contains('@') && !email.contains(' '), "{email}");
    let sentence = dynamic("$randomLoremSentence").unwrap();
    assert!(
        sentence.ends_with('.') && sentence.starts_with(|c: char| c.is_ascii_uppercase()),
        "{sentence}"
    );
    assert_eq!(dynamic("$unknown"), None);
    assert_eq!(dynamic("guid"), None, "only `$` names are dynamic");
    assert_ne!(dynamic("$guid"), dynamic("$guid"), "each use is fresh");
}

#[test]
fn iso_timestamps_are_written_as_javascript_writes_them() {
    // `new Date(ms).toISOString()` for these instants.
    assert_eq!(iso_timestamp(Duration::ZERO), "1970-01-01T00:00:00.000Z");
    assert_eq!(
        iso_timestamp(Duration::from_secs(951_782_400)),
        "2000-02-29T00:00:00.000Z"
    );
    assert_eq!(
        iso_timestamp(Duration::from_millis(1_700_000_000_123)),
        "2023-11-14T22:13:20.123Z"
    );
    assert_eq!(
        iso_timestamp(Duration::from_secs(4_107_542_399)),
        "2100-02-28T23:59:59.000Z"
    );
}

/// A request using dynamic variables in its path, query, a header and its JSON body.
fn dynamic_request() -> Request {
    static VARS: [JsonVar; 2] = [
        JsonVar::Text("/id", "$guid"),
        JsonVar::Json("/count", "$randomInt"),
    ];
    Request::new("POST")
        .path("/items/")
        .path_var("$randomInt")
        .query_var("at", "$timestamp")
        .header_parts("Idempotency-Key", [Part::Lit("key-"), Part::Var("$guid")])
        .json_with(&::serde_json::json!({ "name": "x" }), &VARS)
}

#[tokio::test]
async fn a_request_is_sent_with_fresh_values_of_its_dynamic_variables() {
    let server = serve(200, None, "").await;
    let client = client_of(&server, Config::default());
    client.execute(dynamic_request()).await.expect("sent");
    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    let segment = request.url.path().rsplit('/').next().unwrap();
    assert!(
        segment.parse::<u32>().is_ok_and(|n| n <= 1000),
        "{}",
        request.url
    );
    let at: u64 = request
        .url
        .query_pairs()
        .find(|(k, _)| k == "at")
        .unwrap()
        .1
        .parse()
        .unwrap();
    assert!(at > 1_700_000_000);
    let key = request
        .headers
        .get("idempotency-key")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(key.strip_prefix("key-").is_some_and(is_uuid_v4), "{key}");
    let body: ::serde_json::Value = ::serde_json::from_slice(&request.body).unwrap();
    let id = body["id"].as_str().unwrap();
    assert!(
        is_uuid_v4(id) && key != format!("key-{id}"),
        "each use is fresh: {body}"
    );
    assert!(
        body["count"].as_u64().is_some_and(|n| n <= 1000),
        "sent as the number it is: {body}"
    );
    assert_eq!(body["name"], "x");
}

#[tokio::test]
async fn a_client_variable_of_a_dynamic_name_gives_its_value() {
    let server = serve(200, None, "").await;
    let mut config = Config::default();
    config.vars.insert("$guid".into(), "fixed".into());
    config.vars.insert("$randomInt".into(), "{{n}}".into());
    config.vars.insert("n".into(), "7".into());
    let client = client_of(&server, config);
    client.execute(dynamic_request()).await.expect("sent");
    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    assert!(request.url.path().ends_with("/items/7"), "{}", request.url);
    assert_eq!(request.headers.get("idempotency-key").unwrap(), "key-fixed");
    let body: ::serde_json::Value = ::serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        ::serde_json::json!({ "name": "x", "id": "fixed", "count": 7 })
    );
}

#[test]
fn the_harness_takes_a_dynamic_variable_for_any_text() {
    use crate::{masked_json, matches_dynamic};
    assert!(matches_dynamic("key-{{$guid}}", "key-1f0e"));
    assert!(matches_dynamic("{{$randomInt}}/{{$randomInt}}", "4/517"));
    assert!(matches_dynamic("plain", "plain"));
    assert!(!matches_dynamic("key-{{$guid}}", "key-"), "a value is made");
    assert!(!matches_dynamic("key-{{$guid}}", "id-1f0e"));
    assert!(!matches_dynamic("{{$guid}}.", "abc"));
    assert!(!matches_dynamic("plain", "other"));
    assert!(matches_dynamic("é{{$randomWord}}é", "éloremé"));
    assert!(
        !matches_dynamic("{{$guid}}", "{{$guid}}"),
        "a variable sent unsubstituted is no value"
    );
    assert!(!matches_dynamic("a{{$guid}}", "a{{x}}"));
    assert!(
        matches_dynamic("{{$unknown}}-{{name}}", "{{$unknown}}-{{name}}"),
        "other names are text"
    );
    assert!(!matches_dynamic("{{$unknown}}", "7"));
    let expected = ::serde_json::json!({ "id": "{{$guid}}", "n": "{{$randomInt}}", "list": ["{{$randomWord}}"] });
    let mut sent = ::serde_json::json!({ "id": "a-b", "n": 17, "list": ["dolor"] });
    masked_json(&expected, &mut sent);
    assert_eq!(
        sent,
        ::serde_json::json!({ "id": "{{$guid}}", "n": "{{$randomInt}}", "list": ["{{$randomWord}}"] })
    );
    let mut sent = ::serde_json::json!({ "id": "", "n": null });
    masked_json(&expected, &mut sent);
    assert_eq!(
        sent,
        ::serde_json::json!({ "id": "", "n": null }),
        "no value is no match"
    );
}
