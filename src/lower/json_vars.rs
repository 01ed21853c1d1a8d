//! `{{variables}}` in raw JSON bodies, read as Postman's runner substitutes them.
//!
//! Postman replaces each `{{name}}` in a body's text before sending it, so `"{{code}}"` becomes
//! a string and an unquoted `"amount": {{amount}}`, which is no JSON until then, a number. A
//! field whose whole value is a variable the collection gives a value is bound to it: the
//! typed client's field is optional, and the runtime fills in the client's variable when the
//! caller leaves it out. A variable without a value is the caller's: a quoted one stays the
//! text `{{code}}` (an ordinary string field), an unquoted one reads as `null` (any JSON).

use serde_json::Value;

use super::infer::shape::Shape;
use crate::model::JsonVar as Bound;
use crate::text::vars::{dynamic_is_integer, whole_variable};

/// A raw JSON body with its variables read.
#[derive(Debug)]
pub(super) struct JsonWithVars {
    /// The body as Postman sends it with the collection's values: bound fields hold their
    /// variables' values, an unquoted variable without one is `null`.
    pub sent: Value,
    /// The fields bound to variables, in document order (the model's `JsonVar`s).
    pub bound: Vec<Bound>,
}

/// Marks an unquoted variable inside the JSON text read: a string no collection writes, as it
/// starts with NUL, which JSON text can only hold escaped.
const UNQUOTED: char = '\0';

impl JsonWithVars {
    /// Reads `text`, taking variables' values from `value_of` (non-empty values only).
    pub(super) fn read<'a>(
        text: &str,
        value_of: impl Fn(&str) -> Option<&'a str>,
    ) -> serde_json::Result<JsonWithVars> {
        let mut sent: Value = serde_json::from_str(&quote_variables(text))?;
        let mut bound = Vec::new();
        bind(&mut sent, &mut String::new(), &value_of, &mut bound);
        Ok(JsonWithVars { sent, bound })
    }

    /// What a caller passes to send what Postman sends: `sent` without the bound fields,
    /// which the client fills in (an item of a list is `null` instead).
    pub(super) fn given(&self) -> Value {
        let mut given = self.sent.clone();
        for bound in &self.bound {
            let (parent, last) = bound
                .pointer
                .rsplit_once('/')
                .expect("a pointer below the root");
            match given.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.shift_remove(&unescape(last));
                }
                Some(Value::Array(items)) => {
                    if let Some(item) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                        *item = Value::Null;
                    }
                }
                _ => {}
            }
        }
        given
    }

    /// The shape of the body a caller passes: bound fields optional, each naming its variable.
    pub(super) fn shape(&self) -> Shape {
        let mut shape = Shape::of_sent(&self.sent);
        for bound in &self.bound {
            let tokens: Vec<String> = bound.pointer.split('/').skip(1).map(unescape).collect();
            // An unquoted `{{$randomInt}}` is a number the runtime makes, whose `{{$name}}`
            // stand-in here reads as text.
            let made = (bound.unquoted && dynamic_is_integer(&bound.key))
                .then(|| Shape::of_sent(&Value::from(0)));
            loosen(&mut shape, &tokens, &bound.key, made);
        }
        shape
    }
}

/// `text` with each `{{name}}` outside a JSON string made a string marked [`UNQUOTED`], so the
/// text parses where Postman's substitution would make it JSON.
fn quote_variables(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_string {
            match (escaped, c) {
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => escaped = false,
            }
        } else if c == '"' {
            in_string = true;
        } else if let Some(name) = rest
            .strip_prefix("{{")
            .and_then(|after| after.split_once("}}"))
            .map(|(name, _)| name)
            .filter(|name| !name.contains(['{', '"', '\n']))
        {
            let marked = format!("{UNQUOTED}{{{{{name}}}}}");
            out.push_str(&Value::String(marked).to_string());
            rest = &rest[name.len() + 4..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Replaces each variable under `value` (at `pointer`) as Postman would, recording the fields
/// it binds.
fn bind<'a>(
    value: &mut Value,
    pointer: &mut String,
    value_of: &impl Fn(&str) -> Option<&'a str>,
    bound: &mut Vec<Bound>,
) {
    match value {
        Value::String(text) => {
            let (text, unquoted) = match text.strip_prefix(UNQUOTED) {
                Some(rest) => (rest, true),
                None => (text.as_str(), false),
            };
            let Some(name) = whole_variable(text) else {
                return;
            };
            let replaced = match value_of(name) {
                Some(text) => {
                    // A body that is one variable is the caller's whole argument: its value is
                    // the example, with no field to fill in.
                    if !pointer.is_empty() {
                        bound.push(Bound {
                            pointer: pointer.clone(),
                            key: name.to_string(),
                            unquoted,
                        });
                    }
                    match unquoted {
                        true => serde_json::from_str(text)
                            .unwrap_or_else(|_| Value::String(text.to_string())),
                        false => Value::String(text.to_string()),
                    }
                }
                None if unquoted => Value::Null,
                None => return,
            };
            *value = replaced;
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                bind(item, pointer, value_of, bound);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                bind(item, pointer, value_of, bound);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Makes the field at `tokens` optional and bound to the variable `name` (of shape `made`,
/// when its value is made at send time).
fn loosen(shape: &mut Shape, tokens: &[String], name: &str, made: Option<Shape>) {
    let Some((first, rest)) = tokens.split_first() else {
        return;
    };
    match shape {
        Shape::Object { fields, .. } => {
            if let Some(field) = fields.iter_mut().find(|f| &f.key == first) {
                match rest.is_empty() {
                    true => {
                        field.always_present = false;
                        field.variable = Some(name.to_string());
                        if let Some(made) = made {
                            field.shape = made;
                        }
                    }
                    false => loosen(&mut field.shape, rest, name, made),
                }
            }
        }
        // `null` in some examples is no level of the pointer.
        Shape::Optional(inner) => loosen(inner, tokens, name, made),
        Shape::Array(item) | Shape::Map(item) => match rest.is_empty() {
            // A list item itself: any item may be left out (`null`).
            true if !matches!(**item, Shape::Optional(_)) => {
                let inner = std::mem::replace(&mut **item, Shape::Unknown);
                **item = Shape::Optional(Box::new(inner));
            }
            true => {}
            false => loosen(item, rest, name, made),
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn values(name: &str) -> Option<&'static str> {
        match name {
            "currency" => Some("EUR"),
            "limit" => Some("25"),
            "label" => Some("not json"),
            _ => None,
        }
    }

    #[test]
    fn variables_read_as_postman_substitutes_them() {
        let text = r#"{"currency": "{{currency}}", "limit": {{limit}}, "label": {{label}},
            "code": "{{code}}", "amount": {{amount}}, "note": "a {{currency}} note",
            "brace": "}}{{", "escaped": "\"{{limit}}\"", "items": [{"max": {{limit}}}]}"#;
        let body = JsonWithVars::read(text, values).unwrap();
        assert_eq!(
            body.sent,
            json!({"currency": "EUR", "limit": 25, "label": "not json", "code": "{{code}}",
                "amount": null, "note": "a {{currency}} note", "brace": "}}{{",
                "escaped": "\"{{limit}}\"", "items": [{"max": 25}]})
        );
        let bound: Vec<(&str, &str, bool)> = body
            .bound
            .iter()
            .map(|b| (b.pointer.as_str(), b.key.as_str(), b.unquoted))
            .collect();
        assert_eq!(
            bound,
            [
                ("/currency", "currency", false),
                ("/limit", "limit", true),
                ("/label", "label", true),
                ("/items/0/max", "limit", true),
            ]
        );
        assert_eq!(
            body.given(),
            json!({"code": "{{code}}", "amount": null, "note": "a {{currency}} note",
                "brace": "}}{{", "escaped": "\"{{limit}}\"", "items": [{}]})
        );
    }

    #[test]
    fn bound_fields_are_optional_and_name_their_variable() {
        let body =
            JsonWithVars::read(r#"{"a": {"b~/c": "{{currency}}"}, "n": 1}"#, values).unwrap();
        assert_eq!(body.bound[0].pointer, "/a/b~0~1c");
        let Shape::Object { fields, .. } = body.shape() else {
            panic!("an object")
        };
        let Shape::Object { fields: inner, .. } = &fields[0].shape else {
            panic!("an object")
        };
        assert!(!inner[0].always_present);
        assert_eq!(inner[0].variable.as_deref(), Some("currency"));
        assert!(fields[1].always_present && fields[1].variable.is_none());
        assert_eq!(body.given(), json!({"a": {}, "n": 1}));
    }

    #[test]
    fn a_body_that_is_one_variable_binds_no_field() {
        let body = JsonWithVars::read("{{limit}}", values).unwrap();
        assert_eq!((body.sent.clone(), body.bound.len()), (json!(25), 0));
        assert_eq!(body.given(), json!(25));
    }

    #[test]
    fn a_field_of_list_items_some_null_is_loosened() {
        let body =
            JsonWithVars::read(r#"{"items": [{"sku": "{{currency}}"}, null]}"#, values).unwrap();
        let Shape::Object { fields, .. } = body.shape() else {
            panic!("an object")
        };
        let Shape::Array(item) = &fields[0].shape else {
            panic!("a list")
        };
        let Shape::Optional(item) = &**item else {
            panic!("items may be null: {item:?}")
        };
        let Shape::Object { fields: inner, .. } = &**item else {
            panic!("an object item")
        };
        assert_eq!(inner[0].variable.as_deref(), Some("currency"));
        assert!(!inner[0].always_present);
    }

    #[test]
    fn text_that_is_no_json_with_its_variables_is_refused() {
        assert!(JsonWithVars::read(r#"{"a": {{x}}.5}"#, values).is_err());
        assert!(JsonWithVars::read(r#"{"a": "{{x}}"#, values).is_err());
    }
}
