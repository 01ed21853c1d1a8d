//! Any bytes through the whole pipeline: parse -> overrides -> lower -> render -> format. A
//! panic or a crash is a bug; an input error is the expected answer to most inputs.
//!
//! The input is a collection, optionally followed by a line `#postgen.toml` and the text of an
//! overrides file; its first byte's low bit picks strict reading (one bad item refuses the
//! collection) or the default (bad items and requests are left out with warnings).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// What separates the collection from the overrides file in an input.
const SEPARATOR: &str = "\n#postgen.toml\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let strict = data.first().is_some_and(|b| b & 1 == 1);
    let config = postgen::Config::new("fuzz.json").name("fuzzed").strict(strict);
    let generated = match text.split_once(SEPARATOR) {
        Some((collection, overrides)) => config.generate_from_with_overrides(collection, overrides),
        None => config.generate_from(text),
    };
    if let Ok(generated) = generated {
        // Everything rendered was parsed by syn before formatting; check the result again.
        for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            assert!(
                syn::parse_file(&file.contents).is_ok(),
                "{} does not parse",
                file.path
            );
        }
        // Warnings reach a terminal: no control or bidirectional character raw.
        for warning in &generated.warnings {
            let shown = warning.to_string();
            assert!(
                !shown.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "{shown:?}"
            );
        }
    }
});
