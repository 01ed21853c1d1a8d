//! Example calls: an endpoint called with the values of one of the collection's requests (the
//! item's own, or a saved example's `originalRequest`), and the request Postman would send for
//! those values.
//!
//! The values become Rust values ([`Value`]) that the renderer writes as code for doctests,
//! generated tests and the `replay` example. The expected request ([`Wire`]) is read from the
//! collection's request by Postman's rules (variables resolved, disabled entries left out), so
//! a generated test checks the client's encoding against what Postman sends. When a value
//! cannot be written in the endpoint's Rust types (a `{{variable}}` in an integer field, a
//! required field the example leaves out), there is no call, and the reason says why.

mod wire;

use std::cell::RefCell;

use wire::{content_type, graphql_variables, path_segments};

use super::context::{Lowering, ModuleScope};
use super::infer::scalar::is_placeholder;
use super::json_vars::JsonWithVars;
use super::url::UrlParts;
use crate::collection::{Body, FormParam, Request};
use crate::model::calls::{Call, FieldValue, Value, Wire, WireBody};
use crate::model::types::{FieldDef, StructDef, StructKind, TypePath, TypeRef};
use crate::model::{ArgSource, BodyKind, Endpoint};
use crate::text::vars::{Part, split};

/// The call of `endpoint` with the values of `request`, and the request Postman sends for them.
pub(super) fn example(
    l: &Lowering,
    m: &ModuleScope,
    accessors: &[String],
    endpoint: &Endpoint,
    request: &Request,
) -> Result<(Call, Wire), String> {
    let url = request.url.as_ref().map(UrlParts::of);
    let cx = ExampleRequest {
        l,
        m,
        request,
        url: url.as_ref(),
        omitted: RefCell::new(Vec::new()),
    };
    let mut args = Vec::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    for arg in &endpoint.args {
        let value = match &arg.source {
            ArgSource::Variable(name) => {
                let mut text = cx.variable(name);
                let value = match &arg.ty {
                    TypeRef::Str => Value::Str { text: text.clone() },
                    ty => match scalar(ty.clone(), &text, m) {
                        Ok(value) => value,
                        // A type hint, a variable or no value at all: any value of the type
                        // shows the call; the expected request follows it.
                        Err(_) if !cx.has_literal_value(name) || is_placeholder(&text) => {
                            let (value, shown) = representative(ty.clone());
                            let variable = text.contains("{{").then(|| text.clone());
                            text = shown.to_string();
                            match variable {
                                Some(variable) => Value::Parsed {
                                    text: variable,
                                    fallback: Box::new(value),
                                },
                                None => value,
                            }
                        }
                        Err(why) => return Err(why),
                    },
                };
                texts.push((arg.ident.clone(), text));
                value
            }
            ArgSource::Query => cx.query_struct(endpoint, &arg.ty)?,
            ArgSource::Body => cx.body_value(endpoint, &arg.ty)?,
        };
        args.push(value);
    }
    // What the request has no argument for cannot be sent.
    if endpoint.query_arg.is_none()
        && let Some((key, _)) = cx.query_params(endpoint).first()
    {
        return Err(format!(
            "the example sends `{key}`, which the request does not have"
        ));
    }
    if endpoint.body.kind == BodyKind::None && cx.has_body() {
        return Err("the example sends a body, which the request does not have".into());
    }
    let body = cx.wire_body(endpoint)?;
    let (content_type, body) = match body {
        // A multipart body without parts is not sent (RFC 2046 wants at least one part).
        WireBody::Multipart { parts } if parts.is_empty() => (None, WireBody::None),
        body => (content_type(endpoint), body),
    };
    let wire = Wire {
        method: endpoint.method.clone(),
        path: path_segments(l, &endpoint.path, &texts),
        query: cx.query_pairs(endpoint),
        headers: cx.headers(endpoint, &texts),
        content_type,
        body,
    };
    let call = Call {
        accessors: accessors.to_vec(),
        method: endpoint.ident.clone(),
        args,
    };
    Ok((call, wire))
}

/// The request an example call is read from (the item's, or a saved example's
/// `originalRequest`), with what resolving it needs. Not `model::Example`, the saved response.
struct ExampleRequest<'a> {
    l: &'a Lowering,
    m: &'a ModuleScope,
    request: &'a Request,
    url: Option<&'a UrlParts>,
    /// Keys whose placeholder value (`<integer>`) the call leaves out: a type hint in a typed
    /// field is no value, so the expected request leaves it out too.
    omitted: RefCell<Vec<String>>,
}

impl ExampleRequest<'_> {
    /// The value of a path variable or `{{variable}}` argument: the request's path variable
    /// value; else, as Postman sends an unresolved variable, `{{name}}` (which `replay`
    /// substitutes when it is given a value); a `:name` path variable without a value is sent
    /// as written, `:name`, as Postman sends it.
    fn variable(&self, name: &str) -> String {
        let value = self
            .path_var(name)
            .and_then(|v| v.value_text())
            .filter(|t| !t.is_empty());
        match value {
            Some(text) => self.resolve(&text),
            None if self.is_path_param(name) => format!(":{name}"),
            None => format!("{{{{{name}}}}}"),
        }
    }

    /// Whether the request gives the path variable `name` a literal value (not empty, not a
    /// `{{variable}}`).
    fn has_literal_value(&self, name: &str) -> bool {
        self.path_var(name)
            .and_then(|v| v.value_text())
            .is_some_and(|t| !t.trim().is_empty() && !t.contains("{{"))
    }

    /// The request's URL variable (`:name`) called `name`.
    fn path_var(&self, name: &str) -> Option<&crate::collection::Variable> {
        self.url?.variables.iter().find(|v| v.name() == Some(name))
    }

    fn is_path_param(&self, name: &str) -> bool {
        self.url
            .is_some_and(|u| u.segments.iter().any(|s| s.strip_prefix(':') == Some(name)))
    }

    /// `text` with the client's variables replaced by their values, as Postman resolves them.
    fn resolve(&self, text: &str) -> String {
        split(text)
            .into_iter()
            .map(|part| match part {
                Part::Text(t) => t.to_string(),
                Part::Var(name) => match self.l.value_of(name) {
                    Some(value) => value.to_string(),
                    None => format!("{{{{{name}}}}}"),
                },
            })
            .collect()
    }

    /// The request's enabled query parameters with a key, as (key, value) with variables
    /// resolved; `None` for a bare key.
    fn enabled_query(&self) -> Vec<(String, Option<String>)> {
        let Some(url) = self.url else {
            return Vec::new();
        };
        url.query
            .iter()
            .filter(|q| !q.disabled)
            .filter_map(|q| {
                let key = q.key.clone().filter(|k| !k.is_empty())?;
                Some((key, q.value.as_deref().map(|v| self.resolve(v))))
            })
            .collect()
    }

    /// The enabled query parameters that the query struct holds (not client variables).
    fn query_params(&self, endpoint: &Endpoint) -> Vec<(String, Option<String>)> {
        let mut pairs = self.enabled_query();
        pairs.retain(|(key, _)| !endpoint.query_vars.iter().any(|v| &v.name == key));
        pairs
    }

    fn query_struct(&self, endpoint: &Endpoint, ty: &TypeRef) -> Result<Value, String> {
        let pairs = self.query_params(endpoint);
        Ok(Value::Ref {
            value: Box::new(self.params_struct(ty, &pairs)?),
        })
    }

    /// A params struct literal of type `ty` holding `pairs` (key, value); `None` values are
    /// bare keys.
    fn params_struct(
        &self,
        ty: &TypeRef,
        pairs: &[(String, Option<String>)],
    ) -> Result<Value, String> {
        let def = params_def(self.m, ty)?;
        let mut used = vec![false; pairs.len()];
        let value = self.struct_value(def, None, pairs, &mut used)?;
        // The example must fit the struct: no key it lacks. Otherwise the call cannot send
        // what Postman sends.
        if let Some(((key, _), _)) = pairs.iter().zip(&used).find(|(_, used)| !**used) {
            return Err(format!(
                "the example sends `{key}`, which the request does not have"
            ));
        }
        Ok(value)
    }

    /// The literal of the params struct `def` whose keys are under `prefix` (`None` at the top:
    /// the keys are the fields' own), taking its keys from `pairs` and marking them `used`.
    fn struct_value(
        &self,
        def: &StructDef,
        prefix: Option<&str>,
        pairs: &[(String, Option<String>)],
        used: &mut [bool],
    ) -> Result<Value, String> {
        let mut fields = Vec::new();
        for field in &def.fields {
            let key = match prefix {
                None => field.wire.clone(),
                Some(prefix) => format!("{prefix}[{}]", field.wire),
            };
            let value = self.field_value(field, &key, pairs, used)?;
            fields.push(FieldValue {
                ident: field.ident.clone(),
                value,
            });
        }
        Ok(Value::Struct {
            ty: type_path(self.m, &def.name),
            fields,
        })
    }

    /// The value of `field`, sent under `key`.
    fn field_value(
        &self,
        field: &FieldDef,
        key: &str,
        pairs: &[(String, Option<String>)],
        used: &mut [bool],
    ) -> Result<Value, String> {
        let nested = |ty: &TypeRef| {
            ty.required()
                .named()
                .and_then(|name| self.m.types.struct_named(name))
                .filter(|def| def.role == StructKind::Nested)
        };
        let under = |key: &str, pairs: &[(String, Option<String>)]| {
            let open = format!("{key}[");
            pairs.iter().any(|(k, _)| k.starts_with(&open))
        };
        if field.indexed {
            let mut items = Vec::new();
            for index in 0.. {
                let item_key = format!("{key}[{index}]");
                let item = match nested(field.ty.item()) {
                    Some(def) if under(&item_key, pairs) => {
                        self.struct_value(def, Some(&item_key), pairs, used)?
                    }
                    Some(_) => break,
                    None => match self.texts(&item_key, pairs, used)?.as_slice() {
                        [] => break,
                        [text] => self.item_of(field.ty.item(), &item_key, text)?,
                        _ => return Err(format!("the example sends `{item_key}` more than once")),
                    },
                };
                items.push(item);
            }
            return Ok(Value::List { items });
        }
        if let TypeRef::Map(value_ty) = &field.ty {
            let open = format!("{key}[");
            let mut entries = Vec::new();
            for (i, (k, v)) in pairs.iter().enumerate() {
                let Some(entry) = k.strip_prefix(&open).and_then(|e| e.strip_suffix(']')) else {
                    continue;
                };
                let Some(text) = v else {
                    return Err(format!("the example sends `{k}` without a value"));
                };
                // A map holds a key once.
                if entries.iter().any(|(e, _)| e == entry) {
                    return Err(format!("the example sends `{k}` more than once"));
                }
                used[i] = true;
                entries.push((
                    entry.to_string(),
                    scalar((**value_ty).clone(), text, self.m)?,
                ));
            }
            return Ok(Value::Map { entries });
        }
        if let Some(def) = nested(&field.ty) {
            return match (under(key, pairs), field.optional) {
                (true, false) => self.struct_value(def, Some(key), pairs, used),
                (true, true) => Ok(Value::Some {
                    value: Box::new(self.struct_value(def, Some(key), pairs, used)?),
                }),
                (false, true) => Ok(Value::None),
                (false, false) => Err(format!("the request does not give `{key}[...]`")),
            };
        }
        let values: Vec<(usize, &Option<String>)> = pairs
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| k == key)
            .map(|(i, (_, v))| (i, v))
            .collect();
        for (i, _) in &values {
            used[*i] = true;
        }
        if field.flag {
            if values.iter().any(|(_, v)| v.is_some()) {
                return Err(format!(
                    "the example gives `{key}` a value; the request sends it bare"
                ));
            }
            return Ok(Value::Bool {
                value: !values.is_empty(),
            });
        }
        let mut texts = self.texts(key, pairs, used)?;
        if texts.len() > 1 && !field.repeated {
            return Err(format!("the example sends `{key}` more than once"));
        }
        let base = field.ty.item().clone();
        // A type hint such as `<integer>` in a typed field is no value: the call leaves it
        // out, and so does the expected request.
        if base != TypeRef::String && texts.iter().any(|t| is_placeholder(t)) {
            texts.retain(|t| !is_placeholder(t));
            self.omitted.borrow_mut().push(key.to_string());
        }
        if field.repeated {
            let items = texts
                .iter()
                .map(|t| scalar(base.clone(), t, self.m))
                .collect::<Result<_, _>>()?;
            return Ok(Value::List { items });
        }
        match (texts.first(), field.optional) {
            (Some(text), false) => scalar(base, text, self.m),
            (Some(text), true) => Ok(Value::Some {
                value: Box::new(scalar(base, text, self.m)?),
            }),
            (None, true) => Ok(Value::None),
            (None, false) => Err(format!("the request does not give `{key}`")),
        }
    }

    /// The values the example gives `key`, marking them used; a bare key is an error.
    fn texts(
        &self,
        key: &str,
        pairs: &[(String, Option<String>)],
        used: &mut [bool],
    ) -> Result<Vec<String>, String> {
        let mut texts = Vec::new();
        for (i, (k, v)) in pairs.iter().enumerate() {
            if k != key {
                continue;
            }
            used[i] = true;
            match v {
                Some(text) => texts.push(text.clone()),
                None => return Err(format!("the example sends `{key}` without a value")),
            }
        }
        Ok(texts)
    }

    /// The value of one item of an indexed list, `text`, as a `ty`. A type hint
    /// (`<integer>`) cannot be left out of a list without moving the items after it.
    fn item_of(&self, ty: &TypeRef, key: &str, text: &str) -> Result<Value, String> {
        if *ty != TypeRef::String && is_placeholder(text) {
            return Err(format!(
                "the example gives `{key}` only the type hint `{text}`"
            ));
        }
        scalar(ty.clone(), text, self.m)
    }

    /// Whether the request sends a body: a raw text, form fields, a file or a GraphQL query.
    fn has_body(&self) -> bool {
        self.body().is_some_and(|b| match b.mode.as_deref() {
            Some("raw") => b.raw.as_deref().is_some_and(|r| !r.trim().is_empty()),
            Some("formdata") => b.formdata.iter().any(|f| !f.disabled),
            Some("urlencoded") => b.urlencoded.iter().any(|f| !f.disabled),
            Some("file") | Some("graphql") => true,
            _ => false,
        })
    }

    fn body(&self) -> Option<&Body> {
        self.request.body.as_ref().filter(|b| !b.disabled)
    }

    /// The text of a raw body as Postman sends it.
    fn raw_text(&self, body: &Body) -> String {
        let content_type = super::raw::content_type_of(self.request);
        super::raw::raw_as_sent(body, content_type.as_deref()).into_owned()
    }

    /// A raw JSON body as the call's argument: without the fields the client fills from its
    /// variables, and with an unquoted variable without a value `null`. `replay` substitutes
    /// the collection's text instead, as Postman does.
    fn json_body(&self, body: &Body) -> Value {
        let text = self.raw_text(body);
        match self.json_with_vars(&text) {
            Some(read) => Value::JsonRef {
                text: serde_json::to_string_pretty(&read.given()).expect("JSON values print"),
                written: Some(text),
            },
            None => Value::JsonRef {
                text,
                written: None,
            },
        }
    }

    /// The variables of a raw JSON body's `text`, if it has any and parses with them.
    fn json_with_vars(&self, text: &str) -> Option<JsonWithVars> {
        if !text.contains("{{") {
            return None;
        }
        JsonWithVars::read(text, |name| self.l.value_of(name)).ok()
    }

    /// The form fields of the request's body that are sent: enabled, with a key.
    fn form_fields(&self, endpoint: &Endpoint) -> Vec<&FormParam> {
        self.all_form_fields(endpoint)
            .iter()
            .filter(|f| !f.disabled && !f.key.is_empty())
            .collect()
    }

    /// Every form field of the request's body, as written.
    fn all_form_fields(&self, endpoint: &Endpoint) -> &[FormParam] {
        match (self.body(), endpoint.body.kind) {
            (None, _) => &[],
            (Some(body), BodyKind::Multipart) => &body.formdata,
            (Some(body), _) => &body.urlencoded,
        }
    }

    fn body_value(&self, endpoint: &Endpoint, ty: &TypeRef) -> Result<Value, String> {
        let mode = self.body().and_then(|b| b.mode.as_deref()).unwrap_or("");
        let expected = match endpoint.body.kind {
            BodyKind::Multipart => "formdata",
            BodyKind::Form => "urlencoded",
            BodyKind::Json | BodyKind::Text => "raw",
            BodyKind::File => "file",
            BodyKind::Graphql => "graphql",
            BodyKind::None => "",
        };
        if mode != expected {
            return Err(format!(
                "the example's body is `{mode}`, the request's `{expected}`"
            ));
        }
        let body = self.body().expect("a body of the expected mode");
        match endpoint.body.kind {
            BodyKind::Multipart | BodyKind::Form => {
                let mut pairs = Vec::new();
                let mut files = Vec::new();
                let all = self.all_form_fields(endpoint);
                for field in self.form_fields(endpoint) {
                    if field.kind.as_deref() == Some("file") {
                        files.push(field);
                    } else if crate::lower::body::form_variable(self.l, field, all).is_some() {
                        // Left to the client, which sends its variable as Postman does.
                    } else {
                        let value = self.resolve(field.value.as_deref().unwrap_or(""));
                        pairs.push((field.key.clone(), Some(value)));
                    }
                }
                let mut value = self.params_struct(ty, &pairs)?;
                if let Value::Struct { fields, .. } = &mut value {
                    fill_files(self.m, ty, fields, &files)?;
                }
                Ok(Value::Ref {
                    value: Box::new(value),
                })
            }
            BodyKind::Json => Ok(self.json_body(body)),
            BodyKind::Text => Ok(Value::Str {
                text: self.raw_text(body),
            }),
            BodyKind::File => Ok(Value::Str {
                text: String::new(),
            }),
            BodyKind::Graphql => Ok(Value::JsonRef {
                text: graphql_variables(body).unwrap_or_else(|| "{}".into()),
                written: None,
            }),
            BodyKind::None => Err("no body".into()),
        }
    }
}

/// A value of a scalar type to show a call with when the collection gives none, and its text.
fn representative(ty: TypeRef) -> (Value, &'static str) {
    match ty {
        TypeRef::Int => (Value::Int { value: 1 }, "1"),
        TypeRef::Float => (Value::Float { value: 1.5 }, "1.5"),
        TypeRef::Bool => (Value::Bool { value: true }, "true"),
        _ => (
            Value::Str {
                text: String::new(),
            },
            "",
        ),
    }
}

/// Sets the file fields of a multipart struct literal to example files.
fn fill_files(
    m: &ModuleScope,
    ty: &TypeRef,
    fields: &mut [FieldValue],
    files: &[&FormParam],
) -> Result<(), String> {
    let def = params_def(m, ty)?;
    if let Some(file) = files.iter().find(|f| {
        !def.fields
            .iter()
            .any(|d| d.wire == f.key && d.ty.contains(&TypeRef::File))
    }) {
        return Err(format!(
            "the example sends a file as `{}`, which the request does not",
            file.key
        ));
    }
    for (def_field, value) in def.fields.iter().zip(fields.iter_mut()) {
        // Every part the collection sends under this key: a key given several times is one
        // list field.
        let parts: Vec<&&FormParam> = files.iter().filter(|f| f.key == def_field.wire).collect();
        let Some(file) = parts.first() else {
            continue;
        };
        let mut items: Vec<Value> = parts
            .iter()
            .flat_map(|f| file_sources(f))
            .map(|src| Value::File {
                file_name: file_name(&src),
            })
            .collect();
        let value_of_type = if def_field.ty.is_list() {
            Value::List { items }
        } else if items.is_empty() {
            if !def_field.optional {
                return Err(format!("the example chooses no file for `{}`", file.key));
            }
            value.value = Value::None;
            continue;
        } else {
            items.remove(0)
        };
        value.value = if def_field.optional {
            Value::Some {
                value: Box::new(value_of_type),
            }
        } else {
            value_of_type
        };
    }
    Ok(())
}

/// The paths a file part names (`src` is a string or a list).
fn file_sources(field: &FormParam) -> Vec<String> {
    match &field.src {
        // No file chosen: Postman sends no part.
        Some(serde_json::Value::String(s)) if s.is_empty() => Vec::new(),
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().filter(|s| !s.is_empty()).map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// The file name Postman sends for a file part: the last component of its path.
pub(super) fn file_name(src: &str) -> Option<String> {
    let name = src.rsplit(['/', '\\']).next().unwrap_or("");
    (!name.is_empty()).then(|| name.to_string())
}

/// A path from the crate root to the type `name` of module `m`.
fn type_path(m: &ModuleScope, name: &str) -> TypePath {
    TypePath {
        module: m.path().to_vec(),
        name: name.to_string(),
    }
}

/// The params struct of module `m` that the argument type `ty` refers to.
fn params_def<'m>(m: &'m ModuleScope, ty: &TypeRef) -> Result<&'m StructDef, String> {
    let name = ty
        .named()
        .ok_or_else(|| format!("the argument type {} is not a params struct", ty.describe()))?;
    m.types
        .struct_named(name)
        .ok_or_else(|| format!("no params struct `{name}`"))
}

/// `text` as a value of type `ty`.
fn scalar(ty: TypeRef, text: &str, m: &ModuleScope) -> Result<Value, String> {
    let not = |what: &str| format!("the example value `{text}` is not {what}");
    Ok(match ty {
        TypeRef::Int => Value::Int {
            value: text.trim().parse().map_err(|_| not("an integer"))?,
        },
        TypeRef::Float => Value::Float {
            value: text.trim().parse().map_err(|_| not("a number"))?,
        },
        TypeRef::Bool => Value::Bool {
            value: text.trim().parse().map_err(|_| not("a boolean"))?,
        },
        TypeRef::Named(name) => {
            let Some(def) = m.types.enum_named(&name) else {
                return Err(format!("`{name}` is not an enum"));
            };
            let ty = type_path(m, &name);
            match def.variants.iter().find(|v| v.wire == text) {
                Some(v) => Value::Variant {
                    ty,
                    ident: v.ident.clone(),
                },
                None => Value::Other {
                    ty,
                    ident: def.fallback.clone(),
                    text: text.to_string(),
                },
            }
        }
        _ => Value::String {
            text: text.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::collection::parse;
    use crate::lower::{Options, lower};
    use crate::model::Endpoint;

    /// The endpoints of a one-request collection.
    fn endpoint(item: serde_json::Value) -> Endpoint {
        let collection = serde_json::json!({
            "info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "base", "value": "https://api.test"}],
            "item": [item],
        });
        let input = parse(Path::new("t.json"), &collection.to_string()).unwrap();
        let options = Options {
            crate_name: "t".into(),
            ..Options::default()
        };
        let mut api = lower(input, &options).unwrap();
        api.root.endpoints.remove(0)
    }

    #[test]
    fn the_example_request_gives_the_values_and_the_wire() {
        let e = endpoint(serde_json::json!({
            "name": "Get",
            "request": {"method": "GET", "url": {
                "raw": "{{base}}/a b/:id?n=<integer>&q=x%20y",
                "host": ["{{base}}"], "path": ["a b", ":id"],
                "query": [{"key": "n", "value": "<integer>"}, {"key": "q", "value": "x y"}],
                "variable": [{"key": "id", "value": "<integer>"}]}},
            "response": [{"name": "ok", "code": 200, "body": "", "originalRequest": {
                "method": "GET", "url": {"raw": "{{base}}/a b/7?n=3", "host": ["{{base}}"],
                    "path": ["a b", ":id"], "query": [{"key": "n", "value": "3"}],
                    "variable": [{"key": "id", "value": "7"}]}}}],
        }));
        // The item's own values: type hints get a representative value or are left out.
        let call = e.call.expect("a call");
        assert_eq!(call.args[0], Value::Int { value: 1 });
        let Value::Ref { value } = &call.args[1] else {
            panic!("a query struct")
        };
        let Value::Struct { fields, .. } = &**value else {
            panic!("a query struct")
        };
        assert_eq!(fields[0].value, Value::None);
        // The saved example's request, and what Postman sends for it.
        let example = &e.examples[0];
        assert_eq!(
            example.call.as_ref().unwrap().args[0],
            Value::Int { value: 7 }
        );
        let wire = example.wire.as_ref().unwrap();
        assert_eq!(wire.path, ["a b", "7"]);
        assert_eq!(wire.query, [("n".to_string(), Some("3".to_string()))]);
    }

    #[test]
    fn a_file_key_given_twice_is_a_list_of_files() {
        let e = endpoint(serde_json::json!({
            "name": "Upload",
            "request": {"method": "POST", "url": "{{base}}/up", "body": {"mode": "formdata", "formdata": [
                {"key": "doc", "type": "file", "src": "/tmp/a.pdf"},
                {"key": "doc", "type": "file", "src": "/tmp/b.pdf"},
                {"key": "note", "type": "text", "value": "hi"}]}},
        }));
        let call = e
            .call
            .unwrap_or_else(|| panic!("a call: {:?}", e.call_skipped));
        let Value::Ref { value } = &call.args[0] else {
            panic!("a form struct")
        };
        let Value::Struct { fields, .. } = &**value else {
            panic!("a form struct")
        };
        let file = |name: &str| Value::File {
            file_name: Some(name.into()),
        };
        assert_eq!(
            fields[0].value,
            Value::List {
                items: vec![file("a.pdf"), file("b.pdf")]
            }
        );
    }
}
