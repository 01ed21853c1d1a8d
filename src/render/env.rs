//! The template environment: strict (an undefined value is an error), escaping every string for
//! the file it writes, with the filters through which the model's names, types and example
//! values become code, and the built-in templates or their overrides.

use std::sync::Arc;

use minijinja::value::ViaDeserialize;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde::Deserialize;

use super::templates::{Override, TEMPLATES};
use super::{escape, lazy, rust, values};
use crate::error::Error;
use crate::model::{Decoder, TypeRef, calls};

/// The template environment with postgen's escaping and filters.
pub fn environment(overrides: &[Override]) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".rs.jinja") {
            AutoEscape::Custom("rust")
        } else if name.ends_with(".toml.jinja") {
            AutoEscape::Custom("toml")
        } else if name.ends_with(".md.jinja") {
            AutoEscape::Custom("markdown")
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        let escape = match state.auto_escape() {
            AutoEscape::Custom("rust") => escape::rust_literal,
            AutoEscape::Custom("toml") => escape::toml_literal,
            AutoEscape::Custom("markdown") => escape::markdown_text,
            _ => return minijinja::escape_formatter(out, state, value),
        };
        use minijinja::value::ValueKind;
        match value.kind() {
            ValueKind::String if value.is_safe() => out.write_str(value.as_str().unwrap_or("")),
            ValueKind::String => out.write_str(&escape(value.as_str().unwrap_or(""))),
            ValueKind::Number => out.write_str(&value.to_string()),
            // minijinja prints booleans Python's way (`True`).
            ValueKind::Bool => out.write_str(if value.is_true() { "true" } else { "false" }),
            // Anything else has no meaning in generated code: a bug in a template.
            kind => {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("cannot write a {kind} value into generated code"),
                ));
            }
        }
        .map_err(Into::into)
    });
    env.add_filter("ident", |text: String| {
        rust::ident(&text)
            .map(|_| Value::from_safe_string(text.clone()))
            .map_err(invalid)
    });
    // A type or decoder of the model, written for the module `m` it appears in.
    env.add_filter("ty", |ty: ViaDeserialize<TypeRef>, m: Value| {
        rust::type_text(&ty, module_depth(&m)?)
            .map(Value::from_safe_string)
            .map_err(invalid)
    });
    // A type of the model, written outside the client (the generated tests) through its crate.
    env.add_filter("ty_in", |ty: ViaDeserialize<TypeRef>, krate: String| {
        rust::type_text_in(&ty, &krate)
            .map(Value::from_safe_string)
            .map_err(invalid)
    });
    env.add_filter("decoder", |decoder: ViaDeserialize<Decoder>, m: Value| {
        rust::decoder_text(&decoder, module_depth(&m)?)
            .map(Value::from_safe_string)
            .map_err(invalid)
    });
    // A module's path (a list of identifiers) or a path through which the client is reached.
    env.add_filter("path", |path: Value| {
        let text = match path.as_str() {
            Some(text) => rust::crate_path(text),
            None => {
                let segments: Vec<String> = path
                    .try_iter()?
                    .map(|s| s.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(|| invalid("a path is text or a list of identifiers".into()))?;
                rust::module_path(&segments)
            }
        };
        text.map(Value::from_safe_string).map_err(invalid)
    });
    env.add_filter(
        "call",
        |call: Value, krate: String, client: String, substitute: Option<String>| {
            let call = model_call(&call)?;
            values::call_expr(&call, &krate, &client, substitute.as_deref())
                .map(Value::from_safe_string)
                .map_err(invalid)
        },
    );
    env.add_filter(
        "example_doc",
        |call: Value, krate: String, client: String, fence: String| {
            let call = model_call(&call)?;
            values::example_doc(&call, &krate, &client, &fence).map_err(invalid)
        },
    );
    // A request's translated scripts as the runtime's `Script`, for the module `m`.
    env.add_filter(
        "script",
        |scripts: ViaDeserialize<crate::model::script::Scripts>, m: Value| {
            let root = m.get_attr("root")?;
            Ok::<_, minijinja::Error>(Value::from_safe_string(super::script::script_expr(
                &scripts,
                root.as_str().unwrap_or("crate"),
            )))
        },
    );
    env.add_filter("doc", |text: String| {
        Value::from_safe_string(escape::doc_attributes(&text, false))
    });
    // In Markdown: `text` as a code span.
    env.add_filter("code", |text: String| {
        Value::from_safe_string(escape::markdown_code(&text))
    });
    // In Markdown built as text (a doc table's cell): `text` shown as written.
    env.add_filter("md", |text: String| escape::markdown_text(&text));
    env.add_filter("inner_doc", |text: String| {
        Value::from_safe_string(escape::doc_attributes(&text, true))
    });
    for (name, source) in TEMPLATES {
        let source = match overrides.iter().find(|o| o.name == *name) {
            Some(over) => over.source.clone(),
            None => source.to_string(),
        };
        env.add_template_owned(*name, source)
            .map_err(|e| super::template_error(name, &e, overrides))?;
    }
    Ok(env)
}

/// The call `value` holds: the model's own (see [`calls::for_templates`]), or one a template
/// wrote as a map.
fn model_call(value: &Value) -> Result<Arc<calls::Call>, minijinja::Error> {
    match value.downcast_object_ref::<calls::TemplateCall>() {
        Some(call) => Ok(Arc::clone(&call.0)),
        None => calls::Call::deserialize(value.clone()).map(Arc::new),
    }
}

/// The depth of the module `m` a template passes to a filter.
fn module_depth(m: &Value) -> Result<usize, minijinja::Error> {
    lazy::depth_of(m).ok_or_else(|| invalid(format!("`{m}` is not a module of the model")))
}

/// The error of a filter given something it cannot write.
fn invalid(message: String) -> minijinja::Error {
    minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_reaches_the_filters_as_the_model_holds_it_or_as_a_map() {
        #[derive(serde::Serialize)]
        struct Holder {
            #[serde(serialize_with = "calls::for_templates")]
            call: Option<calls::Call>,
        }
        let call = calls::Call {
            accessors: vec!["im_groups".into()],
            method: "update".into(),
            args: vec![calls::Value::Str {
                text: "a\"b".into(),
            }],
        };
        let held = Value::from_serialize(&Holder {
            call: Some(call.clone()),
        });
        let from_model = held.get_attr("call").unwrap();
        assert!(from_model.is_true());
        assert!(
            from_model
                .downcast_object_ref::<calls::TemplateCall>()
                .is_some()
        );
        // A template may still read its fields, and list them.
        assert_eq!(
            from_model.get_attr("method").unwrap().as_str(),
            Some("update")
        );
        let env = Environment::new();
        let context = minijinja::context! { c => from_model.clone() };
        let text = "{% for k in c %}{{ k }}={{ c[k]|length }} {% endfor %}{{ c.args[0].text }}";
        assert_eq!(
            env.render_str(text, context).unwrap(),
            "accessors=1 method=6 args=1 a\"b"
        );
        let as_map = Value::from_serialize(&call);
        assert!(
            as_map
                .downcast_object_ref::<calls::TemplateCall>()
                .is_none()
        );
        for value in [from_model, as_map] {
            let read = model_call(&value).unwrap();
            assert_eq!(
                (&read.accessors, &read.method),
                (&call.accessors, &call.method)
            );
            assert_eq!(read.args, call.args);
        }
        let none = Value::from_serialize(&Holder { call: None });
        assert!(!none.get_attr("call").unwrap().is_true());
        // Serialized anywhere else, the call is plain data.
        let json = serde_json::to_value(Holder { call: Some(call) }).unwrap();
        assert_eq!(json["call"]["method"], "update");
    }
}
