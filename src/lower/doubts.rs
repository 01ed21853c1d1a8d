//! What a collection is probably wrong about, as warnings ([`Kind::Suspect`]).
//!
//! Most published collections come from converters or are written by hand, and have habits
//! that say little about the API: JSON writes sent as multipart with nested objects as JSON
//! text, file uploads declared as text fields, `{}` documented for a 204, examples that are
//! only type hints. The client still follows the collection (an override can correct it);
//! these warnings say where to look. One pass over the items before lowering, reading the
//! collection as written; nothing here changes the model.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use super::context::Lowering;
use super::responses::{content_type, is_binary};
use super::url::UrlParts;
use crate::collection::{self, Body, FormParam, Item, Request, RequestSpec, Response};
use crate::error::Kind;
use crate::util::at;

/// Words in a form field's description that say it holds a file.
const FILE_WORDS: &[&str] = &[
    "file",
    "files",
    "upload",
    "uploaded",
    "attachment",
    "binary",
];

/// Words that say a field is about a file without holding one: its URL, name, format or
/// password, or its bytes written as a string (base64).
const ABOUT_A_FILE: &[&str] = &[
    "url",
    "uri",
    "link",
    "name",
    "id",
    "format",
    "type",
    "extension",
    "string",
    "base64",
    "password",
];

/// Runs every check over `items`, the collection's top-level items at `paths`.
pub(super) fn check(l: &mut Lowering, items: &[Item], paths: &[String]) {
    let mut seen = Seen::default();
    walk(l, items, paths, &mut seen);
    for (origin, (location, count)) in seen.hosts {
        let requests = if count == 1 { "request" } else { "requests" };
        l.warn(
            Kind::Suspect,
            &location,
            format!(
                "the host `{origin}` is written out in {count} {requests} rather than as a variable \
                 (`{{{{baseUrl}}}}`): the collection cannot be pointed at another server; the \
                 client takes it as its base URL or a host setter"
            ),
        );
    }
}

/// What the checks across requests remember: each request's identity and each written-out
/// host with its first location and count.
#[derive(Default)]
struct Seen {
    /// A hash of each request's method, URL, body, headers and auth (the texts themselves
    /// would double the memory bodies take), with its location and name.
    requests: BTreeMap<u64, (String, String)>,
    hosts: BTreeMap<String, (String, usize)>,
}

fn walk(l: &mut Lowering, items: &[Item], paths: &[String], seen: &mut Seen) {
    for (item, location) in items.iter().zip(paths) {
        if let Some(children) = &item.item {
            let paths: Vec<String> = (0..children.len())
                .map(|i| at(location, &format!("item[{i}]")))
                .collect();
            walk(l, children, &paths, seen);
        } else if let Some(RequestSpec::Full(request)) = &item.request {
            let request_at = at(location, "request");
            let method = request.method_name();
            let name = item.name.as_deref().unwrap_or_default();
            url(l, request, &request_at, seen);
            duplicate(l, request, &method, name, &request_at, seen);
            if let Some(body) = request.body.as_ref().filter(|b| !b.disabled) {
                body_checks(l, body, &method, &at(&request_at, "body"));
            }
            // What the overrides file says the response is settles what its examples show.
            if !l.applied.responses.contains_key(location.as_str()) {
                for (i, response) in item.response.iter().enumerate() {
                    example(l, response, &at(location, &format!("response[{i}]")));
                }
            }
        }
    }
}

/// A written-out host, and an empty path segment (`//`).
fn url(l: &mut Lowering, request: &Request, request_at: &str, seen: &mut Seen) {
    let Some(url) = &request.url else { return };
    let parts = UrlParts::of(url);
    let origin = parts.origin();
    if !origin.is_empty() && !origin.contains("{{") {
        let entry = seen
            .hosts
            .entry(origin)
            .or_insert_with(|| (at(request_at, "url"), 0));
        entry.1 += 1;
    }
    // The last segment may be empty: a trailing slash. (A variable whose value is empty in
    // the collection is a placeholder the user fills in, not an empty segment.)
    let inner = parts
        .segments
        .split_last()
        .map_or(&[][..], |(_, rest)| rest);
    if inner.iter().any(String::is_empty) {
        l.warn(
            Kind::Suspect,
            &at(request_at, "url"),
            format!(
                "the path `{}` has an empty segment: the request is sent to a `//` path, which \
                 most servers do not route (a variable without a value, or a slash too many?)",
                parts.path_display()
            ),
        );
    }
}

/// The same method, URL and body as an earlier request.
fn duplicate(
    l: &mut Lowering,
    request: &Request,
    method: &str,
    name: &str,
    request_at: &str,
    seen: &mut Seen,
) {
    let url = request.url.as_ref().map(UrlParts::of);
    let url_text = url.map_or(String::new(), |u| {
        let query: Vec<String> = u
            .query
            .iter()
            .filter(|q| !q.disabled)
            .map(|q| format!("{:?}={:?}", q.key, q.value))
            .collect();
        format!("{}{}?{}", u.origin(), u.path_display(), query.join("&"))
    });
    let body = request
        .body
        .as_ref()
        .filter(|b| !b.disabled)
        .map_or(String::new(), |b| {
            let fields = |list: &[FormParam]| -> String {
                list.iter()
                    .filter(|f| !f.disabled)
                    .map(|f| format!("{:?}={:?}", f.key, f.value))
                    .collect::<Vec<_>>()
                    .join("&")
            };
            format!(
                "{:?}|{:?}|{}|{}",
                b.mode,
                b.raw.as_deref().map(str::trim),
                fields(&b.formdata),
                fields(&b.urlencoded)
            )
        });
    // Requests that differ in their headers or own auth (the same URL with Basic and with
    // OAuth 1) are not the same request.
    let headers: Vec<String> = request
        .header
        .iter()
        .flat_map(|h| h.entries())
        .filter(|h| !h.disabled)
        .map(|h| format!("{:?}:{:?}", h.key, h.value))
        .collect();
    let auth = request.auth.as_ref().map(|a| a.kind.as_str());
    let key = format!("{method} {url_text}\n{body}\n{headers:?}\n{auth:?}");
    // SipHash with fixed keys: the same on every run, so the warnings are deterministic.
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    let key = hasher.finish();
    match seen.requests.get(&key) {
        Some((first_at, first_name)) => {
            let message = format!(
                "`{name}` is the same request as `{first_name}` ({first_at}): method, URL and \
                 body are identical; each is generated as its own method"
            );
            l.warn(Kind::Suspect, request_at, message);
        }
        None => {
            seen.requests
                .insert(key, (request_at.to_string(), name.to_string()));
        }
    }
}

/// A body on a request that gives it no meaning, JSON text in form fields, and fields that
/// say they hold a file but are text.
fn body_checks(l: &mut Lowering, body: &Body, method: &str, body_at: &str) {
    let mode = body.mode.as_deref().unwrap_or("");
    let fields = match mode {
        "formdata" => &body.formdata,
        "urlencoded" => &body.urlencoded,
        _ => &Vec::new(),
    };
    let has_body = match mode {
        "raw" => body.raw.as_deref().is_some_and(|r| !r.trim().is_empty()),
        "graphql" | "file" => true,
        _ => fields.iter().any(|f| !f.disabled),
    };
    if has_body && matches!(method, "GET" | "HEAD" | "DELETE") {
        l.warn(
            Kind::Suspect,
            body_at,
            format!(
                "a {method} request with a body: HTTP gives it no meaning and many servers and \
                 proxies drop or refuse it; the client sends it as the collection does"
            ),
        );
    }
    for (i, field) in fields.iter().enumerate().filter(|(_, f)| !f.disabled) {
        let field_at = at(body_at, &format!("{mode}[{i}]"));
        let is_file = field.kind.as_deref() == Some("file");
        let value = field.value.as_deref().unwrap_or("").trim();
        if !is_file
            && (value.starts_with('{') || value.starts_with('['))
            && serde_json::from_str::<serde_json::Value>(value).is_ok()
        {
            l.warn(
                Kind::Suspect,
                &at(&field_at, "value"),
                format!(
                    "form field `{}` holds JSON text: the API probably wants a JSON body (the \
                     client sends this field as text, as the collection does)",
                    field.key
                ),
            );
        }
        let description = collection::text_of(&field.description);
        let words: Vec<String> = description
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_ascii_lowercase)
            .collect();
        let says_file = words.iter().any(|w| FILE_WORDS.contains(&w.as_str()))
            && !words.iter().any(|w| ABOUT_A_FILE.contains(&w.as_str()));
        // A switch or a count about files (`viewer_download`: "... download the file") is not one.
        let scalar = matches!(
            value,
            "true" | "false" | "<boolean>" | "<integer>" | "<number>"
        ) || value.parse::<f64>().is_ok();
        if mode == "formdata" && !is_file && says_file && !scalar {
            l.warn(
                Kind::Suspect,
                &field_at,
                format!(
                    "form field `{}` is described as a file (\"{}\") but its type is text: the \
                     client sends it as text, not as a file",
                    field.key,
                    first_words(description)
                ),
            );
        }
    }
}

/// A saved example with a body where the status has none, binary content documented as JSON,
/// and one that shows only type hints.
fn example(l: &mut Lowering, response: &Response, response_at: &str) {
    let body = response.body.as_deref().unwrap_or("").trim();
    if response.left_out || body.is_empty() {
        return;
    }
    let body_at = at(response_at, "body");
    if let Some(code @ (204 | 205 | 304)) = response.code {
        l.warn(
            Kind::Suspect,
            &body_at,
            format!(
                "a {code} example with a body (`{}`): a {code} response has none, so the body \
                 says nothing about the API",
                first_words(body)
            ),
        );
        return;
    }
    let declared = content_type(response).map(|ct| ct.to_ascii_lowercase());
    let json_declared = declared.as_deref().is_some_and(|ct| ct.contains("json"))
        || response.preview_language.as_deref() == Some("json");
    if json_declared && looks_binary(body) {
        l.warn(
            Kind::Suspect,
            &body_at,
            "documented as JSON but the body is binary content: the API probably sends a file, \
             while the client expects the JSON the collection documents",
        );
        return;
    }
    if declared.as_deref().is_some_and(is_binary) {
        return;
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(body)
        && only_type_hints(&value)
    {
        l.warn(
            Kind::Suspect,
            &body_at,
            "the example shows only type hints (`<string>`, `<integer>`), no values: its types \
             are read from the hints, and its test does not show a response the API sent",
        );
    }
}

/// Whether `body` is binary content rather than text: a converter's `<binary>`, a file's
/// magic number, or control characters that no text holds.
fn looks_binary(body: &str) -> bool {
    const MAGIC: &[&str] = &[
        "%PDF-",
        "\u{89}PNG",
        "PK\u{3}\u{4}",
        "GIF8",
        "\u{ff}\u{d8}\u{ff}",
    ];
    let unquoted = body.trim_matches('"');
    unquoted.eq_ignore_ascii_case("<binary>")
        || MAGIC.iter().any(|magic| body.starts_with(magic))
        || body
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// Whether every leaf of `value` is a type hint (`"<string>"`), and it has one.
fn only_type_hints(value: &serde_json::Value) -> bool {
    fn leaves(value: &serde_json::Value, hints: &mut usize) -> bool {
        match value {
            serde_json::Value::String(text) => {
                *hints += 1;
                super::infer::scalar::is_placeholder(text)
            }
            serde_json::Value::Array(items) => items.iter().all(|v| leaves(v, hints)),
            serde_json::Value::Object(map) => map.values().all(|v| leaves(v, hints)),
            // A number, boolean or null is a value.
            _ => false,
        }
    }
    let mut hints = 0;
    leaves(value, &mut hints) && hints > 0
}

/// The start of `text` on one line, for quoting: at most 60 characters.
fn first_words(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(60) {
        Some((end, _)) => format!("{}...", &line[..end]),
        None => line,
    }
}
