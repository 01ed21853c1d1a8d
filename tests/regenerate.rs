//! Regenerating into a crate that already exists: postgen replaces and removes only the files it
//! generated, refuses to replace anyone else's, takes templates from `--templates`, and a small
//! change to the collection is a small change to the output.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{postgen, text, tree, zoom_collection};
use serde_json::Value;

/// Writes `collection` as `zoom.json` in `dir` and generates it into `dir/out`.
fn generate(dir: &Path, collection: &Value, extra: &[&str]) -> Output {
    let input = dir.join("zoom.json");
    fs::write(&input, serde_json::to_string_pretty(collection).unwrap()).unwrap();
    let out = dir.join("out");
    let mut args = vec![
        "generate",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    postgen(&args)
}

/// Generates Zoom into `dir/out`, which it returns.
fn generated_zoom(dir: &Path) -> PathBuf {
    let output = generate(dir, &zoom_collection(), &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    dir.join("out")
}

/// Zoom without saved responses: no `tests/examples.rs`.
fn without_examples(mut collection: Value) -> Value {
    for item in collection["item"][0]["item"].as_array_mut().unwrap() {
        item["response"] = Value::Array(Vec::new());
    }
    collection
}

#[test]
fn files_no_longer_generated_are_removed_and_foreign_files_survive() {
    let dir = tempfile::tempdir().unwrap();
    let out = generated_zoom(dir.path());
    assert!(out.join("tests/examples.rs").exists());
    let record = fs::read_to_string(out.join(".postgen-files")).unwrap();
    assert!(record.lines().any(|line| line == "tests/examples.rs"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(out.join("src/api.rs"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o644,
            "a normal file, not a private temporary one"
        );
    }
    // The user's own files, beside and among the generated ones.
    fs::write(out.join("NOTES.md"), "mine\n").unwrap();
    fs::write(out.join("src/extra.rs"), "// mine\n").unwrap();

    let output = generate(
        dir.path(),
        &without_examples(zoom_collection()),
        &["--check"],
    );
    assert_eq!(output.status.code(), Some(3));
    assert!(
        text(&output.stderr).contains("tests/examples.rs (generated earlier, no longer produced)"),
        "{}",
        text(&output.stderr)
    );

    let output = generate(dir.path(), &without_examples(zoom_collection()), &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains(&format!(
        "removed {}",
        out.join("tests/examples.rs").display()
    )));
    assert!(!out.join("tests").exists(), "the emptied directory is gone");
    assert_eq!(fs::read_to_string(out.join("NOTES.md")).unwrap(), "mine\n");
    assert_eq!(
        fs::read_to_string(out.join("src/extra.rs")).unwrap(),
        "// mine\n"
    );
    let record = fs::read_to_string(out.join(".postgen-files")).unwrap();
    assert!(!record.contains("tests/examples.rs"));
    let output = generate(
        dir.path(),
        &without_examples(zoom_collection()),
        &["--check"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
}

#[test]
fn a_generated_file_someone_took_over_is_left_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = generated_zoom(dir.path());
    // The user removed the header: the file is theirs now.
    let tests = out.join("tests/examples.rs");
    let taken = fs::read_to_string(&tests)
        .unwrap()
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&tests, &taken).unwrap();
    let output = generate(dir.path(), &without_examples(zoom_collection()), &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(fs::read_to_string(&tests).unwrap(), taken);
    assert!(
        text(&output.stderr).contains("is no longer generated but was edited"),
        "{}",
        text(&output.stderr)
    );

    // A file still produced, taken over the same way, is not replaced either.
    let lib = out.join("src/lib.rs");
    fs::write(&lib, "//! Ours now.\n").unwrap();
    let output = generate(dir.path(), &without_examples(zoom_collection()), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).ends_with(&format!("\n  {}\n", lib.display())),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(fs::read_to_string(&lib).unwrap(), "//! Ours now.\n");
}

#[test]
fn a_file_postgen_did_not_generate_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("src")).unwrap();
    fs::write(out.join("README.md"), "# My crate\n").unwrap();
    fs::write(out.join("src/lib.rs"), "pub fn mine() {}\n").unwrap();
    let output = generate(dir.path(), &zoom_collection(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: refusing to replace files that do not start with postgen's `@generated` line \
             (not generated, or taken over by removing it); move them away or write elsewhere:\n  \
             {}\n  {}\n",
            out.join("README.md").display(),
            out.join("src/lib.rs").display()
        )
    );
    assert_eq!(
        fs::read_to_string(out.join("README.md")).unwrap(),
        "# My crate\n"
    );
    assert!(!out.join("src/api.rs").exists(), "nothing was written");
    assert!(!out.join("Cargo.toml").exists(), "nothing was written");
}

#[test]
fn the_generated_readme_lists_every_endpoint_with_its_function() {
    let dir = tempfile::tempdir().unwrap();
    let mut collection = zoom_collection();
    collection["item"][0]["item"][0]["name"] = Value::from("List | <b>groups</b>");
    assert!(generate(dir.path(), &collection, &[]).status.success());
    let readme = fs::read_to_string(dir.path().join("out/README.md")).unwrap();
    assert!(readme.contains("### IM Groups (`im_groups`)"), "{readme}");
    assert!(readme.contains(
        "| List \\| \\<b\\>groups\\</b\\> | `GET` | `/im/groups` | `client.im_groups().list_b_groups_b()` |"
    ), "{readme}");
    assert!(readme.contains(
        "| Delete an IM directory group member | `DELETE` | `/im/groups/:groupId/members/:memberId` \
         | `client.im_groups().delete_an_im_directory_group_member()` |"
    ));
    assert_eq!(
        readme
            .lines()
            .filter(|line| line.starts_with("| ") && line.contains("`client."))
            .count(),
        8
    );
}

#[test]
fn templates_are_overridden_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    fs::create_dir_all(templates.join("runtime")).unwrap();
    let builtin =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/README.md.jinja"))
            .unwrap();
    fs::write(
        templates.join("README.md.jinja"),
        builtin.replace("## Endpoints", "## Our endpoints"),
    )
    .unwrap();
    let templates_arg = templates.to_str().unwrap();
    let output = generate(
        dir.path(),
        &zoom_collection(),
        &["--templates", templates_arg],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let readme = fs::read_to_string(dir.path().join("out/README.md")).unwrap();
    assert!(readme.contains("## Our endpoints"));

    // A syntax error names the template, its line and the file it came from.
    let broken = templates.join("endpoint.rs.jinja");
    fs::write(&broken, "{#- Methods. -#}\n\n{% if %}\n").unwrap();
    let output = generate(
        dir.path(),
        &zoom_collection(),
        &["--templates", templates_arg],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: template endpoint.rs.jinja line 3 (from {}): syntax error:",
            broken.display()
        )),
        "{stderr}"
    );
    // An error while rendering, too.
    fs::write(
        &broken,
        "{#- Methods. -#}\n{% macro method(e, m) %}\n{{ api.no_such_value.x }}\n{% endmacro %}\n",
    )
    .unwrap();
    let output = generate(
        dir.path(),
        &zoom_collection(),
        &["--templates", templates_arg],
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: template endpoint.rs.jinja line 3 (from {}): undefined value",
            broken.display()
        )),
        "{stderr}"
    );
    fs::remove_file(&broken).unwrap();

    // A file that matches no template is a mistake, not ignored.
    fs::write(templates.join("endpoints.rs.jinja"), "").unwrap();
    let output = generate(
        dir.path(),
        &zoom_collection(),
        &["--templates", templates_arg],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("`endpoints.rs.jinja` is not a postgen template; the templates are: Cargo.toml.jinja, lib.rs.jinja"));
}

/// The lines of the generated `api.rs` that one version has and the other lacks, as
/// (removed, added), compared as multisets in order.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for change in diff.iter_all_changes() {
        let line = change.value().trim().to_string();
        match change.tag() {
            similar::ChangeTag::Delete => removed.push(line),
            similar::ChangeTag::Insert => added.push(line),
            similar::ChangeTag::Equal => {}
        }
    }
    (removed, added)
}

fn api_of(dir: &Path, collection: &Value) -> String {
    let output = generate(dir, collection, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    fs::read_to_string(dir.join("out/src/api.rs")).unwrap()
}

#[test]
fn renaming_a_request_changes_only_that_request() {
    let dir = tempfile::tempdir().unwrap();
    let before = api_of(dir.path(), &zoom_collection());
    let mut renamed = zoom_collection();
    renamed["item"][0]["item"][2]["name"] = Value::from("Fetch an IM directory group");
    let after = api_of(dir.path(), &renamed);
    let (removed, added) = changed_lines(&before, &after);
    assert_eq!(
        removed,
        [
            "/// `GET /im/groups/:groupId` (request `Retrieve an IM directory group` of the collection).",
            "///     .retrieve_an_im_directory_group(\"quis officia in reprehenderit\")",
            "pub fn retrieve_an_im_directory_group(",
            // The group type's docs name the requests whose body it is.
            "/// The same structure is a body of `Retrieve an IM directory group`.",
        ]
    );
    assert_eq!(
        added,
        [
            "/// `GET /im/groups/:groupId` (request `Fetch an IM directory group` of the collection).",
            "///     .fetch_an_im_directory_group(\"quis officia in reprehenderit\")",
            "pub fn fetch_an_im_directory_group(",
            "/// The same structure is a body of `Fetch an IM directory group`.",
        ]
    );
}

#[test]
fn adding_a_field_changes_only_that_field() {
    let dir = tempfile::tempdir().unwrap();
    let before = api_of(dir.path(), &zoom_collection());
    let mut added_field = zoom_collection();
    let form = added_field["item"][0]["item"][3]["request"]["body"]["formdata"]
        .as_array_mut()
        .unwrap();
    form.push(serde_json::json!({"key": "owner", "value": "Ana", "type": "text"}));
    let after = api_of(dir.path(), &added_field);
    let (removed, added) = changed_lines(&before, &after);
    assert!(removed.is_empty(), "{removed:?}");
    assert!(
        added
            .iter()
            .all(|line| line.contains("owner") || line.contains("Ana") || line.starts_with("///")),
        "{added:?}"
    );
    assert!(
        added.contains(&"pub owner: ::std::option::Option<::std::string::String>,".to_string()),
        "{added:?}"
    );
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_leaving_the_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("src")).unwrap();
    let output = generate(dir.path(), &zoom_collection(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: {}: a symlink that leads outside the output directory {}: refusing to write through it\n",
            out.join("src").display(),
            out.display()
        )
    );
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(!out.join("Cargo.toml").exists(), "nothing was written");

    // A symlink that stays inside is followed.
    fs::remove_file(out.join("src")).unwrap();
    fs::create_dir_all(out.join("real-src")).unwrap();
    std::os::unix::fs::symlink(out.join("real-src"), out.join("src")).unwrap();
    let output = generate(dir.path(), &zoom_collection(), &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(out.join("real-src/api.rs").exists());
}

#[test]
fn a_failure_half_way_leaves_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let before = without_examples(zoom_collection());
    assert!(generate(dir.path(), &before, &[]).status.success());
    let old: Vec<(String, String)> = ["Cargo.toml", "README.md", "src/api.rs", ".postgen-files"]
        .iter()
        .map(|f| (f.to_string(), fs::read_to_string(out.join(f)).unwrap()))
        .collect();
    // The new version needs tests/examples.rs, but `tests` is a file: that write fails after
    // README.md and src/api.rs, which also change, were written.
    fs::write(out.join("tests"), "in the way\n").unwrap();
    let mut after = zoom_collection();
    after["info"]["name"] = Value::from("Zoom, renamed");
    let output = generate(dir.path(), &after, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).starts_with(&format!(
            "error: {}: cannot write: ",
            out.join("tests/examples.rs").display()
        )),
        "{}",
        text(&output.stderr)
    );
    for (file, contents) in old {
        assert_eq!(
            fs::read_to_string(out.join(&file)).unwrap(),
            contents,
            "{file}"
        );
    }
    let names: Vec<String> = fs::read_dir(out.join("src"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
}

#[test]
fn names_never_become_paths() {
    let dir = tempfile::tempdir().unwrap();
    let mut collection = zoom_collection();
    collection["item"][0]["name"] = Value::from("../../escaped");
    let names = ["/etc/passwd", "..\\..\\win", "CON", "nul.txt", "a/../../b"];
    for (i, name) in names.iter().enumerate() {
        collection["item"][0]["item"][i]["name"] = Value::from(*name);
    }
    let output = generate(dir.path(), &collection, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let mut found = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(dir.path()).unwrap().display().to_string();
            if path.is_dir() {
                stack.push(path);
            }
            found.push(relative);
        }
    }
    found.sort();
    assert_eq!(
        found,
        [
            "out",
            "out/.postgen-files",
            "out/Cargo.toml",
            "out/README.md",
            "out/examples",
            "out/examples/replay.rs",
            "out/runtime",
            "out/runtime/Cargo.toml",
            "out/runtime/src",
            "out/runtime/src/lib.rs",
            "out/src",
            "out/src/api.rs",
            "out/src/lib.rs",
            "out/tests",
            "out/tests/examples.rs",
            "zoom.json"
        ]
    );
    let api = fs::read_to_string(dir.path().join("out/src/api.rs")).unwrap();
    assert!(api.contains("pub mod escaped {"), "the folder is a module");
    assert!(api.contains("pub fn etc_passwd("));
}

#[test]
fn a_render_error_after_files_were_streamed_leaves_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    // Without saved responses first: the new version's `tests/` is a directory the failed run
    // creates for its staged file, and must remove.
    assert!(
        generate(dir.path(), &without_examples(zoom_collection()), &[])
            .status
            .success()
    );
    let out = dir.path().join("out");
    let before = tree(&out);
    assert!(!out.join("tests").exists());
    // Every other file is complete, and staged on disk, when the last template fails at its end.
    let templates = dir.path().join("templates");
    fs::create_dir_all(&templates).unwrap();
    let builtin = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/examples.rs.jinja"),
    )
    .unwrap();
    fs::write(
        templates.join("examples.rs.jinja"),
        format!("{builtin}\n{{{{ api.no_such_value.x }}}}\n"),
    )
    .unwrap();
    let mut renamed = zoom_collection();
    renamed["info"]["name"] = Value::from("Zoom, renamed");
    let output = generate(
        dir.path(),
        &renamed,
        &["--templates", templates.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).starts_with("error: template examples.rs.jinja line "),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(tree(&out), before, "no file changed, none was left behind");
    assert!(
        !out.join("tests").exists(),
        "the directory made for staging is gone"
    );
}
