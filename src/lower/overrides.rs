//! Applies the overrides file ([`crate::overrides`]) to the collection before lowering: what
//! can be said in the collection's own terms is changed there (a request skipped, form fields
//! sent as JSON, a field made a file, example values of a field's new type), and what lowering
//! decides (a method's name, what a response is, a JSON field's type and requiredness, applied
//! to its shape by [`shape_fields`]) is handed to it per request location in [`Applied`]. A selector that picks no
//! request, or a field that is not there, is an error at its line in the file.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::infer::shape::{Field, Shape};
use super::url::UrlParts;
use crate::collection::{Body, BodyOptions, FormParam, Item, RawOptions, Request, RequestSpec};
use crate::error::{Error, Kind, Problem};
use crate::overrides::{
    BodyMode, FieldOverride, FieldOverrides, FieldType, Overrides, RequestOverride, ResponseKind,
    Step,
};
use crate::util::at;

/// What lowering takes from the overrides, per request location (`item[3].item[0]`).
#[derive(Debug, Default)]
pub(super) struct Applied {
    /// The method's pinned name, and where the file gives it (for a message when it is taken).
    pub(super) names: BTreeMap<String, (String, String)>,
    /// What the successful response is.
    pub(super) responses: BTreeMap<String, ResponseKind>,
    /// Fields of the body, of the successful responses' JSON bodies and of the query.
    pub(super) fields: BTreeMap<String, FieldOverrides>,
    /// Per folder location, its module's pinned name and where the file gives it.
    pub(super) modules: BTreeMap<String, (String, String)>,
    /// JSON types renamed.
    pub(super) types: Vec<crate::overrides::TypeRename>,
}

/// Applies `overrides` to `items` (the collection's top-level items at `paths`).
pub(super) fn apply(
    items: &mut [Item],
    paths: &[String],
    overrides: &Overrides,
) -> Result<Applied, Error> {
    // Without selectors there is nothing to match: the walk would only compute every
    // request's selector texts for nothing.
    if overrides.requests.is_empty() && overrides.folders.is_empty() {
        return Ok(Applied {
            types: overrides.types.clone(),
            ..Applied::default()
        });
    }
    let mut walk = Walk {
        overrides,
        used: vec![false; overrides.requests.len()],
        used_folders: vec![false; overrides.folders.len()],
        applied: Applied {
            types: overrides.types.clone(),
            ..Applied::default()
        },
        problems: Vec::new(),
    };
    walk.items(items, paths, &[]);
    for (used, o) in walk.used_folders.iter().zip(&overrides.folders) {
        if !used {
            walk.problems.push(Problem::new(
                Kind::Error,
                o.at.clone(),
                format!(
                    "`{}` picks no folder: write the folders' names from the top, joined by `/`",
                    o.selector
                ),
            ));
        }
    }
    for (used, o) in walk.used.iter().zip(&overrides.requests) {
        if !used {
            walk.problems.push(Problem::new(
                Kind::Error,
                o.at.clone(),
                format!(
                    "`{}` picks no request: write `METHOD /path` as Postman shows the path \
                     (`GET /users/:userId`) or the folders and name (`Users/Get a user`)",
                    o.selector
                ),
            ));
        }
    }
    if walk.problems.is_empty() {
        Ok(walk.applied)
    } else {
        Err(Error::Input {
            file: overrides.file.clone(),
            problems: walk.problems,
        })
    }
}

struct Walk<'a> {
    overrides: &'a Overrides,
    /// Which of the file's selectors picked a request.
    used: Vec<bool>,
    /// Which of its folder selectors picked a folder.
    used_folders: Vec<bool>,
    applied: Applied,
    problems: Vec<Problem>,
}

impl Walk<'_> {
    fn items(&mut self, items: &mut [Item], paths: &[String], folders: &[String]) {
        for (item, location) in items.iter_mut().zip(paths) {
            let name = item.name.clone().unwrap_or_default();
            let mut named = folders.to_vec();
            named.push(name);
            if let Some(children) = &mut item.item {
                let by_name = named.join("/");
                for (k, o) in self.overrides.folders.iter().enumerate() {
                    if o.selector.trim() == by_name {
                        self.used_folders[k] = true;
                        let entry = (o.name.clone(), o.at.clone());
                        self.applied.modules.insert(location.to_string(), entry);
                    }
                }
                let paths: Vec<String> = (0..children.len())
                    .map(|i| at(location, &format!("item[{i}]")))
                    .collect();
                self.items(children, &paths, &named);
                continue;
            }
            let Some(spec) = &item.request else { continue };
            let (method, path) = match spec {
                RequestSpec::Full(request) => (
                    request.method_name(),
                    request.url.as_ref().map(|u| UrlParts::of(u).path_display()),
                ),
                RequestSpec::Url(url) => (
                    "GET".to_string(),
                    Some(UrlParts::of(&crate::collection::Url::Raw(url.clone())).path_display()),
                ),
            };
            let by_path = path.map(|p| format!("{method} {p}"));
            let by_name = named.join("/");
            let picked: Vec<usize> = (0..self.overrides.requests.len())
                .filter(|&k| {
                    let selector = self.overrides.requests[k].selector.trim();
                    by_path.as_deref() == Some(selector) || by_name == selector
                })
                .collect();
            for k in picked {
                self.used[k] = true;
                let o = &self.overrides.requests[k];
                self.request(item, location, o);
            }
        }
    }

    /// Applies `o` to the request `item` at `location`.
    fn request(&mut self, item: &mut Item, location: &str, o: &RequestOverride) {
        if o.skip {
            *item = Item::left_out();
            return;
        }
        if let Some(name) = &o.name {
            let entry = (name.clone(), o.at.clone());
            self.applied.names.insert(location.to_string(), entry);
        }
        if let Some(response) = o.response {
            self.applied
                .responses
                .insert(location.to_string(), response);
        }
        if !o.fields.is_empty() || !o.response_fields.is_empty() || !o.query.is_empty() {
            let entry = self.applied.fields.entry(location.to_string()).or_default();
            entry.body.extend(o.fields.iter().cloned());
            entry.response.extend(o.response_fields.iter().cloned());
            entry.query.extend(o.query.iter().cloned());
        }
        let Some(RequestSpec::Full(request)) = &mut item.request else {
            if o.body.is_some() || !o.files.is_empty() {
                self.problem(o, location, "has no body to change");
            }
            return;
        };
        for file in &o.files {
            let field = request
                .body
                .as_mut()
                .filter(|b| b.mode.as_deref() == Some("formdata"))
                .and_then(|b| b.formdata.iter_mut().find(|f| f.key == *file));
            match field {
                Some(field) => field.kind = Some("file".into()),
                None => self.problem(o, location, &format!("has no form field `{file}`")),
            }
        }
        if o.body == Some(BodyMode::Json) {
            match form_as_json(request) {
                Ok(()) => {
                    // The saved examples' requests are what the example calls are made from.
                    for response in &mut item.response {
                        if let Some(original) = &mut response.original_request {
                            let _ = form_as_json(original);
                        }
                    }
                }
                Err(why) => self.problem(o, location, why),
            }
        }
        // A field given a type gets values of it in the body and the examples' requests, so
        // that the example calls are values of their types ("<integer>" becomes 1).
        if o.fields.iter().any(|f| f.ty.is_some()) {
            retype(request, &o.fields);
            for response in &mut item.response {
                if let Some(original) = &mut response.original_request {
                    retype(original, &o.fields);
                }
            }
        }
    }

    fn problem(&mut self, o: &RequestOverride, location: &str, what: &str) {
        self.problems.push(Problem::new(
            Kind::Error,
            o.at.clone(),
            format!("`{}` (the request at {location}) {what}", o.selector),
        ));
    }
}

/// Makes `request`'s form or urlencoded body one JSON object of its enabled fields; a field
/// holding a JSON object or array becomes that value, any other its text. The form's
/// `Content-Type` header goes: the body's language says JSON.
fn form_as_json(request: &mut Request) -> Result<(), &'static str> {
    let Some(body) = &mut request.body else {
        return Err("has no body to send as JSON");
    };
    let fields: &[FormParam] = match body.mode.as_deref() {
        Some("formdata") => &body.formdata,
        Some("urlencoded") => &body.urlencoded,
        _ => return Err("has no form or urlencoded body to send as JSON"),
    };
    let mut object = Map::new();
    for field in fields.iter().filter(|f| !f.disabled) {
        if field.kind.as_deref() == Some("file") {
            return Err("has a file field, which a JSON body cannot hold");
        }
        let text = field.value.clone().unwrap_or_default();
        let trimmed = text.trim();
        let value = match serde_json::from_str::<Value>(trimmed) {
            Ok(value @ (Value::Object(_) | Value::Array(_))) => value,
            _ => Value::String(text),
        };
        object.insert(field.key.clone(), value);
    }
    let raw = serde_json::to_string_pretty(&Value::Object(object))
        .map_err(|_| "has fields that do not make JSON")?;
    *body = Body {
        mode: Some("raw".into()),
        raw: Some(raw),
        options: Some(BodyOptions {
            raw: Some(RawOptions {
                language: Some("json".into()),
            }),
        }),
        ..Body::default()
    };
    if let Some(headers) = &mut request.header {
        let kept: Vec<_> = headers
            .entries()
            .into_iter()
            .filter(|h| !h.key.trim().eq_ignore_ascii_case("content-type"))
            .collect();
        *headers = crate::collection::Headers::List(kept);
    }
    Ok(())
}

/// Gives the fields of `request`'s raw JSON body that `fields` type values of their types.
/// A body that is not JSON (or holds unquoted variables) is left as it is.
fn retype(request: &mut Request, fields: &[FieldOverride]) {
    let Some(raw) = request.body.as_mut().and_then(|b| b.raw.as_mut()) else {
        return;
    };
    let Ok(mut value) = serde_json::from_str::<Value>(raw) else {
        return;
    };
    let mut changed = false;
    for field in fields {
        if let Some(ty) = field.ty {
            changed |= retype_at(&mut value, &field.path, ty);
        }
    }
    if changed && let Ok(text) = serde_json::to_string_pretty(&value) {
        *raw = text;
    }
}

/// Makes the values at `path` in `value` of type `ty`; whether one changed.
fn retype_at(value: &mut Value, path: &[Step], ty: FieldType) -> bool {
    match (value, path) {
        (value, []) => match typed_value(value, ty) {
            Some(typed) => {
                *value = typed;
                true
            }
            None => false,
        },
        (Value::Array(items), [Step::Items, rest @ ..]) => {
            // Every item, not only up to the first that changes.
            let mut changed = false;
            for item in items {
                changed |= retype_at(item, rest, ty);
            }
            changed
        }
        (Value::Object(map), [Step::Key(key), rest @ ..]) => {
            map.get_mut(key).is_some_and(|v| retype_at(v, rest, ty))
        }
        _ => false,
    }
}

/// `value` as a value of `ty`, when it is not one: its text read as the type, or a type hint
/// (`"<integer>"`) as a value of it; `None` when it already is one or cannot be made one.
fn typed_value(value: &Value, ty: FieldType) -> Option<Value> {
    let hint = |text: &str| super::infer::scalar::is_placeholder(text);
    match (ty, value) {
        (FieldType::Integer, Value::String(text)) => match text.trim().parse::<i64>() {
            Ok(n) => Some(Value::from(n)),
            Err(_) => hint(text).then(|| Value::from(1)),
        },
        (FieldType::Number, Value::String(text)) => match text.trim().parse::<f64>() {
            Ok(n) => serde_json::Number::from_f64(n).map(Value::Number),
            Err(_) => hint(text).then(|| Value::from(1.5)),
        },
        (FieldType::Boolean, Value::String(text)) => match text.trim() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            other => hint(other).then_some(Value::Bool(true)),
        },
        (FieldType::String, Value::Number(n)) => Some(Value::String(n.to_string())),
        (FieldType::String, Value::Bool(b)) => Some(Value::String(b.to_string())),
        _ => None,
    }
}

/// Applies `fields` to `shape`, a JSON body's; returns those whose path it does not have.
pub(super) fn shape_fields<'f>(
    shape: &mut Shape,
    fields: &'f [FieldOverride],
) -> Vec<&'f FieldOverride> {
    let mut missing = Vec::new();
    for o in fields {
        let Some(field) = field_mut(shape, &o.path) else {
            missing.push(o);
            continue;
        };
        if let Some(ty) = o.ty {
            let new = match ty {
                FieldType::String => Shape::Str,
                FieldType::Integer => Shape::Int,
                FieldType::Number => Shape::Float,
                FieldType::Boolean => Shape::Bool,
                FieldType::Json => Shape::Any,
            };
            field.shape = match &field.shape {
                Shape::Optional(_) => Shape::Optional(Box::new(new)),
                _ => new,
            };
        }
        match o.required {
            Some(true) => {
                field.always_present = true;
                if let Shape::Optional(inner) = &field.shape {
                    field.shape = (**inner).clone();
                }
            }
            Some(false) => field.always_present = false,
            None => {}
        }
        field.settled |= o.required.is_some();
        if let Some(name) = &o.name {
            field.name = Some(name.clone());
        }
    }
    missing
}

/// The field at `path` inside `shape`, through optional values and list items.
fn field_mut<'s>(shape: &'s mut Shape, path: &[Step]) -> Option<&'s mut Field> {
    match (shape, path) {
        (Shape::Optional(inner), _) => field_mut(inner, path),
        (Shape::Array(items), [Step::Items, rest @ ..]) => field_mut(items, rest),
        (Shape::Object { fields, .. }, [Step::Key(key), rest @ ..]) => {
            let field = fields.iter_mut().find(|f| f.key == *key)?;
            if rest.is_empty() {
                Some(field)
            } else {
                field_mut(&mut field.shape, rest)
            }
        }
        _ => None,
    }
}
