//! The `postgen generate` command: freshness of the committed client, determinism, check mode,
//! single-item input, and errors that name the file and the JSON location with nothing written.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{file_of, postgen, text, tree, zoom_collection};
use serde_json::{Value, json};

/// Runs `postgen generate INPUT --out OUT` with `extra` arguments.
fn generate_into(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "generate",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    postgen(&args)
}

/// Runs cargo with `args` in a generated crate, warnings denied, in the target directory the
/// generated crates of these tests share (this test's cargo holds the lock of the workspace's).
fn cargo_in(crate_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(crate_dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/generator-tests"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .unwrap()
}

fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path
}

#[test]
fn committed_clients_are_fresh() {
    for (input, crate_dir) in [
        ("collections/zoom.json", "generated/zoom"),
        ("tests/fixtures/formats.json", "generated/formats"),
        ("tests/fixtures/hostile.json", "generated/hostile"),
        ("tests/fixtures/reserved.json", "generated/reserved"),
    ] {
        let config = postgen::Config::new(input);
        let generated = config
            .generate()
            .unwrap_or_else(|e| panic!("{input} generates: {e}"));
        assert_eq!(config.out_path(&generated).unwrap(), Path::new(crate_dir));
        let stale = config.check(&generated).unwrap();
        assert!(
            stale.is_empty(),
            "{crate_dir} is stale, run `cargo run -- generate {input}`: {stale:?}"
        );
    }
}

#[test]
fn zoom_generates_without_warnings() {
    let generated = postgen::Config::new("collections/zoom.json")
        .generate()
        .unwrap();
    assert_eq!(generated.crate_name, "zoom");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
}

#[test]
fn the_crate_front_page_lists_every_operation() {
    let config = postgen::Config::new("tests/fixtures/formats.json");
    let requests = config.lower().unwrap().requests.len();
    let lib = file_of(&config.generate().unwrap(), "src/lib.rs");
    let rows: Vec<&str> = lib
        .lines()
        .filter(|l| l.starts_with("//! | ") && !l.contains("| --- |"))
        .skip(1)
        .collect();
    assert_eq!(rows.len(), requests, "{lib}");
    // Nested modules link by path; rustdoc reads no `r#`, and a module may be named like a
    // primitive or a macro, hence `mod@`.
    assert!(
        rows.contains(
            &"//! | [`names::nested::deeper`](mod@names::nested::deeper) | [`r#type`](names::nested::deeper::Deeper::type) | `GET /names/type` | type. |"
        ),
        "{lib}"
    );
    let zoom = file_of(
        &postgen::Config::new("collections/zoom.json")
            .generate()
            .unwrap(),
        "src/lib.rs",
    );
    assert!(zoom.contains(
        "//! | [`im_groups`](mod@im_groups) | [`update_an_im_directory_group`](im_groups::ImGroups::update_an_im_directory_group) | `PATCH /im/groups/:groupId` | Update an IM directory group under your account. |"
    ));
}

#[test]
fn generation_is_deterministic_and_writes_only_changes() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let mut trees = Vec::new();
    for _ in 0..2 {
        let _ = fs::remove_dir_all(&a);
        let output = generate_into(Path::new("collections/zoom.json"), &a, &[]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        trees.push(tree(&a));
    }
    assert_eq!(trees[0], trees[1], "same input, same bytes");
    let tree_a = &trees[0];
    let names: Vec<&str> = tree_a.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            ".postgen-files",
            "Cargo.toml",
            "README.md",
            "examples/replay.rs",
            "src/api.rs",
            "src/lib.rs",
            "tests/examples.rs"
        ]
    );
    for (name, contents) in tree_a {
        let contents = text(contents);
        assert!(
            !contents.contains(dir.path().to_str().unwrap()),
            "{name} names the output path"
        );
        assert!(
            !contents.contains(env!("CARGO_MANIFEST_DIR")),
            "{name} names the project path"
        );
        assert!(
            contents
                .lines()
                .next()
                .unwrap()
                .contains("@generated by postgen"),
            "{name} has the header"
        );
    }

    let before = fs::metadata(a.join("src/api.rs"))
        .unwrap()
        .modified()
        .unwrap();
    let output = postgen(&[
        "generate",
        "collections/zoom.json",
        "--out",
        a.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    assert_eq!(
        text(&output.stdout),
        format!("{} is up to date\n", a.display())
    );
    let after = fs::metadata(a.join("src/api.rs"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unchanged file is not rewritten");
}

#[test]
fn check_names_stale_files_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("zoom");
    let out_arg = out.to_str().unwrap();
    let check = || {
        postgen(&[
            "generate",
            "collections/zoom.json",
            "--out",
            out_arg,
            "--check",
        ])
    };

    let output = check();
    assert_eq!(output.status.code(), Some(3));
    let stderr = text(&output.stderr);
    for file in [
        "Cargo.toml",
        "src/lib.rs",
        "src/api.rs",
        "tests/examples.rs",
    ] {
        assert!(
            stderr.contains(&format!("stale: {out_arg}/{file} (missing)\n")),
            "{stderr}"
        );
    }
    assert!(!out.exists(), "--check wrote nothing");

    assert!(
        postgen(&["generate", "collections/zoom.json", "--out", out_arg])
            .status
            .success()
    );
    let output = check();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    fs::write(out.join("src/api.rs"), "// edited by hand\n").unwrap();
    let output = check();
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(
        text(&output.stderr),
        format!(
            "stale: {out_arg}/src/api.rs (differs from what would be generated)\n\
             1 file(s) stale: run `postgen generate collections/zoom.json --out zoom` to update them\n"
        )
    );
    assert_eq!(
        fs::read_to_string(out.join("src/api.rs")).unwrap(),
        "// edited by hand\n"
    );
}

#[test]
fn zoom_update_item_is_the_seed_item() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/update-an-im-directory-group.item.json");
    let Ok(seed) = fs::read_to_string(&seed) else {
        eprintln!("skipped: {} is not beside the project", seed.display());
        return;
    };
    let seed: Value = serde_json::from_str(&seed).unwrap();
    assert_eq!(zoom_collection()["item"][0]["item"][3], seed);
}

#[test]
fn a_single_item_becomes_a_client_whose_saved_responses_pass_as_tests() {
    let dir = tempfile::tempdir().unwrap();
    let item = zoom_collection()["item"][0]["item"][3].clone();
    let input = write_json(dir.path(), "update-an-im-directory-group.item.json", &item);
    let out = dir.path().join("seed");
    let output = generate_into(&input, &out, &["--name", "seed"]);
    assert!(output.status.success(), "{}", text(&output.stderr));

    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    let file = syn::parse_file(&api).unwrap();
    // The client's endpoint methods: those that return a `runtime::Call`.
    let methods: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block) if tokens(&block.self_ty) == "Client" => Some(block),
            _ => None,
        })
        .flat_map(|block| &block.items)
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) if tokens(&f.sig.output).contains("Call") => {
                Some(f.sig.ident.to_string())
            }
            _ => None,
        })
        .collect();
    assert_eq!(methods, ["update_an_im_directory_group"]);
    assert!(!file.items.is_empty());
    assert!(api.contains("pub struct UpdateAnImDirectoryGroup"));
    assert!(api.contains(".multipart(body)"));
    let tests = fs::read_to_string(out.join("tests/examples.rs")).unwrap();
    let names: Vec<&str> = tests
        .lines()
        .filter_map(|l| l.trim().strip_prefix("async fn "))
        .map(|l| l.split('(').next().unwrap())
        .filter(|name| name.starts_with("update"))
        .collect();
    assert_eq!(
        names,
        [
            "update_an_im_directory_group_204",
            "update_an_im_directory_group_300",
            "update_an_im_directory_group_404"
        ]
    );

    // Build it as a user would, sharing this workspace's lock file so no registry is needed.
    fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"),
        out.join("Cargo.lock"),
    )
    .unwrap();
    // Its tests run the saved responses against a loopback server; its doctest and the replay
    // example compile.
    let test = cargo_in(&out, &["test", "--offline", "--quiet"]);
    assert!(
        test.status.success(),
        "{}{}",
        text(&test.stdout),
        text(&test.stderr)
    );
    assert!(
        text(&test.stdout).contains("3 passed"),
        "{}",
        text(&test.stdout)
    );
}

#[test]
fn many_top_level_requests_compile_and_pass() {
    // The formatter takes the client's methods and the tests in pieces; the result must build
    // without warnings, its 130 saved responses pass and `replay` sends all 130 requests.
    let items: Vec<Value> = (0..130)
        .map(|i| {
            json!({"name": format!("Get item {i}"),
                "request": {"method": "GET", "url": format!("https://x.test/items/{i}")},
                "response": [{"name": "ok", "code": 200,
                    "header": [{"key": "Content-Type", "value": "application/json"}],
                    "body": format!("{{\"id\": {i}}}")}]})
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let input = write_json(
        dir.path(),
        "flat.json",
        &json!({"info": {"name": "Flat"}, "item": items}),
    );
    let out = dir.path().join("flat");
    let output = generate_into(&input, &out, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    // The formatter took the methods 32 at a time; they are one block, as written.
    assert_eq!(api.matches("\nimpl Client {\n").count(), 2);
    assert!(!api.contains("postgen_hole") && !api.contains("//@postgen"));
    fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"),
        out.join("Cargo.lock"),
    )
    .unwrap();
    let test = cargo_in(
        &out,
        &["test", "--offline", "--quiet", "--test", "examples"],
    );
    let stdout = text(&test.stdout);
    assert!(test.status.success(), "{stdout}{}", text(&test.stderr));
    assert!(stdout.contains("130 passed"), "{stdout}");

    // `replay` sends the requests from functions of 50: all 130, in collection order. Nothing
    // listens on the discard port, so each line says why its request failed.
    let replay = fs::read_to_string(out.join("examples/replay.rs")).unwrap();
    assert_eq!(replay.matches("\nasync fn send_").count(), 3);
    let run = cargo_in(
        &out,
        &[
            "run",
            "--offline",
            "--quiet",
            "--example",
            "replay",
            "--",
            "http://127.0.0.1:9",
        ],
    );
    let stdout = text(&run.stdout);
    assert!(run.status.success(), "{stdout}{}", text(&run.stderr));
    let sent: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("--- ")?.split(':').next())
        .collect();
    let expected: Vec<String> = (0..130).map(|i| format!("GET /items/{i}")).collect();
    assert_eq!(sent, expected, "{stdout}");
}

#[test]
fn the_export_wrapper_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_json(
        dir.path(),
        "wrapped.json",
        &json!({ "collection": zoom_collection() }),
    );
    let out = dir.path().join("out");
    let output = generate_into(&input, &out, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    assert!(api.contains("pub fn update_an_im_directory_group("));
    assert!(
        fs::read_to_string(out.join("Cargo.toml"))
            .unwrap()
            .contains("name = \"wrapped\"")
    );
}

/// Runs `postgen generate --strict` on `contents` and returns (exit code, stderr), checking
/// nothing was written. (Without `--strict`, what one item or request cannot represent is left
/// out with a warning: `one_bad_request_never_costs_the_client`.)
fn fails(name: &str, contents: &str) -> (Option<i32>, String, String) {
    fails_with(name, contents, &["--strict"])
}

/// Runs `postgen generate` with `extra` on `contents` and returns (exit code, stderr),
/// checking nothing was written.
fn fails_with(name: &str, contents: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(name);
    fs::write(&input, contents).unwrap();
    let out = dir.path().join("out");
    let output = generate_into(&input, &out, extra);
    assert!(!out.exists(), "nothing is written for bad input");
    assert!(output.stdout.is_empty());
    let stderr = text(&output.stderr).replace(&input.display().to_string(), "INPUT");
    (output.status.code(), stderr, input.display().to_string())
}

#[test]
fn invalid_json_names_the_file_and_position() {
    let (code, stderr, _) = fails(
        "bad.json",
        "{\n  \"info\": {\"name\": \"x\"},\n  \"item\": [,]\n}\n",
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: INPUT: invalid JSON: expected value at line 3 column 12\n"
    );
}

#[test]
fn a_wrong_type_deep_inside_names_its_json_path() {
    let collection = r#"{"info": {"name": "t"}, "item": [{"name": "f", "item": [
  {"name": "ok", "request": {"method": "GET", "url": "https://x.test/a"}},
  {"name": "bad", "request": {"method": "GET", "url": 42}}
]}]}"#;
    let (code, stderr, _) = fails("deep.json", collection);
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: INPUT: item[0].item[1].request.url: invalid type: integer `42`, expected a URL string or a URL object at line 3 column 56\n"
    );

    let (code, stderr, _) = fails(
        "auth.json",
        r#"{"info": {"name": "t"}, "item": [{"name": "r", "request": {"url": "/x", "auth": "bearer"}}]}"#,
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: INPUT: item[0].request.auth: invalid type: string \"bearer\", expected struct Auth at line 1 column 88\n"
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let collection = json!({
        "info": {"name": "t"},
        "item": [
            {"name": "spaced", "request": {"method": "GET POST", "url": "https://x.test/a"}},
            {"name": "header", "request": {"url": "https://x.test/b",
                "header": [{"key": "Bad Header", "value": "x"}, {"key": "X-Ok", "value": "a\r\nInjected: 1"}]}},
            {"name": "bad status", "request": {"url": "/c", "method": "GET"}, "response": [{"code": 200, "name": 5}]},
            {"name": "ok", "request": {"url": "https://x.test/ok"}}
        ]
    });
    let (code, stderr, _) = fails("problems.json", &collection.to_string());
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: INPUT: 3 problems:\n  \
         item[0].request.method: `GET POST` is not a valid HTTP method\n  \
         item[1].request.header[0]: `Bad Header` is not a valid header name\n  \
         item[1].request.header[1]: the value of header `X-Ok` contains a line break\n"
    );
}

/// What one item or request cannot represent is left out with a warning naming its location,
/// and the rest is generated: an invalid method costs its request, an invalid header name its
/// header, a malformed URL its item, an example that does not parse only itself.
#[test]
fn one_bad_request_never_costs_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("degraded.json");
    let collection = json!({
        "info": {"name": "t"},
        "item": [
            {"name": "spaced", "request": {"method": "GET POST", "url": "https://x.test/a"}},
            {"name": "header", "request": {"url": "https://x.test/b",
                "header": [{"key": "Bad Header", "value": "x"}, {"key": "X-Ok", "value": "a\r\nInjected: 1"},
                           {"key": "X-Kept", "value": "kept"}]}},
            {"name": "bad url", "request": {"url": 42}},
            {"name": "bad example", "request": {"url": "https://x.test/e"},
             "response": [{"code": 200, "header": 7}, {"name": "fine", "code": 404, "body": "gone"}]},
            {"name": "ok", "request": {"url": "https://x.test/ok"}}
        ]
    });
    fs::write(&input, collection.to_string()).unwrap();
    let out = dir.path().join("out");
    let output = generate_into(&input, &out, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stderr = text(&output.stderr).replace(&input.display().to_string(), "INPUT");
    assert_eq!(
        stderr,
        "warning: INPUT: item[0].request.method: `GET POST` is not a valid HTTP method; the request is left out\n\
         warning: INPUT: item[1].request.header[0]: `Bad Header` is not a valid header name; the header is left out\n\
         warning: INPUT: item[1].request.header[1]: the value of header `X-Ok` contains a line break; the header is left out\n\
         warning: INPUT: item[2].request.url: invalid type: integer `42`, expected a URL string or a URL object at line 1 column 314; the item is left out\n\
         warning: INPUT: item[3].response[0].header: invalid type: integer `7`, expected an array of headers or a header string at line 1 column 410; the example is left out\n\
         warning: INPUT: item[0].request.url: the host `https://x.test` is written out in 4 requests rather than as a variable (`{{baseUrl}}`): the collection cannot be pointed at another server; the client takes it as its base URL or a host setter\n\
         warning: INPUT: 6 warnings: 5 left out, 1 suspect\n"
    );
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    for kept in [
        "pub fn header(",
        "pub fn bad_example(",
        "pub fn ok(",
        "\"X-Kept\"",
    ] {
        assert!(api.contains(kept), "{kept} is generated:\n{api}");
    }
    for gone in [
        "pub fn spaced(",
        "pub fn bad_url(",
        "Bad Header",
        "X-Ok",
        "Injected",
    ] {
        assert!(!api.contains(gone), "{gone} is left out");
    }
    // The example after the one left out is still read, under its own index.
    let tests = fs::read_to_string(out.join("tests/examples.rs")).unwrap();
    assert!(tests.contains("gone"), "{tests}");

    // `--strict` refuses the whole collection, naming each problem; `--deny-warnings` refuses
    // it for its warnings. Neither writes anything.
    let (code, stderr, _) = fails_with("degraded.json", &collection.to_string(), &["--strict"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with("error: INPUT: item[2].request.url: invalid type: integer `42`"),
        "{stderr}"
    );
    let (code, stderr, _) = fails_with(
        "degraded.json",
        &collection.to_string(),
        &["--deny-warnings"],
    );
    assert_eq!(code, Some(5));
    assert!(
        stderr.starts_with(
            "error: INPUT: 6 warnings: 5 left out, 1 suspect (warnings are denied; nothing was written):\n  \
             item[0].request.method: `GET POST` is not a valid HTTP method; the request is left out\n"
        ),
        "{stderr}"
    );

    // `--quiet` prints the count alone.
    let output = generate_into(&input, &out, &["--quiet"]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = text(&output.stderr).replace(&input.display().to_string(), "INPUT");
    assert_eq!(
        stderr,
        "warning: INPUT: 6 warnings: 5 left out, 1 suspect\n"
    );
}

/// Text quoted from a collection reaches the terminal with its control and bidirectional
/// characters escaped: a header name cannot start a new line or reverse the rest of one.
#[test]
fn quoted_text_in_messages_shows_control_characters_escaped() {
    let collection = json!({
        "info": {"name": "t"},
        "item": [
            {"name": "r", "request": {"url": "https://x.test/a",
                "header": [{"key": "X-A\nwarning: all is well\u{202e}", "value": "x"}]}}
        ]
    });
    let (_, stderr, _) = fails("hidden.json", &collection.to_string());
    assert_eq!(
        stderr,
        "error: INPUT: item[0].request.header[0]: `X-A\\nwarning: all is well\\u{202e}` is not a valid header name\n"
    );
}

#[test]
fn an_auth_problem_is_reported_once_where_the_block_is_written() {
    let bad_key = |name: &str| json!({"type": "apikey", "apikey": [{"key": "key", "value": name}]});
    let collection = json!({
        "info": {"name": "t"},
        "auth": bad_key("Top Key"),
        "item": [
            {"name": "f", "auth": bad_key("Folder Key"), "item": [
                {"name": "a", "request": {"url": "https://x.test/a"}},
                {"name": "b", "request": {"url": "https://x.test/b"}},
                {"name": "own", "request": {"url": "https://x.test/c", "auth": bad_key("Own Key")}}
            ]},
            {"name": "top", "request": {"url": "https://x.test/d"}},
            {"name": "top 2", "request": {"url": "https://x.test/e"}}
        ]
    });
    let (code, stderr, _) = fails("auth.json", &collection.to_string());
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: INPUT: 3 problems:\n  \
         item[0].auth: `Folder Key` is not a valid header name for the API key\n  \
         item[0].item[2].request.auth: `Own Key` is not a valid header name for the API key\n  \
         auth: `Top Key` is not a valid header name for the API key\n"
    );
}

#[test]
fn other_documents_are_refused_with_what_they_are() {
    let (code, stderr, _) = fails(
        "v1.json",
        r#"{"id": "x", "name": "old", "order": [], "requests": []}"#,
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: INPUT: this is a Postman v1 collection (it has `requests`), which postgen does not read; \
         open it in Postman and export it again as Collection v2.1\n"
    );
    let (code, stderr, _) = fails("list.json", "[1, 2]");
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: INPUT: expected a JSON object holding a Postman collection or item\n"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let output = postgen(&[
        "generate",
        "collections/zoom.json",
        "--name",
        "9 lives",
        "--check",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: `9 lives` is not a valid crate name: use ASCII letters, digits, `-` and `_`, starting with a letter (set one with --name)\n"
    );
    assert_eq!(postgen(&["generate"]).status.code(), Some(2));
}

#[test]
fn a_missing_file_is_reported() {
    let output = postgen(&["generate", "collections/missing.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).starts_with("error: collections/missing.json: cannot read: "),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn repaired_deviations_are_reported_as_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lenient.json");
    fs::write(
        &input,
        r#"{"info": {"name": "t", "version": {"major": 1}}, "variable": null, "items": [
  {"name": "r", "request": {"url": "https://x.test/a", "header": [{"key": "X-N", "value": 5}],
    "body": {"mode": "formdata", "formdata": ""}},
   "response": [{"name": "ok", "code": "200", "originalRequest": "https://x.test/a", "body": ""}]}
]}"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = generate_into(&input, &out, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let input = input.display();
    assert_eq!(
        text(&output.stderr),
        format!(
            "warning: {input}: item[0].request.url: the host `https://x.test` is written out in 1 request rather than as a variable (`{{{{baseUrl}}}}`): the collection cannot be pointed at another server; the client takes it as its base URL or a host setter\n\
             warning: {input}: items: `items` where the schema says `item`; read as `item`\n\
             warning: {input}: variable: null where an array belongs; read as empty\n\
             warning: {input}: item[0].request.header[0].value: a number or boolean where a string belongs; read as text\n\
             warning: {input}: item[0].request.body.formdata: an empty string where an array belongs; read as empty\n\
             warning: {input}: item[0].response[0].code: a status code written as a string; read as a number\n\
             warning: {input}: item[0].response[0].originalRequest: an `originalRequest` that is only a URL; read as a GET of that URL\n\
             warning: {input}: 7 warnings: 1 suspect, 6 repaired\n"
        )
    );
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    assert!(api.contains(".header(\"X-N\", \"5\")"), "{api}");
}

#[test]
fn an_environment_file_supplies_variable_values() {
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join("staging.postman_environment.json");
    fs::write(
        &env,
        r#"{"name": "staging", "values": [
  {"key": "baseUrl", "value": "https://staging.example.test/v1", "enabled": true},
  {"key": "cursor", "value": "c0", "enabled": true},
  {"key": "version", "value": "9", "enabled": false}
]}"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let fixture = Path::new("tests/fixtures/formats.json");
    let output = generate_into(fixture, &out, &["--env", env.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    assert!(api.contains(r#"pub const BASE_URL: &str = "https://staging.example.test/v1";"#));
    // `cursor` now has a value, so it is a client variable instead of a required field.
    assert!(api.contains(r#".query_var("cursor", "cursor")"#), "{api}");
    assert!(api.contains(r#"("version", "2"),"#));
}

fn tokens(syntax: &impl quote::ToTokens) -> String {
    syntax.to_token_stream().to_string()
}

/// Each Rust file is formatted a piece at a time; formatting it whole (syn, then prettyplease,
/// as the reference formatter does) must give the same text.
#[test]
fn every_generated_rust_file_is_what_formatting_it_whole_gives() {
    for input in [
        "collections/zoom.json",
        "tests/fixtures/formats.json",
        "tests/fixtures/hostile.json",
        "tests/fixtures/reserved.json",
    ] {
        let generated = postgen::Config::new(input).generate().unwrap();
        for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            let (header, body) = file.contents.split_once("\n\n").expect("a header line");
            assert!(header.starts_with("// @generated"), "{}", file.path);
            let whole = prettyplease::unparse(&syn::parse_file(body).unwrap());
            assert!(
                whole == body,
                "{input}: {} differs from its whole-file formatting",
                file.path
            );
        }
    }
}
