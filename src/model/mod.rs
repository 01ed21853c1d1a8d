//! The intermediate model of a generated client: modules, endpoints and types. Data only: it is
//! made by [`crate::lower`] and read by [`crate::render`].
//!
//! Everything a template needs is decided here: identifiers, Rust types, documentation text and
//! the request each endpoint describes. Templates only lay it out. Identifiers are made by the
//! generator's name rules; all other strings are user text that the renderer turns into string
//! literals or doc attributes.

pub mod calls;
pub mod script;
pub mod types;

pub use types::{Decoder, FieldDef, StructDef, TypeDef, TypePath, TypeRef};

use serde::Serialize;

use crate::error::Problem;

/// A whole client.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    /// The Cargo package name.
    pub crate_name: String,
    /// The crate's name in Rust paths (`-` becomes `_`).
    pub crate_ident: String,
    /// The package of the client's runtime, a crate of its own beside a client crate
    /// (`<crate_name>-runtime`).
    pub runtime_crate: String,
    /// The runtime crate's name in Rust paths.
    pub runtime_ident: String,
    /// The collection's name.
    pub title: String,
    /// The collection's description as rustdoc markdown.
    pub docs: String,
    /// The input file's name (no directories), named in the generated files' header.
    pub source_file: String,
    /// The default base URL, when the collection gives one.
    pub base_url: Option<String>,
    /// Variables the client holds (collection, folder and environment variables), each with a
    /// setter; endpoints read them when a request is sent.
    pub vars: Vec<ConfigVar>,
    /// Which credential setters the client needs.
    pub auth: ClientAuth,
    /// The origin most requests use as the collection writes it (`{{baseUrl}}`,
    /// `https://{{host}}/v2`): `replay` resolves it with the values it is given.
    pub base_origin: Option<String>,
    /// Every variable with a value (collection, folder, environment), by name: `replay`
    /// substitutes them where the collection's example values name them, as Postman does.
    pub variables: Vec<(String, String)>,
    /// Variables that are a request's whole host.
    pub host_vars: Vec<String>,
    /// The hosts requests are sent to that are neither the base URL nor one variable, each with
    /// the `Client` setter that replaces it.
    pub hosts: Vec<HostSetter>,
    /// Every endpoint in collection order (depth first), as Postman's runner sends them.
    // The renderer reads the long lists lazily; serialized, the model has only its own fields.
    #[serde(skip)]
    pub requests: Vec<Listed>,
    #[serde(skip)]
    pub root: Module,
    /// The JSON types of the `types` module, each emitted once however many endpoints use it.
    #[serde(skip)]
    pub types: Vec<TypeDef>,
    /// Things the generator repaired or left out, each with its JSON location.
    #[serde(skip)]
    pub warnings: Vec<Problem>,
    /// The sets and assertions in the collection's scripts, and how many were translated.
    pub script_counts: (usize, usize),
    /// Whether a script runs a regular expression: the runtime then carries its engine
    /// (`runtime/script_regex.rs`) and `regex-lite`.
    pub script_regex: bool,
}

/// An endpoint in the collection-order list: where it is in the module tree.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    /// The child indices from the root module to the endpoint's module.
    pub module: Vec<usize>,
    /// The endpoint's index in its module's `endpoints`.
    pub endpoint: usize,
}

/// A host some requests are sent to, other than the base URL, and the setter that sends them
/// elsewhere (a mock server, a proxy, a regional endpoint).
#[derive(Debug, Clone, Serialize)]
pub struct HostSetter {
    /// The origin as the collection writes it, e.g. `https://studio.twilio.com`: the key the
    /// runtime looks the replacement up by.
    pub origin: String,
    /// The `Client` method, e.g. `with_studio_host`.
    pub setter: String,
    pub docs: String,
}

/// A variable held by the client, set with its own `with_*` method.
#[derive(Debug, Clone, Serialize)]
pub struct ConfigVar {
    /// The variable's name in the collection.
    pub key: String,
    /// The client's setter for it, e.g. `with_api_version`.
    pub setter: String,
    /// The value from the collection or environment file, if any.
    pub default: Option<String>,
    pub docs: String,
}

/// The credentials a client takes, and how every client in the generated crate is made with
/// them: the doc examples, the generated tests and `replay` all follow this.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ClientAuth {
    /// The credentials the collection's requests use, in the order `Client` defines their
    /// setters.
    pub credentials: Vec<Credential>,
    /// The credential the crate docs make their example client with.
    pub shown: Option<CredentialKind>,
    /// A default bearer token from the collection or environment.
    pub bearer_default: Option<String>,
    /// A default API key from the collection or environment.
    pub api_key_default: Option<String>,
    /// The token endpoint of the collection's OAuth 2.0 auth, which `Client::oauth2()`
    /// describes.
    pub oauth2: Option<OAuth2Setup>,
    /// The computed schemes requests use (`awsv4`, `digest`, ...), in order: the client has
    /// `with_signer`, and embeds the runtime's signers.
    pub signed: Vec<String>,
}

/// The OAuth 2.0 settings of a collection's `oauth2` block, without its credentials (the user
/// gives those).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OAuth2Setup {
    /// As written: it may name variables (`https://{{host}}/oauth/token`). A path when
    /// `on_base_url`.
    pub token_url: String,
    /// The token URL is on the client's base URL (`{{baseUrl}}/oauth/token`, where most
    /// requests go): `token_url` is the path after it.
    pub on_base_url: bool,
    pub scope: Option<String>,
    /// The client id and secret go in the form body, not an `Authorization: Basic` header.
    pub in_body: bool,
    /// The docs of `Client::oauth2()`, naming the grant the collection uses.
    pub docs: String,
}

/// A kind of credential a client is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    /// A bearer token (or OAuth 2.0 access token).
    Bearer,
    /// A user name and password.
    Basic,
    /// An API key, in a header or query parameter.
    ApiKey,
    /// A function that signs requests of schemes postgen does not implement.
    Hook,
}

/// A credential: the `Client` method that sets it and the values each use gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Credential {
    pub kind: CredentialKind,
    /// The `Client` method that sets it, e.g. `with_bearer_token`.
    pub setter: String,
    /// The setter's arguments; none for the hook, which takes a function.
    pub args: Vec<CredentialArg>,
}

/// One argument of a credential's setter.
#[derive(Debug, Clone, Serialize)]
pub struct CredentialArg {
    /// What `replay` calls the value: `token`, `user`, ...
    pub name: String,
    /// The value doc examples show.
    pub doc: String,
    /// The value the generated tests set, and expect on the wire.
    pub test: String,
    /// The environment variable from which `replay` reads it.
    pub env: String,
    /// The value the collection's auth block holds, as written (`{{token}}`): `replay`'s
    /// default once its variables are substituted, as Postman's runner sends it; never
    /// compiled into the client.
    pub example: String,
}

/// A Rust module: the collection root or one folder.
#[derive(Debug, Clone, Serialize)]
pub struct Module {
    /// The module's name; empty at the root.
    pub ident: String,
    /// The module's path from the generated root, e.g. `["im_groups"]`; empty at the root.
    pub path: Vec<String>,
    /// The method of the parent's handle that returns this module's handle.
    pub accessor: String,
    /// The handle type through which this module's requests are made (`Client` at the root).
    pub handle: String,
    /// The folder's name as shown in Postman.
    pub title: String,
    pub docs: String,
    /// The docs of the handle type and of the accessor that returns it.
    pub handle_docs: String,
    /// The accessor methods from the client to this module's handle, e.g. `["im_groups"]`.
    pub accessors: Vec<String>,
    /// How many modules deep this one is: 0 at the root. The renderer reaches the root from
    /// here through as many `super`s.
    pub depth: usize,
    pub is_root: bool,
    // The renderer reads the long lists lazily; serialized, the model has only its own fields.
    #[serde(skip)]
    pub endpoints: Vec<Endpoint>,
    #[serde(skip)]
    pub types: Vec<TypeDef>,
    #[serde(skip)]
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
    /// The host to send to when it is not the client's base URL: the pieces of a base URL.
    pub host: Option<Vec<Piece>>,
    /// For a host that is not one variable: the origin as written, which a host setter
    /// ([`Api::hosts`]) replaces.
    pub host_key: Option<String>,
    /// The path to send: literal text, parameters and variables, in order.
    pub path: Vec<Piece>,
    /// The method's arguments after `&self`.
    pub args: Vec<Arg>,
    /// The argument holding query parameters, if any.
    pub query_arg: Option<String>,
    /// Query parameters whose value is a client variable.
    pub query_vars: Vec<QueryVar>,
    /// The collection's order of query keys, when client variables and the caller's
    /// parameters are both sent (else empty: each kind alone is already in order).
    pub query_order: Vec<String>,
    /// Headers other than `Content-Type` and credentials.
    pub headers: Vec<HeaderUse>,
    pub body: BodyUse,
    pub auth: AuthUse,
    /// The credential the client sends with this request, which its doc example sets.
    pub credential: Option<CredentialKind>,
    /// Documented non-2xx statuses and what the collection says about them.
    pub errors: Vec<DocumentedStatus>,
    /// The type of a 2xx result, returned in a `Response`.
    pub ok_type: TypeRef,
    /// What reads a 2xx response into `ok_type`.
    pub ok_decoder: Decoder,
    /// The typed body of documented error statuses, when any has a JSON body.
    pub err_type: Option<TypeRef>,
    /// What reads an error body into `err_type` (`NoErrorBody` without one).
    pub err_decoder: Decoder,
    /// The saved example responses, each a generated test.
    pub examples: Vec<Example>,
    /// The call with the request's own example values (for the doctest and `replay`).
    #[serde(serialize_with = "calls::for_templates")]
    pub call: Option<calls::Call>,
    /// Why there is no call.
    pub call_skipped: Option<String>,
    pub docs: String,
    /// The first sentence of the description (or the name), as plain text: the crate's table of
    /// operations shows it.
    pub summary: String,
    /// How the endpoint pages, when its saved responses show it: it then has methods that
    /// stream its pages and their items.
    pub paging: Option<Paging>,
    /// What the collection's scripts do around this request, when any of it was translated.
    pub scripts: Option<script::Scripts>,
}

/// An endpoint that pages: the style its saved responses show, and its streaming methods.
#[derive(Debug, Clone, Serialize)]
pub struct Paging {
    pub style: PagingStyle,
    /// The docs of the method streaming the pages, which say what shows that it pages.
    pub pages_docs: String,
    /// The docs of the method streaming the items.
    pub items_docs: String,
    /// The method streaming the pages.
    pub pages_ident: String,
    /// The method streaming the items, when the page type holds them ([`Paging::items`]).
    pub items_ident: String,
    /// The JSON key of a page's items (`""` when the page is the list), if it has a list.
    pub items_key: Option<String>,
    /// How a page's items are taken out of the page's type: decided once the crate's JSON
    /// types are named.
    pub items: Option<PageItems>,
}

/// How a page leads to the next one: the runtime's `Paging`, whose JSON pointers these are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PagingStyle {
    Token {
        next: String,
        param: String,
    },
    NextUrl {
        next: String,
    },
    LinkHeader,
    Page {
        param: String,
        count: Option<String>,
        more: Option<String>,
        items: Option<String>,
    },
    Offset {
        param: String,
        total: Option<String>,
        items: String,
    },
    After {
        more: String,
        param: String,
        items: String,
    },
}

/// Where a page's items are in the page's type.
#[derive(Debug, Clone, Serialize)]
pub struct PageItems {
    /// The field holding them; `None` when the page is the list.
    pub field: Option<String>,
    /// Whether the field is an `Option` (a page without the key has no items).
    pub optional: bool,
    /// The type of one item.
    pub ty: TypeRef,
}

/// A saved example response, which becomes a generated test: a loopback server answers with
/// it, the endpoint is called with the example request's values, and the test checks the
/// request on the wire and the decoded result.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// The generated test's name, unique in its module.
    pub test_ident: String,
    /// The example's name in the collection.
    pub name: String,
    pub code: u16,
    pub content_type: Option<String>,
    pub body: String,
    pub success: bool,
    /// How the decoded result is compared with the body: as JSON, text, bytes or nothing (a 2xx
    /// value, or a documented error's typed body); `None` for an error without a typed body,
    /// whose raw body is compared.
    pub check: Option<types::Read>,
    /// For a JSON body: the type it decodes into, for a decode-only test when there is no call.
    pub ty: Option<TypeRef>,
    /// The call with the example request's values, and the request Postman sends for them.
    #[serde(serialize_with = "calls::for_templates")]
    pub call: Option<calls::Call>,
    pub wire: Option<calls::Wire>,
    /// Why there is no call.
    pub skipped: Option<String>,
    /// The test scripts' checks that apply to this example, by name: the generated test holds
    /// the served example to them.
    pub checks: Vec<String>,
}

/// A piece of a path, header value or host: literal text, a method argument or a client
/// variable. In a path, literal text is already in its on-the-wire form and arguments and
/// variables are percent-encoded when sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Piece {
    Literal {
        text: String,
    },
    /// A method argument; `name` is the variable's name in the collection.
    Param {
        ident: String,
        name: String,
    },
    /// A client variable, by its name in the collection.
    Var {
        key: String,
    },
}

/// A query parameter sent with the value of a client variable.
#[derive(Debug, Clone, Serialize)]
pub struct QueryVar {
    pub name: String,
    pub key: String,
}

/// A header: a constant, or a value made of pieces.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderUse {
    pub name: String,
    /// The value when it is fixed.
    pub constant: Option<String>,
    pub pieces: Vec<Piece>,
}

/// A method argument.
#[derive(Debug, Clone, Serialize)]
pub struct Arg {
    pub ident: String,
    pub ty: TypeRef,
    /// What the argument stands for, to give it an example value.
    #[serde(skip)]
    pub source: ArgSource,
}

/// What an argument stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgSource {
    /// A path variable (`:name`) or a `{{name}}` without a value.
    Variable(String),
    /// The query parameters struct.
    Query,
    /// The request body.
    Body,
}

/// How the request body is sent.
#[derive(Debug, Clone, Serialize)]
pub struct BodyUse {
    pub kind: BodyKind,
    /// The argument holding the body.
    pub arg: Option<String>,
    /// For text and file bodies, the `Content-Type` to send.
    pub content_type: Option<String>,
    /// For GraphQL bodies, the query text.
    pub graphql_query: Option<String>,
    /// For JSON bodies, the fields the collection fills with client variables, which the
    /// client sends when the caller leaves them out.
    pub json_vars: Vec<JsonVar>,
}

/// A field of a JSON body bound to a client variable (`"{{name}}"` or `{{name}}`).
#[derive(Debug, Clone, Serialize)]
pub struct JsonVar {
    /// The field, as an RFC 6901 JSON pointer.
    pub pointer: String,
    /// The variable.
    pub key: String,
    /// Unquoted in the collection: the value is sent as the JSON it is.
    pub unquoted: bool,
}

impl BodyUse {
    /// A body of `kind` without an argument.
    pub fn new(kind: BodyKind) -> Self {
        BodyUse {
            kind,
            arg: None,
            content_type: None,
            graphql_query: None,
            json_vars: Vec::new(),
        }
    }

    /// The same body, passed as the method's `body` argument.
    pub fn with_arg(mut self) -> Self {
        self.arg = Some("body".into());
        self
    }
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
    /// Bytes or a stream, with a fixed content type.
    File,
    /// `{"query": .., "variables": ..}` as JSON, as Postman sends GraphQL.
    Graphql,
}

/// Which credentials the client attaches to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuthUse {
    None,
    Bearer,
    Basic,
    /// An API key sent in the header or query parameter `name`.
    ApiKey {
        name: String,
        in_query: bool,
    },
    /// A scheme the user's hook applies (ntlm, jwt, ...).
    Hook {
        scheme: String,
    },
    /// A scheme the client computes with the signer set for it (awsv4, edgegrid, digest,
    /// oauth1, hawk), or else the user's hook: the collection's parameters of it that are no
    /// secrets, as written (values may name variables).
    Signed {
        scheme: String,
        params: Vec<(String, String)>,
    },
}

/// A documented status and its one-line meaning.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentedStatus {
    pub code: u16,
    pub summary: String,
}
