//! What lowering writes once every request is lowered and the crate's JSON types are named
//! ([`JsonTypes::finish`]): each reference to a JSON type by its name, the end of each
//! endpoint's docs (its responses and errors), which names them, and where a paging
//! endpoint's items are in its page type.

use super::context::Lowering;
use super::endpoint;
use super::json_types::{JsonTypes, resolved};
use crate::model::types::{TypeDef, TypeRef};
use crate::model::{Module, PageItems};
use crate::text::names::Scope;

/// Names no JSON type may take: `skip_serializing_none` (on each JSON type with optional fields)
/// writes `Option::is_none` unqualified into the `types` module, where a type named `Option`
/// would take its place.
const TYPES_RESERVED: &[&str] = &["Option"];

impl Lowering {
    /// Names the crate's JSON types, refers to them by name everywhere in `root`, and finishes
    /// each endpoint's docs; returns the types, for the crate's `types` module.
    pub(super) fn name_json_types(&mut self, root: &mut Module) -> Vec<TypeDef> {
        let json = std::mem::replace(&mut self.json, JsonTypes::new(0));
        let renames: Vec<(String, String)> = self
            .applied
            .types
            .iter()
            .map(|t| (t.from.clone(), t.to.clone()))
            .collect();
        let mut scope = Scope::with_reserved(TYPES_RESERVED);
        let (mut defs, names, unapplied) = json.finish(&mut scope, &renames);
        super::casing::decide(&mut defs);
        for ((from, to), taken) in unapplied {
            let at = self
                .applied
                .types
                .iter()
                .find(|t| t.from == *from)
                .map_or("", |t| t.at.as_str());
            let message = if taken {
                format!(
                    "the overrides file renames `{from}` to `{to}` ({at}), but another type has that name"
                )
            } else {
                format!(
                    "the overrides file renames `{from}` ({at}), but no JSON type has that name"
                )
            };
            self.problem("", message);
        }
        resolve_module(root, &names);
        page_items(root, &defs);
        for later in std::mem::take(&mut self.later_docs) {
            let module = later
                .module
                .iter()
                .fold(&mut *root, |m, &i| &mut m.modules[i]);
            let endpoint = &mut module.endpoints[later.endpoint];
            endpoint::later_docs(
                &mut endpoint.docs,
                &later,
                endpoint.err_type.as_ref(),
                |ty| resolved(ty, &names),
            );
        }
        defs
    }
}

/// Every JSON type `module` and the modules in it refer to, by its name.
fn resolve_module(module: &mut Module, names: &[String]) {
    let resolve = |ty: &mut TypeRef| *ty = resolved(ty, names);
    for endpoint in &mut module.endpoints {
        endpoint.args.iter_mut().for_each(|a| resolve(&mut a.ty));
        resolve(&mut endpoint.ok_type);
        endpoint.err_type.iter_mut().for_each(resolve);
        for example in &mut endpoint.examples {
            example.ty.iter_mut().for_each(resolve);
        }
    }
    for def in &mut module.types {
        match def {
            TypeDef::Outcome(outcome) => outcome
                .variants
                .iter_mut()
                .for_each(|v| v.ty.iter_mut().for_each(resolve)),
            TypeDef::Struct(def) => def.fields.iter_mut().for_each(|f| resolve(&mut f.ty)),
            TypeDef::Enum(_) => {}
        }
    }
    for child in &mut module.modules {
        resolve_module(child, names);
    }
}

/// Where each paging endpoint of `module` (and the modules in it) finds a page's items in its
/// page type, now that the JSON types have their fields.
fn page_items(module: &mut Module, defs: &[TypeDef]) {
    for endpoint in &mut module.endpoints {
        if let Some(paging) = &mut endpoint.paging
            && let Some(key) = &paging.items_key
        {
            paging.items = items_of(&endpoint.ok_type, key, defs);
        }
    }
    for child in &mut module.modules {
        page_items(child, defs);
    }
}

/// The items of a page of type `page` kept under `key` (`""`: the page is the list); `None`
/// when the type does not hold them as a list (the examples disagreed on its type).
fn items_of(page: &TypeRef, key: &str, defs: &[TypeDef]) -> Option<PageItems> {
    match page {
        TypeRef::Vec(item) if key.is_empty() => Some(PageItems {
            field: None,
            optional: false,
            ty: (**item).clone(),
        }),
        TypeRef::Shared(name) if !key.is_empty() => {
            let def = defs.iter().find_map(|def| match def {
                TypeDef::Struct(def) if &def.name == name => Some(def),
                _ => None,
            })?;
            let field = def.fields.iter().find(|f| f.wire == key)?;
            let (optional, list) = match &field.ty {
                TypeRef::Option(inner) => (true, &**inner),
                ty => (false, ty),
            };
            let TypeRef::Vec(item) = list else {
                return None;
            };
            Some(PageItems {
                field: Some(field.ident.clone()),
                optional,
                ty: (**item).clone(),
            })
        }
        _ => None,
    }
}
