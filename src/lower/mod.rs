//! Lowering: the collection's item tree becomes the [`model`](crate::model): a tree of modules
//! with endpoints.
//!
//! This file walks the items; each request is lowered by `endpoint.rs` (with `request.rs`,
//! `body.rs`, `params.rs`, `responses.rs` and `auth.rs`), types are inferred from examples in
//! `infer/`, a module's own types are named in its `type_space.rs` and the crate's JSON types in
//! `json_types.rs` once every request is lowered (`late.rs`), and `examples/` works out the
//! example calls and the request Postman sends for them. Folders become modules (a folder
//! named after a path variable folds into its parent), requests become methods of their
//! module's handle, and auth is resolved through the collection -> folder -> request chain.
//! Problems are collected, not returned at the first one, so a user fixing a collection sees
//! all of them at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::rc::Rc;

mod auth;
mod body;
mod casing;
mod context;
mod doc_lines;
mod doubts;
mod endpoint;
mod examples;
mod hosts;
mod infer;
mod json_types;
mod json_vars;
mod late;
mod method_names;
mod overrides;
mod paging;
mod params;
mod pins;
mod raw;
mod request;
mod responses;
pub(crate) mod scripts;
mod type_space;
mod url;
mod vars;

use context::{Lowering, ModuleScope, RequestSite};
use infer::samples::Samples;
use url::UrlParts;

use crate::collection::{self, Auth, Input, Item, RequestSpec, Url, Variable};
use crate::error::{Error, Kind};
use crate::model::script::Scripts;
use crate::model::{Api, ConfigVar, Module, Piece};
use crate::text::docs;
use crate::text::names::{self, Scope};
use crate::text::vars::{Part, split};
use crate::util::at;

/// Choices that are not in the collection.
#[derive(Debug, Clone)]
pub struct Options {
    /// The Cargo package name of the generated crate.
    pub crate_name: String,
    /// Variable values from a Postman environment file; they override the collection's.
    pub environment: BTreeMap<String, String>,
    /// How many saved examples must show an object the API returns before the keys they all
    /// show are required fields; with fewer, every field of it is an `Option`.
    pub required_evidence: u32,
    /// Whether a request postgen cannot represent (an invalid method or header name) stops
    /// generation, rather than being left out with a warning.
    pub strict: bool,
    /// The overrides file's corrections (empty without one).
    pub overrides: crate::overrides::Overrides,
}

/// [`Options::required_evidence`] unless the user sets it: one example is not evidence that
/// a key is always sent (converters save exactly one per status, with every property).
pub const DEFAULT_REQUIRED_EVIDENCE: u32 = 2;

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: String::new(),
            environment: BTreeMap::new(),
            required_evidence: DEFAULT_REQUIRED_EVIDENCE,
            strict: false,
            overrides: Default::default(),
        }
    }
}

/// Names the generated root module defines itself (`client.rs.jinja` and `runtime.rs.jinja`);
/// a test renders them and checks this list holds every one.
pub(crate) const ROOT_TYPES: &[&str] = &[
    "Client",
    "Error",
    "ApiError",
    "Response",
    "runtime",
    "BASE_URL",
    crate::model::types::SHARED_MODULE,
];
/// Names a root item of the client must not take because the generated tests, which
/// `use <client>::*` beside their harness, write them unqualified: the standard types the harness
/// names, the harness's own types (a root type of that name would be shadowed in a test's
/// `round_trip::<T>`), and `tokio` (a root module of that name would take `#[tokio::test]`).
/// The client crate's own name is reserved too (see [`lower`]).
const TEST_ROOT_NAMES: &[&str] = &[
    "Option", "Result", "String", "Vec", "Wire", "Body", "Check", "tokio",
];
/// Methods `Client` has besides the collection's top-level requests and variable setters
/// (`client.rs.jinja`); a test renders them and checks this list holds every one.
pub(crate) const CLIENT_METHODS: &[&str] = &[
    "new",
    auth::BEARER_SETTER,
    auth::BASIC_SETTER,
    auth::API_KEY_SETTER,
    auth::HOOK_SETTER,
    "with_variable",
    "variable",
    "with_http_client",
    "with_timeout",
    "with_retry",
    "with_max_body_size",
    "base_url",
    "execute",
    "send_streaming",
    "send_raw",
    "with_oauth2",
    "with_token_provider",
    "oauth2",
    "with_signer",
    "with_before_send",
    "with_after_receive",
    "with_script_observer",
    "with_scripts",
    "with_pre_request_scripts",
    "script_variables",
    "set_script_variable",
    "call",
    "clone",
    "fmt",
];

/// Builds the model of `input`, consuming it: each request's input is freed once it is lowered,
/// so the input and the whole model are never held at once.
pub fn lower(mut input: Input, options: &Options) -> Result<Api, Error> {
    let mut items = std::mem::take(&mut input.collection.item);
    let paths: Vec<String> = (0..items.len()).map(|i| input.top_item_path(i)).collect();
    let applied = overrides::apply(&mut items, &paths, &options.overrides)?;
    let collection = &input.collection;
    let mut lowerer = Lowering {
        vars: BTreeMap::new(),
        used_vars: BTreeSet::new(),
        problems: Vec::new(),
        warnings: std::mem::take(&mut input.warnings),
        strict: options.strict,
        applied,
        pins_claimed: BTreeSet::new(),
        requests_left_out: 0,
        base_host: None,
        hosts: BTreeSet::new(),
        json: json_types::JsonTypes::new(options.required_evidence),
        concepts: infer::concepts::Concepts::of(&items),
        later_docs: Vec::new(),
        script_vars: BTreeMap::new(),
        plan: Default::default(),
        found: Default::default(),
        requests: Vec::new(),
    };
    lowerer.vars.extend(options.environment.clone());
    lowerer.add_vars(&collection.variable, "variable");
    lowerer.base_host = most_common_host(&items);
    let mut root = ModuleScope::new(
        Module {
            ident: String::new(),
            path: Vec::new(),
            accessor: String::new(),
            handle: "Client".into(),
            title: collection.info.name.clone(),
            docs: String::new(),
            handle_docs: String::new(),
            accessors: Vec::new(),
            depth: 0,
            is_root: true,
            endpoints: Vec::new(),
            types: Vec::new(),
            modules: Vec::new(),
        },
        Scope::with_reserved(
            &[
                ROOT_TYPES,
                TEST_ROOT_NAMES,
                &[options.crate_name.replace('-', "_").as_str()],
            ]
            .concat(),
        ),
        Scope::with_reserved(CLIENT_METHODS),
    );
    doubts::check(&mut lowerer, &items, &paths);
    let collection_location = input.collection_path("event");
    let collection_location = collection_location
        .trim_end_matches("event")
        .trim_end_matches('.');
    let plan = scripts::Plan::of(&collection.event, collection_location, &items, &paths);
    for (location, message) in &plan.warnings {
        lowerer.warn(Kind::Script, location, message.clone());
    }
    lowerer.script_vars = plan
        .set_names
        .iter()
        .map(|name| (name.clone(), format!("{{{{{name}}}}}")))
        .collect();
    let script_counts = (plan.counted, plan.translated);
    let script_regex = plan.regex;
    let collection_scripts = plan.at(collection_location).cloned().unwrap_or_default();
    lowerer.plan = plan;
    lowerer.items(
        items,
        &paths,
        Inherited {
            auth: collection
                .auth
                .as_ref()
                .map(|auth| (auth, Rc::from(input.collection_path("auth")))),
            scripts: Rc::new(collection_scripts),
        },
        &mut root,
    );
    let base_url = lowerer.base_url();
    let vars = lowerer.config_vars(&mut root.methods);
    let hosts = hosts::setters(&lowerer.hosts, &mut root.methods);
    let mut root = root.finish();
    let types = lowerer.name_json_types(&mut root);
    if !lowerer.problems.is_empty() {
        return Err(Error::Input {
            file: input.path.clone(),
            problems: lowerer.problems,
        });
    }
    let source_file = input
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Api {
        crate_name: options.crate_name.clone(),
        crate_ident: options.crate_name.replace('-', "_"),
        runtime_crate: format!("{}-runtime", options.crate_name),
        runtime_ident: format!("{}_runtime", options.crate_name.replace('-', "_")),
        title: collection.info.name.clone(),
        docs: docs::to_rustdoc(collection::text_of(&collection.info.description)),
        source_file,
        base_url,
        vars,
        auth: lowerer.found.client_auth(),
        base_origin: lowerer.base_host.clone(),
        variables: lowerer.vars.clone().into_iter().collect(),
        host_vars: host_vars(&root),
        hosts,
        requests: lowerer.requests,
        root,
        types,
        warnings: lowerer.warnings,
        script_counts,
        script_regex,
    })
}

/// The variables that are the whole host of some request: generated tests point them at their
/// loopback server.
fn host_vars(module: &Module) -> Vec<String> {
    let mut keys: Vec<String> = module
        .endpoints
        .iter()
        .filter_map(|e| match e.host.as_deref() {
            Some([Piece::Var { key }]) => Some(key.clone()),
            _ => None,
        })
        .chain(module.modules.iter().flat_map(host_vars))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The default crate name for an input file: its stem as a Cargo package name.
pub fn default_crate_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem.split('.').next().unwrap_or("");
    names::snake(stem).trim_start_matches("r#").to_string()
}

/// What an item takes from the folders above it.
#[derive(Clone)]
struct Inherited<'a> {
    /// The nearest auth block (`noauth` included) and its JSON location: a problem with it is
    /// reported once, where it is written, not at every request that inherits it.
    auth: Option<(&'a Auth, Rc<str>)>,
    /// The translated scripts of the collection and the folders above, in the order they run.
    scripts: Rc<Scripts>,
}

impl Lowering {
    /// Adds variables with values; an earlier value (environment, outer scope) wins.
    fn add_vars(&mut self, variables: &[Variable], location: &str) {
        for (i, variable) in variables.iter().enumerate() {
            let (Some(name), Some(value)) = (variable.name(), variable.value_text()) else {
                continue;
            };
            if variable.disabled {
                continue;
            }
            match self.vars.get(name) {
                None => {
                    self.vars.insert(name.to_string(), value);
                }
                Some(existing) if *existing == value || location == "variable" => {}
                Some(existing) => {
                    let message = format!(
                        "variable `{name}` is `{value}` here but `{existing}` elsewhere; the client has one value, `{existing}`"
                    );
                    self.warn(Kind::Inconsistent, &format!("{location}[{i}]"), message);
                }
            }
        }
    }

    /// The client's default base URL: the common host with its variables' values.
    fn base_url(&self) -> Option<String> {
        let host = self.base_host.as_deref()?;
        let mut url = String::new();
        for part in split(host) {
            match part {
                Part::Text(text) => url.push_str(text),
                Part::Var(name) => url.push_str(self.value_of(name)?),
            }
        }
        let url = url.trim_end_matches('/').to_string();
        let url = if url.contains("://") {
            url
        } else {
            format!("https://{url}")
        };
        (url.len() > "https://".len()).then_some(url)
    }

    /// The client variables requests use, with setters claimed in the client's method namespace.
    fn config_vars(&self, methods: &mut Scope) -> Vec<ConfigVar> {
        self.used_vars
            .iter()
            .filter(|key| !self.is_generated(key))
            .map(|key| {
                let default = self.client_value_of(key).map(str::to_string);
                let shown = key.replace('`', "'");
                let docs = match &default {
                    Some(_) if self.value_of(key).is_none() => format!(
                        "Sets the variable `{shown}`, which the collection's scripts set (see [`Client::script_variables`]); until one does, requests send `{{{{{shown}}}}}` as written, as Postman does."
                    ),
                    Some(value) if !value.contains('`') && !value.contains('\n') => format!(
                        "Sets the collection variable `{shown}` (default: `{value}`)."
                    ),
                    Some(_) => format!("Sets the collection variable `{shown}` (it has a default)."),
                    None => format!(
                        "Sets the collection variable `{shown}`, which requests need and the collection gives no value for."
                    ),
                };
                ConfigVar {
                    setter: methods.claim(&format!("with_{}", names::snake(key).trim_start_matches("r#"))),
                    key: key.clone(),
                    default,
                    docs,
                }
            })
            .collect()
    }

    /// Lowers `items` into `module`, dropping each as soon as it is lowered.
    fn items(
        &mut self,
        items: Vec<Item>,
        paths: &[String],
        inherited: Inherited<'_>,
        module: &mut ModuleScope,
    ) {
        // Names the overrides file pins are claimed before any other is made up, so that a
        // request or folder added before a pinned one cannot take its name.
        for location in paths {
            if let Some((name, _)) = self.applied.names.get(location.as_str())
                && !module.methods.contains(name)
            {
                module.methods.claim(name);
                self.pins_claimed.insert(location.clone());
            }
            if let Some((name, _)) = self.applied.modules.get(location.as_str())
                && !module.types.scope.contains(name)
                && !module.methods.contains(name)
            {
                module.types.scope.claim(name);
                module.methods.claim(name);
                self.pins_claimed.insert(location.clone());
            }
        }
        for (mut item, location) in items.into_iter().zip(paths) {
            let children = item.item.take();
            let item = &item;
            let inherited = Inherited {
                auth: match &item.auth {
                    Some(auth) => Some((auth, Rc::from(at(location, "auth")))),
                    None => inherited.auth.clone(),
                },
                scripts: match self.plan.at(location) {
                    Some(own) => {
                        let mut scripts = (*inherited.scripts).clone();
                        scripts.extend(own);
                        Rc::new(scripts)
                    }
                    None => inherited.scripts.clone(),
                },
            };
            let name = item.name.clone().unwrap_or_default();
            self.add_vars(&item.variable, &format!("{location}.variable"));
            if let Some(children) = children {
                if !has_requests(&children) {
                    self.warn(
                        Kind::LeftOut,
                        location,
                        format!("folder `{name}` has no requests; left out"),
                    );
                    continue;
                }
                // A folder that stands for a path variable (converters name the folder of
                // `/users/{userId}/...` `{userId}`) is no module: a handle `user_id()` would
                // take no id. Its requests and folders are its parent's.
                if is_variable_folder(&name) {
                    let paths: Vec<String> = (0..children.len())
                        .map(|i| at(location, &format!("item[{i}]")))
                        .collect();
                    self.items(children, &paths, inherited, module);
                    continue;
                }
                let child = self.folder(item, &name, children, location, inherited.clone(), module);
                module.module.modules.push(child);
            } else if let Some(request) = &item.request {
                // `request.auth` is where Postman puts a request's own auth; `null` inherits.
                let own = match request {
                    RequestSpec::Full(request) => request.auth.as_ref(),
                    RequestSpec::Url(_) => None,
                };
                let auth = match own {
                    Some(own) => self.auth(Some(own), &at(location, "request.auth")),
                    None => {
                        let (block, block_location) = inherited.auth.clone().unzip();
                        self.auth(block, block_location.as_deref().unwrap_or(location))
                    }
                };
                let (path, http_method) = match request {
                    RequestSpec::Full(r) => (r.url.as_ref().map(UrlParts::of), r.method.as_deref()),
                    RequestSpec::Url(url) => (Some(UrlParts::of(&Url::Raw(url.clone()))), None),
                };
                // A request without a URL is left out: it takes no name.
                let pinned = self.applied.names.get(location.as_str()).cloned();
                let ident = match (&path, pinned) {
                    (Some(_), Some((name, _))) if self.pins_claimed.contains(location) => name,
                    (Some(_), Some((name, file_at))) => {
                        if module.methods.contains(&name) {
                            self.problem(
                                location,
                                format!(
                                    "the name `{name}` the overrides file gives this request ({file_at}) \
                                     is taken by another method of its module; choose another"
                                ),
                            );
                        }
                        module.methods.claim(&name)
                    }
                    (Some(url), None) => method_names::method_ident(
                        &mut module.methods,
                        &name,
                        &url.path_display(),
                        &http_method.unwrap_or("GET").trim().to_ascii_uppercase(),
                    ),
                    (None, _) => String::new(),
                };
                let context = RequestSite {
                    item,
                    name: &name,
                    ident_name: ident.trim_start_matches("r#").replace('_', " "),
                    ident,
                    request,
                    path: path.map(|u| u.path_display()).unwrap_or_default(),
                    location,
                    auth,
                    scripts: &inherited.scripts,
                    samples: Samples::of(item),
                    response: self.applied.responses.get(location.as_str()).copied(),
                    fields: self
                        .applied
                        .fields
                        .get(location.as_str())
                        .cloned()
                        .unwrap_or_default(),
                };
                if let Some(endpoint) = endpoint::lower(self, module, &context) {
                    module.module.endpoints.push(endpoint);
                }
            } else if !item.left_out {
                // (An item that could not be read was left out with a warning as it was read.)
                self.warn(
                    Kind::LeftOut,
                    location,
                    "item has neither `request` nor `item`; skipped",
                );
            }
        }
    }

    fn folder(
        &mut self,
        item: &Item,
        name: &str,
        children: Vec<Item>,
        location: &str,
        inherited: Inherited<'_>,
        parent: &mut ModuleScope,
    ) -> Module {
        // A name the overrides file pins is the module's, and its handle's in UpperCamelCase.
        let pinned = self.applied.modules.get(location).cloned();
        let claimed = self.pins_claimed.contains(location);
        let (base, handle_from) = match &pinned {
            Some((pinned, _)) if claimed => (pinned.clone(), pinned.as_str()),
            Some((pinned, file_at)) => {
                if parent.types.scope.contains(pinned) || parent.methods.contains(pinned) {
                    self.problem(
                        location,
                        format!(
                            "the module name `{pinned}` the overrides file gives this folder ({file_at}) \
                             is taken by another module or method beside it; choose another"
                        ),
                    );
                }
                (pinned.clone(), pinned.as_str())
            }
            None => (names::snake(name), name),
        };
        let (ident, accessor) = if claimed {
            (base.clone(), base.clone())
        } else {
            let ident = parent.types.scope.claim(&base);
            let accessor = parent.methods.claim(&ident);
            (ident, accessor)
        };
        // A child module named like its parent (`users::users`) reads badly and clippy refuses it.
        let mut types = Scope::with_reserved(&[ident.as_str()]);
        let handle = types.claim(&names::pascal(handle_from));
        let description = docs::to_rustdoc(collection::text_of(&item.description));
        let docs = if description.is_empty() {
            format!("Requests of the `{}` folder.", name.replace('`', "'"))
        } else {
            description
        };
        let mut path = parent.module.path.clone();
        path.push(ident.clone());
        let handle_docs = format!(
            "The requests of the `{}` folder.\n\nGet one with `{accessor}()` on its parent: the client or the enclosing folder's handle.",
            name.replace('`', "'")
        );
        let mut accessors = parent.module.accessors.clone();
        accessors.push(accessor.clone());
        let mut builder = ModuleScope::new(
            Module {
                handle_docs,
                ident,
                path,
                accessor,
                handle,
                title: name.to_string(),
                docs,
                accessors,
                depth: parent.module.depth + 1,
                is_root: false,
                endpoints: Vec::new(),
                types: Vec::new(),
                modules: Vec::new(),
            },
            types,
            Scope::with_reserved(&["clone", "fmt"]),
        );
        builder.indices = parent.indices.clone();
        builder.indices.push(parent.module.modules.len());
        let paths: Vec<String> = (0..children.len())
            .map(|i| {
                if location.is_empty() {
                    format!("item[{i}]")
                } else {
                    format!("{location}.item[{i}]")
                }
            })
            .collect();
        self.items(children, &paths, inherited, &mut builder);
        builder.finish()
    }
}

/// The host most requests use, as written (`{{baseUrl}}`, `api.example.com`), with its protocol
/// and port; ties go to the first one seen.
fn most_common_host(items: &[Item]) -> Option<String> {
    fn walk(items: &[Item], counts: &mut Vec<(String, usize)>) {
        for item in items {
            if let Some(children) = &item.item {
                walk(children, counts);
            }
            let url = match &item.request {
                Some(RequestSpec::Full(request)) => request.url.clone(),
                Some(RequestSpec::Url(url)) => Some(Url::Raw(url.clone())),
                None => None,
            };
            let Some(host) = url
                .map(|u| UrlParts::of(&u).origin())
                .filter(|h| !h.is_empty())
            else {
                continue;
            };
            match counts.iter_mut().find(|(h, _)| *h == host) {
                Some((_, n)) => *n += 1,
                None => counts.push((host, 1)),
            }
        }
    }
    let mut counts = Vec::new();
    walk(items, &mut counts);
    let max = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == max).map(|(h, _)| h)
}

/// Whether a folder's name is a path variable (`{userId}`, `{{userId}}`, `:userId`) rather than
/// a name.
fn is_variable_folder(name: &str) -> bool {
    let name = name.trim();
    let braced = name.len() > 2 && name.starts_with('{') && name.ends_with('}');
    let colon = name.len() > 1
        && name.starts_with(':')
        && name[1..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    braced || colon
}

/// Whether a folder's items hold a request at any depth.
fn has_requests(items: &[Item]) -> bool {
    items.iter().any(|item| match &item.item {
        Some(children) => has_requests(children),
        None => item.request.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::{CLIENT_METHODS, ROOT_TYPES};

    /// The client of a collection that uses every auth kind and a variable, with no top-level
    /// request: every method of its `Client` and every item of its root come from the
    /// templates, apart from the folder's accessor and module and the variable's setter.
    #[test]
    fn every_name_the_templates_define_at_the_root_is_reserved() {
        let auths = [
            r#"{"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]}"#,
            r#"{"type": "basic", "basic": [{"key": "username", "value": "u"}]}"#,
            r#"{"type": "apikey", "apikey": [{"key": "key", "value": "X-Key"}]}"#,
            r#"{"type": "awsv4", "awsv4": []}"#,
        ];
        let requests: Vec<String> = auths
            .iter()
            .enumerate()
            .map(|(i, auth)| {
                format!(
                    r#"{{"name": "r{i}", "request": {{"method": "GET", "auth": {auth},
                        "header": [{{"key": "X-V", "value": "{{{{v}}}}"}}],
                        "url": "{{{{base}}}}/r{i}"}}}}"#
                )
            })
            .collect();
        let collection = format!(
            r#"{{"info": {{"name": "T"}},
                "variable": [{{"key": "base", "value": "https://x.test"}}, {{"key": "v", "value": "1"}}],
                "item": [{{"name": "Folder", "item": [{}]}}]}}"#,
            requests.join(",")
        );
        let generated = crate::Config::new("t.json")
            .generate_from(&collection)
            .expect("the collection generates");
        let api = &generated
            .files
            .iter()
            .find(|f| f.path == "src/api.rs")
            .expect("src/api.rs")
            .contents;
        let file = syn::parse_file(api).expect("src/api.rs parses");
        let mut methods = Vec::new();
        let mut root = Vec::new();
        for item in &file.items {
            match item {
                syn::Item::Impl(block) if is_client(&block.self_ty) => {
                    methods.extend(block.items.iter().filter_map(|item| match item {
                        syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                        _ => None,
                    }));
                }
                syn::Item::Impl(_) => {}
                syn::Item::Use(use_item) => use_names(&use_item.tree, &mut root),
                other => root.push(item_name(other)),
            }
        }
        methods.retain(|m| !["folder", "with_v"].contains(&m.as_str()));
        root.retain(|name| name != "folder");
        for method in &methods {
            assert!(
                CLIENT_METHODS.contains(&method.as_str()),
                "`Client::{method}` is defined by the templates but not reserved"
            );
        }
        for name in &root {
            assert!(
                ROOT_TYPES.contains(&name.as_str()),
                "`{name}` is defined at the root by the templates but not reserved"
            );
        }
        // What the checks above saw: every credential setter, and the runtime module.
        for expected in [
            "with_bearer_token",
            "with_basic_auth",
            "with_api_key",
            "with_auth_hook",
            "with_variable",
            "send_streaming",
        ] {
            assert!(
                methods.iter().any(|m| m == expected),
                "{expected} in {methods:?}"
            );
        }
        assert!(root.iter().any(|n| n == "runtime"), "{root:?}");
    }

    fn is_client(ty: &syn::Type) -> bool {
        matches!(ty, syn::Type::Path(path) if path.path.is_ident("Client"))
    }

    fn item_name(item: &syn::Item) -> String {
        match item {
            syn::Item::Const(i) => i.ident.to_string(),
            syn::Item::Enum(i) => i.ident.to_string(),
            syn::Item::Fn(i) => i.sig.ident.to_string(),
            syn::Item::Mod(i) => i.ident.to_string(),
            syn::Item::Static(i) => i.ident.to_string(),
            syn::Item::Struct(i) => i.ident.to_string(),
            syn::Item::Trait(i) => i.ident.to_string(),
            syn::Item::Type(i) => i.ident.to_string(),
            syn::Item::Union(i) => i.ident.to_string(),
            syn::Item::Macro(i) => i
                .ident
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            other => panic!("an unexpected root item: {}", quote::quote!(#other)),
        }
    }

    /// The names a `use` brings into scope.
    fn use_names(tree: &syn::UseTree, out: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(path) => use_names(&path.tree, out),
            syn::UseTree::Name(name) => out.push(name.ident.to_string()),
            syn::UseTree::Rename(rename) => out.push(rename.rename.to_string()),
            syn::UseTree::Glob(_) => out.push("*".into()),
            syn::UseTree::Group(group) => group.items.iter().for_each(|t| use_names(t, out)),
        }
    }
}
