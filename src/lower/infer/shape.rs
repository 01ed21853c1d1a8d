//! The shape of JSON examples, unified across examples.
//!
//! A Postman collection has no schema, only example bodies. Each example is read into a
//! [`Shape`], and the shapes of all examples of one body are unified (as json_typegen does):
//! integers stay integers unless a float appears, `null` makes a value optional, a key missing
//! from some examples makes the field optional, incompatible shapes become "any JSON", and an
//! object whose keys are all data (ids, numbers, dates) is a map rather than a struct.
//!
//! An object also counts the saved examples it was seen in: the evidence a key that is always
//! there is required (see [`crate::lower::json_types`]). Items of one array, or values of one
//! map, are one example however many there are: converters fill arrays with copies of one
//! faked item.

use serde_json::Value;

use super::scalar::{Scalar, is_placeholder, placeholder};

/// The inferred shape of a JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Nothing seen yet: the items of an empty array.
    Unknown,
    /// Only `null` seen.
    Null,
    Bool,
    Int,
    Float,
    Str,
    /// A value that may be `null`.
    Optional(Box<Shape>),
    Array(Box<Shape>),
    Object {
        fields: Vec<Field>,
        /// How many saved examples show this object.
        examples: u32,
    },
    /// An object whose keys are data (`{"2024-01-01": 3, "2024-01-02": 5}`): a map from string
    /// keys to values of one shape.
    Map(Box<Shape>),
    /// Examples disagree: any JSON value.
    Any,
    /// The example is a type's name (`"integer"`), which a converter wrote instead of a value:
    /// the API sends a value of that type, or that text. Any JSON, unless another example
    /// shows a string.
    TypeName,
}

/// A key of an object shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub shape: Shape,
    /// False when some example lacked the key.
    pub always_present: bool,
    /// The client variable a sent body fills this field with (`"{{name}}"`), which the client
    /// sends when the caller leaves the field out.
    pub variable: Option<String>,
    /// The Rust name the overrides file pins.
    pub name: Option<String>,
    /// Whether the overrides file decides if the field is required (its docs then give no
    /// reason from the examples).
    pub settled: bool,
}

impl Shape {
    /// The shape of one example value.
    pub fn of(value: &Value) -> Shape {
        Shape::read(value, true)
    }

    /// The shape of one example value that the client sends: its strings are strings, type
    /// hints included, because the collection's example is what the call sends (a hint read
    /// as an integer would make the example no value of its own type).
    pub fn of_sent(value: &Value) -> Shape {
        Shape::read(value, false)
    }

    /// The shape of `value`, reading type hints in strings when `hints`.
    fn read(value: &Value, hints: bool) -> Shape {
        match value {
            Value::Null => Shape::Null,
            Value::Bool(_) => Shape::Bool,
            Value::Number(n) if n.is_i64() => Shape::Int,
            // A u64 beyond i64 would lose digits as f64: keep the exact JSON.
            Value::Number(n) if n.is_u64() => Shape::Any,
            Value::Number(_) => Shape::Float,
            Value::String(text) if hints => string_shape(text),
            Value::String(_) => Shape::Str,
            Value::Array(items) => {
                Shape::Array(Box::new(items.iter().fold(Shape::Unknown, |acc, item| {
                    acc.merge(Shape::read(item, hints), false)
                })))
            }
            Value::Object(map) if !map.is_empty() && map.keys().all(|k| is_data_key(k)) => {
                Shape::Map(Box::new(map.values().fold(Shape::Unknown, |acc, v| {
                    acc.merge(Shape::read(v, hints), false)
                })))
            }
            // What Postman's OpenAPI converter writes where it gave up on a schema: the value
            // could be anything the schema allows, so it is any JSON, not a struct of `value`.
            Value::Object(map) if map.values().any(is_converter_placeholder) => Shape::Any,
            Value::Object(map) => Shape::Object {
                fields: map
                    .iter()
                    .map(|(key, value)| Field {
                        key: key.clone(),
                        shape: Shape::read(value, hints),
                        always_present: true,
                        variable: None,
                        name: None,
                        settled: false,
                    })
                    .collect(),
                examples: 1,
            },
        }
    }

    /// The most specific shape that both `self` and `other`, the shapes of different saved
    /// examples, fit.
    pub fn unify(self, other: Shape) -> Shape {
        self.merge(other, true)
    }

    /// [`Shape::unify`]; `apart` says whether the two come from different examples, whose
    /// objects add up as evidence, or from one (items of one array), whose do not.
    fn merge(self, other: Shape, apart: bool) -> Shape {
        use Shape::*;
        match (self, other) {
            (Unknown, s) | (s, Unknown) => s,
            (Any, _) | (_, Any) => Any,
            (TypeName, TypeName) => TypeName,
            (TypeName, Null) | (Null, TypeName) => Optional(Box::new(TypeName)),
            // The name may be text the API really sends: with a string shown elsewhere it is
            // one; with another value, either may come, which only any JSON decodes.
            (TypeName, Str) | (Str, TypeName) => Str,
            (TypeName, _) | (_, TypeName) => Any,
            (Null, Null) => Null,
            (Null, Optional(s)) | (Optional(s), Null) => Optional(s),
            (Null, s) | (s, Null) => Optional(Box::new(s)),
            (Optional(a), Optional(b)) => Optional(Box::new(a.merge(*b, apart))),
            (Optional(a), b) | (b, Optional(a)) => match a.merge(b, apart) {
                Any => Any,
                s => Optional(Box::new(s)),
            },
            (Int, Float) | (Float, Int) => Float,
            (Array(a), Array(b)) => Array(Box::new(a.merge(*b, apart))),
            (
                Object {
                    fields: a,
                    examples: n,
                },
                Object {
                    fields: b,
                    examples: m,
                },
            ) => Object {
                fields: merge_fields(a, b, apart),
                examples: if apart { n + m } else { n.max(m) },
            },
            (Map(a), Map(b)) => Map(Box::new(a.merge(*b, apart))),
            // An empty object is an empty map; a map and a struct disagree.
            (Map(a), Object { fields, .. }) | (Object { fields, .. }, Map(a))
                if fields.is_empty() =>
            {
                Map(a)
            }
            (a, b) if a == b => a,
            _ => Any,
        }
    }
}

/// The shape of a string example: a converter's type hint is the type it names (`<integer>`
/// is an integer, as openapi-to-postmanv2 writes one), a type's bare name (`integer`) or the
/// converter's note for a schema without a type stands for a value the example does not show.
fn string_shape(text: &str) -> Shape {
    if is_placeholder(text) {
        return match placeholder(text) {
            Scalar::Int => Shape::Int,
            Scalar::Float => Shape::Float,
            Scalar::Bool => Shape::Bool,
            Scalar::Str | Scalar::Enum(_) => Shape::Str,
        };
    }
    let names = [
        "integer", "number", "boolean", "int", "long", "double", "float", "int32", "int64",
        "object", "array",
    ];
    if names.contains(&text.trim().to_ascii_lowercase().as_str())
        || text == "schema type not provided"
    {
        return Shape::TypeName;
    }
    Shape::Str
}

/// Whether `value` is the text openapi-to-postmanv2 puts in an example for a schema it could
/// not fake (`<Error: Too many levels of nesting to fake this schema>`, `<Circular reference
/// to #/components/schemas/Category detected>`).
fn is_converter_placeholder(value: &Value) -> bool {
    value.as_str().is_some_and(|text| {
        text.starts_with("<Error: Too many levels of nesting")
            || text.starts_with("<Circular reference to ")
    })
}

/// Whether an object key is data rather than a field name: a number, a UUID, a date or
/// date-time, a long hexadecimal id, or the converter's `key_0`. Field names are words; these
/// never are.
pub fn is_data_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    let digits = !key.is_empty() && bytes.iter().all(u8::is_ascii_digit);
    let hex_id = key.len() >= 16 && bytes.iter().all(u8::is_ascii_hexdigit);
    let uuid = key.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    // 2024-01-31, 2024-01-31T10:00:00Z, ...
    let date = key.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
        && (key[10..].starts_with('T') || !key[10..].chars().any(char::is_alphabetic));
    // openapi-to-postmanv2 fakes a map (`additionalProperties`) as `key_0`, `key_1`, ...
    let faked = key
        .strip_prefix("key_")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    digits || hex_id || uuid || date || faked
}

/// Merges the keys of two objects, in the order they were first seen.
fn merge_fields(a: Vec<Field>, mut b: Vec<Field>, apart: bool) -> Vec<Field> {
    let mut merged = Vec::with_capacity(a.len().max(b.len()));
    for field in a {
        match b.iter().position(|f| f.key == field.key) {
            Some(i) => {
                let other = b.remove(i);
                merged.push(Field {
                    key: field.key,
                    shape: field.shape.merge(other.shape, apart),
                    always_present: field.always_present && other.always_present,
                    variable: field.variable.or(other.variable),
                    name: field.name.or(other.name),
                    settled: field.settled || other.settled,
                });
            }
            None => merged.push(Field {
                always_present: false,
                ..field
            }),
        }
    }
    merged.extend(b.into_iter().map(|f| Field {
        always_present: false,
        ..f
    }));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn unified(values: &[Value]) -> Shape {
        values
            .iter()
            .fold(Shape::Unknown, |acc, v| acc.unify(Shape::of(v)))
    }

    #[test]
    fn type_hints_are_types_and_type_names_any_json() {
        let received = Shape::of(&json!({
            "count": "<integer>", "ratio": "<number>", "on": "<boolean>", "at": "<dateTime>",
            "kind": "integer", "raw": "schema type not provided", "name": "string [uuid]"
        }));
        let Shape::Object { fields, .. } = received else {
            panic!("an object")
        };
        let shapes: Vec<&Shape> = fields.iter().map(|f| &f.shape).collect();
        use Shape::*;
        assert_eq!(
            shapes,
            [&Int, &Float, &Bool, &Str, &TypeName, &TypeName, &Str]
        );
        // Another example's value: the example with the name must decode too.
        assert_eq!(
            Shape::of(&json!("integer")).unify(Shape::of(&json!(3))),
            Any
        );
        assert_eq!(
            Shape::of(&json!("integer")).unify(Shape::of(&json!("x"))),
            Str
        );
        // What the client sends keeps its hints as text: the example is what it sends.
        assert_eq!(Shape::of_sent(&json!("<integer>")), Str);
    }

    #[test]
    fn numbers_widen_only_when_a_float_appears() {
        assert_eq!(unified(&[json!(1), json!(2)]), Shape::Int);
        assert_eq!(unified(&[json!(1), json!(2.5)]), Shape::Float);
    }

    #[test]
    fn null_and_missing_keys_make_options() {
        let shape = unified(&[json!({"a": 1, "b": null}), json!({"b": "x"})]);
        assert_eq!(
            shape,
            Shape::Object {
                fields: vec![
                    Field {
                        key: "a".into(),
                        shape: Shape::Int,
                        always_present: false,
                        variable: None,
                        name: None,
                        settled: false,
                    },
                    Field {
                        key: "b".into(),
                        shape: Shape::Optional(Box::new(Shape::Str)),
                        always_present: true,
                        variable: None,
                        name: None,
                        settled: false,
                    },
                ],
                examples: 2,
            }
        );
    }

    #[test]
    fn the_items_of_one_array_are_one_example() {
        let count = |shape: &Shape| match shape {
            Shape::Object { examples, .. } => *examples,
            Shape::Array(item) => match &**item {
                Shape::Object { examples, .. } => *examples,
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        let copies = json!([{"id": 1}, {"id": 2}, {"id": 3}]);
        assert_eq!(count(&Shape::of(&copies)), 1);
        assert_eq!(count(&unified(&[copies.clone(), copies])), 2);
        assert_eq!(
            count(&unified(&[
                json!({"a": 1}),
                json!({"a": 2}),
                json!({"a": 3})
            ])),
            3
        );
    }

    #[test]
    fn objects_keyed_by_data_are_maps() {
        assert_eq!(
            unified(&[json!({"2024-01-01": 3, "2024-01-02": 5}), json!({})]),
            Shape::Map(Box::new(Shape::Int))
        );
        assert_eq!(
            Shape::of(&json!({"123": {"a": 1}, "456": {"a": null}})),
            Shape::Map(Box::new(Shape::Object {
                fields: vec![Field {
                    key: "a".into(),
                    shape: Shape::Optional(Box::new(Shape::Int)),
                    always_present: true,
                    variable: None,
                    name: None,
                    settled: false,
                }],
                examples: 1,
            }))
        );
        for key in [
            "9f8c2a64-7f0d-4c1e-9d3a-0b6a2f4e8c11",
            "2024-01-31T10:00:00Z",
            "0123456789abcdef",
            "key_0",
        ] {
            assert!(is_data_key(key), "{key}");
        }
        for key in [
            "id",
            "created_at",
            "2fa",
            "v1",
            "deadbeef",
            "2024-01-31 report",
            "key_name",
        ] {
            assert!(!is_data_key(key), "{key}");
        }
        assert_eq!(unified(&[json!({"1": 1}), json!({"a": 1})]), Shape::Any);
    }

    #[test]
    fn what_the_converter_could_not_fake_is_any_json() {
        let body = json!({"id": 1, "name": {"description": "a name", "value": "<Error: Too many levels of nesting to fake this schema>"}});
        let Shape::Object { fields, .. } = Shape::of(&body) else {
            panic!("an object")
        };
        assert_eq!(fields[1].shape, Shape::Any);
        let circular =
            json!({"value": "<Circular reference to #/components/schemas/Category detected>"});
        assert_eq!(Shape::of(&circular), Shape::Any);
        // A map faked with `key_0`, `key_1`: a map, not a struct of `key_0`.
        assert_eq!(
            Shape::of(&json!({"key_0": 3, "key_1": 4})),
            Shape::Map(Box::new(Shape::Int))
        );
    }

    #[test]
    fn incompatible_shapes_become_any() {
        assert_eq!(unified(&[json!("a"), json!(1)]), Shape::Any);
        assert_eq!(
            Shape::of(&json!([])),
            Shape::Array(Box::new(Shape::Unknown))
        );
    }
}
