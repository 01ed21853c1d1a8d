//! Example responses: the type of each documented status, how an endpoint decodes its 2xx
//! responses and its documented error bodies, and the docs that say so.
//!
//! Examples of one status are unified into one type. When every 2xx status has the same type,
//! the endpoint returns it for any 2xx; when they differ, an enum per endpoint has one variant per
//! documented status (and keeps an undocumented 2xx as raw bytes). Error statuses with JSON
//! bodies give the endpoint's typed error body the same way.
//!
//! What HTTP and the request say comes before the examples: a status that has no body (1xx,
//! 204, 205, 304) and an answer to `HEAD` are never decoded, whatever body an example shows; a
//! request whose `Accept` header asks only for binary types gets bytes; without any saved 2xx
//! response, a request that asks for JSON gets any JSON, one that asks for binary gets bytes,
//! and the rest text.

use super::context::{Lowering, ModuleScope, RequestSite};
use super::doc_lines::{DocLine, LineBody};
use super::infer::scalar::{Scalar, is_placeholder, placeholder};
use super::infer::shape::Shape;
use super::json_types::{Body as JsonBody, Direction, Role};
use crate::collection::Response;
use crate::error::Kind as Warning;
use crate::model::types::{Decoder, OutcomeDef, OutcomeVariant, Read, TypeDef, TypeRef};
use crate::model::{DocumentedStatus, Example};
use crate::overrides::ResponseKind;
use crate::text::{docs, names};
use crate::util::at;

/// What an endpoint's example responses say.
pub(super) struct Responses {
    /// The type of a 2xx result.
    pub ok_type: TypeRef,
    /// What decodes a 2xx response.
    pub ok_decoder: Decoder,
    /// The typed body of documented error statuses, and its decoder, if any has a JSON body.
    pub err: Option<(TypeRef, Decoder)>,
    /// Documented non-2xx statuses.
    pub errors: Vec<DocumentedStatus>,
    /// One markdown list item per documented status.
    pub docs: Vec<DocLine>,
    /// One per saved response with a status, with its index in the item's `response`; the
    /// call is filled in later.
    pub examples: Vec<(Example, usize)>,
}

/// The examples of one status, with their indexes.
struct Status<'a> {
    code: u16,
    examples: Vec<(usize, &'a Response)>,
}

/// What one status's bodies are.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Empty,
    Json(Shape),
    /// JSON in some examples, nothing in others: decoded as `None` when empty.
    JsonOrEmpty(Shape),
    Text,
    Bytes,
}

/// What a request's `Accept` header asks the response to be.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Accept {
    /// Nothing in particular (no header, `*/*`, text types).
    Any,
    /// JSON.
    Json,
    /// Only binary types, such as `application/pdf`.
    Binary(String),
    /// Nothing in particular, but the request's name says it downloads a file (`Download
    /// invoice PDF`): its 2xx body is bytes, whatever an example shows. The word that says so.
    Download(String),
}

/// Words in a request's name or description that say a download is a file.
const FILE_WORDS: &[&str] = &[
    "pdf",
    "zip",
    "archive",
    "tar",
    "gz",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "image",
    "mp3",
    "mp4",
    "m4a",
    "wav",
    "recording",
    "video",
    "audio",
    "file",
    "binary",
    "attachment",
    "xlsx",
    "docx",
];

impl Accept {
    /// What a GET request named `name` and described by `description` asks for when its
    /// `Accept` header asks for nothing in particular: a download when its name says it
    /// downloads ("Download ...") and its name or description names a file ("PDF",
    /// "archive", "recording").
    pub(super) fn or_download(self, method: &str, name: &str, description: &str) -> Accept {
        if self != Accept::Any || method != "GET" {
            return self;
        }
        let words = names::words(name);
        let downloads = words.iter().any(|w| w == "download");
        let described = names::words(description);
        match words
            .iter()
            .chain(&described)
            .find(|w| FILE_WORDS.contains(&w.as_str()))
        {
            Some(word) if downloads => Accept::Download(word.clone()),
            _ => self,
        }
    }

    /// What the `Accept` header `value` asks for.
    pub(super) fn of(value: Option<&str>) -> Accept {
        let Some(value) = value else {
            return Accept::Any;
        };
        let types: Vec<&str> = value
            .split(',')
            .map(|t| t.split(';').next().unwrap_or("").trim())
            .filter(|t| !t.is_empty())
            .collect();
        if types
            .iter()
            .any(|t| t.to_ascii_lowercase().contains("json"))
        {
            Accept::Json
        } else if !types.is_empty() && types.iter().all(|t| is_binary(&t.to_ascii_lowercase())) {
            Accept::Binary(types.join(", "))
        } else {
            Accept::Any
        }
    }
}

/// Whether HTTP gives a response of `code` to a `method` request no body.
pub(super) fn is_bodiless(code: u16, method: &str) -> bool {
    matches!(code, 100..=199 | 204 | 205 | 304) || method == "HEAD"
}

/// Reads the example responses of the item in `cx`.
pub(super) fn responses(
    l: &mut Lowering,
    m: &mut ModuleScope,
    cx: &RequestSite<'_>,
    method: &str,
    accept: &Accept,
) -> Responses {
    let mut statuses: Vec<Status<'_>> = Vec::new();
    for (i, response) in cx.item.response.iter().enumerate() {
        if response.left_out {
            continue;
        }
        let Some(code) = response.code else {
            let response_at = at(cx.location, &format!("response[{i}]"));
            l.warn(
                Warning::LeftOut,
                &response_at,
                "example response without `code`; left out",
            );
            continue;
        };
        match statuses.iter_mut().find(|s| s.code == code) {
            Some(status) => status.examples.push((i, response)),
            None => statuses.push(Status {
                code,
                examples: vec![(i, response)],
            }),
        }
    }
    statuses.sort_by_key(|s| s.code);
    // The response fields the overrides file sets that no successful JSON body has yet.
    let mut overridden: Vec<String> = cx
        .fields
        .response
        .iter()
        .map(|f| f.written.clone())
        .collect();

    let mut typed: Vec<(u16, Kind, Option<TypeRef>)> = Vec::new();
    let mut examples = Vec::new();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let ok_statuses = statuses
        .iter()
        .filter(|s| (200..300).contains(&s.code))
        .count();
    for status in &statuses {
        let success = (200..300).contains(&status.code);
        let bodiless = is_bodiless(status.code, method);
        let kind = match (accept, cx.response.filter(|_| success)) {
            _ if bodiless => Kind::Empty,
            (_, Some(ResponseKind::None)) => Kind::Empty,
            (_, Some(ResponseKind::Bytes)) => Kind::Bytes,
            (_, Some(ResponseKind::Text)) => Kind::Text,
            (_, Some(ResponseKind::Json)) => match kind_of(l, cx, status) {
                kind @ (Kind::Json(_) | Kind::JsonOrEmpty(_)) => kind,
                // No example shows JSON: any JSON value.
                _ => Kind::Json(Shape::of(&serde_json::Value::Null)),
            },
            (Accept::Binary(_) | Accept::Download(_), None) if success => Kind::Bytes,
            _ => kind_of(l, cx, status),
        };
        let mut kind = kind;
        if let (true, Kind::Json(shape) | Kind::JsonOrEmpty(shape)) = (success, &mut kind) {
            let missing = super::overrides::shape_fields(shape, &cx.fields.response);
            overridden.retain(|written| missing.iter().any(|m| m.written == *written));
        }
        let ty = match &kind {
            Kind::Json(shape) | Kind::JsonOrEmpty(shape) => {
                let (role, fallback, docs) = if success {
                    let which = match ok_statuses {
                        1 => "response".to_string(),
                        _ => reason(status.code),
                    };
                    (
                        Role::Success,
                        format!("{} {which}", cx.ident_name),
                        format!(
                            "The `{}` body of `{}`.",
                            status.code,
                            cx.name.replace('`', "'")
                        ),
                    )
                } else {
                    (
                        Role::Error,
                        "error body".to_string(),
                        "An error body of the API.".into(),
                    )
                };
                let body = JsonBody {
                    role,
                    ident_name: cx.ident_name.clone(),
                    request: cx.name.to_string(),
                    path: cx.path.clone(),
                    fallback,
                    docs,
                };
                Some(l.json.body(shape, Direction::Received, body))
            }
            _ => None,
        };
        let (read, _) = read_of(&kind, &ty);
        for (index, response) in &status.examples {
            // A bodiless status's example is served as HTTP sends it: without the body.
            let body = match bodiless {
                true => String::new(),
                false => response.body.clone().unwrap_or_default(),
            };
            // A JSON example's type hints are served as values of their types: what the API
            // sends, and what the types inferred from the hints decode.
            let body = match (&kind, ty.is_some()) {
                (Kind::Json(_) | Kind::JsonOrEmpty(_), true) => with_values_for_hints(body),
                _ => body,
            };
            let json_body = !body.trim().is_empty();
            // An error body is checked as its typed value only when it has a JSON type.
            let check = match (success, read) {
                (false, Read::Json) | (true, _) => Some(read),
                (false, _) => None,
            };
            let name = format!("{} {}", cx.ident_name, status.code);
            let example = Example {
                test_ident: m.tests.claim(&names::snake(&name)),
                name: docs::one_line(response.name.as_deref().unwrap_or("")).replace('`', "'"),
                code: status.code,
                content_type: content_type(response),
                body,
                success,
                check,
                ty: ty.clone().filter(|_| json_body),
                call: None,
                wire: None,
                skipped: None,
                checks: Vec::new(),
            };
            examples.push((example, *index));
        }
        let summary = status
            .examples
            .iter()
            .map(|(_, r)| response_summary(r, status.code))
            .collect::<Vec<_>>()
            .join("; ");
        let body = match (&kind, &ty) {
            (Kind::JsonOrEmpty(_), Some(ty)) => LineBody::Json(ty.clone(), true),
            (_, Some(ty)) => LineBody::Json(ty.clone(), false),
            (Kind::Empty, _) => LineBody::Text("no body".into()),
            (Kind::Text, _) => LineBody::Text("text".into()),
            _ => match accept {
                Accept::Download(word) if success => LineBody::Text(format!(
                    "bytes: the request's name says it downloads a file (`{word}`), whatever \
                     the example shows"
                )),
                _ => LineBody::Text("bytes".into()),
            },
        };
        let head = match success {
            true => format!("- `{}` (", status.code),
            false => format!("- `{}` (an `Error::Api`, ", status.code),
        };
        lines.push(DocLine {
            head,
            body,
            tail: format!("): {summary}"),
        });
        if !success {
            errors.push(DocumentedStatus {
                code: status.code,
                summary: docs::plain(&summary),
            });
        }
        typed.push((status.code, kind, ty));
    }
    if !typed.iter().any(|(code, _, _)| (200..300).contains(code)) {
        lines.insert(0, DocLine::plain(undocumented_success(accept)));
    }

    let (ok, err): (Vec<_>, Vec<_>) = typed
        .into_iter()
        .partition(|(code, _, _)| (200..300).contains(code));
    for written in overridden {
        let at = cx
            .fields
            .response
            .iter()
            .find(|f| f.written == written)
            .map_or("", |f| f.at.as_str());
        l.problem(
            cx.location,
            format!(
                "`{written}`, which the overrides file sets ({at}), is not a field of this request's successful JSON responses"
            ),
        );
    }
    let (ok_type, ok_decoder) = success_type(m, cx, ok, accept);
    let err = error_type(m, cx, err);
    Responses {
        ok_type,
        ok_decoder,
        err,
        errors,
        docs: lines,
        examples,
    }
}

/// How the bodies of one status read: JSON shapes unified, and JSON or nothing when some
/// examples are empty; anything else, or a mix of empty and other bodies, as text or bytes,
/// which never fail to decode.
fn kind_of(l: &mut Lowering, cx: &RequestSite<'_>, status: &Status<'_>) -> Kind {
    let mut kind: Option<Kind> = None;
    for (index, response) in &status.examples {
        let this = match json_body(response) {
            Body::Empty => Kind::Empty,
            Body::Json(value) => Kind::Json(Shape::of(&value)),
            Body::Text => Kind::Text,
            Body::Bytes => Kind::Bytes,
            Body::Invalid(e) => {
                l.warn(
                    Warning::Inconsistent,
                    &at(cx.location, &format!("response[{index}].body")),
                    format!("declared JSON but does not parse ({e}); read as text"),
                );
                Kind::Text
            }
        };
        kind = Some(match (kind, this) {
            (None, k) => k,
            (Some(Kind::Json(a)), Kind::Json(b)) => Kind::Json(a.unify(b)),
            (Some(Kind::Json(a) | Kind::JsonOrEmpty(a)), Kind::Empty)
            | (Some(Kind::Empty), Kind::Json(a)) => Kind::JsonOrEmpty(a),
            (Some(Kind::JsonOrEmpty(a)), Kind::Json(b)) => Kind::JsonOrEmpty(a.unify(b)),
            (Some(a), b) if a == b => a,
            (Some(Kind::Bytes), _) | (Some(_), Kind::Bytes) => Kind::Bytes,
            _ => Kind::Text,
        });
    }
    kind.unwrap_or(Kind::Empty)
}

/// How a body of `kind` typed `ty` is read, and its type.
fn read_of(kind: &Kind, ty: &Option<TypeRef>) -> (Read, Option<TypeRef>) {
    match (kind, ty) {
        (Kind::JsonOrEmpty(_), Some(ty)) => (Read::JsonOrEmpty, Some(ty.clone().optional())),
        (_, Some(ty)) => (Read::Json, Some(ty.clone())),
        (Kind::Empty, _) => (Read::Unit, None),
        (Kind::Bytes, _) => (Read::Bytes, Some(TypeRef::Bytes)),
        _ => (Read::Text, Some(TypeRef::String)),
    }
}

/// The result type of a 2xx response and its decoder.
fn success_type(
    m: &mut ModuleScope,
    cx: &RequestSite<'_>,
    ok: Vec<(u16, Kind, Option<TypeRef>)>,
    accept: &Accept,
) -> (TypeRef, Decoder) {
    let reads: Vec<(u16, Read, Option<TypeRef>)> = ok
        .iter()
        .map(|(code, kind, ty)| {
            let (read, ty) = read_of(kind, ty);
            (*code, read, ty)
        })
        .collect();
    let all_same = reads
        .windows(2)
        .all(|w| (w[0].1, &w[0].2) == (w[1].1, &w[1].2));
    match reads.first() {
        // No 2xx documented: what the request asks for, else text, which always decodes.
        None => match accept {
            Accept::Json => (TypeRef::Json, Decoder::Read(Read::Json)),
            Accept::Binary(_) | Accept::Download(_) => (TypeRef::Bytes, Decoder::Read(Read::Bytes)),
            Accept::Any => (TypeRef::String, Decoder::Read(Read::Text)),
        },
        Some((_, read, ty)) if all_same => {
            (ty.clone().unwrap_or(TypeRef::Unit), Decoder::Read(*read))
        }
        Some(_) => {
            let name = outcome(m, cx, reads, false);
            (TypeRef::Named(name.clone()), Decoder::Outcome(name))
        }
    }
}

/// The typed error body of documented error statuses with JSON bodies, and its decoder.
fn error_type(
    m: &mut ModuleScope,
    cx: &RequestSite<'_>,
    err: Vec<(u16, Kind, Option<TypeRef>)>,
) -> Option<(TypeRef, Decoder)> {
    let typed: Vec<(u16, Read, Option<TypeRef>)> = err
        .into_iter()
        .filter_map(|(code, _, ty)| Some((code, Read::Json, Some(ty?))))
        .collect();
    let first = typed.first()?.2.clone()?;
    if typed.iter().all(|(_, _, ty)| ty.as_ref() == Some(&first)) {
        return Some((first, Decoder::JsonError));
    }
    let name = outcome(m, cx, typed, true);
    Some((TypeRef::Named(name.clone()), Decoder::Outcome(name)))
}

/// The docs' line for the 2xx responses of a request the collection saves none for.
fn undocumented_success(accept: &Accept) -> String {
    let saved = "the collection saves no successful response";
    match accept {
        Accept::Json => format!(
            "- `2xx` (JSON, any JSON): {saved}; the request's `Accept` header asks for JSON."
        ),
        Accept::Binary(types) => format!(
            "- `2xx` (bytes): {saved}; the request's `Accept` header asks for `{}`.",
            types.replace('`', "'")
        ),
        Accept::Download(word) => format!(
            "- `2xx` (bytes): {saved}; the request's name says it downloads a file (`{word}`)."
        ),
        Accept::Any => format!("- `2xx` (text): {saved}, so the body is kept as text."),
    }
}

/// An enum with one variant per documented status.
fn outcome(
    m: &mut ModuleScope,
    cx: &RequestSite<'_>,
    reads: Vec<(u16, Read, Option<TypeRef>)>,
    error: bool,
) -> String {
    let suffix = if error { "error" } else { "response" };
    let name = m
        .types
        .scope
        .claim(&names::pascal(&format!("{} {suffix}", cx.ident_name)));
    let mut idents = names::Scope::with_reserved(&["Other"]);
    let variants = reads
        .into_iter()
        .map(|(code, read, ty)| OutcomeVariant {
            ident: idents.claim(&names::pascal(&reason(code))),
            code,
            docs: format!("Status `{code}`{}.", reason_suffix(code)),
            decoder: if error {
                Decoder::JsonError
            } else {
                Decoder::Read(read)
            },
            ty,
        })
        .collect();
    let request = cx.name.replace('`', "'");
    m.types.defs.push(TypeDef::Outcome(OutcomeDef {
        name: name.clone(),
        docs: if error {
            format!("The documented error bodies of `{request}`, by status.")
        } else {
            format!("The documented 2xx responses of `{request}`, by status.")
        },
        error,
        variants,
    }));
    name
}

/// The reason phrase of a status (`Created`), or `Status 299` for one without.
fn reason(code: u16) -> String {
    http::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(str::to_string)
        .unwrap_or_else(|| format!("Status {code}"))
}

fn reason_suffix(code: u16) -> String {
    match http::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!(" ({reason})"),
        None => String::new(),
    }
}

enum Body {
    Empty,
    Json(serde_json::Value),
    Text,
    Bytes,
    Invalid(serde_json::Error),
}

/// The `Content-Type` an example response declares.
pub(super) fn content_type(response: &Response) -> Option<String> {
    response
        .header
        .iter()
        .flat_map(|h| h.entries())
        .find(|h| h.key.eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Reads an example response body: JSON when declared or when it parses without a declared
/// type; bytes when the content type is binary; text otherwise.
fn json_body(response: &Response) -> Body {
    let body = response.body.as_deref().unwrap_or("");
    let content_type = content_type(response).map(|ct| ct.to_ascii_lowercase());
    if body.trim().is_empty() {
        return Body::Empty;
    }
    let declared = content_type
        .as_deref()
        .is_some_and(|ct| ct.contains("json"))
        || response.preview_language.as_deref() == Some("json");
    if content_type.as_deref().is_some_and(is_binary) {
        return Body::Bytes;
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(value) if declared || content_type.is_none() => Body::Json(value),
        Ok(_) => Body::Text,
        Err(e) if declared => Body::Invalid(e),
        Err(_) => Body::Text,
    }
}

/// `body`, a JSON text, with each type hint (`"<integer>"`) replaced by a value of its type
/// (`1`); unchanged when it has none or is no JSON.
fn with_values_for_hints(body: String) -> String {
    fn replace(value: &mut serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(text) if is_placeholder(text) => {
                *value = match placeholder(text) {
                    Scalar::Int => serde_json::json!(1),
                    Scalar::Float => serde_json::json!(1.5),
                    Scalar::Bool => serde_json::json!(true),
                    Scalar::Str | Scalar::Enum(_) => return false,
                };
                true
            }
            serde_json::Value::Array(items) => items.iter_mut().fold(false, |a, v| replace(v) | a),
            serde_json::Value::Object(map) => map.values_mut().fold(false, |a, v| replace(v) | a),
            _ => false,
        }
    }
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&body) else {
        return body;
    };
    match replace(&mut value) {
        true => value.to_string(),
        false => body,
    }
}

/// Whether a content type is binary rather than text.
pub(super) fn is_binary(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let textual = essence.starts_with("text/")
        || [
            "json",
            "xml",
            "javascript",
            "html",
            "csv",
            "yaml",
            "x-www-form-urlencoded",
        ]
        .iter()
        .any(|t| essence.contains(t));
    !textual
        && (essence.starts_with("image/")
            || essence.starts_with("audio/")
            || essence.starts_with("video/")
            || essence.starts_with("application/"))
}

/// One line saying what an example response means, from its name (Zoom's names repeat the
/// status: "**HTTP Status Code:** `204` <br>\nIM group updated.").
fn response_summary(response: &Response, code: u16) -> String {
    let name = response.name.as_deref().unwrap_or("");
    let text = docs::one_line(name);
    let prefix = format!("**HTTP Status Code:** `{code}`");
    let text = text
        .strip_prefix(&prefix)
        .unwrap_or(&text)
        .trim()
        .to_string();
    if text.is_empty() {
        // The status text is user text too: it gets the same cleanup as the name.
        match response.status.as_deref().map(docs::one_line) {
            Some(status) if !status.is_empty() => status,
            _ => "documented.".into(),
        }
    } else {
        text
    }
}
