//! The runtime every client embeds is the workspace crate `runtime/` (built, linted and tested
//! there): postgen embeds its files in the order that crate compiles them, the crate's stand-in
//! `Client` gives the runtime what a generated `Client` gives it, and `--templates` can still
//! replace a runtime file.

mod common;

use std::fs;
use std::path::Path;

use common::{api_of, text, zoom_collection};
use quote::ToTokens;

fn read(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The paths that `include!` calls in `items` name, in order (under `mod runtime` when
/// `module` is given).
fn includes(items: &[syn::Item], module: Option<&str>) -> Vec<String> {
    let mut found = Vec::new();
    for item in items {
        match item {
            syn::Item::Mod(inner) if module.is_some_and(|m| inner.ident == m) => {
                let (_, inner) = inner.content.as_ref().expect("an inline module");
                found.extend(includes(inner, None));
            }
            syn::Item::Macro(call) if module.is_none() && call.mac.path.is_ident("include") => {
                let path: syn::LitStr = call.mac.parse_body().expect("include!(\"path\")");
                found.push(path.value());
            }
            _ => {}
        }
    }
    found
}

#[test]
fn postgen_embeds_the_runtime_crate_s_files_in_its_order() {
    let lib = syn::parse_file(&read("runtime/src/lib.rs")).unwrap();
    let names = |list: &[(&str, &str)]| -> Vec<String> {
        list.iter().map(|(name, _)| name.to_string()).collect()
    };
    assert_eq!(
        includes(&lib.items, Some("runtime")),
        names(postgen::render::RUNTIME)
    );
    assert_eq!(includes(&lib.items, None), names(postgen::render::HARNESS));
    assert_eq!(
        includes(&lib.items, Some("replay")),
        names(postgen::render::REPLAY)
    );
}

/// The generated `Client` struct and its methods named `names`, as tokens.
fn client_parts(file: &syn::File, names: &[&str]) -> (String, Vec<String>) {
    let mut fields = String::new();
    let mut methods = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if s.ident == "Client" => {
                fields = s.fields.to_token_stream().to_string();
            }
            syn::Item::Impl(block) if block.self_ty.to_token_stream().to_string() == "Client" => {
                for inner in &block.items {
                    if let syn::ImplItem::Fn(f) = inner
                        && names.contains(&f.sig.ident.to_string().as_str())
                    {
                        let mut f = f.clone();
                        // Compared as code: docs may differ.
                        f.attrs.retain(|a| !a.path().is_ident("doc"));
                        // Laid out the same way, so that only the code is compared.
                        let block: syn::File = syn::parse_quote!(impl Client { #f });
                        methods.push(prettyplease::unparse(&block));
                    }
                }
            }
            _ => {}
        }
    }
    (fields, methods)
}

#[test]
fn the_runtime_crate_s_client_gives_the_runtime_what_a_generated_one_does() {
    // The formats fixture uses every kind of credential, so its client has every method.
    let formats: serde_json::Value =
        serde_json::from_str(&read("tests/fixtures/formats.json")).unwrap();
    let generated = syn::parse_file(&api_of(&formats, "formats.json")).unwrap();
    let stand_in = syn::parse_file(&read("runtime/src/client.rs")).unwrap();
    let names = [
        "execute",
        "send_streaming",
        "with_oauth2",
        "with_token_provider",
        "with_signer",
        "script_variables",
        "set_script_variable",
        "with_script_observer",
        "with_scripts",
        "with_pre_request_scripts",
    ];
    let (generated_fields, mut generated_methods) = client_parts(&generated, &names);
    let (fields, mut methods) = client_parts(&stand_in, &names);
    assert_eq!(methods.len(), names.len(), "{methods:#?}");
    // In any order: the template groups the bearer token's setters together.
    methods.sort();
    generated_methods.sort();
    assert_eq!(methods, generated_methods);
    // The same fields, which the stand-in opens to its tests.
    assert_eq!(fields.replace("pub (crate) ", ""), generated_fields);
}

#[test]
fn a_runtime_file_can_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    fs::create_dir_all(templates.join("runtime")).unwrap();
    let builtin = read("runtime/src/runtime/response.rs");
    let extra = "/// Added by the override.\npub const OVERRIDDEN: bool = true;\n";
    fs::write(
        templates.join("runtime/response.rs"),
        format!("{builtin}\n{extra}"),
    )
    .unwrap();
    let input = dir.path().join("zoom.json");
    fs::write(&input, zoom_collection().to_string()).unwrap();
    let generated = postgen::Config::new(&input)
        .templates(&templates)
        .generate()
        .unwrap();
    let runtime = common::file_of(&generated, "runtime/src/lib.rs");
    assert!(runtime.contains("\n/// Added by the override.\npub const OVERRIDDEN: bool = true;\n"));

    // A replacement that is not Rust is an error naming it, and nothing is written.
    fs::write(templates.join("runtime/response.rs"), "pub fn broken( {\n").unwrap();
    let out = dir.path().join("out");
    let output = common::postgen(&[
        "generate",
        input.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("not valid Rust"), "{stderr}");
    assert!(!out.exists());
}

/// Every way of reading a body, as the model names it (the generated tests name it the same).
fn reads() -> Vec<postgen::model::types::Read> {
    use postgen::model::types::Read::{self, *};
    let all = [Json, JsonOrEmpty, Text, Bytes, Unit];
    // A new way of reading fails to compile here until it is listed above.
    for read in all {
        match read {
            Read::Json | Read::JsonOrEmpty | Read::Text | Read::Bytes | Read::Unit => {}
        }
    }
    all.to_vec()
}

#[test]
fn the_harness_checks_a_body_every_way_the_model_reads_one() {
    let checks = syn::parse_file(&read("runtime/src/harness/checks.rs")).unwrap();
    let variants: Vec<String> = checks
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Enum(e) if e.ident == "Check" => {
                Some(e.variants.iter().map(|v| v.ident.to_string()).collect())
            }
            _ => None,
        })
        .expect("the harness's `Check`");
    let names: Vec<String> = reads()
        .into_iter()
        .map(|r| {
            serde_json::to_value(r)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(variants, names);
}

/// The crate names of the `[dependencies]` table in `text` (a Cargo.toml, or a README's TOML
/// block): one name per `name = ...` line until the next table.
fn dependencies(text: &str, table: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .lines()
        .skip_while(|line| !line.starts_with(table))
        .skip(1)
        .take_while(|line| !line.starts_with('[') && !line.starts_with("```"))
        .filter_map(|line| {
            line.split_once(" = ")
                .map(|(name, _)| name.trim().to_string())
        })
        .filter(|name| !name.starts_with('#'))
        .collect();
    names.sort();
    names
}

/// The version requirement of dependency `name` in `text`'s `[dependencies]` table: `"1"` of
/// `name = "1"` or of `name = { version = "1", ... }`.
fn version_of(text: &str, name: &str) -> String {
    let spec = text
        .lines()
        .skip_while(|line| !line.starts_with("[dependencies]"))
        .find_map(|line| line.strip_prefix(&format!("{name} = ")))
        .unwrap_or_else(|| panic!("no dependency {name}"));
    let spec = spec.split_once("version = ").map_or(spec, |(_, rest)| rest);
    spec.split('"').nth(1).unwrap_or_default().to_string()
}

/// The runtime crate template's dependencies: those of every client, those only a client that
/// signs requests has (inside `{% if api.auth.signed %}`) and those only a client whose
/// scripts use a regular expression has (`{% if api.script_regex %}`).
fn template_dependencies() -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut rest = read("templates/runtime_Cargo.toml.jinja");
    let mut only = Vec::new();
    for condition in ["{% if api.auth.signed %}", "{% if api.script_regex %}"] {
        let (before, inside) = rest.split_once(condition).unwrap();
        let (block, after) = inside.split_once("{% endif %}").unwrap();
        only.push(dependencies(
            &format!("[dependencies]\n{block}"),
            "[dependencies]",
        ));
        rest = format!("{before}{after}");
    }
    let every = dependencies(&rest, "[dependencies]");
    let regex = only.pop().unwrap_or_default();
    let signing = only.pop().unwrap_or_default();
    (every, signing, regex)
}

#[test]
fn every_list_of_what_a_client_depends_on_agrees() {
    let (client, signing, regex) = template_dependencies();
    assert!(client.contains(&"reqwest".to_string()), "{client:?}");
    assert!(signing.contains(&"hmac".to_string()), "{signing:?}");
    assert_eq!(regex, ["regex-lite"]);
    // The runtime crate compiles every file, the signers and the regex engine too.
    let mut all = [client.clone(), signing, regex].concat();
    all.sort();
    assert_eq!(
        dependencies(&read("runtime/Cargo.toml"), "[dependencies]"),
        all
    );
    // A client without signed requests (Zoom) has only the others.
    for (path, table) in [
        ("examples/zoom-build/Cargo.toml", "[dependencies]"),
        (
            "README.md",
            "[dependencies]   # what the generated client uses",
        ),
    ] {
        assert_eq!(dependencies(&read(path), table), client, "{path}");
    }
    // The client crate itself: its runtime crate, and what its own code names of the runtime's.
    let own = dependencies(&read("templates/Cargo.toml.jinja"), "[dependencies]");
    let runtime_crate = "{{ api.runtime_crate }}".to_string();
    assert!(own.contains(&runtime_crate), "{own:?}");
    let (client_template, runtime_template) = (
        read("templates/Cargo.toml.jinja"),
        read("templates/runtime_Cargo.toml.jinja"),
    );
    for name in own.iter().filter(|name| **name != runtime_crate) {
        assert!(client.contains(name), "{name} is not among {client:?}");
        // One version of each in a client's build: the runtime's types are the client's.
        assert_eq!(
            version_of(&client_template, name),
            version_of(&runtime_template, name),
            "{name}"
        );
    }
}

/// The variants of each enum in `files`, by the enum's name.
fn enum_variants(files: &[&str]) -> std::collections::HashMap<String, Vec<String>> {
    let mut found = std::collections::HashMap::new();
    for file in files {
        for item in syn::parse_file(&read(file)).unwrap().items {
            if let syn::Item::Enum(e) = item {
                let variants = e.variants.iter().map(|v| v.ident.to_string()).collect();
                found.insert(e.ident.to_string(), variants);
            }
        }
    }
    found
}

#[test]
fn the_model_s_script_shapes_are_the_runtime_s() {
    // The renderer writes a model variant as the runtime's variant of the same name
    // (`render/script.rs`, by `Debug` for the unit enums): the two lists must not drift.
    let model = enum_variants(&["src/model/script.rs"]);
    let runtime = enum_variants(&[
        "runtime/src/runtime/script.rs",
        "runtime/src/runtime/script_values.rs",
    ]);
    for (ours, theirs) in [
        ("Value", "ScriptValue"),
        ("Cond", "Cond"),
        ("TextOp", "TextOp"),
        ("Op", "Op"),
        ("TimeUnit", "TimeUnit"),
        ("TimeFormat", "TimeFormat"),
        ("NumberParse", "NumberParse"),
        ("Arith", "Arith"),
        ("MathFn", "MathFn"),
    ] {
        assert_eq!(
            model[ours], runtime[theirs],
            "model::script::{ours} and runtime {theirs}"
        );
    }
}
