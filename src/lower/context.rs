//! The state lowering carries: [`Lowering`] for the whole collection (variables, problems,
//! the client's credentials and request list), [`ModuleScope`] for the module being built (its
//! type space and method names) and [`RequestSite`] for the request being lowered.

use std::collections::{BTreeMap, BTreeSet};

use super::doc_lines::LaterDocs;
use super::infer::concepts::Concepts;
use super::infer::samples::Samples;
use super::json_types::JsonTypes;
use super::type_space::TypeSpace;
use crate::collection::{Item, RequestSpec};
use crate::error::{Kind, Problem};
use crate::model::{AuthUse, Listed, Module};
use crate::text::names::{self, Scope};

/// What lowering the whole collection carries from request to request.
pub(super) struct Lowering {
    /// Values of the collection's, folders' and environment's variables.
    pub(super) vars: BTreeMap<String, String>,
    /// The variables requests read from the client.
    pub(super) used_vars: BTreeSet<String>,
    pub(super) problems: Vec<Problem>,
    pub(super) warnings: Vec<Problem>,
    /// Whether what one request cannot represent is an error ([`Lowering::problem`]) rather
    /// than a warning.
    pub(super) strict: bool,
    /// How many requests were left out for what they cannot represent.
    pub(super) requests_left_out: usize,
    /// What the overrides file decides per request.
    pub(super) applied: super::overrides::Applied,
    /// The locations of the requests and folders whose pinned names were claimed before
    /// their module's other names were made.
    pub(super) pins_claimed: BTreeSet<String>,
    /// The host (as written, e.g. `{{baseUrl}}`) of most requests: the client's base URL.
    pub(super) base_host: Option<String>,
    /// The other hosts requests use that are not one variable, as written: each gets a setter.
    pub(super) hosts: BTreeSet<String>,
    /// The credentials requests use.
    pub(super) found: Found,
    /// Endpoints in collection order.
    pub(super) requests: Vec<Listed>,
    /// The crate's JSON types.
    pub(super) json: JsonTypes,
    /// Every value each parameter name takes across the collection.
    pub(super) concepts: Concepts,
    /// The part of each endpoint's docs that names JSON types, written once they are named.
    pub(super) later_docs: Vec<LaterDocs>,
    /// The variables the collection's scripts set, each with the text that stands for it
    /// until a script sets it: `{{name}}`, as Postman sends a variable without a value.
    pub(super) script_vars: BTreeMap<String, String>,
    /// Every script of the collection, translated.
    pub(super) plan: super::scripts::Plan,
}

impl Lowering {
    /// Records a problem once: an inherited block (auth) is resolved for every request under it.
    pub(super) fn problem(&mut self, location: &str, message: impl Into<String>) {
        let problem = Problem::new(Kind::Error, location, message);
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }

    /// What makes a request impossible to represent (an invalid method): with `strict` an
    /// error, else a warning, and the request is left out ([`Lowering::faults`] grows).
    pub(super) fn refuse_request(&mut self, location: &str, message: impl Into<String>) {
        if self.strict {
            self.problem(location, message);
        } else {
            self.requests_left_out += 1;
            let message = format!("{}; the request is left out", message.into());
            self.warn(Kind::LeftOut, location, message);
        }
    }

    /// A part of a request postgen cannot represent (`what`: "the header"): with `strict` an
    /// error, else a warning, and the part is left out while the request is generated.
    pub(super) fn leave_out(&mut self, location: &str, message: impl Into<String>, what: &str) {
        if self.strict {
            self.problem(location, message);
        } else {
            let message = format!("{}; {what} is left out", message.into());
            self.warn(Kind::LeftOut, location, message);
        }
    }

    /// A count that grows whenever a request must not be generated: errors, and requests left
    /// out. Compared before and after lowering one.
    pub(super) fn faults(&self) -> usize {
        self.problems.len() + self.requests_left_out
    }

    /// Records a warning of `kind` once.
    pub(super) fn warn(&mut self, kind: Kind, location: &str, message: impl Into<String>) {
        let warning = Problem::new(kind, location, message);
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }
}

/// A module being built, with the namespaces of its types and its handle's methods.
pub(super) struct ModuleScope {
    pub(super) module: Module,
    pub(super) types: TypeSpace,
    pub(super) methods: Scope,
    /// Names of the module's generated example tests.
    pub(super) tests: Scope,
    /// The child indices from the root to this module.
    pub(super) indices: Vec<usize>,
}

impl ModuleScope {
    /// A module with its type and method namespaces.
    pub(super) fn new(module: Module, types: Scope, methods: Scope) -> Self {
        ModuleScope {
            module,
            types: TypeSpace::new(types),
            methods,
            tests: Scope::default(),
            indices: Vec::new(),
        }
    }

    /// The module's path from the generated root, e.g. `["im_groups"]`; empty at the root.
    pub(super) fn path(&self) -> &[String] {
        &self.module.path
    }

    /// How many modules deep this one is: 0 at the root.
    pub(super) fn depth(&self) -> usize {
        self.module.depth
    }

    /// The singular of the folder's name, used to name enums shared by its requests.
    pub(super) fn singular(&self) -> Option<String> {
        if self.module.is_root {
            return None;
        }
        let handle = &self.module.handle;
        let singular = names::singular(handle);
        Some(if singular.ends_with("_item") {
            handle.clone()
        } else {
            singular
        })
    }

    pub(super) fn finish(mut self) -> Module {
        self.module.types = self.types.defs;
        // The model is held while every file renders; the lists' spare capacity (they grew
        // one push at a time) was 5 % of it.
        self.module.types.shrink_to_fit();
        self.module.endpoints.shrink_to_fit();
        self.module.modules.shrink_to_fit();
        self.module
    }
}

/// What lowering one request needs to know about where it sits.
pub(super) struct RequestSite<'a> {
    pub item: &'a Item,
    /// The request's name as the collection has it, for docs.
    pub name: &'a str,
    /// The request's method name, unique in its module.
    pub ident: String,
    /// What its other identifiers (types, tests) are made from: the method name's words.
    pub ident_name: String,
    pub request: &'a RequestSpec,
    /// The request's path as Postman shows it, e.g. `/im/groups/:groupId`.
    pub path: String,
    pub location: &'a str,
    pub auth: AuthUse,
    /// Whether the item or a folder above it has scripts, which postgen does not run.
    /// The translated scripts that run around the request: its ancestors' and its own.
    pub scripts: &'a crate::model::script::Scripts,
    /// The parameter values of the item's saved examples.
    pub samples: Samples,
    /// What the overrides file says the successful response is.
    pub response: Option<crate::overrides::ResponseKind>,
    /// What the overrides file says of the fields of the body, the successful responses'
    /// JSON bodies and the query.
    pub fields: crate::overrides::FieldOverrides,
}

/// The credentials the requests lowered so far use, and what the collection says of them.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub(super) bearer: bool,
    pub(super) basic: bool,
    pub(super) api_key: bool,
    /// Some requests use a scheme postgen does not implement: the user signs them in a hook.
    pub(super) hook: bool,
    pub(super) bearer_default: Option<String>,
    pub(super) api_key_default: Option<String>,
    pub(super) bearer_example: Option<String>,
    pub(super) api_key_example: Option<String>,
    pub(super) basic_example: Option<(String, String)>,
    /// The first `oauth2` block that names a token endpoint.
    pub(super) oauth2: Option<crate::model::OAuth2Setup>,
    /// The computed schemes requests use.
    pub(super) signed: std::collections::BTreeSet<String>,
}
