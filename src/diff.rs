//! `postgen diff`: what changed in the generated Rust API between two versions of a collection.
//!
//! Both versions are lowered to the model (nothing is rendered) and compared endpoint by
//! endpoint, keyed by the Rust function (`im_groups::update_an_im_directory_group`). Each change
//! is marked breaking when code written against the old client may stop compiling or see a
//! different type: a removed or renamed function, an argument added, removed or retyped, a
//! required field added, any field removed or retyped, a changed success or error type. Adding an
//! endpoint, an optional field to a struct with `Default` (filled with `..Default::default()`), a
//! response field, or changing the method or path the function sends is compatible.
//! An endpoint's types are compared by structure; then every type the client defines is
//! looked up by its path (`im_groups::ImGroupType`, `types::Group`): one that is no longer
//! there is renamed or moved when a type of the same structure is new at another path, else
//! removed, and either breaks code that names it; a new type is compatible.

use serde::Serialize;
use std::collections::BTreeSet;

use crate::Config;
use crate::error::Error;
use crate::model::types::SHARED_MODULE;
use crate::model::{self, Api, ArgSource, Endpoint, Module, TypeDef, TypeRef};
use crate::render::rust::short_type;

/// All changes, in the new collection's order (removed endpoints where they were).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diff {
    /// How many changes are breaking.
    pub breaking: usize,
    /// How many are compatible.
    pub compatible: usize,
    pub changes: Vec<Change>,
}

/// One change to one endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The Rust function, from the client's root: `im_groups::update_an_im_directory_group`;
    /// or a type's path, `types::Group`.
    pub endpoint: String,
    /// The method and path (of the new version, or the old one for a removed endpoint); `type`
    /// for a type.
    pub request: String,
    /// What changed, e.g. "body field `name` added (required, `String`)".
    pub change: String,
    pub breaking: bool,
}

/// Compares the APIs that `old` and `new` generate (each collection with its configuration's
/// environment file, as `generate` reads it).
pub fn diff(old: &Config, new: &Config) -> Result<Diff, Error> {
    Ok(compare(&old.lower()?, &new.lower()?))
}

/// Where types are looked up from a module: the module and those around it (its own first),
/// and the crate's JSON types.
#[derive(Clone)]
struct Scopes<'a> {
    modules: Vec<&'a Module>,
    shared: &'a [TypeDef],
}

impl Scopes<'_> {
    /// The definition `ty` names: a type of the modules, or a JSON type of the crate's `types`
    /// module.
    fn typedef(&self, ty: &TypeRef) -> Option<&TypeDef> {
        match ty {
            TypeRef::Named(name) => self
                .modules
                .iter()
                .flat_map(|m| &m.types)
                .find(|def| def_name(def) == name),
            TypeRef::Shared(name) => self.shared.iter().find(|def| def_name(def) == name),
            _ => None,
        }
    }

    fn struct_def(&self, ty: &TypeRef) -> Option<&model::StructDef> {
        match self.typedef(ty)? {
            TypeDef::Struct(s) => Some(s),
            _ => None,
        }
    }
}

/// An endpoint with the types it can see.
struct Site<'a> {
    key: String,
    endpoint: &'a Endpoint,
    scopes: Scopes<'a>,
}

impl Site<'_> {
    fn request(&self) -> String {
        format!("{} {}", self.endpoint.method, self.endpoint.path_display)
    }
}

fn sites<'a>(
    module: &'a Module,
    outer: &[&'a Module],
    shared: &'a [TypeDef],
    out: &mut Vec<Site<'a>>,
) {
    let mut modules = vec![module];
    modules.extend(outer.iter().rev());
    let scopes = Scopes { modules, shared };
    for endpoint in &module.endpoints {
        let key = if module.path.is_empty() {
            endpoint.ident.clone()
        } else {
            format!("{}::{}", module.path.join("::"), endpoint.ident)
        };
        out.push(Site {
            key,
            endpoint,
            scopes: scopes.clone(),
        });
    }
    let mut inner = outer.to_vec();
    inner.push(module);
    for child in &module.modules {
        sites(child, &inner, shared, out);
    }
}

/// Every type `api` defines, by its path from the crate root (`im_groups::ImGroupType`,
/// `types::Group`), with its structure.
fn type_paths(api: &Api) -> Vec<(String, String)> {
    fn walk<'a>(
        module: &'a Module,
        outer: &[&'a Module],
        shared: &'a [TypeDef],
        out: &mut Vec<(String, String)>,
    ) {
        let mut modules = vec![module];
        modules.extend(outer.iter().rev());
        let scopes = Scopes { modules, shared };
        for def in &module.types {
            let path = module
                .path
                .iter()
                .map(String::as_str)
                .chain([def_name(def)])
                .collect::<Vec<_>>()
                .join("::");
            out.push((path, def_signature(def, &scopes, 0)));
        }
        let mut inner = outer.to_vec();
        inner.push(module);
        for child in &module.modules {
            walk(child, &inner, shared, out);
        }
    }
    let mut out = Vec::new();
    walk(&api.root, &[], &api.types, &mut out);
    let scopes = Scopes {
        modules: Vec::new(),
        shared: &api.types,
    };
    for def in &api.types {
        out.push((
            format!("{SHARED_MODULE}::{}", def_name(def)),
            def_signature(def, &scopes, 0),
        ));
    }
    out
}

/// The types of `old` that `new` no longer has at their path: renamed or moved (a type of the
/// same structure is new at another path), or removed; and the types `new` adds. Code that
/// names a type by its path stops compiling when it moves.
fn type_changes(old: &Api, new: &Api) -> Vec<(String, String, bool)> {
    let (before, after) = (type_paths(old), type_paths(new));
    let (paths_before, paths_after): (BTreeSet<&str>, BTreeSet<&str>) = (
        before.iter().map(|(p, _)| p.as_str()).collect(),
        after.iter().map(|(p, _)| p.as_str()).collect(),
    );
    let at = |paths: &BTreeSet<&str>, path: &str| paths.contains(path);
    let added: Vec<&(String, String)> = after
        .iter()
        .filter(|(p, _)| !at(&paths_before, p))
        .collect();
    let mut targets = BTreeSet::new();
    let mut out = Vec::new();
    for (path, signature) in &before {
        if at(&paths_after, path) {
            continue;
        }
        match added.iter().find(|(_, s)| s == signature) {
            Some((target, _)) => {
                targets.insert(target.clone());
                out.push((
                    path.clone(),
                    format!("renamed or moved to `{target}`"),
                    true,
                ));
            }
            None => out.push((path.clone(), "removed".into(), true)),
        }
    }
    for (path, _) in added {
        if !targets.contains(path) {
            out.push((path.clone(), "added".into(), false));
        }
    }
    out
}

/// Compares two lowered versions.
pub fn compare(old: &Api, new: &Api) -> Diff {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    sites(&old.root, &[], &old.types, &mut before);
    sites(&new.root, &[], &new.types, &mut after);
    let mut diff = Diff::default();
    let removed: Vec<&Site> = before
        .iter()
        .filter(|o| !after.iter().any(|n| n.key == o.key))
        .collect();
    let mut renamed = BTreeSet::new();
    for site in &after {
        match before.iter().find(|o| o.key == site.key) {
            Some(previous) => {
                let mut changes = Changes::new(previous, site);
                changes.endpoint();
                diff.push_all(site, changes.found);
            }
            None => {
                // The same request under a new name: one rename, not a removal and an addition.
                let same = removed
                    .iter()
                    .find(|o| !renamed.contains(&o.key) && o.request() == site.request());
                let change = match same {
                    Some(o) => {
                        renamed.insert(o.key.clone());
                        (format!("renamed from `{}`", o.key), true)
                    }
                    None => ("added".to_string(), false),
                };
                diff.push_all(site, vec![change]);
            }
        }
    }
    for site in removed {
        if !renamed.contains(&site.key) {
            diff.push_all(site, vec![("removed".into(), true)]);
        }
    }
    for (path, change, breaking) in type_changes(old, new) {
        diff.push(path, "type".into(), change, breaking);
    }
    diff
}

impl Diff {
    fn push_all(&mut self, site: &Site, changes: Vec<(String, bool)>) {
        for (change, breaking) in changes {
            self.push(site.key.clone(), site.request(), change, breaking);
        }
    }

    fn push(&mut self, endpoint: String, request: String, change: String, breaking: bool) {
        if breaking {
            self.breaking += 1;
        } else {
            self.compatible += 1;
        }
        self.changes.push(Change {
            endpoint,
            request,
            change,
            breaking,
        });
    }

    /// The human-readable report: changes grouped by endpoint, then a summary line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let mut last: Option<&str> = None;
        for change in &self.changes {
            if last != Some(change.endpoint.as_str()) {
                out.push_str(&format!("{} ({})\n", change.endpoint, change.request));
                last = Some(&change.endpoint);
            }
            let mark = if change.breaking {
                "breaking  "
            } else {
                "compatible"
            };
            out.push_str(&format!("  {mark}  {}\n", change.change));
        }
        if self.changes.is_empty() {
            out.push_str("no changes to the generated API\n");
        } else {
            out.push_str(&format!(
                "{} breaking, {} compatible change(s)\n",
                self.breaking, self.compatible
            ));
        }
        out
    }
}

/// Whether a struct is filled in by the user (an argument) or read (a response).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Input,
    Output,
}

/// The changes found for one endpoint present in both versions.
struct Changes<'a> {
    old: &'a Site<'a>,
    new: &'a Site<'a>,
    found: Vec<(String, bool)>,
}

impl<'a> Changes<'a> {
    fn new(old: &'a Site<'a>, new: &'a Site<'a>) -> Self {
        Changes {
            old,
            new,
            found: Vec::new(),
        }
    }

    fn add(&mut self, change: String, breaking: bool) {
        self.found.push((change, breaking));
    }

    fn endpoint(&mut self) {
        let (old, new) = (self.old.endpoint, self.new.endpoint);
        if old.method != new.method {
            self.add(format!("method {} -> {}", old.method, new.method), false);
        }
        if old.path_display != new.path_display {
            self.add(
                format!("path `{}` -> `{}`", old.path_display, new.path_display),
                false,
            );
        }
        self.arguments();
        let statuses = |e: &Endpoint| -> BTreeSet<u16> {
            e.examples
                .iter()
                .map(|x| x.code)
                .chain(e.errors.iter().map(|s| s.code))
                .collect()
        };
        let (before, after) = (statuses(old), statuses(new));
        for code in after.difference(&before) {
            self.add(format!("response status {code} documented"), false);
        }
        for code in before.difference(&after) {
            self.add(
                format!("response status {code} no longer documented"),
                false,
            );
        }
        self.types("success type", &old.ok_type, &new.ok_type, Role::Output);
        self.types(
            "error body type",
            old.err_type.as_ref().unwrap_or(&TypeRef::Unit),
            new.err_type.as_ref().unwrap_or(&TypeRef::Unit),
            Role::Output,
        );
    }

    fn arguments(&mut self) {
        let (old, new) = (self.old.endpoint, self.new.endpoint);
        for arg in &new.args {
            match old.args.iter().find(|a| a.source == arg.source) {
                None => self.add(
                    format!("argument `{}: {}` added", arg.ident, short_type(&arg.ty)),
                    true,
                ),
                Some(before) => {
                    let what = match &arg.source {
                        ArgSource::Variable(_) => format!("argument `{}`", arg.ident),
                        ArgSource::Query => "query parameter".into(),
                        ArgSource::Body => "body".into(),
                    };
                    self.types(&what, &before.ty, &arg.ty, Role::Input);
                }
            }
        }
        for arg in &old.args {
            if !new.args.iter().any(|a| a.source == arg.source) {
                self.add(
                    format!("argument `{}: {}` removed", arg.ident, short_type(&arg.ty)),
                    true,
                );
            }
        }
        // Arguments are positional: the same ones in another order may still compile (two
        // `&str`s) but send each value as the other.
        let kept = |args: &[model::Arg], other: &[model::Arg]| -> Vec<String> {
            args.iter()
                .filter(|a| other.iter().any(|b| b.source == a.source))
                .map(|a| a.ident.clone())
                .collect()
        };
        let (before, after) = (kept(&old.args, &new.args), kept(&new.args, &old.args));
        if before != after {
            self.add(
                format!(
                    "arguments reordered: ({}) -> ({})",
                    before.join(", "),
                    after.join(", ")
                ),
                true,
            );
        }
        if old.body.kind != new.body.kind {
            self.add(
                format!("body sent as {:?} -> {:?}", old.body.kind, new.body.kind).to_lowercase(),
                false,
            );
        }
    }

    /// Compares the types `old` and `new` of `what`: field by field where both are structs of
    /// the same shape of type (`T`, `Option<T>`, `&T`, ...), else as a whole.
    fn types(&mut self, what: &str, old: &TypeRef, new: &TypeRef, role: Role) {
        if signature(old, &self.old.scopes, 0) == signature(new, &self.new.scopes, 0) {
            return;
        }
        let structs = match (
            one_named(old).and_then(|(o, named)| Some((o, self.old.scopes.struct_def(&named)?))),
            one_named(new).and_then(|(o, named)| Some((o, self.new.scopes.struct_def(&named)?))),
        ) {
            (Some((outer_old, a)), Some((outer_new, b))) if outer_old == outer_new => Some((a, b)),
            _ => None,
        };
        let Some((before, after)) = structs else {
            self.add(
                format!("{what}: `{}` -> `{}`", short_type(old), short_type(new)),
                true,
            );
            return;
        };
        let label = match what {
            "body" => "body field".to_string(),
            "query parameter" => "query parameter".to_string(),
            "success type" => "response field".to_string(),
            "error body type" => "error body field".to_string(),
            other => format!("{other} field"),
        };
        for field in &after.fields {
            match before.fields.iter().find(|f| f.wire == field.wire) {
                None => {
                    let breaking = role == Role::Input && !(field.optional && after.default);
                    let required = if field.optional {
                        "optional"
                    } else {
                        "required"
                    };
                    self.add(
                        format!(
                            "{label} `{}` added ({required}, `{}`)",
                            field.wire,
                            short_type(&field.ty)
                        ),
                        breaking,
                    );
                }
                Some(previous) => {
                    let nested = format!("{label} `{}`", field.wire);
                    self.types(&nested, &previous.ty, &field.ty, role);
                }
            }
        }
        for field in &before.fields {
            if !after.fields.iter().any(|f| f.wire == field.wire) {
                self.add(format!("{label} `{}` removed", field.wire), true);
            }
        }
        if role == Role::Input && before.default && !after.default {
            self.add(
                format!("{what}: `{}` no longer implements `Default`", after.name),
                true,
            );
        }
    }
}

fn def_name(def: &TypeDef) -> &str {
    match def {
        TypeDef::Struct(s) => &s.name,
        TypeDef::Enum(e) => &e.name,
        TypeDef::Outcome(o) => &o.name,
    }
}

/// `ty` split into its wrapper (the name replaced by `_`) and the one type of the client it
/// names, when it names exactly one: `&Option<Group>` -> (`&Option<_>`, `Group`).
fn one_named(ty: &TypeRef) -> Option<(TypeRef, TypeRef)> {
    fn walk(ty: &TypeRef, found: &mut Vec<TypeRef>) -> TypeRef {
        match ty {
            TypeRef::Named(_) | TypeRef::Shared(_) => {
                found.push(ty.clone());
                TypeRef::Named("_".into())
            }
            TypeRef::Vec(inner) => walk(inner, found).list(),
            TypeRef::Option(inner) => walk(inner, found).optional(),
            TypeRef::Ref(inner) => walk(inner, found).by_ref(),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(walk(inner, found))),
            other => other.clone(),
        }
    }
    let mut found = Vec::new();
    let wrapper = walk(ty, &mut found);
    let [named] = <[TypeRef; 1]>::try_from(found).ok()?;
    Some((wrapper, named))
}

/// The structure of `ty`, with every type the client defines replaced by its structure (fields
/// by wire name, enum values, statuses), so two versions that only renamed a type compare equal.
fn signature(ty: &TypeRef, scopes: &Scopes, depth: usize) -> String {
    let inner = |ty: &TypeRef| signature(ty, scopes, depth);
    match ty {
        TypeRef::Named(name) | TypeRef::Shared(name) => {
            // Recursive JSON shapes are cut off: past this depth the name stands for itself.
            match scopes.typedef(ty).filter(|_| depth <= 16) {
                Some(def) => def_signature(def, scopes, depth),
                None => name.clone(),
            }
        }
        TypeRef::Vec(item) => format!("Vec<{}>", inner(item)),
        TypeRef::Option(item) => format!("Option<{}>", inner(item)),
        TypeRef::Map(item) => format!("Map<{}>", inner(item)),
        TypeRef::Ref(item) => format!("&{}", inner(item)),
        other => short_type(other),
    }
}

/// The structure of a type definition: fields by wire name, enum values, statuses.
fn def_signature(def: &TypeDef, scopes: &Scopes, depth: usize) -> String {
    match def {
        TypeDef::Struct(s) => {
            let mut fields: Vec<String> = s
                .fields
                .iter()
                .map(|f| format!("{}:{}", f.wire, signature(&f.ty, scopes, depth + 1)))
                .collect();
            fields.sort();
            // What the struct is for is part of it: a form struct and a JSON type with the
            // same fields are not one type renamed.
            format!(
                "{:?}{{{}{}}}",
                s.role,
                fields.join(","),
                if s.default { "*" } else { "" }
            )
        }
        TypeDef::Enum(e) => {
            let mut values: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
            values.sort();
            format!("enum[{}]", values.join("|"))
        }
        TypeDef::Outcome(o) => {
            let variants: Vec<String> = o
                .variants
                .iter()
                .map(|v| {
                    let ty = v.ty.as_ref().map(|t| signature(t, scopes, depth + 1));
                    format!("{}:{}", v.code, ty.unwrap_or_default())
                })
                .collect();
            format!("outcome[{}]", variants.join(","))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn collection(dir: &Path, name: &str, raw: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        let json = serde_json::json!({
            "info": {"name": "Pets", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Get a pet", "request": {"method": "GET", "url": raw}}]
        });
        std::fs::write(&path, json.to_string()).unwrap();
        path
    }

    #[test]
    fn reordered_path_arguments_are_breaking() {
        let dir = tempfile::tempdir().unwrap();
        let old = collection(
            dir.path(),
            "old.json",
            "https://x.io/owners/:ownerId/pets/:petId",
        );
        let new = collection(
            dir.path(),
            "new.json",
            "https://x.io/pets/:petId/owners/:ownerId",
        );
        let diff = diff(&Config::new(old), &Config::new(new)).unwrap();
        let changes: Vec<(&str, bool)> = diff
            .changes
            .iter()
            .map(|c| (c.change.as_str(), c.breaking))
            .collect();
        assert_eq!(
            changes,
            [
                (
                    "path `/owners/:ownerId/pets/:petId` -> `/pets/:petId/owners/:ownerId`",
                    false
                ),
                (
                    "arguments reordered: (owner_id, pet_id) -> (pet_id, owner_id)",
                    true
                ),
            ]
        );
    }
}
