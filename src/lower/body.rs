//! Request bodies, and the params structs of form fields and query parameters.

use super::context::{Lowering, ModuleScope, RequestSite};
use super::infer::samples::{self, Samples};
use super::infer::shape::Shape;
use super::json_types::{Body as JsonBody, Direction, Role};
use super::json_vars::JsonWithVars;
use super::params::{ParamSpec, params_struct};
use super::pins::{check_pins, pin_for};
use super::raw::raw_as_sent;
use crate::collection::{self, Body, FormParam};
use crate::error::Kind;
use crate::model::types::TypeRef;
use crate::model::{BodyKind, BodyUse};
use crate::text::vars::whole_variable;
use crate::util::at;

/// The body and the type of its argument.
pub(super) fn body(
    l: &mut Lowering,
    m: &mut ModuleScope,
    cx: &RequestSite<'_>,
    body: Option<&Body>,
    content_type: Option<String>,
    pascal: &str,
    request_at: &str,
) -> (BodyUse, Option<TypeRef>) {
    let samples = &cx.samples;
    let none = (BodyUse::new(BodyKind::None), None);
    let Some(body) = body.filter(|b| !b.disabled) else {
        return none;
    };
    let body_at = at(request_at, "body");
    let with = |kind, ty: TypeRef| (BodyUse::new(kind).with_arg(), Some(ty));
    match body.mode.as_deref().unwrap_or("") {
        mode @ ("formdata" | "urlencoded") => {
            let multipart = mode == "formdata";
            let fields = if multipart {
                &body.formdata
            } else {
                &body.urlencoded
            };
            if fields.is_empty() {
                return none;
            }
            let specs: Vec<ParamSpec<'_>> = fields
                .iter()
                .filter(|f| !f.key.is_empty())
                .map(|field| form_spec(l, cx, field, fields, multipart))
                .collect();
            let variables: Vec<String> = specs
                .iter()
                .filter_map(|s| s.variable.map(str::to_string))
                .collect();
            let docs = format!("The body of `{}`.", cx.name);
            let problems = check_pins(&cx.fields.body, &specs, "form field");
            let name = params_struct(
                m,
                &l.concepts,
                &specs,
                &cx.ident_name,
                pascal,
                "form field",
                &docs,
            );
            for variable in variables {
                l.client_var(&variable);
            }
            for problem in problems {
                l.problem(cx.location, problem);
            }
            let kind = if multipart {
                BodyKind::Multipart
            } else {
                BodyKind::Form
            };
            with(kind, TypeRef::Named(name).by_ref())
        }
        "raw" => raw(l, cx, body, content_type, &body_at, samples),
        "file" => {
            let mut body = BodyUse::new(BodyKind::File).with_arg();
            body.content_type =
                Some(content_type.unwrap_or_else(|| "application/octet-stream".into()));
            (body, Some(TypeRef::Body))
        }
        "graphql" => {
            let graphql = body.graphql.clone().unwrap_or_default();
            let mut used = BodyUse::new(BodyKind::Graphql);
            used.graphql_query = graphql.query;
            let variables = match graphql.variables.as_ref() {
                Some(serde_json::Value::String(text)) if text.trim().is_empty() => None,
                Some(serde_json::Value::String(text)) => match serde_json::from_str(text) {
                    Ok(value) => Some(value),
                    Err(e) => {
                        let message = format!(
                            "the GraphQL variables are not JSON ({e}); they are sent as any JSON"
                        );
                        l.warn(
                            Kind::Inconsistent,
                            &at(&body_at, "graphql.variables"),
                            message,
                        );
                        Some(serde_json::Value::Object(Default::default()))
                    }
                },
                Some(serde_json::Value::Null) | None => None,
                Some(value) => Some(value.clone()),
            };
            match variables {
                None => (used, None),
                Some(value) => {
                    let body = JsonBody {
                        role: Role::Request,
                        ident_name: cx.ident_name.clone(),
                        request: cx.name.to_string(),
                        path: cx.path.clone(),
                        fallback: format!("{} variables", cx.ident_name),
                        docs: format!("The GraphQL variables of `{}`.", cx.name),
                    };
                    let ty = l.json.body(&Shape::of_sent(&value), Direction::Sent, body);
                    (used.with_arg(), Some(ty.by_ref()))
                }
            }
        }
        "" => none,
        other => {
            l.warn(
                Kind::Unsupported,
                &at(&body_at, "mode"),
                format!("body mode `{other}` is unknown; the request is sent without a body"),
            );
            none
        }
    }
}

fn form_spec<'a>(
    l: &'a Lowering,
    cx: &'a RequestSite<'_>,
    field: &'a FormParam,
    fields: &[FormParam],
    multipart: bool,
) -> ParamSpec<'a> {
    let file = (multipart && field.kind.as_deref() == Some("file"))
        .then_some(matches!(&field.src, Some(serde_json::Value::Array(files)) if files.len() > 1));
    // `{{name}}` with a value: the field is typed from that value and defaults to the variable.
    let variable = form_variable(l, field, fields).filter(|_| file.is_none());
    ParamSpec {
        key: &field.key,
        value: match variable {
            Some(name) => l.value_of(name),
            None => field.value.as_deref(),
        },
        variable,
        description: collection::text_of(&field.description),
        disabled: field.disabled,
        required: false,
        flag: false,
        file,
        samples: samples::values(&cx.samples.form, &field.key),
        pin: pin_for(&cx.fields.body, &field.key),
    }
}

/// The client variable a form field's whole value names, when the collection gives it a value
/// and the field is one the client can leave to it: enabled, a text field, and its key neither
/// bracketed nor given twice among `fields` (those are lists and structures).
pub(super) fn form_variable<'a>(
    l: &Lowering,
    field: &'a FormParam,
    fields: &[FormParam],
) -> Option<&'a str> {
    let once = fields
        .iter()
        .filter(|f| !f.disabled && f.key == field.key)
        .count()
        == 1;
    let plain =
        !field.disabled && field.kind.as_deref() != Some("file") && !field.key.contains('[');
    field
        .value
        .as_deref()
        .and_then(whole_variable)
        .filter(|name| plain && once && l.value_of(name).is_some())
}

/// A `raw` body: typed JSON when it is JSON, otherwise text with its content type.
fn raw(
    l: &mut Lowering,
    cx: &RequestSite<'_>,
    body: &Body,
    content_type: Option<String>,
    body_at: &str,
    samples: &Samples,
) -> (BodyUse, Option<TypeRef>) {
    let raw = raw_as_sent(body, content_type.as_deref());
    let raw = raw.as_ref();
    if raw.trim().is_empty() {
        return (BodyUse::new(BodyKind::None), None);
    }
    let language = body
        .options
        .as_ref()
        .and_then(|o| o.raw.as_ref())
        .and_then(|r| r.language.as_deref());
    let declared_json = language == Some("json")
        || content_type
            .as_deref()
            .is_some_and(|ct| ct.contains("json"));
    let looks_json =
        language.is_none() && content_type.is_none() && raw.trim_start().starts_with(['{', '[']);
    if declared_json || looks_json {
        match JsonWithVars::read(raw, |name| l.value_of(name)) {
            Ok(read) => {
                let mut shape = samples
                    .json
                    .iter()
                    .fold(read.shape(), |shape, v| shape.unify(Shape::of_sent(v)));
                for missing in super::overrides::shape_fields(&mut shape, &cx.fields.body) {
                    l.problem(
                        cx.location,
                        format!(
                            "`{}`, which the overrides file sets ({}), is not a field of this request's JSON body",
                            missing.written, missing.at
                        ),
                    );
                }
                let docs = match samples.json.len() {
                    0 => format!("The JSON body of `{}`.", cx.name),
                    n => format!(
                        "The JSON body of `{}`, inferred from the request and {n} saved example{}.",
                        cx.name,
                        if n == 1 { "" } else { "s" }
                    ),
                };
                let body = JsonBody {
                    role: Role::Request,
                    ident_name: cx.ident_name.clone(),
                    request: cx.name.to_string(),
                    path: cx.path.clone(),
                    fallback: cx.ident_name.clone(),
                    docs,
                };
                let ty = l.json.body(&shape, Direction::Sent, body);
                let mut used = BodyUse::new(BodyKind::Json).with_arg();
                for bound in &read.bound {
                    l.client_var(&bound.key);
                }
                used.json_vars = read.bound;
                used.content_type = if looks_json {
                    // JSON the collection does not call JSON: Postman sends it as text.
                    Some("text/plain".to_string())
                } else {
                    content_type.filter(|ct| {
                        ct.contains("json") && !ct.eq_ignore_ascii_case("application/json")
                    })
                };
                return (used, Some(ty.by_ref()));
            }
            Err(e) if declared_json => l.warn(
                Kind::Inconsistent,
                &at(body_at, "raw"),
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
    let mut used = BodyUse::new(BodyKind::Text).with_arg();
    used.content_type = Some(content_type);
    (used, Some(TypeRef::Str))
}
