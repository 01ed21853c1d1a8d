//! Lowering: the collection's item tree becomes a tree of modules with endpoints.
//!
//! Folders become modules, requests become methods of their module's handle, and auth is
//! resolved through the collection -> folder -> request chain. Problems are collected, not
//! returned at the first one, so a user fixing a collection sees all of them at once.

use std::collections::BTreeMap;
use std::path::Path;

use super::endpoint::{self, EndpointContext};
use super::names::{self, Scope};
use super::types::TypeSpace;
use super::{Api, AuthUse, Module, docs};
use crate::collection::{self, Auth, Input, Item};
use crate::error::{Error, Problem};

/// Choices that are not in the collection.
#[derive(Debug, Clone)]
pub struct Options {
    /// The Cargo package name of the generated crate.
    pub crate_name: String,
}

/// Type names the generated root module defines itself.
const ROOT_TYPES: &[&str] = &["Client", "Error", "ApiError", "runtime", "BASE_URL"];
/// Methods `Client` has besides the collection's top-level requests.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "with_bearer_token",
    "with_http_client",
    "with_timeout",
    "base_url",
    "execute",
    "clone",
    "fmt",
];

/// Builds the model of `input`.
pub fn lower(input: &Input, options: &Options) -> Result<Api, Error> {
    let collection = &input.collection;
    let variables: BTreeMap<String, String> = collection
        .variable
        .iter()
        .filter(|v| !v.disabled)
        .filter_map(|v| Some((v.name()?.to_string(), v.value_text()?)))
        .collect();
    let mut lowerer = Lowerer {
        variables,
        problems: Vec::new(),
        warnings: Vec::new(),
        base_url: None,
    };
    let mut root = ModuleBuilder::new(
        Module {
            ident: String::new(),
            path: String::new(),
            accessor: String::new(),
            handle: "Client".into(),
            title: collection.info.name.clone(),
            docs: String::new(),
            handle_docs: String::new(),
            root_path: "self".into(),
            is_root: true,
            endpoints: Vec::new(),
            types: Vec::new(),
            modules: Vec::new(),
        },
        Scope::with_reserved(ROOT_TYPES),
        Scope::with_reserved(CLIENT_METHODS),
    );
    let paths: Vec<String> = (0..collection.item.len())
        .map(|i| input.top_item_path(i))
        .collect();
    lowerer.items(
        &collection.item,
        &paths,
        collection.auth.as_ref(),
        &mut root,
    );
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
        title: collection.info.name.clone(),
        docs: docs::to_rustdoc(collection::text_of(&collection.info.description)),
        source_file,
        base_url: lowerer.base_url,
        root: root.finish(),
        warnings: lowerer.warnings,
    })
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

/// A module being built, with the namespaces of its types and its handle's methods.
pub(super) struct ModuleBuilder {
    module: Module,
    pub(super) types: TypeSpace,
    pub(super) methods: Scope,
    /// Names of the module's generated example tests.
    pub(super) tests: Scope,
}

impl ModuleBuilder {
    fn new(module: Module, types: Scope, methods: Scope) -> Self {
        ModuleBuilder {
            module,
            types: TypeSpace::new(types),
            methods,
            tests: Scope::default(),
        }
    }

    /// The path from this module to the generated root, for intra-doc links.
    pub(super) fn root_path(&self) -> &str {
        &self.module.root_path
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

    fn finish(mut self) -> Module {
        self.module.types = self.types.defs;
        self.module
    }
}

pub(super) struct Lowerer {
    pub(super) variables: BTreeMap<String, String>,
    pub(super) problems: Vec<Problem>,
    pub(super) warnings: Vec<Problem>,
    pub(super) base_url: Option<String>,
}

impl Lowerer {
    pub(super) fn problem(&mut self, location: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            location: location.to_string(),
            message: message.into(),
        });
    }

    pub(super) fn warn(&mut self, location: &str, message: impl Into<String>) {
        self.warnings.push(Problem {
            location: location.to_string(),
            message: message.into(),
        });
    }

    fn items(
        &mut self,
        items: &[Item],
        paths: &[String],
        inherited_auth: Option<&Auth>,
        module: &mut ModuleBuilder,
    ) {
        for (item, location) in items.iter().zip(paths) {
            let auth = item.auth.as_ref().or(inherited_auth);
            let name = item.name.clone().unwrap_or_default();
            if let Some(children) = &item.item {
                let child = self.folder(item, &name, children, location, auth, module);
                module.module.modules.push(child);
            } else if let Some(request) = &item.request {
                let auth = self.auth(auth, location);
                let context = EndpointContext {
                    item,
                    name: &name,
                    request,
                    location,
                    auth,
                };
                if let Some(endpoint) = endpoint::lower(self, module, &context) {
                    module.module.endpoints.push(endpoint);
                }
            } else {
                self.warn(location, "item has neither `request` nor `item`; skipped");
            }
        }
    }

    fn folder(
        &mut self,
        item: &Item,
        name: &str,
        children: &[Item],
        location: &str,
        auth: Option<&Auth>,
        parent: &mut ModuleBuilder,
    ) -> Module {
        let ident = parent.types.scope.claim(&names::snake(name));
        let accessor = parent.methods.claim(&ident);
        let mut types = Scope::default();
        let handle = types.claim(&names::pascal(name));
        let root_path = if parent.module.is_root {
            "super".to_string()
        } else {
            format!("super::{}", parent.module.root_path)
        };
        let description = docs::to_rustdoc(collection::text_of(&item.description));
        let docs = if description.is_empty() {
            format!("Requests of the `{}` folder.", name.replace('`', "'"))
        } else {
            description
        };
        let path = if parent.module.is_root {
            ident.clone()
        } else {
            format!("{}::{ident}", parent.module.path)
        };
        let handle_docs = format!(
            "The requests of the `{}` folder.\n\nGet one with `{accessor}()` on its parent: the client or the enclosing folder's handle.",
            name.replace('`', "'")
        );
        let mut builder = ModuleBuilder::new(
            Module {
                handle_docs,
                ident,
                path,
                accessor,
                handle,
                title: name.to_string(),
                docs,
                root_path,
                is_root: false,
                endpoints: Vec::new(),
                types: Vec::new(),
                modules: Vec::new(),
            },
            types,
            Scope::with_reserved(&["clone", "fmt"]),
        );
        let paths: Vec<String> = (0..children.len())
            .map(|i| {
                if location.is_empty() {
                    format!("item[{i}]")
                } else {
                    format!("{location}.item[{i}]")
                }
            })
            .collect();
        self.items(children, &paths, auth, &mut builder);
        builder.finish()
    }

    /// What the client attaches for an item whose effective auth is `auth`.
    fn auth(&mut self, auth: Option<&Auth>, location: &str) -> AuthUse {
        match auth.map(|a| a.kind.as_str()) {
            None | Some("noauth") => AuthUse::None,
            Some("bearer" | "oauth2") => AuthUse::Bearer,
            Some(other) => {
                self.problem(
                    location,
                    format!("auth type `{other}` is not supported yet (supported: bearer, oauth2, noauth)"),
                );
                AuthUse::None
            }
        }
    }
}
