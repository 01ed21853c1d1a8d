//! Any bytes through the whole pipeline: parse -> overrides -> lower -> render -> format. A
//! panic or a crash is a bug; an input error is the expected answer to most inputs.
//!
//! The input is a collection, optionally followed by a line `#postgen.toml` and the text of an
//! overrides file; its first byte's low bit picks strict reading (one bad item refuses the
//! collection) or the default (bad items and requests are left out with warnings).
#![no_main]

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{LazyLock, Mutex};

use libfuzzer_sys::fuzz_target;

/// What separates the collection from the overrides file in an input.
const SEPARATOR: &str = "\n#postgen.toml\n";

/// Hashes of large files already parsed again: every client's runtime crate is the same file
/// (one of two, with the signers or without), about 3,600 lines that need not be parsed again
/// for every input. At most [`PARSED_MAX`] are kept.
static PARSED: LazyLock<Mutex<HashSet<u64>>> = LazyLock::new(Mutex::default);
const PARSED_MAX: usize = 64;

/// Asserts that `text`, the generated file `path`, parses as Rust; a large file whose bytes
/// parsed before in this process is not parsed again.
fn assert_parses(path: &str, text: &str) {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    let hash = hasher.finish();
    let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    if parsed.contains(&hash) {
        return;
    }
    assert!(syn::parse_file(text).is_ok(), "{path} does not parse");
    if parsed.len() < PARSED_MAX && text.len() > 16 * 1024 {
        parsed.insert(hash);
    }
}

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
        // Everything rendered was parsed by syn before formatting; check the result again
        // (once for a large file that is the same for every input, the runtime).
        for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            assert_parses(&file.path, &file.contents);
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
