//! Repairs of what real exports contain although the schema does not allow it.
//!
//! Lenient input, strict output: before the typed parse, the JSON is walked along the schema
//! and the common deviations are mended, each with a warning naming its JSON location:
//! `null` or `""` where an array belongs, numbers, booleans or `null` where strings belong,
//! `items` for `item`, a status code written as a string, an `originalRequest` that is only a
//! URL, a raw body written as JSON, and headers or form fields without a `key`.
//!
//! `levels.rs` reads the file a level at a time and applies the rules of each level here (a
//! collection's own fields, a folder's, a whole request item), in the order a walk of the whole
//! tree would, so the warnings come in document order.

use serde_json::{Map, Value};

use crate::error::{Kind, Problem};
use crate::util;

/// Mends `value`, the item at `at`, in place (its items too); returns one warning per repair.
pub fn item(value: &mut Value, at: &str) -> Vec<Problem> {
    let mut r = Repairs::default();
    if let Some(item) = value.as_object_mut() {
        r.item(item, at);
    }
    r.warnings
}

type Object = Map<String, Value>;

#[derive(Default)]
pub(super) struct Repairs {
    pub(super) warnings: Vec<Problem>,
}

impl Repairs {
    fn warn(&mut self, location: String, message: &str) {
        self.warnings
            .push(Problem::new(Kind::Repaired, location, message));
    }

    /// A collection's own fields before its items: the name in `info`.
    pub(super) fn collection_head(&mut self, top: &mut Object, at: &str) {
        if let Some(info) = top.get_mut("info").and_then(Value::as_object_mut) {
            self.string(info, "name", &util::at(at, "info"));
        }
    }

    /// A collection's own fields after its items.
    pub(super) fn collection_tail(&mut self, top: &mut Object, at: &str) {
        self.variables(top, at);
        self.auth(top, at);
        self.array(top, "event", at);
    }

    /// `items` is read as `item`.
    pub(super) fn renamed_items(&mut self, at: &str) {
        let message = "`items` where the schema says `item`; read as `item`";
        self.warn(util::at(at, "items"), message);
    }

    /// `null`, `""` or a lone object where an array belongs.
    pub(super) fn array(&mut self, obj: &mut Object, key: &str, at: &str) {
        let location = util::at(at, key);
        match obj.get(key) {
            Some(Value::Null) => {
                obj.insert(key.into(), Value::Array(Vec::new()));
                self.warn(location, "null where an array belongs; read as empty");
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                obj.insert(key.into(), Value::Array(Vec::new()));
                self.warn(
                    location,
                    "an empty string where an array belongs; read as empty",
                );
            }
            Some(Value::Object(_)) => {
                let single = obj.remove(key).unwrap_or_default();
                obj.insert(key.into(), Value::Array(vec![single]));
                self.warn(
                    location,
                    "an object where an array belongs; read as a list of one",
                );
            }
            _ => {}
        }
    }

    /// A number or boolean where a string belongs, or `null` for an optional string.
    fn string(&mut self, obj: &mut Object, key: &str, at: &str) {
        match obj.get(key) {
            Some(value @ (Value::Number(_) | Value::Bool(_))) => {
                let text = value.to_string();
                obj.insert(key.into(), Value::String(text));
                let message = "a number or boolean where a string belongs; read as text";
                self.warn(util::at(at, key), message);
            }
            Some(Value::Null) => {
                obj.remove(key);
                self.warn(
                    util::at(at, key),
                    "null where a string belongs; read as absent",
                );
            }
            _ => {}
        }
    }

    /// JSON where a text belongs (a raw body written as an object): read as its JSON text.
    fn text(&mut self, obj: &mut Object, key: &str, at: &str) {
        if let Some(value @ (Value::Object(_) | Value::Array(_))) = obj.get(key) {
            let text = serde_json::to_string_pretty(value).unwrap_or_default();
            obj.insert(key.into(), Value::String(text));
            self.warn(
                util::at(at, key),
                "JSON where a text belongs; read as its JSON text",
            );
        } else {
            self.string(obj, key, at);
        }
    }

    /// Applies `f` to each object of the array `obj[key]`, after mending the array itself.
    fn each(
        &mut self,
        obj: &mut Object,
        key: &str,
        at: &str,
        f: impl Fn(&mut Self, &mut Object, &str),
    ) {
        self.array(obj, key, at);
        if let Some(Value::Array(items)) = obj.get_mut(key) {
            for (i, entry) in items.iter_mut().enumerate() {
                if let Some(entry) = entry.as_object_mut() {
                    f(self, entry, &format!("{}[{i}]", util::at(at, key)));
                }
            }
        }
    }

    fn items(&mut self, obj: &mut Object, at: &str) {
        if !obj.contains_key("item") && obj.contains_key("items") {
            let items = obj.remove("items").unwrap_or_default();
            obj.insert("item".into(), items);
            self.renamed_items(at);
        }
        self.each(obj, "item", at, |r, item, at| r.item(item, at));
    }

    fn variables(&mut self, obj: &mut Object, at: &str) {
        self.each(obj, "variable", at, |r, var, at| {
            r.string(var, "key", at);
            r.string(var, "id", at);
        });
    }

    fn auth(&mut self, obj: &mut Object, at: &str) {
        if let Some(auth) = obj.get_mut("auth").and_then(Value::as_object_mut) {
            self.string(auth, "type", &util::at(at, "auth"));
        }
    }

    /// An item's own fields before its items or request: those a folder and a request share.
    pub(super) fn item_head(&mut self, item: &mut Object, at: &str) {
        self.string(item, "name", at);
        self.array(item, "event", at);
        self.variables(item, at);
        self.auth(item, at);
    }

    fn item(&mut self, item: &mut Object, at: &str) {
        self.item_head(item, at);
        if item.contains_key("item") || item.contains_key("items") {
            self.items(item, at);
            return;
        }
        if let Some(request) = item.get_mut("request").and_then(Value::as_object_mut) {
            self.request(request, &util::at(at, "request"));
        }
        self.each(item, "response", at, |r, response, at| {
            r.response(response, at)
        });
    }

    fn request(&mut self, request: &mut Object, at: &str) {
        self.string(request, "method", at);
        self.keyed_list(request, "header", at);
        self.auth(request, at);
        if let Some(url) = request.get_mut("url").and_then(Value::as_object_mut) {
            let url_at = util::at(at, "url");
            self.string(url, "raw", &url_at);
            self.string(url, "port", &url_at);
            self.each(url, "query", &url_at, |r, q, at| {
                r.string(q, "key", at);
                // A null value means something here: the key is sent without `=`.
                if !q.get("value").is_some_and(Value::is_null) {
                    r.string(q, "value", at);
                }
            });
            self.variables(url, &url_at);
        }
        if let Some(body) = request.get_mut("body").and_then(Value::as_object_mut) {
            let body_at = util::at(at, "body");
            self.string(body, "mode", &body_at);
            self.text(body, "raw", &body_at);
            for mode in ["formdata", "urlencoded"] {
                self.keyed_list(body, mode, &body_at);
            }
        }
    }

    /// A list of `{key, value}` entries (headers, form fields). Entries without a key are left
    /// out: nothing could be sent for them.
    fn keyed_list(&mut self, obj: &mut Object, list: &str, at: &str) {
        self.array(obj, list, at);
        let Some(Value::Array(entries)) = obj.get_mut(list) else {
            return;
        };
        let mut dropped = Vec::new();
        for (i, entry) in entries.iter_mut().enumerate() {
            let location = format!("{}[{i}]", util::at(at, list));
            let Some(entry) = entry.as_object_mut() else {
                dropped.push(i);
                self.warn(location, "an entry that is not an object; left out");
                continue;
            };
            self.string(entry, "key", &location);
            self.string(entry, "value", &location);
            if !entry.get("key").is_some_and(Value::is_string) {
                dropped.push(i);
                self.warn(location, "an entry without a `key`; left out");
            }
        }
        for i in dropped.into_iter().rev() {
            entries.remove(i);
        }
    }

    fn response(&mut self, response: &mut Object, at: &str) {
        self.string(response, "name", at);
        self.string(response, "status", at);
        self.text(response, "body", at);
        let code_at = util::at(at, "code");
        match response.get("code") {
            Some(Value::String(code)) => match code.trim().parse::<u16>() {
                Ok(number) => {
                    response.insert("code".into(), Value::from(number));
                    self.warn(
                        code_at,
                        "a status code written as a string; read as a number",
                    );
                }
                Err(_) => {
                    response.remove("code");
                    self.warn(code_at, "not an HTTP status code; the example is left out");
                }
            },
            Some(Value::Null) | None => {}
            Some(code) if code.as_u64().is_some_and(|c| c <= u64::from(u16::MAX)) => {}
            Some(_) => {
                response.remove("code");
                self.warn(code_at, "not an HTTP status code; the example is left out");
            }
        }
        match response.get("originalRequest") {
            Some(Value::String(url)) => {
                let mut request = Map::new();
                request.insert("url".into(), Value::String(url.clone()));
                response.insert("originalRequest".into(), Value::Object(request));
                let message = "an `originalRequest` that is only a URL; read as a GET of that URL";
                self.warn(util::at(at, "originalRequest"), message);
            }
            Some(Value::Object(_)) => {
                if let Some(request) = response
                    .get_mut("originalRequest")
                    .and_then(Value::as_object_mut)
                {
                    self.request(request, &util::at(at, "originalRequest"));
                }
            }
            _ => {}
        }
        self.keyed_list(response, "header", at);
        self.array(response, "cookie", at);
    }
}
