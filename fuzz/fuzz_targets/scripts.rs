//! Any text as a request's pre-request and test script, through the whole pipeline: oxc's
//! parser, postgen's translation of the statements, and the rendering of what it translated
//! into the client. A panic or a crash is a bug; every input is a valid collection, so it must
//! generate, and every Rust file must parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(script) = std::str::from_utf8(data) else {
        return;
    };
    let event = |listen: &str| serde_json::json!({"listen": listen, "script": {"exec": script}});
    let collection = serde_json::json!({
        "info": {"name": "Fuzzed", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "baseUrl", "value": "https://api.example.test"}],
        "event": [event("prerequest")],
        "item": [{
            "name": "Scripted",
            "event": [event("test")],
            "request": {
                "method": "POST",
                "url": "{{baseUrl}}/things/{{id}}",
                "header": [{"key": "Authorization", "value": "Bearer {{token}}"}],
            },
            "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}], "body": "{\"id\": 1, \"token\": \"t\"}"}],
        }],
    });
    let generated = postgen::Config::new("fuzz.json")
        .name("fuzzed")
        .generate_from(&collection.to_string())
        .expect("a valid collection generates whatever its scripts hold");
    assert!(generated.scripts.translated <= generated.scripts.statements);
    for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
        assert!(syn::parse_file(&file.contents).is_ok(), "{} does not parse", file.path);
    }
});
