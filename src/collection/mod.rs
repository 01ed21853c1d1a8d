//! Serde types of the Postman collection format (v2.0 and v2.1).
//!
//! These types mirror the JSON as exported, not as we would like it to be: almost every field is
//! optional and several fields accept more than one shape (a URL as a string or an object, a
//! description as a string or `{content, type}`), because real exports use all of them. Turning this
//! into something clean is the job of [`crate::lower`]; this layer only reads.

mod de;
mod levels;
mod load;
mod repair;

pub use load::{Input, InputKind, load, load_environment, parse, parse_strict};

use serde::Deserialize;
use serde_json::Value;

use de::string_or;

/// A whole collection: `info`, the item tree and collection-level settings.
#[derive(Debug, Clone, Deserialize)]
pub struct Collection {
    #[serde(default)]
    pub info: Info,
    #[serde(default, deserialize_with = "de::items")]
    pub item: Vec<Item>,
    #[serde(default)]
    pub auth: Option<Auth>,
    #[serde(default)]
    pub variable: Vec<Variable>,
    /// Pre-request and test scripts, which postgen does not run.
    #[serde(default)]
    pub event: Vec<Value>,
}

/// `info`: the collection's name and description.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Info {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default)]
    pub schema: Option<String>,
}

/// An item: a request (`request` set) or a folder (`item` set).
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    /// Present on folders.
    #[serde(default, deserialize_with = "de::items")]
    pub item: Option<Vec<Item>>,
    /// Present on requests.
    #[serde(default)]
    pub request: Option<RequestSpec>,
    #[serde(default)]
    pub response: Vec<Response>,
    #[serde(default)]
    pub auth: Option<Auth>,
    #[serde(default)]
    pub variable: Vec<Variable>,
    /// Pre-request and test scripts, which postgen does not run.
    #[serde(default)]
    pub event: Vec<Value>,
    /// Set on an item that could not be read and stands in for it, left out with a warning
    /// (unless reading is strict): the items after it keep their JSON locations.
    #[serde(skip)]
    pub left_out: bool,
}

impl Item {
    /// The stand-in for an item that could not be read.
    pub fn left_out() -> Item {
        Item {
            name: None,
            description: None,
            item: None,
            request: None,
            response: Vec::new(),
            auth: None,
            variable: Vec::new(),
            event: Vec::new(),
            left_out: true,
        }
    }
}

/// The schema allows a request to be just its URL.
#[derive(Debug, Clone)]
pub enum RequestSpec {
    Url(String),
    Full(Box<Request>),
}
string_or!(
    RequestSpec,
    Url,
    Full(Request),
    "a request object or a URL string"
);

/// A request as Postman stores it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Request {
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub url: Option<Url>,
    #[serde(default)]
    pub header: Option<Headers>,
    #[serde(default)]
    pub body: Option<Body>,
    #[serde(default)]
    pub auth: Option<Auth>,
    #[serde(default)]
    pub description: Option<Description>,
}

impl Request {
    /// The method as Postman sends it: upper case, `GET` when the collection gives none.
    pub fn method_name(&self) -> String {
        self.method
            .as_deref()
            .unwrap_or("GET")
            .trim()
            .to_ascii_uppercase()
    }
}

/// A URL as a raw string or as Postman's parsed object.
#[derive(Debug, Clone)]
pub enum Url {
    Raw(String),
    Parsed(UrlObject),
}
string_or!(Url, Raw, Parsed(UrlObject), "a URL string or a URL object");

/// Postman's parsed URL. `raw` is what the user typed; the other fields are authoritative.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UrlObject {
    #[serde(default)]
    pub raw: Option<String>,
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub host: Option<Host>,
    #[serde(default)]
    pub port: Option<String>,
    #[serde(default)]
    pub path: Option<UrlPath>,
    #[serde(default)]
    pub query: Vec<QueryParam>,
    #[serde(default)]
    pub hash: Option<String>,
    #[serde(default)]
    pub variable: Vec<Variable>,
}

/// `host` as `"api.example.com"` or `["api", "example", "com"]`.
#[derive(Debug, Clone)]
pub enum Host {
    Joined(String),
    Parts(Vec<String>),
}
string_or!(
    Host,
    Joined,
    Parts(Vec<String>),
    "a host string or an array of strings"
);

/// `path` as `"a/b"` or a list of segments.
#[derive(Debug, Clone)]
pub enum UrlPath {
    Joined(String),
    Segments(Vec<PathSegment>),
}
string_or!(
    UrlPath,
    Joined,
    Segments(Vec<PathSegment>),
    "a path string or an array of segments"
);

/// A path segment: a string, or `{type, value}`.
#[derive(Debug, Clone)]
pub enum PathSegment {
    Text(String),
    Object(SegmentObject),
}
string_or!(
    PathSegment,
    Text,
    Object(SegmentObject),
    "a path segment string or object"
);

/// A path segment written as an object.
#[derive(Debug, Clone, Deserialize)]
pub struct SegmentObject {
    #[serde(default)]
    pub value: Option<String>,
}

/// One `?key=value` of a URL.
#[derive(Debug, Clone, Deserialize)]
pub struct QueryParam {
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub description: Option<Description>,
}

/// Headers as a list, or (allowed by the schema) as one `Key: value` string per line.
#[derive(Debug, Clone)]
pub enum Headers {
    List(Vec<Header>),
    Text(String),
}
string_or!(
    Headers,
    Text,
    List(Vec<Header>),
    "an array of headers or a header string"
);

impl Headers {
    /// The headers as a list, whichever form they were written in.
    pub fn entries(&self) -> Vec<Header> {
        match self {
            Headers::List(list) => list.clone(),
            Headers::Text(text) => text
                .lines()
                .filter_map(|line| {
                    let (key, value) = line.split_once(':')?;
                    Some(Header {
                        key: key.trim().to_string(),
                        value: value.trim().to_string(),
                        disabled: false,
                        description: None,
                    })
                })
                .collect(),
        }
    }
}

/// One header.
#[derive(Debug, Clone, Deserialize)]
pub struct Header {
    pub key: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub description: Option<Description>,
}

/// A request body; `mode` says which of the other fields is meaningful.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Body {
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub raw: Option<String>,
    #[serde(default)]
    pub formdata: Vec<FormParam>,
    #[serde(default)]
    pub urlencoded: Vec<FormParam>,
    #[serde(default)]
    pub options: Option<BodyOptions>,
    #[serde(default)]
    pub graphql: Option<Graphql>,
    #[serde(default)]
    pub disabled: bool,
}

/// `body.graphql`: the query and its variables (a JSON text, or JSON in some exports).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Graphql {
    #[serde(default)]
    pub query: Option<String>,
    #[serde(default)]
    pub variables: Option<Value>,
}

/// `body.options`: for `raw`, the language Postman's editor was set to.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BodyOptions {
    #[serde(default)]
    pub raw: Option<RawOptions>,
}

/// `body.options.raw`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawOptions {
    #[serde(default)]
    pub language: Option<String>,
}

/// A `formdata` or `urlencoded` field.
#[derive(Debug, Clone, Deserialize)]
pub struct FormParam {
    pub key: String,
    #[serde(default)]
    pub value: Option<String>,
    /// `text` or `file`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub src: Option<Value>,
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default, rename = "contentType")]
    pub content_type: Option<String>,
}

/// A saved example response.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Response {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "originalRequest")]
    pub original_request: Option<Request>,
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub header: Option<Headers>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default, rename = "_postman_previewlanguage")]
    pub preview_language: Option<String>,
    /// Set on the stand-in for an example that could not be read, left out with a warning:
    /// the examples after it keep their indices, which name them in messages.
    #[serde(skip)]
    pub left_out: bool,
}

/// An auth block: its `type` and that type's parameters.
///
/// v2.1 stores parameters as `[{key, value, type}]`, v2.0 as an object; both are kept as JSON here
/// and read by key in the model.
#[derive(Debug, Clone, Deserialize)]
pub struct Auth {
    /// Empty when missing, which is read as no auth.
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(flatten)]
    pub params: serde_json::Map<String, Value>,
}

/// A variable at collection, folder, item or URL level.
#[derive(Debug, Clone, Deserialize)]
pub struct Variable {
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default)]
    pub disabled: bool,
    /// Environment files say `enabled` where collections say `disabled`.
    #[serde(default)]
    pub enabled: Option<bool>,
}

impl Variable {
    /// The variable's name: `key`, or `id` in older exports.
    pub fn name(&self) -> Option<&str> {
        self.key.as_deref().or(self.id.as_deref())
    }

    /// The value as Postman would substitute it: strings as they are, other JSON as text.
    pub fn value_text(&self) -> Option<String> {
        match self.value.as_ref()? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }
}

/// A description as a string or as `{content, type}`.
#[derive(Debug, Clone)]
pub enum Description {
    Text(String),
    Object(DescriptionObject),
}
string_or!(
    Description,
    Text,
    Object(DescriptionObject),
    "a description string or `{content, type}` object"
);

/// A description written as an object.
#[derive(Debug, Clone, Deserialize)]
pub struct DescriptionObject {
    #[serde(default)]
    pub content: Option<String>,
}

impl Description {
    /// The description's text, empty when it has none.
    pub fn text(&self) -> &str {
        match self {
            Description::Text(s) => s,
            Description::Object(object) => object.content.as_deref().unwrap_or(""),
        }
    }
}

/// The text of an optional description.
pub fn text_of(description: &Option<Description>) -> &str {
    description.as_ref().map_or("", Description::text)
}
