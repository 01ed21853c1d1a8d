//! Repairs of what real exports contain although the schema does not allow it.
//!
//! Lenient input, strict output: before the typed parse, the JSON tree is walked along the
//! schema and the common deviations are mended, each with a warning naming its JSON location:
//! `null` or `""` where an array belongs, numbers and booleans where strings belong, `items` for
//! `item`, a status code written as a string, an `originalRequest` that is only a URL, and
//! headers without a `key`.

use serde_json::{Map, Value};

use crate::error::Problem;

/// Mends `value` (a whole collection) in place; returns one warning per repair.
pub fn collection(value: &mut Value, prefix: &str) -> Vec<Problem> {
    let mut r = Repairs::default();
    if let Some(top) = value.as_object_mut() {
        if let Some(info) = top.get_mut("info").and_then(Value::as_object_mut) {
            r.string(info, "name", &join(prefix, "info"));
        }
        r.items(top, prefix);
        r.variables(top, prefix);
        r.array(top, "event", prefix);
    }
    r.warnings
}

/// Mends a single item in place.
pub fn item(value: &mut Value) -> Vec<Problem> {
    let mut r = Repairs::default();
    if let Some(item) = value.as_object_mut() {
        r.item(item, "");
    }
    r.warnings
}

fn join(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_string()
    } else {
        format!("{base}.{field}")
    }
}

#[derive(Default)]
struct Repairs {
    warnings: Vec<Problem>,
}

impl Repairs {
    fn warn(&mut self, location: String, message: &str) {
        self.warnings.push(Problem {
            location,
            message: message.to_string(),
        });
    }

    /// `null`, `""` or a lone object where an array belongs.
    fn array(&mut self, obj: &mut Map<String, Value>, key: &str, at: &str) {
        let location = join(at, key);
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

    /// A number or boolean where a string belongs.
    fn string(&mut self, obj: &mut Map<String, Value>, key: &str, at: &str) {
        if let Some(value @ (Value::Number(_) | Value::Bool(_))) = obj.get(key) {
            let text = value.to_string();
            obj.insert(key.into(), Value::String(text));
            self.warn(
                join(at, key),
                "a number or boolean where a string belongs; read as text",
            );
        }
    }

    fn each(
        &mut self,
        obj: &mut Map<String, Value>,
        key: &str,
        at: &str,
        f: impl Fn(&mut Self, &mut Map<String, Value>, &str),
    ) {
        self.array(obj, key, at);
        if let Some(Value::Array(items)) = obj.get_mut(key) {
            for (i, entry) in items.iter_mut().enumerate() {
                if let Some(entry) = entry.as_object_mut() {
                    f(self, entry, &format!("{}[{i}]", join(at, key)));
                }
            }
        }
    }

    fn items(&mut self, obj: &mut Map<String, Value>, at: &str) {
        if !obj.contains_key("item") && obj.contains_key("items") {
            let items = obj.remove("items").unwrap_or_default();
            obj.insert("item".into(), items);
            self.warn(
                join(at, "items"),
                "`items` where the schema says `item`; read as `item`",
            );
        }
        self.each(obj, "item", at, |r, item, at| r.item(item, at));
    }

    fn variables(&mut self, obj: &mut Map<String, Value>, at: &str) {
        self.each(obj, "variable", at, |r, var, at| {
            r.string(var, "key", at);
            r.string(var, "id", at);
        });
    }

    fn item(&mut self, item: &mut Map<String, Value>, at: &str) {
        self.string(item, "name", at);
        self.array(item, "event", at);
        self.variables(item, at);
        if item.contains_key("item") || item.contains_key("items") {
            self.items(item, at);
            return;
        }
        if let Some(request) = item.get_mut("request").and_then(Value::as_object_mut) {
            self.request(request, &join(at, "request"));
        }
        self.each(item, "response", at, |r, response, at| {
            r.response(response, at)
        });
    }

    fn request(&mut self, request: &mut Map<String, Value>, at: &str) {
        self.string(request, "method", at);
        self.header_list(request, at);
        if let Some(url) = request.get_mut("url").and_then(Value::as_object_mut) {
            let url_at = join(at, "url");
            self.string(url, "raw", &url_at);
            self.string(url, "port", &url_at);
            self.each(url, "query", &url_at, |r, q, at| {
                r.string(q, "key", at);
                r.string(q, "value", at);
            });
            self.variables(url, &url_at);
        }
        if let Some(body) = request.get_mut("body").and_then(Value::as_object_mut) {
            let body_at = join(at, "body");
            self.string(body, "raw", &body_at);
            for mode in ["formdata", "urlencoded"] {
                self.each(body, mode, &body_at, |r, field, at| {
                    r.string(field, "key", at);
                    r.string(field, "value", at);
                });
            }
        }
    }

    fn header_list(&mut self, obj: &mut Map<String, Value>, at: &str) {
        self.array(obj, "header", at);
        let Some(Value::Array(headers)) = obj.get_mut("header") else {
            return;
        };
        let mut dropped = Vec::new();
        for (i, header) in headers.iter_mut().enumerate() {
            let Some(header) = header.as_object_mut() else {
                continue;
            };
            let location = format!("{}[{i}]", join(at, "header"));
            self.string(header, "key", &location);
            self.string(header, "value", &location);
            if !header.get("key").is_some_and(Value::is_string) {
                dropped.push(i);
                self.warn(location, "a header without a `key`; left out");
            }
        }
        for i in dropped.into_iter().rev() {
            headers.remove(i);
        }
    }

    fn response(&mut self, response: &mut Map<String, Value>, at: &str) {
        self.string(response, "name", at);
        self.string(response, "status", at);
        self.string(response, "body", at);
        if let Some(Value::String(code)) = response.get("code")
            && let Ok(number) = code.trim().parse::<u16>()
        {
            response.insert("code".into(), Value::from(number));
            self.warn(
                join(at, "code"),
                "a status code written as a string; read as a number",
            );
        }
        match response.get("originalRequest") {
            Some(Value::String(url)) => {
                let url = url.clone();
                let mut request = Map::new();
                request.insert("url".into(), Value::String(url));
                response.insert("originalRequest".into(), Value::Object(request));
                self.warn(
                    join(at, "originalRequest"),
                    "an `originalRequest` that is only a URL; read as a GET of that URL",
                );
            }
            Some(Value::Object(_)) => {
                if let Some(request) = response
                    .get_mut("originalRequest")
                    .and_then(Value::as_object_mut)
                {
                    self.request(request, &join(at, "originalRequest"));
                }
            }
            _ => {}
        }
        self.header_list(response, at);
        self.array(response, "cookie", at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn real_export_deviations_are_mended_with_locations() {
        let mut value = json!({
            "info": {"name": 7},
            "event": null,
            "items": [{"name": "r", "request": {
                "header": [{"value": "no key"}, {"key": "X-N", "value": 5}],
                "body": {"mode": "formdata", "formdata": ""}
            }, "response": [{"code": "200", "originalRequest": "https://x.test"}]}]
        });
        let warnings = collection(&mut value, "");
        let locations: Vec<&str> = warnings.iter().map(|w| w.location.as_str()).collect();
        assert_eq!(
            locations,
            [
                "info.name",
                "items",
                "item[0].request.header[0]",
                "item[0].request.header[1].value",
                "item[0].request.body.formdata",
                "item[0].response[0].code",
                "item[0].response[0].originalRequest",
                "event",
            ]
        );
        assert_eq!(value["info"]["name"], "7");
        assert_eq!(
            value["item"][0]["request"]["header"],
            json!([{"key": "X-N", "value": "5"}])
        );
        assert_eq!(value["item"][0]["request"]["body"]["formdata"], json!([]));
        assert_eq!(value["item"][0]["response"][0]["code"], 200);
        assert_eq!(
            value["item"][0]["response"][0]["originalRequest"],
            json!({"url": "https://x.test"})
        );
        assert_eq!(value["event"], json!([]));
    }
}
