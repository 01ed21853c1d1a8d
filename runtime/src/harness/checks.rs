// What every generated client's tests (`tests/examples.rs`) check: the request on the wire
// against what Postman sends, and the decoded result against the saved example.
//
// Included at the root of the generated test crate (and, for its tests, at this crate's root);
// items only, without `//!` docs or inner attributes; comments like this one are dropped. Not
// formatted by rustfmt, which would change the code postgen writes.
// `crate_under_test` is the generated client: postgen writes the client crate's name in its
// place.

/// The request Postman sends for an example.
#[allow(dead_code)]
struct Wire {
    method: &'static str,
    /// Path segments after the base URL, percent-decoded.
    path: &'static [&'static str],
    /// Query pairs, percent-decoded; `None` for a bare key.
    query: &'static [(&'static str, Option<&'static str>)],
    /// Headers that must be present (name, value).
    headers: &'static [(&'static str, &'static str)],
    /// The content type without parameters.
    content_type: Option<&'static str>,
    body: Body,
}

#[allow(dead_code)]
enum Body {
    None,
    Form(&'static [(&'static str, &'static str)]),
    /// (name, text value or file name, whether a file).
    Multipart(&'static [(&'static str, &'static str, bool)]),
    Json(&'static str),
    Text(&'static str),
    /// Not checked: a file's bytes.
    Any,
}

#[allow(dead_code)]
fn decode(text: &str) -> String {
    ::percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Pairs sorted by name, keeping the order of repeated names: the order of different names
/// carries no meaning for a server.
#[allow(dead_code)]
fn by_name(mut pairs: Vec<(String, Option<String>)>) -> Vec<(String, Option<String>)> {
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
}

/// Checks that the server received exactly the request Postman sends.
#[allow(dead_code)]
async fn check_request(server: &::wiremock::MockServer, wire: Wire) {
    let requests = server.received_requests().await.expect("the server records requests");
    assert_eq!(requests.len(), 1, "one request is sent");
    let request = &requests[0];
    assert_eq!(request.method.as_str(), wire.method, "method");
    let mut path: Vec<String> = request.url.path().split('/').skip(1).map(decode).collect();
    let expected: Vec<String> = wire.path.iter().map(|s| s.to_string()).collect();
    for (sent, expected) in path.iter_mut().zip(&expected) {
        masked(expected, sent);
    }
    assert_eq!(path, expected, "path of {}", request.url);
    let query: Vec<(String, Option<String>)> = request
        .url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (decode(name), Some(decode(value))),
            None => (decode(pair), None),
        })
        .collect();
    let expected: Vec<(String, Option<String>)> = wire
        .query
        .iter()
        .map(|(name, value)| (name.to_string(), value.map(str::to_string)))
        .collect();
    let (mut query, expected) = (by_name(query), by_name(expected));
    for ((_, sent), (_, expected)) in query.iter_mut().zip(&expected) {
        if let (Some(sent), Some(expected)) = (sent, expected) {
            masked(expected, sent);
        }
    }
    assert_eq!(query, expected, "query of {}", request.url);
    for (name, value) in wire.headers {
        // Compared as bytes: a value may hold UTF-8, which `to_str` refuses.
        let sent: Vec<String> = request
            .headers
            .get_all(*name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        assert!(sent.iter().any(|s| matches_dynamic(value, s)), "header {name}: expected {value:?}, sent {sent:?}");
    }
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    if wire.content_type.is_some() {
        assert_eq!(content_type.as_deref(), wire.content_type, "content type");
    }
    match wire.body {
        Body::None => assert!(request.body.is_empty(), "no body is sent"),
        Body::Any => {}
        Body::Text(text) => {
            let mut sent = String::from_utf8_lossy(&request.body).into_owned();
            masked(text, &mut sent);
            assert_eq!(sent, text, "body");
        }
        Body::Json(text) => {
            let mut sent: ::serde_json::Value = ::serde_json::from_slice(&request.body).expect("the body is JSON");
            let expected: ::serde_json::Value = ::serde_json::from_str(text).expect("the example is JSON");
            masked_json(&expected, &mut sent);
            assert_eq!(normalized(sent), normalized(expected), "JSON body");
        }
        Body::Form(fields) => {
            let text = String::from_utf8_lossy(&request.body);
            let sent: Vec<(String, String)> = text
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(name), decode(value))
                })
                .collect();
            let mut expected: Vec<(String, String)> = fields.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
            let mut sent = sent;
            // As for the query: the order of different names carries no meaning.
            sent.sort_by(|a, b| a.0.cmp(&b.0));
            expected.sort_by(|a, b| a.0.cmp(&b.0));
            for ((_, sent), (_, expected)) in sent.iter_mut().zip(&expected) {
                masked(expected, sent);
            }
            assert_eq!(sent, expected, "form body");
        }
        Body::Multipart(parts) => {
            let mut expected: Vec<(String, String, bool)> = parts.iter().map(|(n, v, f)| (n.to_string(), v.to_string(), *f)).collect();
            let mut sent = multipart(request).await;
            sent.sort_by(|a, b| a.0.cmp(&b.0));
            expected.sort_by(|a, b| a.0.cmp(&b.0));
            for ((_, sent, _), (_, expected, _)) in sent.iter_mut().zip(&expected) {
                masked(expected, sent);
            }
            assert_eq!(sent, expected, "multipart body");
        }
    }
}

/// Whether `sent` is `expected`, where each dynamic variable the client makes values for
/// written in `expected` (`{{$guid}}`) stands for any non-empty text without `{{`: the value
/// the client makes when it sends a request is not known to the test, but it is made.
#[allow(dead_code)]
fn matches_dynamic(expected: &str, sent: &str) -> bool {
    let Some((literal, (name, rest))) = expected.split_once("{{").and_then(|(literal, variable)| Some((literal, variable.split_once("}}")?))) else {
        return expected == sent;
    };
    let Some(sent) = sent.strip_prefix(literal) else {
        return false;
    };
    if !crate_under_test::runtime::DYNAMIC_VARIABLES.contains(&name) {
        // Any other `{{name}}` is text the client sends as written.
        let written = format!("{{{{{name}}}}}");
        return sent.strip_prefix(written.as_str()).is_some_and(|sent| matches_dynamic(rest, sent));
    }
    (1..=sent.len())
        .filter(|&i| sent.is_char_boundary(i))
        .take_while(|&i| !sent[..i].contains("{{"))
        .any(|i| matches_dynamic(rest, &sent[i..]))
}

/// Replaces `sent` by `expected` when it matches it (see [`matches_dynamic`]), so that an
/// equality assertion shows only real differences.
#[allow(dead_code)]
fn masked(expected: &str, sent: &mut String) {
    if expected.contains("{{") && matches_dynamic(expected, sent) {
        *sent = expected.to_string();
    }
}

/// [`masked`] for each string of an expected JSON value; a dynamic variable the collection
/// writes unquoted (`{{$randomInt}}`) is sent as the JSON it makes, matched by its text.
#[allow(dead_code)]
fn masked_json(expected: &::serde_json::Value, sent: &mut ::serde_json::Value) {
    use ::serde_json::Value;
    match (expected, sent) {
        (Value::String(expected), sent) if expected.contains("{{") => {
            let mut text = match &*sent {
                Value::String(text) => text.clone(),
                Value::Number(number) => number.to_string(),
                Value::Bool(flag) => flag.to_string(),
                _ => return,
            };
            masked(expected, &mut text);
            if text == *expected {
                *sent = Value::String(text);
            }
        }
        (Value::Object(expected), Value::Object(sent)) => {
            for (key, expected) in expected {
                if let Some(sent) = sent.get_mut(key) {
                    masked_json(expected, sent);
                }
            }
        }
        (Value::Array(expected), Value::Array(sent)) => {
            for (expected, sent) in expected.iter().zip(sent) {
                masked_json(expected, sent);
            }
        }
        _ => {}
    }
}

/// The parts of a multipart body as (name, text or file name, whether a file).
#[allow(dead_code)]
async fn multipart(request: &::wiremock::Request) -> Vec<(String, String, bool)> {
    let content_type = request.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    let boundary = ::multer::parse_boundary(content_type).expect("a multipart boundary");
    let mut form = ::multer::Multipart::with_reader(&request.body[..], boundary);
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.expect("a well-formed multipart body") {
        // The client escapes `"` and control characters in names as `%XX`, as browsers do.
        let unescape = |text: &str| {
            let mut out = text.to_string();
            for byte in (0u8..0x20).chain([b'"', 0x7f]) {
                out = out.replace(&format!("%{byte:02X}"), &char::from(byte).to_string());
            }
            out
        };
        let name = unescape(field.name().unwrap_or(""));
        match field.file_name().map(unescape) {
            Some(file_name) => parts.push((name, file_name, true)),
            None => parts.push((name, field.text().await.expect("a text part"), false)),
        }
    }
    parts
}

/// How a 2xx body decodes: as JSON, text, bytes, or not at all.
#[allow(dead_code)]
enum Check {
    Json,
    /// JSON, or nothing when the example's body is empty.
    JsonOrEmpty,
    Text,
    Bytes,
    Unit,
}

/// Checks a 2xx result: its status, and its value as JSON against the served body read the way
/// `check` says.
#[allow(dead_code)]
fn check_ok<T: ::serde::Serialize, E: ::std::fmt::Debug>(
    result: Result<crate_under_test::Response<T>, crate_under_test::Error<E>>,
    code: u16,
    check: Check,
    body: &str,
) {
    let response = result.expect("the example's response decodes");
    assert_eq!(response.status().as_u16(), code, "status");
    let value = ::serde_json::to_value(response.into_inner()).expect("the value encodes");
    let expected = match check {
        Check::Json => ::serde_json::from_str(body).expect("the example is JSON"),
        Check::JsonOrEmpty if body.trim().is_empty() => ::serde_json::Value::Null,
        Check::JsonOrEmpty => ::serde_json::from_str(body).expect("the example is JSON"),
        Check::Text => ::serde_json::Value::from(body),
        Check::Bytes => ::serde_json::Value::from(body.as_bytes()),
        Check::Unit => ::serde_json::Value::Null,
    };
    assert_eq!(normalized(value), normalized(expected), "decoded value");
}

/// Checks an error result: its status, and its body: decoded as the typed body when `typed`,
/// else as received.
#[allow(dead_code)]
fn check_err<T: ::std::fmt::Debug, E: ::serde::Serialize + ::std::fmt::Debug>(
    result: Result<crate_under_test::Response<T>, crate_under_test::Error<E>>,
    code: u16,
    typed: bool,
    body: &str,
) {
    let error = match result {
        Err(crate_under_test::Error::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    };
    assert_eq!(error.status().as_u16(), code, "status");
    if typed {
        let typed = ::serde_json::to_value(error.typed().expect("the documented body decodes")).expect("the body encodes");
        let expected: ::serde_json::Value = ::serde_json::from_str(body).expect("the example is JSON");
        assert_eq!(normalized(typed), normalized(expected), "typed error body");
    } else {
        assert_eq!(error.body_text(), body, "error body");
    }
}

/// Decodes `body` as `T` and checks that encoding it again gives the same JSON.
#[allow(dead_code)]
fn round_trip<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(body: &str) {
    // From bytes, as the client decodes: the tests then use the client's copy of serde_json's
    // reader for `T` rather than compile another for `str`.
    let decoded: T = ::serde_json::from_slice(body.as_bytes()).expect("the documented example decodes");
    let expected: ::serde_json::Value = ::serde_json::from_str(body).expect("the example is JSON");
    let encoded = ::serde_json::to_value(&decoded).expect("the decoded value encodes");
    assert_eq!(normalized(encoded), normalized(expected));
}

/// The JSON without nulls and with integral numbers as integers: `null` and an absent key both
/// decode to `None`, and a field typed `f64` writes an example's `1` back as `1.0`.
#[allow(dead_code)]
fn normalized(value: ::serde_json::Value) -> ::serde_json::Value {
    match value {
        ::serde_json::Value::Object(map) => map
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k, normalized(v)))
            .collect(),
        ::serde_json::Value::Array(items) => items.into_iter().map(normalized).collect(),
        ::serde_json::Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => ::serde_json::Value::from(f as i64),
            _ => ::serde_json::Value::Number(n),
        },
        other => other,
    }
}

/// What the test scripts of the requests a test sent reported.
#[allow(dead_code)]
#[derive(Clone, Default)]
struct Reports(::std::sync::Arc<::std::sync::Mutex<::std::vec::Vec<crate_under_test::runtime::ScriptReport>>>);

#[allow(dead_code)]
impl Reports {
    /// An observer for `Client::with_script_observer` that keeps each report here.
    fn observer(&self) -> impl Fn(&crate_under_test::runtime::ScriptReport) + Send + Sync + 'static {
        let reports = self.0.clone();
        move |report| reports.lock().unwrap_or_else(::std::sync::PoisonError::into_inner).push(report.clone())
    }
}

/// Checks that each of the test script's checks `names` was made on the response and passed:
/// those the collection's scripts hold a saved example to.
#[allow(dead_code)]
fn check_scripts(reports: &Reports, names: &[&str]) {
    let reports = reports.0.lock().unwrap_or_else(::std::sync::PoisonError::into_inner);
    let checks: ::std::vec::Vec<_> = reports.iter().flat_map(|r| r.checks.iter()).collect();
    for name in names {
        let check = checks.iter().find(|c| c.name == *name);
        let check = check.unwrap_or_else(|| panic!("the test script's check {name:?} was not made: {checks:?}"));
        if let Some(why) = &check.failure {
            panic!("the test script's check {name:?} fails on the saved example: {why}");
        }
    }
}
