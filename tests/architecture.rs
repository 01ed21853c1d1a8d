//! The layers import in one direction: no module of `src/` reaches back to one that imports it,
//! neither between the top-level modules (`collection`, `lower`, `model`, `render`, `write`, ...)
//! nor between the files of one of them. Read from the source with syn.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use quote::ToTokens;
use syn::visit::Visit;

/// Every module of `src/` (as `render::format::print`), with its file.
fn modules() -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                // The command's front end reaches the library by its crate name, as users do.
                && path != root.join("main.rs")
            {
                let relative = path.strip_prefix(root).unwrap().with_extension("");
                let mut parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    parts.pop();
                }
                out.insert(parts.join("::"), path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    walk(&root, &root, &mut out);
    out
}

/// The paths a file names (`crate::...`, `super::...`), outside its tests.
#[derive(Default)]
struct Paths(Vec<Vec<String>>);

impl Paths {
    fn add(&mut self, segments: Vec<String>) {
        if matches!(
            segments.first().map(String::as_str),
            Some("crate" | "super")
        ) {
            self.0.push(segments);
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        let test = module.attrs.iter().any(|a| {
            a.path().is_ident("cfg") && a.meta.to_token_stream().to_string().contains("test")
        });
        if !test {
            syn::visit::visit_item_mod(self, module);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.add(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        fn flatten(tree: &syn::UseTree, prefix: Vec<String>, out: &mut Paths) {
            match tree {
                syn::UseTree::Path(path) => {
                    let mut prefix = prefix;
                    prefix.push(path.ident.to_string());
                    flatten(&path.tree, prefix, out);
                }
                syn::UseTree::Name(name) => {
                    let mut full = prefix;
                    full.push(name.ident.to_string());
                    out.add(full);
                }
                syn::UseTree::Rename(rename) => {
                    let mut full = prefix;
                    full.push(rename.ident.to_string());
                    out.add(full);
                }
                syn::UseTree::Glob(_) => out.add(prefix),
                syn::UseTree::Group(group) => {
                    for tree in &group.items {
                        flatten(tree, prefix.clone(), out);
                    }
                }
            }
        }
        flatten(&item.tree, Vec::new(), self);
    }
}

/// What the crate root re-exports (`pub use config::Config`), by name: the module each is from.
fn reexports(known: &BTreeMap<String, PathBuf>) -> BTreeMap<String, String> {
    let lib = syn::parse_file(&fs::read_to_string(&known[""]).unwrap()).unwrap();
    let mut paths = Paths::default();
    for item in &lib.items {
        if let syn::Item::Use(item) = item {
            // Written without `crate::`, as a use at the root may be.
            let mut item = item.clone();
            let tree = item.tree.clone();
            item.tree = syn::parse_quote!(crate::#tree);
            paths.visit_item_use(&item);
        }
    }
    paths
        .0
        .into_iter()
        .filter_map(|segments| {
            let name = segments.last()?.clone();
            let module = segments[1..segments.len() - 1].join("::");
            known.contains_key(&module).then_some((name, module))
        })
        .collect()
}

/// The module that `segments`, named in `module`, leads into: the longest module prefix, or
/// the module an item the crate root re-exports is from.
fn resolve(
    module: &str,
    segments: &[String],
    known: &BTreeMap<String, PathBuf>,
    reexported: &BTreeMap<String, String>,
) -> Option<String> {
    let mut base: Vec<String> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").map(str::to_string).collect()
    };
    let mut rest = segments;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    let found = (0..=rest.len())
        .rev()
        .map(|n| {
            let mut candidate = base.clone();
            candidate.extend(rest[..n].iter().cloned());
            candidate.join("::")
        })
        .find(|candidate| known.contains_key(candidate));
    match found.as_deref() {
        Some("") => rest.first().and_then(|name| reexported.get(name)).cloned(),
        _ => found,
    }
}

/// The cycles of `graph`: its strongly connected components of more than one node.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: an order by finishing time, then the reversed graph in reverse of it.
    fn finish(
        v: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeSet<String>,
        order: &mut Vec<String>,
    ) {
        if !seen.insert(v.to_string()) {
            return;
        }
        for w in graph.get(v).into_iter().flatten() {
            finish(w, graph, seen, order);
        }
        order.push(v.to_string());
    }
    let mut reversed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (v, ws) in graph {
        for w in ws {
            reversed.entry(w.clone()).or_default().insert(v.clone());
        }
    }
    let (mut seen, mut order) = (BTreeSet::new(), Vec::new());
    for v in graph.keys() {
        finish(v, graph, &mut seen, &mut order);
    }
    let mut assigned = BTreeSet::new();
    let mut found = Vec::new();
    for v in order.iter().rev() {
        let mut component = Vec::new();
        finish(v, &reversed, &mut assigned, &mut component);
        if component.len() > 1 {
            component.sort();
            found.push(component);
        }
    }
    found
}

/// The module of `level` (a top-level one for `None`, else a child of `level`) that `module` is
/// in, if it is in one.
fn group(level: Option<&String>, module: &str) -> Option<String> {
    let Some(parent) = level else {
        return Some(module.split("::").next().unwrap().to_string());
    };
    let rest = module.strip_prefix(parent.as_str())?.strip_prefix("::")?;
    Some(format!("{parent}::{}", rest.split("::").next().unwrap()))
}

#[test]
fn no_module_imports_back_one_that_imports_it() {
    let known = modules();
    let reexported = reexports(&known);
    let mut edges: Vec<(String, String)> = Vec::new();
    for (module, file) in &known {
        let text = fs::read_to_string(file).unwrap();
        let syntax = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut paths = Paths::default();
        paths.visit_file(&syntax);
        for segments in &paths.0 {
            if let Some(target) = resolve(module, segments, &known, &reexported) {
                let related = target == *module
                    || target.starts_with(&format!("{module}::"))
                    || module.starts_with(&format!("{target}::"));
                if !related {
                    edges.push((module.clone(), target));
                }
            }
        }
    }
    // Between the top-level modules, and between the children of each module.
    let levels = std::iter::once(None).chain(known.keys().filter(|m| !m.is_empty()).map(Some));
    let mut found = Vec::new();
    for level in levels {
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in &edges {
            if let (Some(a), Some(b)) = (group(level, from), group(level, to))
                && a != b
            {
                graph.entry(a).or_default().insert(b);
            }
        }
        for cycle in cycles(&graph) {
            let level = level.map_or("the crate", String::as_str);
            found.push(format!("{level}: {}", cycle.join(" <-> ")));
        }
    }
    assert!(found.is_empty(), "import cycles: {found:#?}");
    // The checks above saw the layers' imports.
    assert!(
        edges
            .iter()
            .any(|(a, b)| a.starts_with("render") && b == "model")
    );
    assert!(
        edges
            .iter()
            .any(|(a, b)| a == "config" && b.starts_with("lower"))
    );
    // Through what the root re-exports, too.
    assert!(edges.iter().any(|(a, b)| a == "diff" && b == "config"));
}
