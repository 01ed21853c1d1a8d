//! Any bytes through the whole pipeline: parse -> lower -> render -> format. A panic or a crash
//! is a bug; an input error is the expected answer to most inputs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = postgen::Config::new("fuzz.json").name("fuzzed");
    if let Ok(generated) = config.generate_from(text) {
        // Everything rendered was parsed by syn before formatting; check the result again.
        for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            assert!(
                syn::parse_file(&file.contents).is_ok(),
                "{} does not parse",
                file.path
            );
        }
    }
});
