//! Request bodies and the params structs of form fields and query parameters.

use super::endpoint::{EndpointContext, at};
use super::lower::{Lowerer, ModuleBuilder};
use super::names::{self, Scope};
use super::shape::Shape;
use super::types::{
    FieldDef, Scalar, StructDef, StructKind, TypeDef, TypeRef, infer_scalar, is_required,
};
use super::{BodyKind, BodyUse, docs};
use crate::collection::{self, Body};

/// A form field or query parameter before typing.
pub(super) struct ParamSpec<'a> {
    pub key: &'a str,
    pub value: Option<&'a str>,
    pub description: &'a str,
    pub disabled: bool,
}

/// The body and the Rust type of its argument.
pub(super) fn body(
    l: &mut Lowerer,
    m: &mut ModuleBuilder,
    cx: &EndpointContext<'_>,
    body: Option<&Body>,
    content_type: Option<String>,
    pascal: &str,
    request_at: &str,
) -> (BodyUse, Option<String>) {
    let none = BodyUse {
        kind: BodyKind::None,
        arg: None,
        content_type: None,
    };
    let Some(body) = body.filter(|b| !b.disabled) else {
        return (none, None);
    };
    let body_at = at(request_at, "body");
    let mode = body.mode.as_deref().unwrap_or("");
    let with = |kind, ty: String| {
        (
            BodyUse {
                kind,
                arg: Some("body".into()),
                content_type: None,
            },
            Some(ty),
        )
    };
    match mode {
        "formdata" | "urlencoded" => {
            let fields = if mode == "formdata" {
                &body.formdata
            } else {
                &body.urlencoded
            };
            if fields.is_empty() {
                return (none, None);
            }
            let mut specs = Vec::new();
            for (i, field) in fields.iter().enumerate() {
                if field.kind.as_deref() == Some("file") {
                    l.problem(
                        &at(&body_at, &format!("{mode}[{i}]")),
                        format!(
                            "file field `{}`: file uploads are not supported yet",
                            field.key
                        ),
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
            let purpose = "form field";
            let name = params_struct(
                m,
                &specs,
                cx.name,
                pascal,
                purpose,
                &format!("The body of `{}`.", cx.name),
            );
            let kind = if mode == "formdata" {
                BodyKind::Multipart
            } else {
                BodyKind::Form
            };
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
                || content_type
                    .as_deref()
                    .is_some_and(|ct| ct.contains("json"));
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
                BodyUse {
                    kind: BodyKind::Text,
                    arg: Some("body".into()),
                    content_type: Some(content_type),
                },
                Some("&str".into()),
            )
        }
        "" => (none, None),
        other => {
            l.problem(
                &at(&body_at, "mode"),
                format!("body mode `{other}` is not supported yet"),
            );
            (none, None)
        }
    }
}

/// A struct of form fields or query parameters; returns its name.
pub(super) fn params_struct(
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
                    m.types.string_enum(
                        &values,
                        &preferred,
                        &format!("{pascal}{field_pascal}"),
                        spec.description,
                    )
                }
            };
            let optional = spec.disabled || !is_required(spec.description);
            let ident = idents.claim(&names::snake(spec.key));
            FieldDef {
                renamed: ident.trim_start_matches("r#") != spec.key,
                docs: field_doc(spec, purpose),
                ident,
                wire: spec.key.to_string(),
                ty: if optional {
                    TypeRef::Option(Box::new(ty)).rust()
                } else {
                    ty.rust()
                },
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

fn field_doc(spec: &ParamSpec<'_>, purpose: &str) -> String {
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
    text
}

/// An example value as a code span, unless it is a placeholder or cannot be one.
pub(super) fn example_text(value: Option<&str>) -> Option<String> {
    let value = value?.trim();
    let placeholder = value.starts_with('<') && value.ends_with('>');
    (!value.is_empty() && !placeholder && !value.contains('`') && !value.contains('\n'))
        .then(|| format!("`{value}`"))
}
