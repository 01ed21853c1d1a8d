//! The overrides file (`src/overrides.rs`, applied by `src/lower/overrides.rs`): each override
//! over `tests/fixtures/suspect.json` with `tests/fixtures/overrides/suspect.postgen.toml`, the
//! client compiled and its example tests run on the wire, and errors at the file's lines.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

mod common;

const COLLECTION: &str = "tests/fixtures/suspect.json";
const OVERRIDES: &str = "tests/fixtures/overrides/suspect.postgen.toml";

fn generated() -> &'static postgen::Generated {
    static GENERATED: OnceLock<postgen::Generated> = OnceLock::new();
    GENERATED.get_or_init(|| {
        postgen::Config::new(COLLECTION)
            .overrides(OVERRIDES)
            .generate()
            .expect("the fixture generates with its overrides")
    })
}

fn api() -> String {
    common::file_of(generated(), "src/api.rs")
}

#[test]
fn form_fields_are_sent_as_one_json_object_under_a_pinned_name() {
    let api = api();
    // `create_meeting`, not the name the collection's `Create meeting` would give by itself.
    assert!(api.contains(
        "pub fn create_meeting(\n        &self,\n        body: &self::types::CreateMeeting,"
    ));
    assert!(
        api.contains(".path(\"/meetings\")\n            .json(body)\n"),
        "{api}"
    );
    // The field holding JSON text is a typed object.
    assert!(api.contains("pub settings: super::types::Settings,"));
    assert!(api.contains("pub host_video: bool,"));
    // The example call sends the JSON body (checked on the wire by the crate's own tests).
    let tests = common::file_of(generated(), "tests/examples.rs");
    assert!(tests.contains("\\\"host_video\\\": true"), "{tests}");
    assert!(tests.contains("crate::Body::Json"), "{tests}");
    assert!(!tests.contains("crate::Body::Multipart"), "{tests}");
}

#[test]
fn a_text_field_is_made_a_file() {
    let api = api();
    assert!(api.contains("pub pic_file: ::std::option::Option<self::runtime::File>,"));
}

#[test]
fn a_response_is_bytes_or_nothing_whatever_its_examples_say() {
    let api = api();
    assert!(api.contains(
        "pub fn download_recording(&self) -> self::runtime::Call<'_, ::std::vec::Vec<u8>>"
    ));
    assert!(api.contains("pub fn delete_meeting(&self) -> self::runtime::Call<'_, ()>"));
}

#[test]
fn a_skipped_request_is_not_generated_and_its_warnings_go_with_it() {
    let api = api();
    assert!(api.contains("pub fn list_users("));
    assert!(!api.contains("list_users_copy"));
    // What the overrides correct is no longer a warning: the JSON text in a form field, the
    // text field holding a file, the duplicate, the 204 body, the binary documented as JSON.
    let warnings: Vec<String> = generated()
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
    for fixed in ["item[0].", "item[2].", "item[5].", "item[6].", "item[12]."] {
        assert!(
            !warnings.iter().any(|w| w.starts_with(fixed)),
            "{fixed}: {warnings:#?}"
        );
    }
}

#[test]
fn regeneration_with_overrides_is_byte_identical() {
    let again = postgen::Config::new(COLLECTION)
        .overrides(OVERRIDES)
        .generate()
        .unwrap();
    assert_eq!(again.files, generated().files);
}

/// The client compiles with warnings denied and its example tests pass on the wire: the JSON
/// body, the bytes, the empty 204.
#[test]
fn the_corrected_client_compiles_and_its_tests_pass() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("suspect");
    let output = common::postgen(&[
        "generate",
        COLLECTION,
        "--overrides",
        OVERRIDES,
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(output.status.success(), "{}", common::text(&output.stderr));
    let test = common::cargo_in(&out, &["test", "--quiet"]);
    assert!(
        test.status.success(),
        "{}\n{}",
        common::text(&test.stdout),
        common::text(&test.stderr)
    );
    // The seven saved examples: the JSON body, the bytes, the empty 204s, the typed user.
    let stdout = common::text(&test.stdout);
    assert!(stdout.contains("test result: ok. 7 passed"), "{stdout}");
}

/// Errors name the overrides file and the line of what is wrong in it.
#[test]
fn errors_point_at_the_overrides_file_line() {
    let dir = tempfile::tempdir().unwrap();
    let error = |text: &str| {
        let file = dir.path().join("o.postgen.toml");
        fs::write(&file, text).unwrap();
        let error = postgen::Config::new(COLLECTION)
            .overrides(&file)
            .generate()
            .unwrap_err()
            .to_string();
        error.replace(&file.display().to_string(), "FILE")
    };
    assert_eq!(
        error("\n[requests.\"GET /nowhere\"]\nskip = true\n"),
        "FILE: line 2 column 11: `GET /nowhere` picks no request: write `METHOD /path` as Postman \
         shows the path (`GET /users/:userId`) or the folders and name (`Users/Get a user`)"
    );
    assert_eq!(
        error("[requests.\"Upload picture\"]\nfiles = [\"avatar\"]\n"),
        "FILE: line 1 column 11: `Upload picture` (the request at item[2]) has no form field `avatar`"
    );
    assert_eq!(
        error("[requests.\"Get user\"]\nbody = \"json\"\n"),
        "FILE: line 1 column 11: `Get user` (the request at item[10]) has no body to send as JSON"
    );
    assert_eq!(
        error("[requests.\"Get user\"]\nfiles = 3\n"),
        "FILE: line 2 column 9: invalid type: integer `3`, expected a sequence"
    );
    // Two requests of one module pinned to one name.
    assert_eq!(
        error(
            "[requests.\"List users\"]\nname = \"everyone\"\n\
             [requests.\"List users, page 2\"]\nname = \"everyone\"\n"
        ),
        "tests/fixtures/suspect.json: item[13]: the name `everyone` the overrides file gives \
         this request (line 3 column 11) is taken by another method of its module; choose another"
    );
}

/// A name pinned in the overrides file survives a rename in the collection: `postgen diff` of
/// the two versions, each read with the overrides file beside it, reports no change, where
/// without the pin the method is renamed (a breaking change).
#[test]
fn a_pinned_name_makes_a_rename_in_the_collection_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let collection = |name: &str| {
        serde_json::json!({
            "info": {"name": "pins"},
            "variable": [{"key": "baseUrl", "value": "https://api.example.test"}],
            "item": [{"name": name, "request": {"method": "POST", "url": "{{baseUrl}}/meetings"}}]
        })
        .to_string()
    };
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    fs::write(&old, collection("Create a meeting")).unwrap();
    fs::write(&new, collection("Schedule a meeting")).unwrap();
    let diff = || {
        let diff =
            postgen::diff::diff(&postgen::Config::new(&old), &postgen::Config::new(&new)).unwrap();
        (diff.breaking, diff.report())
    };
    let (breaking, report) = diff();
    assert_eq!(breaking, 1, "{report}");
    assert!(
        report.contains("renamed from `create_a_meeting`"),
        "{report}"
    );

    let pin = "[requests.\"POST /meetings\"]\nname = \"create_meeting\"\n";
    fs::write(dir.path().join("old.postgen.toml"), pin).unwrap();
    fs::write(dir.path().join("new.postgen.toml"), pin).unwrap();
    let (breaking, report) = diff();
    assert_eq!(breaking, 0, "{report}");
    assert!(!report.contains("create_meeting"), "{report}");
}

/// The README's example overrides file corrects the converter-made Zoom collection of the
/// shared corpus, which CI has beside the project: every selector picks a request, and each
/// correction shows in the client.
#[test]
fn the_readme_example_corrects_the_converter_made_zoom_collection() {
    let zoom = Path::new("../shared/corpus/zoom-tags/zoom-api-tags.postman_collection.json");
    if !zoom.exists() {
        eprintln!("skipped: {} is not beside the project", zoom.display());
        return;
    }
    let readme = fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("```toml\n# zoom.postgen.toml")
        .expect("the README's example")
        + 8;
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let overrides = dir.path().join("zoom.postgen.toml");
    fs::write(&overrides, example).unwrap();
    let plain = postgen::Config::new(zoom).generate().unwrap();
    let fixed = postgen::Config::new(zoom)
        .overrides(&overrides)
        .generate()
        .unwrap();
    let api = common::file_of(&fixed, "src/api.rs");
    assert!(api.contains("pub fn create_meeting(\n            &self,\n            user_id: &str,\n            body: &super::types::CreateMeeting,"));
    assert!(api.contains("pub settings: super::types::NewMeetingSettings,"));
    assert!(api.contains("pub duration: i64,"));
    assert!(api.contains("pub fn recordings(&self) -> recordings::Recordings<'_>"));
    assert!(api.contains("pub struct NewMeetingSettings {"));
    assert!(api.contains("pub repeat_interval: ::std::option::Option<i64>,"));
    assert!(api.contains("rename = \"start_time\""));
    assert!(
        api.contains("pub starts_at: ::std::string::String,"),
        "{api}"
    );
    assert!(
        api.contains("#[serde(rename = \"type\")]\n        pub kind: "),
        "{api}"
    );
    // Required by the file: without it every `page_size` is an `Option`.
    assert!(api.contains("pub page_size: i64,"), "{api}");
    assert!(!common::file_of(&plain, "src/api.rs").contains("pub page_size: i64,"));
    assert!(api.contains("pub pic_file: ::std::option::Option<super::runtime::File>,"));
    assert!(!api.contains("list_meeting_participants_qos("));
    // Fewer warnings: what the overrides correct is no longer warned about.
    assert!(fixed.warnings.len() < plain.warnings.len());
    let gone = |text: &str| !fixed.warnings.iter().any(|w| w.to_string().contains(text));
    assert!(gone("form field `pic_file` is described as a file"));
    // The corrected client compiles, its example calls values of the types the file gives.
    let out = dir.path().join("zoom");
    let generated = postgen::Config::new(zoom)
        .overrides(&overrides)
        .out(&out)
        .name("zoom-corrected")
        .generate_and_write();
    assert!(generated.is_ok(), "{generated:?}");
    let check = common::cargo_in(&out, &["check", "--quiet", "--all-targets"]);
    assert!(check.status.success(), "{}", common::text(&check.stderr));
    assert!(plain.warnings.iter().any(|w| {
        w.to_string()
            .contains("form field `settings` holds JSON text")
    }));
}

/// A field's type and whether it is required, in a request's JSON body and in its successful
/// responses' bodies.
#[test]
fn fields_get_the_type_and_requiredness_the_file_gives() {
    let api = api();
    // `q` was in the only example of the search body, so required; the file makes it optional
    // (its docs give no reason from the examples) and names it.
    assert!(api.contains(
        "#[super::runtime::skip_serializing_none]\n    #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n    pub struct SearchWithABody {\n        /// `q`: a string.\n        #[serde(rename = \"q\")]\n        pub query: ::std::option::Option<::std::string::String>,\n    }"
    ), "{api}");
    // The user's `age` was an integer by its hint, `id` in both examples.
    assert!(api.contains("pub age: f64,"));
    assert!(api.contains(
        "/// `id`: a string.\n        #[serde(rename = \"id\")]\n        pub user_id: ::std::option::Option<::std::string::String>,"
    ), "{api}");
}

#[test]
fn form_fields_and_query_parameters_get_their_type_requiredness_and_name() {
    let api = api();
    // `email` had no description saying it is required: an `Option` without the override.
    assert!(api.contains(
        "    /// Example: `a@example.test`.\n    #[serde(rename = \"email\")]\n    pub email_address: ::std::string::String,\n}"
    ), "{api}");
    // `page=2` reads as an integer, and a given value as optional: the file says otherwise.
    assert!(api.contains(
        "pub struct ListUsersPage2Query {\n    /// The `page` query parameter.\n    ///\n    /// Example: `2`.\n    #[serde(rename = \"page\")]\n    pub page_token: ::std::string::String,\n}"
    ), "{api}");
    // The other page's parameter is untouched.
    let list_users = &api[api.find("pub struct ListUsersQuery {").expect("the struct")..];
    let list_users = &list_users[..list_users.find("\n}").expect("its end")];
    assert!(list_users.contains("/// Typed as an integer from the examples `1`, `2`. The values are those of `page` in every request of the collection: one name, one type.\n    pub page: ::std::option::Option<i64>,"), "{api}");
}

#[test]
fn a_field_that_is_not_there_is_an_error_naming_the_file_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("o.postgen.toml");
    let error = |text: &str| {
        fs::write(&file, text).unwrap();
        postgen::Config::new(COLLECTION)
            .overrides(&file)
            .generate()
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        error("[requests.\"Get user\".response_fields]\n\"profile.age\" = \"integer\"\n"),
        "tests/fixtures/suspect.json: item[10]: `profile.age`, which the overrides file sets \
         (line 2 column 1), is not a field of this request's successful JSON responses"
    );
    assert_eq!(
        error("[requests.\"Search with a body\".fields]\nquery = \"string\"\n"),
        "tests/fixtures/suspect.json: item[3]: `query`, which the overrides file sets (line 2 \
         column 1), is not a field of this request's JSON body"
    );
    assert_eq!(
        error("[requests.\"Get user\".fields]\nid = \"string\"\n"),
        "tests/fixtures/suspect.json: item[10]: the overrides file sets fields of this \
         request's body (line 2 column 1), but it sends no JSON or form body"
    );
    assert_eq!(
        error("[requests.\"Register\".fields]\nphone = \"string\"\nemail = \"json\"\n"),
        "tests/fixtures/suspect.json: 2 problems:\n  item[1]: `phone`, which the overrides file \
         sets (line 2 column 1), is not a form field of this request\n  item[1]: `email`, which \
         the overrides file sets (line 3 column 1), is a form field, which is text on the wire: \
         it can be a string, integer, number or boolean, not json"
    );
    assert_eq!(
        error("[requests.\"List users\".query]\nlimit = { required = true }\n"),
        "tests/fixtures/suspect.json: item[11]: `limit`, which the overrides file sets (line 2 \
         column 1), is not a query parameter of this request"
    );
    let bad_path = error("[requests.\"Get user\".response_fields]\n\"a..b\" = \"string\"\n");
    assert!(
        bad_path.ends_with(
            "line 2 column 1: `a..b` is not a field path: write keys joined by `.`, and `[]` for \
             the items of a list (`tracking_fields[].field`)"
        ),
        "{bad_path}"
    );
}

/// A folder's module and a JSON type get the names the file gives; a name that picks nothing
/// or is taken is an error.
#[test]
fn folders_and_types_are_renamed() {
    let api = api();
    assert!(
        api.contains("pub fn get_user(&self) -> self::runtime::Call<'_, self::types::Profile>")
    );
    assert!(api.contains("pub struct Profile {"));
    assert!(!api.contains("pub struct User {"));

    let dir = tempfile::tempdir().unwrap();
    let collection = dir.path().join("chat.json");
    fs::write(
        &collection,
        serde_json::json!({
            "info": {"name": "chat"},
            "variable": [{"key": "baseUrl", "value": "https://api.example.test"}],
            "item": [{"name": "IM Groups", "item": [
                {"name": "List IM groups", "request": {"method": "GET", "url": "{{baseUrl}}/im/groups"}}
            ]}, {"name": "Users", "item": [
                {"name": "List users", "request": {"method": "GET", "url": "{{baseUrl}}/users"}}
            ]}]
        })
        .to_string(),
    )
    .unwrap();
    let overrides = dir.path().join("chat.postgen.toml");
    let generate = |text: &str| {
        fs::write(&overrides, text).unwrap();
        postgen::Config::new(&collection).generate()
    };
    // A pinned name wins over the name a folder before it would be given.
    let generated = generate("[folders.\"Users\"]\nname = \"im_groups\"\n").unwrap();
    let api = common::file_of(&generated, "src/api.rs");
    assert!(
        api.contains("pub fn im_groups(&self) -> im_groups::ImGroups<'_>"),
        "{api}"
    );
    // The folder that would have had the name yields: `im_groups_2`, holding its own request.
    assert!(
        api.contains("pub fn im_groups_2(&self) -> im_groups_2::ImGroups<'_>"),
        "{api}"
    );
    let pinned = &api[api.find("pub mod im_groups {").expect("the pinned module")..];
    assert!(pinned.contains("pub fn list_users("), "{pinned}");
    // Found beside the collection, as `chat.postgen.toml`.
    let generated = generate("[folders.\"IM Groups\"]\nname = \"groups\"\n").unwrap();
    let api = common::file_of(&generated, "src/api.rs");
    assert!(
        api.contains("pub fn groups(&self) -> groups::Groups<'_>"),
        "{api}"
    );
    assert!(api.contains("pub mod groups {"));

    let error = |text: &str| {
        generate(text)
            .unwrap_err()
            .to_string()
            .replace(&dir.path().display().to_string(), "DIR")
    };
    assert_eq!(
        error("[folders.\"IM\"]\nname = \"groups\"\n"),
        "DIR/chat.postgen.toml: line 1 column 10: `IM` picks no folder: write the folders' \
         names from the top, joined by `/`"
    );
    assert_eq!(
        error(
            "[folders.\"IM Groups\"]\nname = \"people\"\n[folders.\"Users\"]\nname = \"people\"\n"
        ),
        "DIR/chat.json: item[1]: the module name `people` the overrides file gives this \
         folder (line 3 column 10) is taken by another module or method beside it; choose another"
    );
    assert_eq!(
        error("[types]\nNobody = \"Somebody\"\n"),
        "DIR/chat.json: the overrides file renames `Nobody` (line 2 column 1), but no JSON \
         type has that name"
    );
    assert_eq!(
        error("[folders.\"IM Groups\"]\nname = \"IM\"\n"),
        "DIR/chat.postgen.toml: line 2 column 8: `IM` is not a module name: write it in \
         snake_case, as `im`"
    );
}
