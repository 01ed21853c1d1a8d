//! Example calls as data: an endpoint called with the values of one of the collection's
//! requests ([`Call`], whose [`Value`]s the renderer writes as Rust), and the request Postman
//! sends for those values ([`Wire`]), which a generated test expects on the wire.

use std::sync::Arc;

use serde::{Deserialize, Serialize, Serializer};

use super::TypePath;

/// How an optional call reaches the templates (`#[serde(serialize_with)]` of the model's
/// `call` fields): as an object holding the call, which the `call` and `example_doc` filters
/// read as it is; serialized as usual anywhere else. Copying each call into template values and
/// back out of them in the filter was 6 % of the CPU of generating 10,000 requests.
pub fn for_templates<S: Serializer>(call: &Option<Call>, s: S) -> Result<S::Ok, S::Error> {
    match call {
        Some(call) if minijinja::value::serializing_for_value() => {
            minijinja::Value::from_object(TemplateCall(Arc::new(call.clone()), Default::default()))
                .serialize(s)
        }
        _ => call.serialize(s),
    }
}

/// A [`Call`] as a template value, read as it is by the filters; a template that reads its
/// fields (`e.call.method`) gets them as serialized, made when first read.
#[derive(Debug)]
pub struct TemplateCall(pub Arc<Call>, std::sync::OnceLock<minijinja::Value>);

impl TemplateCall {
    fn fields(&self) -> &minijinja::Value {
        self.1
            .get_or_init(|| minijinja::Value::from_serialize(&*self.0))
    }
}

impl minijinja::value::Object for TemplateCall {
    fn repr(self: &Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        let value = self.fields().get_item(key).ok()?;
        (!value.is_undefined()).then_some(value)
    }

    fn enumerate(self: &Arc<Self>) -> minijinja::value::Enumerator {
        let keys = self.fields().try_iter().map(Iterator::collect);
        minijinja::value::Enumerator::Values(keys.unwrap_or_default())
    }

    /// A call is there, whatever its fields.
    fn is_true(self: &Arc<Self>) -> bool {
        true
    }
}

/// A call of an endpoint method with example values.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Call {
    /// The accessors from the client to the endpoint's handle, e.g. `["im_groups"]`.
    pub accessors: Vec<String>,
    pub method: String,
    pub args: Vec<Value>,
}

/// A Rust value, written as code by the renderer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Value {
    /// A `&str` literal.
    Str {
        text: String,
    },
    /// A `String` made from a literal.
    String {
        text: String,
    },
    Int {
        value: i64,
    },
    Float {
        value: f64,
    },
    Bool {
        value: bool,
    },
    /// An enum's known variant.
    Variant {
        ty: TypePath,
        ident: String,
    },
    /// An enum's fallback variant holding `text`.
    Other {
        ty: TypePath,
        ident: String,
        text: String,
    },
    Some {
        value: Box<Value>,
    },
    None,
    List {
        items: Vec<Value>,
    },
    /// A `BTreeMap<String, _>` of these entries, in order.
    Map {
        entries: Vec<(String, Value)>,
    },
    Struct {
        ty: TypePath,
        fields: Vec<FieldValue>,
    },
    /// `&` JSON text decoded into the argument's type.
    JsonRef {
        text: String,
        /// The collection's text, when it has variables that `text` leaves to the client or
        /// reads as `null`: what a substitution function (`replay`) substitutes and decodes
        /// instead, as Postman substitutes the body's text.
        written: Option<String>,
    },
    /// A file part with example contents.
    File {
        file_name: Option<String>,
    },
    /// `&value`.
    Ref {
        value: Box<Value>,
    },
    /// A number or `bool` the collection gives as a variable (`{{officeId}}`): `replay` parses
    /// the variable's value, `fallback` when it has none that parses; elsewhere `fallback`.
    Parsed {
        text: String,
        fallback: Box<Value>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldValue {
    pub ident: String,
    pub value: Value,
}

/// The request Postman sends for an example: what a generated test expects on the wire.
#[derive(Debug, Clone, Serialize)]
pub struct Wire {
    pub method: String,
    /// Path segments after the base URL's path, percent-decoded.
    pub path: Vec<String>,
    /// Query pairs, decoded; `None` for a bare key.
    pub query: Vec<(String, Option<String>)>,
    /// Headers the request must carry (lower-case name, value), credentials included.
    pub headers: Vec<(String, String)>,
    /// The content type without parameters.
    pub content_type: Option<String>,
    pub body: WireBody,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WireBody {
    None,
    /// `application/x-www-form-urlencoded` pairs.
    Form {
        fields: Vec<(String, String)>,
    },
    /// Multipart parts: (name, text value or file name, whether a file).
    Multipart {
        parts: Vec<(String, String, bool)>,
    },
    /// JSON, compared as values.
    Json {
        text: String,
    },
    Text {
        text: String,
    },
    /// Not checked (a file's bytes).
    Any,
}

/// The credentials the generated tests give the client, and what they put on the wire.
pub const TEST_TOKEN: &str = "test-token";
pub const TEST_API_KEY: &str = "test-key";
pub const TEST_USER: &str = "test-user";
pub const TEST_PASSWORD: &str = "test-password";
/// `test-user:test-password`, base64-encoded as basic auth sends it.
pub const TEST_BASIC: &str = "Basic dGVzdC11c2VyOnRlc3QtcGFzc3dvcmQ=";

#[cfg(test)]
mod tests {
    /// What the generated tests expect on the wire is what reqwest (the clients' HTTP library)
    /// sends for the test user.
    #[test]
    fn the_basic_credentials_on_the_wire_are_the_test_user_s() {
        let request = reqwest::Client::new()
            .get("http://localhost/")
            .basic_auth(super::TEST_USER, Some(super::TEST_PASSWORD))
            .build()
            .unwrap();
        assert_eq!(request.headers()["authorization"], super::TEST_BASIC);
    }
}
