//! The intermediate model of a generated client: modules, endpoints and types.
//!
//! Everything a template needs is decided here: identifiers, Rust types, documentation text and
//! the request each endpoint describes. Templates only lay it out. Identifiers and type strings
//! are produced by [`names`] and [`types`] only; all other strings are user text that the
//! renderer turns into string literals or doc attributes.

mod body;
pub mod docs;
mod endpoint;
mod lower;
pub mod names;
mod responses;
pub mod shape;
pub mod types;
mod url;

pub use lower::{Options, default_crate_name, lower};
pub use types::{FieldDef, StructDef, TypeDef};

use serde::Serialize;

use crate::error::Problem;

/// A whole client.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    /// The Cargo package name.
    pub crate_name: String,
    /// The crate's name in Rust paths (`-` becomes `_`).
    pub crate_ident: String,
    /// The collection's name.
    pub title: String,
    /// The collection's description as rustdoc markdown.
    pub docs: String,
    /// The input file's name (no directories), named in the generated files' header.
    pub source_file: String,
    /// The default base URL, when the collection gives one.
    pub base_url: Option<String>,
    pub root: Module,
    /// Things the generator repaired or left out, each with its JSON location.
    #[serde(skip)]
    pub warnings: Vec<Problem>,
}

/// A Rust module: the collection root or one folder.
#[derive(Debug, Clone, Serialize)]
pub struct Module {
    /// The module's name; empty at the root.
    pub ident: String,
    /// The module's path from the generated root, e.g. `im_groups`; empty at the root.
    pub path: String,
    /// The method of the parent's handle that returns this module's handle.
    pub accessor: String,
    /// The handle type through which this module's requests are made (`Client` at the root).
    pub handle: String,
    /// The folder's name as shown in Postman.
    pub title: String,
    pub docs: String,
    /// The docs of the handle type and of the accessor that returns it.
    pub handle_docs: String,
    /// The path from this module to the generated code's root module: `self`, `super`, ...
    pub root_path: String,
    pub is_root: bool,
    pub endpoints: Vec<Endpoint>,
    pub types: Vec<TypeDef>,
    pub modules: Vec<Module>,
}

/// One request of the collection, as a method of its module's handle.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoint {
    pub ident: String,
    /// The request's name in the collection.
    pub title: String,
    /// The item's JSON location, e.g. `item[0].item[3]`.
    pub location: String,
    /// The HTTP method as sent, e.g. `PATCH`.
    pub method: String,
    /// The path as Postman shows it, e.g. `/im/groups/:groupId`.
    pub path_display: String,
    /// The path to send: literal text and parameters, in order.
    pub path: Vec<PathPiece>,
    /// The method's arguments after `&self`.
    pub args: Vec<Arg>,
    /// The argument holding query parameters, if any.
    pub query_arg: Option<String>,
    /// Headers sent with fixed values.
    pub headers: Vec<ConstHeader>,
    pub body: BodyUse,
    pub auth: AuthUse,
    /// Documented non-2xx statuses and what the collection says about them.
    pub errors: Vec<DocumentedStatus>,
    pub success: Success,
    /// The Rust type of a successful result.
    pub returns: String,
    /// Documented 2xx JSON bodies, which the generated tests decode.
    pub examples: Vec<Example>,
    pub docs: String,
}

/// A documented success body.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// The generated test's name, unique in its module.
    pub test_ident: String,
    pub code: u16,
    pub body: String,
}

/// A piece of a path: literal text (already in its on-the-wire form) or a parameter argument.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PathPiece {
    Literal { text: String },
    Param { ident: String, name: String },
}

/// A method argument.
#[derive(Debug, Clone, Serialize)]
pub struct Arg {
    pub ident: String,
    pub ty: String,
}

/// A header with a value fixed by the collection.
#[derive(Debug, Clone, Serialize)]
pub struct ConstHeader {
    pub name: String,
    pub value: String,
}

/// How the request body is sent.
#[derive(Debug, Clone, Serialize)]
pub struct BodyUse {
    pub kind: BodyKind,
    /// The argument holding the body.
    pub arg: Option<String>,
    /// For text bodies, the `Content-Type` to send.
    pub content_type: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    None,
    /// `multipart/form-data` from a params struct.
    Multipart,
    /// `application/x-www-form-urlencoded` from a params struct.
    Form,
    /// JSON from a serializable type.
    Json,
    /// Text with a fixed content type.
    Text,
}

/// Which credentials the client attaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthUse {
    None,
    Bearer,
}

/// A documented status and its one-line meaning.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentedStatus {
    pub code: u16,
    pub summary: String,
}

/// How a 2xx response is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Success {
    /// No body documented: `()`.
    Unit,
    /// A JSON body of the `returns` type.
    Json,
    /// The body as text.
    Text,
}
