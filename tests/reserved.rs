//! A collection named after the generated code's own names (`tests/fixtures/reserved.json`,
//! written by `reserved.py`): its top-level requests are called like every `Client` method and
//! root item, its folders like the runtime's module and types. Its client is the workspace member
//! `generated/reserved`, which CI compiles, tests and lints with warnings denied; here its code is
//! parsed to check that no name is defined twice in one namespace and that the collection's names
//! gave way to the generator's, never the other way round.

use std::collections::BTreeMap;

use quote::ToTokens;

fn api() -> syn::File {
    let generated = postgen::Config::new("tests/fixtures/reserved.json")
        .generate()
        .expect("the reserved collection generates");
    let api = generated
        .files
        .iter()
        .find(|f| f.path == "src/api.rs")
        .expect("src/api.rs");
    syn::parse_file(&api.contents).expect("src/api.rs parses")
}

/// The namespace an item's name is in, and the name.
fn named(item: &syn::Item) -> Option<(&'static str, String)> {
    Some(match item {
        syn::Item::Const(i) => ("value", i.ident.to_string()),
        syn::Item::Fn(i) => ("value", i.sig.ident.to_string()),
        syn::Item::Static(i) => ("value", i.ident.to_string()),
        syn::Item::Enum(i) => ("type", i.ident.to_string()),
        syn::Item::Mod(i) => ("type", i.ident.to_string()),
        syn::Item::Struct(i) => ("type", i.ident.to_string()),
        syn::Item::Trait(i) => ("type", i.ident.to_string()),
        syn::Item::Type(i) => ("type", i.ident.to_string()),
        _ => return None,
    })
}

/// Every name defined twice in `items` (inherent methods of one type count as one namespace),
/// with `at` the module's path; recurses into modules.
fn duplicates(items: &[syn::Item], at: &str, out: &mut Vec<String>) {
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for item in items {
        if let Some((space, name)) = named(item) {
            *seen.entry((space.to_string(), name)).or_default() += 1;
        }
        match item {
            syn::Item::Impl(block) if block.trait_.is_none() => {
                let ty = block.self_ty.to_token_stream().to_string();
                for inner in &block.items {
                    if let syn::ImplItem::Fn(f) = inner {
                        let key = (format!("methods of {ty}"), f.sig.ident.to_string());
                        *seen.entry(key).or_default() += 1;
                    }
                }
            }
            syn::Item::Mod(module) => {
                let path = format!("{at}::{}", module.ident);
                if let Some((_, inner)) = &module.content {
                    duplicates(inner, &path, out);
                }
            }
            _ => {}
        }
    }
    out.extend(
        seen.into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|((space, name), n)| format!("{at}: `{name}` ({space}) defined {n} times")),
    );
}

#[test]
fn no_name_is_defined_twice() {
    let mut found = Vec::new();
    duplicates(&api().items, "crate", &mut found);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_collection_names_give_way_to_the_generated_code() {
    let file = api();
    let client_methods: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block) if block.self_ty.to_token_stream().to_string() == "Client" => {
                Some(block.items.iter().filter_map(|i| match i {
                    syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                    _ => None,
                }))
            }
            _ => None,
        })
        .flatten()
        .collect();
    // The requests named like `Client`'s methods (told apart by their HTTP method: their paths
    // add no word), and the variables whose setters would be.
    for renamed in [
        "new_get",
        "with_bearer_token_get",
        "with_timeout_get",
        "with_max_body_size_get",
        "send_streaming_get",
        "call_get",
        "fmt_get",
        "with_bearer_token_2",
        "with_timeout_2",
        "with_variable_2",
    ] {
        assert!(
            client_methods.iter().any(|m| m == renamed),
            "`Client::{renamed}` in {client_methods:?}"
        );
    }
    let root: Vec<String> = file
        .items
        .iter()
        .filter_map(|i| named(i).map(|(_, n)| n))
        .collect();
    // Request bodies named like root items or like what the generated tests write unqualified
    // beside `use reserved::*`, the folder named like the runtime module, and the folders named
    // like the tests' async runtime and the crate itself.
    for renamed in [
        "Client2",
        "Error2",
        "ApiError2",
        "Response2",
        "runtime_2",
        "Option2",
        "Result2",
        "String2",
        "Vec2",
        "Wire2",
        "Body2",
        "Check2",
        "tokio_2",
        "reserved_2",
    ] {
        assert!(root.iter().any(|n| n == renamed), "`{renamed}` in {root:?}");
    }
}

#[test]
fn no_json_type_is_named_like_what_the_types_attribute_writes() {
    // `skip_serializing_none` writes `Option::is_none` unqualified into `types`: the body of the
    // folder named `Option` must not take that name there.
    let file = api();
    let types = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "types" => m.content.as_ref().map(|(_, i)| i),
            _ => None,
        })
        .expect("the types module");
    let names: Vec<String> = types
        .iter()
        .filter_map(|i| named(i).map(|(_, n)| n))
        .collect();
    assert!(names.iter().any(|n| n == "Option2"), "{names:?}");
    assert!(!names.iter().any(|n| n == "Option"), "{names:?}");
}
