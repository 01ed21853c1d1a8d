//! Rust types of the generated client: references to types and the definitions a module holds.

use serde::Serialize;

/// A reference to a type in generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Bool,
    Int,
    Float,
    /// Any JSON.
    Json,
    /// A type defined in the same module.
    Named(String),
    Vec(Box<TypeRef>),
    Option(Box<TypeRef>),
    /// A JSON object keyed by data, in key order.
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// The type as Rust source, with fully qualified paths so user type names cannot shadow them.
    pub fn rust(&self) -> String {
        match self {
            TypeRef::String => "::std::string::String".into(),
            TypeRef::Bool => "bool".into(),
            TypeRef::Int => "i64".into(),
            TypeRef::Float => "f64".into(),
            TypeRef::Json => "::serde_json::Value".into(),
            TypeRef::Named(name) => name.clone(),
            TypeRef::Vec(item) => format!("::std::vec::Vec<{}>", item.rust()),
            TypeRef::Option(inner) => format!("::std::option::Option<{}>", inner.rust()),
            TypeRef::Map(value) => format!(
                "::std::collections::BTreeMap<::std::string::String, {}>",
                value.rust()
            ),
        }
    }

    /// What a user reads in docs: `string`, `integer`, ...
    pub fn describe(&self) -> String {
        match self {
            TypeRef::String => "a string".into(),
            TypeRef::Bool => "a boolean".into(),
            TypeRef::Int => "an integer".into(),
            TypeRef::Float => "a number".into(),
            TypeRef::Json => "any JSON".into(),
            TypeRef::Named(name) => format!("`{name}`"),
            TypeRef::Vec(item) => format!("a list of {}", item.describe()),
            TypeRef::Option(inner) => inner.describe(),
            TypeRef::Map(value) => format!("a map from keys to {}", value.describe()),
        }
    }
}

/// A type definition, laid out by `templates/types.rs.jinja`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeDef {
    Struct(StructDef),
    Enum(EnumDef),
    /// An endpoint's responses (or error bodies) by documented status.
    Outcome(OutcomeDef),
}

/// What a struct is for, which decides its derives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StructKind {
    /// Inferred from JSON examples: serialized and deserialized as JSON.
    Json,
    /// Form fields or query parameters the user fills in: `Default`, serialized as pairs.
    Params,
}

#[derive(Debug, Clone, Serialize)]
pub struct StructDef {
    pub name: String,
    pub docs: String,
    pub role: StructKind,
    /// Whether `Default` is derived: only when every field is optional, so that
    /// `..Default::default()` can never fill a required field with an empty value.
    pub default: bool,
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldDef {
    pub ident: String,
    /// The JSON key or form field name, sent exactly as the collection has it.
    pub wire: String,
    /// Whether `ident` differs from `wire`, so serde needs a rename.
    pub renamed: bool,
    /// The Rust type.
    pub ty: String,
    pub optional: bool,
    /// A query key sent without a value when `true`.
    pub flag: bool,
    pub docs: String,
    /// For params fields: the type of one value (inside `Option` or `Vec`).
    #[serde(skip)]
    pub base: Option<TypeRef>,
    /// For params fields: a list, one value per repeated key.
    #[serde(skip)]
    pub repeated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumDef {
    pub name: String,
    pub docs: String,
    pub variants: Vec<VariantDef>,
    /// The variant that keeps a value this client does not know yet.
    pub fallback: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VariantDef {
    pub ident: String,
    pub wire: String,
    pub docs: String,
}

/// An enum with one variant per documented status of one endpoint, and the function that
/// decodes a response into it.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeDef {
    pub name: String,
    pub docs: String,
    /// Error bodies (decoding may give nothing) rather than 2xx responses (an undocumented 2xx
    /// status is kept as the `Other` variant's raw bytes).
    pub error: bool,
    pub variants: Vec<OutcomeVariant>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeVariant {
    pub ident: String,
    pub code: u16,
    pub docs: String,
    pub read: Read,
    /// The body's Rust type; `None` for a status without a body.
    pub ty: Option<String>,
}

/// How a response body is read; each is a function of the generated runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Read {
    /// Decoded as JSON into the body's type.
    Json,
    /// As text, invalid UTF-8 replaced.
    Text,
    /// As bytes.
    Bytes,
    /// Ignored: the status documents no body.
    Unit,
}

impl Read {
    /// The runtime function that reads a body this way.
    pub fn decoder(self) -> &'static str {
        match self {
            Read::Json => "json",
            Read::Text => "text",
            Read::Bytes => "bytes",
            Read::Unit => "unit",
        }
    }
}
