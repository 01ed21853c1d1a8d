//! Lowering one request into an endpoint: what it sends, what it returns, and its docs.

use super::context::{Lowering, ModuleScope, RequestSite};
use super::doc_lines::LaterDocs;
use super::request::{self, is_token_byte};
use super::responses::{Accept, Responses, is_bodiless, responses};
use super::url::UrlParts;
use super::vars::Args;
use super::{body, examples, paging, params};
use crate::collection::{self, Request, RequestSpec, Url};
use crate::error::Kind;
use crate::model::{AuthUse, BodyKind, Decoder, Endpoint, Example, Listed, Paging, TypeRef};
use crate::text::{docs, names, vars};
use crate::util::at;

pub(super) fn lower(
    l: &mut Lowering,
    m: &mut ModuleScope,
    cx: &RequestSite<'_>,
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
    let faults_before = l.faults();

    let method = request.method_name();
    if method.is_empty() || !method.bytes().all(is_token_byte) {
        let message = format!("`{method}` is not a valid HTTP method");
        l.refuse_request(&at(&request_at, "method"), message);
    }
    let Some(url) = &request.url else {
        // Postman saves requests whose URL was never typed: there is nothing to call.
        l.warn(
            Kind::LeftOut,
            &at(&request_at, "url"),
            "the request has no URL; left out",
        );
        return None;
    };
    let url = UrlParts::of(url);

    let ident = cx.ident.clone();
    let pascal = names::pascal(&cx.ident_name);
    let mut args = Args::default();

    let (host, host_key) = request::host(l, &url).unzip();
    let host_key = host_key.flatten();
    let (path, path_display) = request::path(l, &url, &mut args, &cx.samples);

    let (query_vars, query_params, query_order) = request::query(l, cx, &url);
    let query_arg = if query_params.is_empty() {
        None
    } else {
        let docs = format!("The query parameters of `{}`.", cx.name);
        let name = params::params_struct(
            m,
            &l.concepts,
            &query_params,
            &format!("{} query", cx.ident_name),
            &pascal,
            "query parameter",
            &docs,
        );
        let doc = format!("- `query`: the query parameters, see [`{name}`].");
        args.push("query", TypeRef::Named(name).by_ref(), doc);
        Some("query".to_string())
    };

    let header_list = request
        .header
        .as_ref()
        .map(|h| h.entries())
        .unwrap_or_default();
    let (mut headers, content_type) =
        request::headers(l, &header_list, &cx.auth, &mut args, &request_at);
    let accept = Accept::of(
        header_list
            .iter()
            .find(|h| !h.disabled && h.key.trim().eq_ignore_ascii_case("accept"))
            .map(|h| h.value.as_str()),
    )
    .or_download(&method, cx.name, collection::text_of(&request.description));

    let (mut body, body_type) = body::body(
        l,
        m,
        cx,
        request.body.as_ref(),
        content_type.as_ref().map(|(_, value)| value.clone()),
        &pascal,
        &request_at,
    );
    let has_fields = matches!(
        body.kind,
        BodyKind::Json | BodyKind::Form | BodyKind::Multipart
    );
    if let Some(first) = cx.fields.body.first().filter(|_| !has_fields) {
        l.problem(
            cx.location,
            format!(
                "the overrides file sets fields of this request's body ({}), but it sends no JSON or form body",
                first.at
            ),
        );
    }
    // Without a body, an explicit `Content-Type` is an ordinary header: Postman sends it. So
    // is one made of variables, which replaces the body's own when the request is sent.
    if let Some((name, value)) = &content_type
        && (body.kind == BodyKind::None
            || (value.contains("{{") && body.kind != BodyKind::Multipart))
    {
        headers.push(request::header_use(l, name, value, &mut args));
        body.content_type = None;
    }
    if let (Some(arg), Some(ty)) = (&body.arg, body_type) {
        let how = match body.kind {
            BodyKind::Multipart => " (sent as `multipart/form-data`)",
            BodyKind::Form => " (sent as `application/x-www-form-urlencoded`)",
            BodyKind::Json => " (sent as JSON)",
            BodyKind::Graphql => ": the GraphQL variables (sent with the query as JSON)",
            BodyKind::File => ": bytes or a stream",
            BodyKind::Text | BodyKind::None => "",
        };
        let mut doc = format!("- `{arg}`: the request body{how}.");
        if !body.json_vars.is_empty() {
            let fields: Vec<String> = body
                .json_vars
                .iter()
                .map(|v| {
                    format!(
                        "`{}`: {}",
                        v.pointer.replace('`', "'"),
                        vars::filler_doc(&v.key)
                    )
                })
                .collect();
            doc.push_str(&format!(
                " The fields it leaves out that the collection fills with variables are sent with their values: {}.",
                fields.join("; ")
            ));
        }
        args.push(arg, ty, doc);
    }

    let Responses {
        ok_type,
        ok_decoder,
        err,
        errors,
        docs: response_docs,
        examples,
    } = responses(l, m, cx, &method, &accept);
    let (err_type, err_decoder) = err.unzip();
    let query_keys: Vec<&str> = url.query.iter().filter_map(|q| q.key.as_deref()).collect();
    let paging = paging::infer(&cx.item.response, &query_keys).map(|found| {
        let bare = ident.trim_start_matches("r#");
        let pages_ident = m.methods.claim(&format!("{bare}_pages"));
        let of = format!("[`{bare}`](Self::{ident})");
        let pages_docs = format!(
                "Every page of {of}, from the one its arguments ask for: a stream (`futures_util::Stream`) that sends each page's request when it is polled for it, made from the page before it. An error ends it.\n\nIt pages as {}: {}.",
            paging::describe(&found.style),
            found.evidence
        );
        let held = match found.items_key.as_deref().unwrap_or_default() {
            "" => "each page is a list of them".to_string(),
            key => format!("`{}` of each page", key.replace('`', "'")),
        };
        let items_docs = format!(
                "Every item of every page of {of} ({held}), in order: a stream that asks for each page when it needs it (see [`{}`](Self::{pages_ident})).",
            pages_ident.trim_start_matches("r#"),
        );
        Paging {
            style: found.style,
            pages_docs,
            items_docs,
            pages_ident,
            items_ident: m.methods.claim(&format!("{bare}_items")),
            items_key: found.items_key,
            items: None,
        }
    });

    if l.faults() > faults_before {
        return None;
    }
    let accessors = m.module.accessors.clone();
    let (docs, summary) = endpoint_docs(cx, request, &method, &path_display, &args, m.depth());
    // The responses and errors name JSON types: written once they are named.
    l.later_docs.push(LaterDocs {
        module: m.indices.clone(),
        endpoint: m.module.endpoints.len(),
        responses: response_docs,
        errors: errors_docs(m.depth()),
    });
    let mut endpoint = Endpoint {
        ident,
        title: cx.name.to_string(),
        location: cx.location.to_string(),
        method,
        path_display,
        host,
        host_key,
        path,
        args: args.list,
        query_arg,
        query_vars,
        query_order,
        headers,
        body,
        auth: cx.auth.clone(),
        credential: super::auth::credential(&cx.auth),
        errors,
        ok_type,
        ok_decoder,
        err_type,
        err_decoder: err_decoder.unwrap_or(Decoder::NoErrorBody),
        examples: Vec::new(),
        call: None,
        call_skipped: None,
        docs,
        summary,
        paging,
        scripts: (!cx.scripts.is_empty()).then(|| cx.scripts.clone()),
    };
    match examples::example(l, m, &accessors, &endpoint, request) {
        Ok((call, _)) => endpoint.call = Some(call),
        Err(why) => endpoint.call_skipped = Some(why),
    }
    l.requests.push(Listed {
        module: m.indices.clone(),
        endpoint: m.module.endpoints.len(),
    });
    // Exactly as many as there are: an example is large, and ten thousand endpoints' spare
    // capacity was a tenth of the model.
    endpoint.examples.reserve_exact(examples.len());
    for (mut example, index) in examples {
        let original = cx.item.response[index].original_request.as_ref();
        let served = servable(&endpoint.method, &example);
        match served.and_then(|()| {
            examples::example(l, m, &accessors, &endpoint, original.unwrap_or(request))
        }) {
            Ok((call, wire)) => {
                example.call = Some(call);
                example.wire = Some(wire);
                example.checks = held_to(l, cx, &example, index);
            }
            Err(why) => example.skipped = Some(why),
        }
        endpoint.examples.push(example);
    }
    Some(endpoint)
}

/// Whether a loopback server can answer with `example` as saved: HTTP gives 1xx, 204 and 304
/// responses and answers to HEAD no body, and a status must be a real one.
fn servable(method: &str, example: &Example) -> Result<(), String> {
    let bodiless = is_bodiless(example.code, method);
    if !(200..=599).contains(&example.code) {
        return Err(format!("status {} cannot be served", example.code));
    }
    if bodiless && !example.body.is_empty() {
        return Err(format!(
            "a {} response to {method} cannot carry the saved body",
            example.code
        ));
    }
    if let Some(ct) = &example.content_type
        && !ct.bytes().all(|b| (b' '..=b'~').contains(&b))
    {
        return Err("the saved content type is not a valid header value".into());
    }
    Ok(())
}

/// The endpoint's docs up to its arguments, and its summary.
fn endpoint_docs(
    cx: &RequestSite<'_>,
    request: &Request,
    method: &str,
    path_display: &str,
    args: &Args,
    depth: usize,
) -> (String, String) {
    let description = docs::to_rustdoc(collection::text_of(&request.description));
    let mut text = if description.is_empty() {
        // Names are user text too (some are URLs): they get the same cleanup as descriptions.
        match cx.name.trim() {
            "" => "A request without a name in the collection.".to_string(),
            name => docs::to_rustdoc(&format!("{name}.")),
        }
    } else {
        description
    };
    let summary = docs::headline(&text);
    text.push_str(&format!(
        "\n\n`{method} {}` (request `{}` of the collection).",
        path_display.replace('`', "'"),
        cx.name.replace('`', "'")
    ));
    match &cx.auth {
        AuthUse::Hook { scheme } => text.push_str(&format!(
            "\n\nThe collection signs this request with `{}` auth, which the client leaves to the hook set with `Client::with_auth_hook`.",
            scheme.replace('`', "'")
        )),
        AuthUse::Signed { scheme, .. } => text.push_str(&format!(
            "\n\nThe collection signs this request with `{}` auth, which the client computes with the signer set with `Client::with_signer` (or else the hook set with `Client::with_auth_hook`).",
            scheme.replace('`', "'")
        )),
        _ => {}
    }
    if !cx.scripts.is_empty() {
        text.push_str(&super::scripts::docs(cx.scripts, depth));
    }
    if !args.docs.is_empty() {
        text.push_str("\n\n# Arguments\n\n");
        text.push_str(&args.docs.join("\n"));
    }
    (text, summary)
}

/// The `# Errors` section of an endpoint in a module `depth` modules below the root, before
/// the sentence on its typed error body.
fn errors_docs(depth: usize) -> String {
    // At the root the plain names resolve; rustdoc calls an explicit `self::` target redundant.
    let (api, error) = match depth {
        0 => (String::new(), String::new()),
        depth => {
            let root = vec!["super"; depth].join("::");
            (format!("({root}::Error::Api)"), format!("({root}::Error)"))
        }
    };
    format!(
        "\n\n# Errors\n\n[`Error::Api`]{api} for any status outside 2xx, documented or not; the \
         other [`Error`]{error} variants for requests that could not be made."
    )
}

/// The end of an endpoint's docs, once JSON types are named (`named` gives a type by its
/// name): its responses, its errors, and what its typed error body is.
pub(super) fn later_docs(
    docs: &mut String,
    later: &LaterDocs,
    err_type: Option<&TypeRef>,
    named: impl Fn(&TypeRef) -> TypeRef,
) {
    if !later.responses.is_empty() {
        docs.push_str("\n\n# Responses\n\n");
        let lines: Vec<String> = later
            .responses
            .iter()
            .map(|line| line.text(|ty| named(ty).describe()))
            .collect();
        docs.push_str(&lines.join("\n"));
    }
    docs.push_str(&later.errors);
    if let Some(ty) = err_type {
        docs.push_str(&format!(
            " For a documented error status with a JSON body, `ApiError::typed` gives the body \
             decoded as {}.",
            error_type_docs(ty)
        ));
    }
}

/// How the endpoint's docs name its typed error body: a JSON error body is a type of the crate's
/// `types` module (`ErrorBody`), or any JSON.
fn error_type_docs(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Json => "`serde_json::Value`".into(),
        other => other.describe(),
    }
}

/// The names of the test scripts' checks a generated test holds `example` (the item's
/// `response[index]`) to: those that apply to it and that it passes. A check it fails is a
/// contradiction in the collection, reported as a warning.
fn held_to(l: &mut Lowering, cx: &RequestSite<'_>, example: &Example, index: usize) -> Vec<String> {
    let served = super::scripts::Served {
        status: example.code,
        content_type: example.content_type.as_deref(),
        body: &example.body,
        items: Default::default(),
    };
    let mut names = Vec::new();
    let typed = example.content_type.is_some();
    for check in super::scripts::applying(&cx.scripts.checks, example.code, typed) {
        if served.holds(&check.cond) {
            names.push(check.name.clone());
        } else {
            l.warn(
                Kind::Inconsistent,
                &crate::util::at(cx.location, &format!("response[{index}]")),
                format!(
                    "the saved example `{}` of `{}` fails the test script's check `{}`; its generated test leaves that check out",
                    example.name, cx.name, check.name
                ),
            );
        }
    }
    names
}
