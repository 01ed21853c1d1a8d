//! Lowering one request: method, path, query, headers, body, responses and docs.

use super::body::{self, ParamSpec, example_text, params_struct};
use super::lower::{Lowerer, ModuleBuilder};
use super::names::{self, Scope};
use super::responses::{Responses, responses};
use super::types::{Scalar, infer_scalar};
use super::url::{UrlParts, whole_variable};
use super::{Arg, AuthUse, BodyKind, ConstHeader, Endpoint, Example, PathPiece, Success, docs};
use crate::collection::{self, Item, Request, RequestSpec, Url};

/// What lowering one request needs to know about where it sits.
pub(super) struct EndpointContext<'a> {
    pub item: &'a Item,
    pub name: &'a str,
    pub request: &'a RequestSpec,
    pub location: &'a str,
    pub auth: AuthUse,
}

/// Joins a JSON location and a field name.
pub(super) fn at(base: &str, field: &str) -> String {
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

    let method = request
        .method
        .as_deref()
        .unwrap_or("GET")
        .trim()
        .to_ascii_uppercase();
    if method.is_empty() || !method.bytes().all(is_token_byte) {
        l.problem(
            &at(&request_at, "method"),
            format!("`{method}` is not a valid HTTP method"),
        );
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
                path.push(PathPiece::Literal {
                    text: std::mem::take(&mut literal),
                });
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
            path.push(PathPiece::Param {
                ident: arg.clone(),
                name: name.to_string(),
            });
            args.push(Arg {
                ident: arg,
                ty: ty.into(),
            });
        }
        if segment.contains("{{") && name.is_none() {
            l.problem(
                &url_at,
                format!(
                    "path segment `{segment}` mixes text and `{{{{variables}}}}`; not supported yet"
                ),
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
        let name = params_struct(
            m,
            &query_params,
            &format!("{} query", cx.name),
            &pascal,
            "query parameter",
            &format!("The query parameters of `{}`.", cx.name),
        );
        arg_docs.push(format!("- `query`: the query parameters, see [`{name}`]."));
        args.push(Arg {
            ident: "query".into(),
            ty: format!("&{name}"),
        });
        Some("query".to_string())
    };

    // Headers: Content-Type follows the body, Authorization follows the auth settings.
    let header_list = request
        .header
        .as_ref()
        .map(|h| h.entries())
        .unwrap_or_default();
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
            l.problem(
                &header_at,
                format!("`{}` is not a valid header name", header.key),
            );
        } else if header.value.contains("{{") {
            l.problem(
                &header_at,
                format!("header `{}` uses a variable; not supported yet", header.key),
            );
        } else if header
            .value
            .bytes()
            .any(|b| b == b'\r' || b == b'\n' || b == 0)
        {
            l.problem(
                &header_at,
                format!("the value of header `{}` contains a line break", header.key),
            );
        } else {
            const_headers.push(ConstHeader {
                name: header.key.trim().into(),
                value: header.value.clone(),
            });
        }
    }

    let (body, body_type) = body::body(
        l,
        m,
        cx,
        request.body.as_ref(),
        content_type,
        &pascal,
        &request_at,
    );
    if let (Some(arg), Some(ty)) = (&body.arg, body_type) {
        let how = match body.kind {
            BodyKind::Multipart => " (sent as `multipart/form-data`)",
            BodyKind::Form => " (sent as `application/x-www-form-urlencoded`)",
            BodyKind::Json => " (sent as JSON)",
            BodyKind::Text | BodyKind::None => "",
        };
        arg_docs.push(format!("- `{arg}`: the request body{how}."));
        args.push(Arg {
            ident: arg.clone(),
            ty,
        });
    }

    let Responses {
        success,
        returns,
        errors,
        docs: response_docs,
        json_examples,
    } = responses(l, m, cx);
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
    let mut text = if description.is_empty() {
        format!("{}.", cx.name)
    } else {
        description
    };
    text.push_str(&format!(
        "\n\n`{method} {path_display}` (request `{}` of the collection).",
        cx.name.replace('`', "'")
    ));
    if !arg_docs.is_empty() {
        text.push_str("\n\n# Arguments\n\n");
        text.push_str(&arg_docs.join("\n"));
    }
    if !response_docs.is_empty() {
        text.push_str("\n\n# Responses\n\n");
        text.push_str(&response_docs.join("\n"));
    }
    let root = m.root_path();
    text.push_str(&format!(
        "\n\n# Errors\n\n[`Error::Api`]({root}::Error::Api) for any status outside 2xx, documented or \
         not; the other [`Error`]({root}::Error) variants for requests that could not be made."
    ));
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

/// Records the client's base URL from a request's host.
fn base_url(l: &mut Lowerer, url: &UrlParts, url_at: &str) {
    let resolved = match whole_variable(&url.host) {
        Some(name) => match l.variables.get(name) {
            Some(value) => value.trim_end_matches('/').to_string(),
            None => return,
        },
        None if url.host.is_empty() => return,
        None if url.host.contains("{{") => {
            l.warn(
                url_at,
                format!(
                    "host `{}` mixes text and variables; the client's base URL is used",
                    url.host
                ),
            );
            return;
        }
        None => {
            let protocol = if url.protocol.is_empty() {
                "https://"
            } else {
                &url.protocol
            };
            let port = url
                .port
                .as_ref()
                .map(|p| format!(":{p}"))
                .unwrap_or_default();
            format!("{protocol}{}{port}", url.host)
        }
    };
    match &l.base_url {
        None => l.base_url = Some(resolved),
        Some(base) if *base == resolved => {}
        Some(base) => {
            let message = format!(
                "host `{resolved}` differs from the client's base URL `{base}`; requests go to the base URL"
            );
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
