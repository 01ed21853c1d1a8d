//! Lowering one request: method, path, query, headers, body, responses and docs.

use super::lower::{Lowerer, ModuleBuilder};
use super::names::{self, Scope};
use super::shape::Shape;
use super::types::{FieldDef, Scalar, StructDef, StructKind, TypeDef, TypeRef, infer_scalar, is_required};
use super::url::{UrlParts, whole_variable};
use super::{
    Arg, AuthUse, BodyKind, BodyUse, ConstHeader, DocumentedStatus, Endpoint, Example, PathPiece,
    Success,
    docs,
};
use crate::collection::{self, Body, Description, Headers, Item, Request, RequestSpec, Response, Url};

/// What lowering one request needs to know about where it sits.
pub(super) struct EndpointContext<'a> {
    pub item: &'a Item,
    pub name: &'a str,
    pub request: &'a RequestSpec,
    pub location: &'a str,
    pub auth: AuthUse,
}

/// A form field or query parameter before typing.
struct ParamSpec<'a> {
    key: &'a str,
    value: Option<&'a str>,
    description: &'a str,
    disabled: bool,
}

/// Joins a JSON location and a field name.
fn at(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_string()
    } else {
        format!("{base}.{field}")
    }
}

pub(super) fn lower(
    l: &mut Lowerer,
    m: &mut ModuleBuilder,
    cx: &EndpointContext<'_>,
) -> Option<Endpoint> {
    let owned;
    let request: &Request = match cx.request {
        RequestSpec::Full(request) => request,
        RequestSpec::Url(url) => {
            owned = Request {
                url: Some(Url::Raw(url.clone())),
                ..Request::default()
            };
            &owned
        }
    };
    let request_at = at(cx.location, "request");
    let problems_before = l.problems.len();

    let method = request.method.as_deref().unwrap_or("GET").trim().to_ascii_uppercase();
    if method.is_empty() || !method.bytes().all(is_token_byte) {
        l.problem(&at(&request_at, "method"), format!("`{method}` is not a valid HTTP method"));
    }
    let Some(url) = &request.url else {
        l.problem(&at(&request_at, "url"), "the request has no URL");
        return None;
    };
    let url = UrlParts::of(url);
    let url_at = at(&request_at, "url");
    base_url(l, &url, &url_at);

    let ident = m.methods.claim(&names::snake(cx.name));
    let pascal = names::pascal(cx.name);
    let mut arg_names = Scope::with_reserved(&["self", "query", "body"]);
    let mut args = Vec::new();
    let mut arg_docs = Vec::new();

    // Path: literal text with the slashes, and parameters as arguments.
    let mut path = Vec::new();
    let mut literal = String::new();
    let mut path_display = String::new();
    for segment in &url.segments {
        literal.push('/');
        path_display.push('/');
        path_display.push_str(segment);
        let (name, suffix) = match segment.strip_prefix(':') {
            Some(rest) if !rest.is_empty() && !rest.starts_with('.') => {
                let end = rest.find('.').unwrap_or(rest.len());
                (Some(&rest[..end]), &rest[end..])
            }
            _ => match whole_variable(segment) {
                Some(name) => (Some(name), ""),
                None => (None, segment.as_str()),
            },
        };
        if let Some(name) = name {
            if !literal.is_empty() {
                path.push(PathPiece::Literal { text: std::mem::take(&mut literal) });
            }
            let variable = url.variables.iter().find(|v| v.name() == Some(name));
            let description = variable.map_or("", |v| collection::text_of(&v.description));
            let example = variable.and_then(|v| v.value_text());
            let ty = match infer_scalar(example.as_deref(), description) {
                Scalar::Int => "i64",
                Scalar::Bool => "bool",
                Scalar::Float => "f64",
                Scalar::Str | Scalar::Enum(_) => "&str",
            };
            let arg = arg_names.claim(&names::snake(name));
            arg_docs.push(arg_doc(&arg, description, example.as_deref()));
            path.push(PathPiece::Param { ident: arg.clone(), name: name.to_string() });
            args.push(Arg { ident: arg, ty: ty.into() });
        }
        if segment.contains("{{") && name.is_none() {
            l.problem(
                &url_at,
                format!("path segment `{segment}` mixes text and `{{{{variables}}}}`; not supported yet"),
            );
        }
        literal.push_str(&encode_path_literal(suffix));
    }
    if !literal.is_empty() {
        path.push(PathPiece::Literal { text: literal });
    }
    if path_display.is_empty() {
        path_display.push('/');
    }

    // Query parameters: one struct argument.
    let query_params: Vec<ParamSpec<'_>> = url
        .query
        .iter()
        .filter_map(|q| {
            Some(ParamSpec {
                key: q.key.as_deref().filter(|k| !k.is_empty())?,
                value: q.value.as_deref(),
                description: collection::text_of(&q.description),
                disabled: q.disabled,
            })
        })
        .collect();
    let query_arg = if query_params.is_empty() {
        None
    } else {
        let name = params_struct(m, &query_params, &format!("{} query", cx.name), &pascal, "query parameter",
            &format!("The query parameters of `{}`.", cx.name));
        arg_docs.push(format!("- `query`: the query parameters, see [`{name}`]."));
        args.push(Arg { ident: "query".into(), ty: format!("&{name}") });
        Some("query".to_string())
    };

    // Headers: Content-Type follows the body, Authorization follows the auth settings.
    let header_list = headers(request.header.as_ref());
    let mut content_type = None;
    let mut const_headers = Vec::new();
    for (i, header) in header_list.iter().enumerate() {
        if header.disabled {
            continue;
        }
        let header_at = at(&request_at, &format!("header[{i}]"));
        let lower = header.key.trim().to_ascii_lowercase();
        if lower == "content-type" {
            content_type = Some(header.value.trim().to_string());
        } else if lower == "authorization" && cx.auth != AuthUse::None {
            continue;
        } else if header.key.is_empty() || !header.key.bytes().all(is_token_byte) {
            l.problem(&header_at, format!("`{}` is not a valid header name", header.key));
        } else if header.value.contains("{{") {
            l.problem(&header_at, format!("header `{}` uses a variable; not supported yet", header.key));
        } else if header.value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
            l.problem(&header_at, format!("the value of header `{}` contains a line break", header.key));
        } else {
            const_headers.push(ConstHeader { name: header.key.trim().into(), value: header.value.clone() });
        }
    }

    let (body, body_type) =
        self::body(l, m, cx, request.body.as_ref(), content_type, &pascal, &request_at);
    if let (Some(arg), Some(ty)) = (&body.arg, body_type) {
        let how = match body.kind {
            BodyKind::Multipart => " (sent as `multipart/form-data`)",
            BodyKind::Form => " (sent as `application/x-www-form-urlencoded`)",
            BodyKind::Json => " (sent as JSON)",
            BodyKind::Text | BodyKind::None => "",
        };
        arg_docs.push(format!("- `{arg}`: the request body{how}."));
        args.push(Arg { ident: arg.clone(), ty });
    }

    let (success, returns, errors, response_docs, json_examples) = responses(l, m, cx);
    let examples = if success == Success::Json {
        json_examples
            .into_iter()
            .map(|(code, body)| Example {
                test_ident: m.tests.claim(&names::snake(&format!("{} {code}", cx.name))),
                code,
                body,
            })
            .collect()
    } else {
        Vec::new()
    };

    if l.problems.len() > problems_before {
        return None;
    }
    let description = docs::to_rustdoc(collection::text_of(&request.description));
    let mut text = if description.is_empty() { format!("{}.", cx.name) } else { description };
    text.push_str(&format!("\n\n`{method} {path_display}` (request `{}` of the collection).", cx.name.replace('`', "'")));
    if !arg_docs.is_empty() {
        text.push_str("\n\n# Arguments\n\n");
        text.push_str(&arg_docs.join("\n"));
    }
    if !response_docs.is_empty() {
        text.push_str("\n\n# Responses\n\n");
        text.push_str(&response_docs.join("\n"));
    }
    text.push_str(
        "\n\n# Errors\n\nAny status outside 2xx, documented or not, is an `Error::Api` carrying the status, \
         the API's error code and message when the body has them, and the raw body. \
         Connection failures are `Error::Transport`.",
    );
    Some(Endpoint {
        ident,
        title: cx.name.to_string(),
        location: cx.location.to_string(),
        method,
        path_display,
        path,
        args,
        query_arg,
        headers: const_headers,
        body,
        auth: cx.auth,
        errors,
        success,
        returns,
        examples,
        docs: text,
    })
}

/// The body and the Rust type of its argument.
fn body(
    l: &mut Lowerer,
    m: &mut ModuleBuilder,
    cx: &EndpointContext<'_>,
    body: Option<&Body>,
    content_type: Option<String>,
    pascal: &str,
    request_at: &str,
) -> (BodyUse, Option<String>) {
    let none = BodyUse { kind: BodyKind::None, arg: None, content_type: None };
    let Some(body) = body.filter(|b| !b.disabled) else {
        return (none, None);
    };
    let body_at = at(request_at, "body");
    let mode = body.mode.as_deref().unwrap_or("");
    let with = |kind, ty: String| {
        (BodyUse { kind, arg: Some("body".into()), content_type: None }, Some(ty))
    };
    match mode {
        "formdata" | "urlencoded" => {
            let fields = if mode == "formdata" { &body.formdata } else { &body.urlencoded };
            if fields.is_empty() {
                return (none, None);
            }
            let mut specs = Vec::new();
            for (i, field) in fields.iter().enumerate() {
                if field.kind.as_deref() == Some("file") {
                    l.problem(
                        &at(&body_at, &format!("{mode}[{i}]")),
                        format!("file field `{}`: file uploads are not supported yet", field.key),
                    );
                    continue;
                }
                specs.push(ParamSpec {
                    key: &field.key,
                    value: field.value.as_deref(),
                    description: collection::text_of(&field.description),
                    disabled: field.disabled,
                });
            }
            let purpose = if mode == "formdata" { "form field" } else { "form field" };
            let name = params_struct(m, &specs, cx.name, pascal, purpose,
                &format!("The body of `{}`.", cx.name));
            let kind = if mode == "formdata" { BodyKind::Multipart } else { BodyKind::Form };
            with(kind, format!("&{name}"))
        }
        "raw" => {
            let raw = body.raw.as_deref().unwrap_or("");
            if raw.trim().is_empty() {
                return (none, None);
            }
            let language = body
                .options
                .as_ref()
                .and_then(|o| o.raw.as_ref())
                .and_then(|r| r.language.as_deref());
            let declared_json = language == Some("json")
                || content_type.as_deref().is_some_and(|ct| ct.contains("json"));
            let looks_json = language.is_none()
                && content_type.is_none()
                && raw.trim_start().starts_with(['{', '[']);
            if declared_json || looks_json {
                match serde_json::from_str::<serde_json::Value>(raw) {
                    Ok(value) => {
                        let docs = format!("The JSON body of `{}`.", cx.name);
                        let ty = m.types.json_type(&Shape::of(&value), cx.name, &docs);
                        return with(BodyKind::Json, format!("&{}", ty.rust()));
                    }
                    Err(e) if declared_json => l.warn(
                        &at(&body_at, "raw"),
                        format!("the JSON body does not parse ({e}); it is taken as text"),
                    ),
                    Err(_) => {}
                }
            }
            let content_type = content_type.unwrap_or_else(|| {
                match language {
                    Some("json") => "application/json",
                    Some("xml") => "application/xml",
                    Some("html") => "text/html",
                    Some("javascript") => "application/javascript",
                    _ => "text/plain",
                }
                .to_string()
            });
            (
                BodyUse { kind: BodyKind::Text, arg: Some("body".into()), content_type: Some(content_type) },
                Some("&str".into()),
            )
        }
        "" => (none, None),
        other => {
            l.problem(&at(&body_at, "mode"), format!("body mode `{other}` is not supported yet"));
            (none, None)
        }
    }
}

/// A struct of form fields or query parameters; returns its name.
fn params_struct(
    m: &mut ModuleBuilder,
    specs: &[ParamSpec<'_>],
    hint: &str,
    pascal: &str,
    purpose: &str,
    docs: &str,
) -> String {
    let name = m.types.scope.claim(&names::pascal(hint));
    let singular = m.singular();
    let mut idents = Scope::default();
    let fields: Vec<FieldDef> = specs
        .iter()
        .map(|spec| {
            let field_pascal = names::pascal(spec.key);
            let ty = match infer_scalar(spec.value, spec.description) {
                Scalar::Str => TypeRef::String,
                Scalar::Bool => TypeRef::Bool,
                Scalar::Int => TypeRef::Int,
                Scalar::Float => TypeRef::Float,
                Scalar::Enum(values) => {
                    let preferred = match &singular {
                        Some(s) => format!("{s}{field_pascal}"),
                        None => format!("{pascal}{field_pascal}"),
                    };
                    m.types.string_enum(&values, &preferred, &format!("{pascal}{field_pascal}"), spec.description)
                }
            };
            let optional = spec.disabled || !is_required(spec.description);
            let ident = idents.claim(&names::snake(spec.key));
            FieldDef {
                renamed: ident.trim_start_matches("r#") != spec.key,
                docs: field_doc(spec, purpose, &ty),
                ident,
                wire: spec.key.to_string(),
                ty: if optional { TypeRef::Option(Box::new(ty)).rust() } else { ty.rust() },
                optional,
            }
        })
        .collect();
    m.types.defs.push(TypeDef::Struct(StructDef {
        name: name.clone(),
        docs: docs.to_string(),
        role: StructKind::Params,
        default: fields.iter().all(|f| f.optional),
        fields,
    }));
    name
}

fn field_doc(spec: &ParamSpec<'_>, purpose: &str, ty: &TypeRef) -> String {
    let description = docs::to_rustdoc(spec.description);
    let mut text = if description.is_empty() {
        format!("The `{}` {purpose}.", spec.key.replace('`', "'"))
    } else {
        description
    };
    if let Some(example) = example_text(spec.value) {
        text.push_str(&format!("\n\nExample: {example}."));
    }
    if spec.disabled {
        text.push_str("\n\nDisabled in the collection: not sent unless set.");
    }
    let _ = ty;
    text
}

fn arg_doc(arg: &str, description: &str, example: Option<&str>) -> String {
    let description = docs::summary(description);
    let mut text = format!("- `{}`", arg.trim_start_matches("r#"));
    if !description.is_empty() {
        text.push_str(&format!(": {description}"));
    }
    if let Some(example) = example_text(example) {
        text.push_str(&format!(" Example: {example}."));
    }
    text
}

/// An example value as a code span, unless it is a placeholder or cannot be one.
fn example_text(value: Option<&str>) -> Option<String> {
    let value = value?.trim();
    let placeholder = value.starts_with('<') && value.ends_with('>');
    (!value.is_empty() && !placeholder && !value.contains('`') && !value.contains('\n'))
        .then(|| format!("`{value}`"))
}

/// The headers of a request, from either of the schema's forms.
fn headers(headers: Option<&Headers>) -> Vec<collection::Header> {
    match headers {
        None => Vec::new(),
        Some(Headers::List(list)) => list.clone(),
        Some(Headers::Text(text)) => text
            .lines()
            .filter_map(|line| {
                let (key, value) = line.split_once(':')?;
                Some(collection::Header {
                    key: key.trim().to_string(),
                    value: value.trim().to_string(),
                    disabled: false,
                    description: None::<Description>,
                })
            })
            .collect(),
    }
}

/// Records the client's base URL from a request's host.
fn base_url(l: &mut Lowerer, url: &UrlParts, url_at: &str) {
    let resolved = match whole_variable(&url.host) {
        Some(name) => match l.variables.get(name) {
            Some(value) => value.trim_end_matches('/').to_string(),
            None => return,
        },
        None if url.host.is_empty() => return,
        None if url.host.contains("{{") => {
            l.warn(url_at, format!("host `{}` mixes text and variables; the client's base URL is used", url.host));
            return;
        }
        None => {
            let protocol = if url.protocol.is_empty() { "https://" } else { &url.protocol };
            let port = url.port.as_ref().map(|p| format!(":{p}")).unwrap_or_default();
            format!("{protocol}{}{port}", url.host)
        }
    };
    match &l.base_url {
        None => l.base_url = Some(resolved),
        Some(base) if *base == resolved => {}
        Some(base) => {
            let message = format!("host `{resolved}` differs from the client's base URL `{base}`; requests go to the base URL");
            l.warn(url_at, message);
        }
    }
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
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Success decoding, return type, documented errors and the response docs of an endpoint.
fn responses(
    l: &mut Lowerer,
    m: &mut ModuleBuilder,
    cx: &EndpointContext<'_>,
) -> (Success, String, Vec<DocumentedStatus>, Vec<String>, Vec<(u16, String)>) {
    let mut shape: Option<Shape> = None;
    let mut json_examples = Vec::new();
    let mut success_examples = 0;
    let mut text_success = false;
    let mut errors: Vec<DocumentedStatus> = Vec::new();
    let mut lines = Vec::new();
    for (i, response) in cx.item.response.iter().enumerate() {
        let response_at = at(cx.location, &format!("response[{i}]"));
        let Some(code) = response.code else {
            l.warn(&response_at, "example response without `code`; left out");
            continue;
        };
        let summary = response_summary(response, code);
        if (200..300).contains(&code) {
            success_examples += 1;
            match json_body(response) {
                JsonBody::Empty => {}
                JsonBody::Json(value) => {
                    json_examples.push((code, response.body.clone().unwrap_or_default()));
                    let this = Shape::of(&value);
                    shape = Some(match shape.take() {
                        Some(previous) => previous.unify(this),
                        None => this,
                    });
                }
                JsonBody::Text => text_success = true,
                JsonBody::Invalid(e) => {
                    l.warn(&at(&response_at, "body"), format!("declared JSON but does not parse ({e}); not used for typing"));
                    text_success = true;
                }
            }
            lines.push(format!("- `{code}`: {summary}"));
        } else {
            lines.push(format!("- `{code}` (an `Error::Api`): {summary}"));
            match errors.iter_mut().find(|e| e.code == code) {
                Some(existing) => {
                    existing.summary.push_str("; ");
                    existing.summary.push_str(&docs::plain(&summary));
                }
                None => errors.push(DocumentedStatus { code, summary: docs::plain(&summary) }),
            }
        }
    }
    errors.sort_by_key(|e| e.code);
    let (success, returns) = match shape {
        Some(shape) => {
            let docs = format!("The response of `{}`.", cx.name.replace('`', "'"));
            let ty = m.types.json_type(&shape, &format!("{} response", cx.name), &docs);
            (Success::Json, ty.rust())
        }
        None if success_examples > 0 && !text_success => (Success::Unit, "()".to_string()),
        None => (Success::Text, "::std::string::String".to_string()),
    };
    (success, returns, errors, lines, json_examples)
}

enum JsonBody {
    Empty,
    Json(serde_json::Value),
    Text,
    Invalid(serde_json::Error),
}

/// Reads an example response body as JSON when it is declared or looks like JSON.
fn json_body(response: &Response) -> JsonBody {
    let body = response.body.as_deref().unwrap_or("");
    if body.trim().is_empty() {
        return JsonBody::Empty;
    }
    let content_type = headers(response.header.as_ref())
        .into_iter()
        .find(|h| h.key.eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.to_ascii_lowercase());
    let declared = content_type.as_deref().is_some_and(|ct| ct.contains("json"))
        || response.preview_language.as_deref() == Some("json");
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(value) if declared || content_type.is_none() => JsonBody::Json(value),
        Ok(_) => JsonBody::Text,
        Err(e) if declared => JsonBody::Invalid(e),
        Err(_) => JsonBody::Text,
    }
}

/// One line saying what an example response means, from its name (Zoom's names repeat the
/// status: "**HTTP Status Code:** `204` <br>\nIM group updated.").
fn response_summary(response: &Response, code: u16) -> String {
    let name = response.name.as_deref().unwrap_or("");
    let text = docs::one_line(name);
    let prefix = format!("**HTTP Status Code:** `{code}`");
    let text = text.strip_prefix(&prefix).unwrap_or(&text).trim().to_string();
    if text.is_empty() {
        response.status.clone().unwrap_or_else(|| "documented.".into())
    } else {
        text
    }
}
