//! The parts of a request that address it: host, path, query parameters and headers.

use super::context::{Lowering, RequestSite};
use super::infer::concepts::Concepts;
use super::infer::samples::{self, Samples};
use super::infer::scalar::Scalar;
use super::params::ParamSpec;
use super::pins::{check_pins, pin_for};
use super::url::UrlParts;
use super::vars::Args;
use crate::collection::Header;
use crate::collection::text_of as collection_text;
use crate::model::{AuthUse, HeaderUse, Piece, QueryVar, TypeRef};
use crate::text::docs;
use crate::text::vars::{Part, split, whole_variable};

/// The host of a request whose origin is not the client's base URL: its pieces and, unless it
/// is one variable (which its variable's setter replaces), the origin as written, which a host
/// setter replaces. Variables in a host are always client variables: a host is configuration,
/// not a per-call value.
pub(super) fn host(l: &mut Lowering, url: &UrlParts) -> Option<(Vec<Piece>, Option<String>)> {
    let origin = url.origin();
    if origin.is_empty() || l.base_host.as_deref() == Some(origin.as_str()) {
        return None;
    }
    let origin = if origin.starts_with("{{") || origin.contains("://") {
        origin
    } else {
        format!("https://{origin}")
    };
    let pieces = merge(
        split(&origin)
            .into_iter()
            .map(|part| match part {
                Part::Text(text) => Piece::Literal {
                    text: text.to_string(),
                },
                Part::Var(name) => l.client_var(name),
            })
            .collect(),
    );
    let key = match pieces.as_slice() {
        [Piece::Var { .. }] => None,
        _ => {
            l.hosts.insert(origin.clone());
            Some(origin)
        }
    };
    Some((pieces, key))
}

/// The path pieces and the path as Postman shows it. `:name` segments are path parameters (a
/// name ends at `.`, as in Postman); `{{name}}` anywhere in a segment is a variable.
pub(super) fn path(
    l: &mut Lowering,
    url: &UrlParts,
    args: &mut Args,
    samples: &Samples,
) -> (Vec<Piece>, String) {
    let mut pieces = Vec::new();
    for segment in &url.segments {
        pieces.push(Piece::Literal { text: "/".into() });
        let rest = match segment.strip_prefix(':') {
            Some(rest) if !rest.is_empty() && !rest.starts_with('.') => {
                let end = rest.find('.').unwrap_or(rest.len());
                let name = &rest[..end];
                pieces.push(path_param(&l.concepts, url, name, args, samples));
                &rest[end..]
            }
            _ => segment.as_str(),
        };
        for part in split(rest) {
            pieces.push(match part {
                Part::Text(text) => Piece::Literal {
                    text: encode_path_literal(text),
                },
                Part::Var(name) if url.variables.iter().any(|v| v.name() == Some(name)) => {
                    path_param(&l.concepts, url, name, args, samples)
                }
                Part::Var(name) => match l.pieces(&format!("{{{{{name}}}}}"), args).pop() {
                    Some(piece) => piece,
                    None => continue,
                },
            });
        }
    }
    (merge(pieces), url.path_display())
}

/// A path parameter argument, typed from the URL variable's example and description.
fn path_param(
    concepts: &Concepts,
    url: &UrlParts,
    name: &str,
    args: &mut Args,
    samples: &Samples,
) -> Piece {
    let variable = url.variables.iter().find(|v| v.name() == Some(name));
    let description = variable.map_or("", |v| collection_text(&v.description));
    let example = variable.and_then(|v| v.value_text());
    let values: Vec<&str> = example
        .as_deref()
        .into_iter()
        .chain(samples::values(&samples.path, name))
        .collect();
    let ty = match concepts.path_param(url, name, &values, description).scalar {
        Scalar::Int => TypeRef::Int,
        Scalar::Bool => TypeRef::Bool,
        Scalar::Float => TypeRef::Float,
        Scalar::Str | Scalar::Enum(_) => TypeRef::Str,
    };
    let ident = args.for_variable(name, ty, |ident| {
        arg_doc(ident, description, example.as_deref())
    });
    Piece::Param {
        ident,
        name: name.to_string(),
    }
}

fn arg_doc(ident: &str, description: &str, example: Option<&str>) -> String {
    let description = docs::summary(description);
    let mut text = format!("- `{}`", ident.trim_start_matches("r#"));
    if !description.is_empty() {
        text.push_str(&format!(": {description}"));
    }
    if let Some(example) = super::params::example_text(example) {
        text.push_str(&format!(" Example: {example}."));
    }
    text
}

/// Splits query parameters into those sent from client variables and those the caller sets.
/// The third list is the collection's order of keys (a key `a[b]` counted as `a`), which the
/// runtime restores when both kinds are sent: it adds client variables last.
pub(super) fn query<'a>(
    l: &mut Lowering,
    cx: &'a RequestSite<'_>,
    url: &'a UrlParts,
) -> (Vec<QueryVar>, Vec<ParamSpec<'a>>, Vec<String>) {
    let samples = &cx.samples;
    let mut from_client = Vec::new();
    let mut params = Vec::new();
    let mut order: Vec<String> = Vec::new();
    for q in &url.query {
        let Some(key) = q.key.as_deref().filter(|k| !k.is_empty()) else {
            continue;
        };
        let base = match key.split('[').next() {
            Some(base) if !base.is_empty() => base,
            _ => key,
        };
        if !order.iter().any(|k| k == base) {
            order.push(base.to_string());
        }
        let value = q.value.as_deref();
        if let Some(name) = value.and_then(whole_variable)
            && !q.disabled
            && l.client_value_of(name).is_some()
        {
            l.client_var(name);
            from_client.push(QueryVar {
                name: key.to_string(),
                key: name.to_string(),
            });
            continue;
        }
        params.push(ParamSpec {
            key,
            value,
            description: collection_text(&q.description),
            disabled: q.disabled,
            // A variable without a value must be given by the caller.
            required: value.is_some_and(|v| v.contains("{{")) && !q.disabled,
            flag: value.is_none(),
            file: None,
            samples: samples::values(&samples.query, key),
            // A query parameter that is a client variable is a `QueryVar`.
            variable: None,
            pin: pin_for(&cx.fields.query, key),
        });
    }
    for problem in check_pins(&cx.fields.query, &params, "query parameter") {
        l.problem(cx.location, problem);
    }
    // Only needed when both kinds are sent: each alone is in order.
    if from_client.is_empty() || params.is_empty() {
        order.clear();
    }
    (from_client, params, order)
}

/// Headers other than `Content-Type` (returned, name and value: the body decides it) and
/// credentials.
pub(super) fn headers(
    l: &mut Lowering,
    headers: &[Header],
    auth: &AuthUse,
    args: &mut Args,
    request_at: &str,
) -> (Vec<HeaderUse>, Option<(String, String)>) {
    let mut out = Vec::new();
    let mut content_type = None;
    for (i, header) in headers.iter().enumerate() {
        if header.disabled {
            continue;
        }
        let header_at = format!("{request_at}.header[{i}]");
        let name = header.key.trim();
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "content-type" => {
                content_type = Some((name.to_string(), header.value.trim().to_string()));
                continue;
            }
            // Set by the HTTP client from the URL and body.
            "host" | "content-length" | "transfer-encoding" | "connection" => continue,
            "authorization" if *auth != AuthUse::None => continue,
            _ => {}
        }
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            let message = format!("`{name}` is not a valid header name");
            l.leave_out(&header_at, message, "the header");
            continue;
        }
        if header
            .value
            .bytes()
            .any(|b| b == b'\r' || b == b'\n' || b == 0)
        {
            let message = format!("the value of header `{name}` contains a line break");
            l.leave_out(&header_at, message, "the header");
            continue;
        }
        out.push(header_use(l, name, &header.value, args));
    }
    (out, content_type)
}

/// A header sent as the collection writes it: fixed, or made of variables and arguments.
pub(super) fn header_use(l: &mut Lowering, name: &str, value: &str, args: &mut Args) -> HeaderUse {
    let pieces = l.pieces(value, args);
    let constant = match pieces.as_slice() {
        [] => Some(String::new()),
        [Piece::Literal { text }] => Some(text.clone()),
        _ => None,
    };
    HeaderUse {
        name: name.to_string(),
        constant,
        pieces,
    }
}

/// Joins adjacent literal pieces.
fn merge(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match (out.last_mut(), piece) {
            (Some(Piece::Literal { text }), Piece::Literal { text: more }) => text.push_str(&more),
            (_, piece) => out.push(piece),
        }
    }
    out
}

/// Percent-encodes what cannot appear literally in a path, keeping existing `%XX` escapes,
/// as Postman does when it sends a path typed by the user.
fn encode_path_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' => out.push(c),
            '-' | '.' | '_' | '~' | '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';'
            | '=' | ':' | '@' | '%' => out.push(c),
            other => {
                let mut buf = [0; 4];
                for byte in other.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
        }
    }
    out
}

/// Whether `b` may appear in an HTTP token (method or header name).
pub(super) fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
