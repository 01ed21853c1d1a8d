//! Rust types of the generated client: references to types and the definitions a module holds.

use serde::{Deserialize, Serialize};

/// The module at the crate root that holds the JSON types ([`TypeRef::Shared`]).
pub const SHARED_MODULE: &str = "types";

/// A type as generated code names it: a field's, an argument's, a response's. Data all the way
/// to the renderer, which writes it as Rust in one place (`render/rust.rs`), with fully
/// qualified paths so that user type names cannot shadow the standard ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TypeRef {
    /// `String`.
    String,
    Bool,
    /// `i64`.
    Int,
    /// `f64`.
    Float,
    /// Any JSON: `serde_json::Value`.
    Json,
    /// `()`: a response without a body.
    Unit,
    /// `Vec<u8>`: a binary body.
    Bytes,
    /// `&str`: a text argument.
    Str,
    /// A type this client defines in the module where it is named: a params struct, an enum,
    /// a per-status outcome.
    Named(String),
    /// A JSON type of the crate's `types` module, which every module reaches from the root.
    Shared(String),
    /// The JSON type made `n`-th while the collection is lowered, before it has a name: lowering
    /// replaces every one by its [`TypeRef::Shared`] name, and the renderer refuses one.
    Provisional(usize),
    /// The runtime's `File`, a multipart file part, reached through the crate root.
    File,
    /// `impl Into<reqwest::Body>`: a binary request body, bytes or a stream.
    Body,
    Vec(Box<TypeRef>),
    Option(Box<TypeRef>),
    /// A JSON object keyed by data, in key order: `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `&T`: an argument passed by reference.
    Ref(Box<TypeRef>),
}

impl TypeRef {
    /// `Option<self>`.
    pub fn optional(self) -> TypeRef {
        TypeRef::Option(Box::new(self))
    }

    /// `Vec<self>`.
    pub fn list(self) -> TypeRef {
        TypeRef::Vec(Box::new(self))
    }

    /// `&self`.
    pub fn by_ref(self) -> TypeRef {
        TypeRef::Ref(Box::new(self))
    }

    /// The type inside an `Option`, or the type itself.
    pub fn required(&self) -> &TypeRef {
        match self {
            TypeRef::Option(inner) => inner,
            other => other,
        }
    }

    /// The type of one value: inside an `Option`, then inside a `Vec`.
    pub fn item(&self) -> &TypeRef {
        match self.required() {
            TypeRef::Vec(item) => item,
            other => other,
        }
    }

    /// Whether `self` is `part` or holds it.
    pub fn contains(&self, part: &TypeRef) -> bool {
        self == part
            || match self {
                TypeRef::Vec(inner)
                | TypeRef::Option(inner)
                | TypeRef::Map(inner)
                | TypeRef::Ref(inner) => inner.contains(part),
                _ => false,
            }
    }

    /// Whether the type is a list (inside an `Option` or not).
    pub fn is_list(&self) -> bool {
        matches!(self.required(), TypeRef::Vec(_))
    }

    /// The type a reference refers to, or the type itself.
    pub fn referent(&self) -> &TypeRef {
        match self {
            TypeRef::Ref(inner) => inner,
            other => other,
        }
    }

    /// The name of the type this client defines that the type is, or is a reference to.
    pub fn named(&self) -> Option<&str> {
        match self.referent() {
            TypeRef::Named(name) => Some(name),
            _ => None,
        }
    }

    /// What a user reads in docs: `a string`, `a list of `Group``, ...
    pub fn describe(&self) -> String {
        match self {
            TypeRef::String | TypeRef::Str => "a string".into(),
            TypeRef::Bool => "a boolean".into(),
            TypeRef::Int => "an integer".into(),
            TypeRef::Float => "a number".into(),
            TypeRef::Json => "any JSON".into(),
            TypeRef::Unit => "nothing".into(),
            TypeRef::Bytes | TypeRef::Body => "bytes".into(),
            TypeRef::File => "a file".into(),
            TypeRef::Named(name) | TypeRef::Shared(name) => format!("`{name}`"),
            TypeRef::Provisional(n) => format!("type #{n}"),
            TypeRef::Vec(item) => format!("a list of {}", item.describe()),
            TypeRef::Option(inner) | TypeRef::Ref(inner) => inner.describe(),
            TypeRef::Map(value) => format!("a map from keys to {}", value.describe()),
        }
    }
}

/// The function that reads a response into an endpoint's success or error type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decoder {
    /// The runtime function that reads a 2xx body this way.
    Read(Read),
    /// The runtime's `json_error`: an error body as JSON, when it decodes.
    JsonError,
    /// The runtime's `no_error_body`: no status documents a typed error body.
    NoErrorBody,
    /// The `decode` function of the per-status enum of this name, in the endpoint's module.
    Outcome(String),
}

/// A path from the crate root to a type the client defines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypePath {
    /// The modules from the crate root, e.g. `["im_groups"]`; empty at the root.
    pub module: Vec<String>,
    pub name: String,
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
    /// Fields of a params struct sent under a parent's key (`address[city]`, the items of
    /// `line_items[0][price]`): serialized as pairs under that key.
    Nested,
}

#[derive(Debug, Clone, Serialize)]
pub struct StructDef {
    pub name: String,
    pub docs: String,
    pub role: StructKind,
    /// Whether `Default` is derived: only when every field is optional, so that
    /// `..Default::default()` can never fill a required field with an empty value.
    pub default: bool,
    /// serde's `rename_all` rule of the struct (`camelCase`), when one attribute renames
    /// most fields; `renamed` is then relative to it.
    pub rename_all: Option<String>,
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldDef {
    pub ident: String,
    /// The JSON key or form field name, sent exactly as the collection has it.
    pub wire: String,
    /// Whether serde needs this field's own rename: `ident` differs from `wire`, or from what
    /// the struct's `rename_all` makes of it.
    pub renamed: bool,
    pub ty: TypeRef,
    /// Whether the field may be left out (`ty` is an `Option`).
    pub optional: bool,
    /// A query key sent without a value when `true`.
    pub flag: bool,
    /// A params field whose key the collection gives several times: a list, each item sent under
    /// the key in turn.
    pub repeated: bool,
    /// A params list whose items are sent under `key[0]`, `key[1]`, ...
    pub indexed: bool,
    /// A params field the collection fills with this client variable (`{{name}}`): left
    /// `None`, the variable's value is sent in its place.
    pub variable: Option<String>,
    pub docs: String,
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
    /// How the variant's body is read.
    pub decoder: Decoder,
    /// The body's type; `None` for a status without a body.
    pub ty: Option<TypeRef>,
}

/// How a response body is read; each is a function of the generated runtime. Serialized as the
/// variant's name, which the generated tests' `Check` shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Read {
    /// Decoded as JSON into the body's type.
    Json,
    /// Decoded as JSON into the body's type, or `None` when the body is empty.
    JsonOrEmpty,
    /// As text, invalid UTF-8 replaced.
    Text,
    /// As bytes.
    Bytes,
    /// Ignored: the status documents no body.
    Unit,
}
