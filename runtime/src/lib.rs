//! The runtime postgen embeds in every generated client, as real Rust that is built, linted and
//! tested where it is written.
//!
//! postgen copies the files of `src/runtime/` into the runtime crate it writes beside every
//! client crate (`runtime/src/lib.rs`, which the client re-exports as its `runtime` module), or
//! into the `runtime` module of a client a build script includes, in the order this crate
//! includes them (a test in postgen checks the two agree); those of `src/harness/` into every
//! client's `tests/examples.rs`, and `src/replay/` into its `examples/replay.rs`. Generated
//! clients do not depend on this crate: they stay self-contained, with only crates.io
//! dependencies. Here the same
//! files are compiled inside a `runtime` module beside [`Client`], which stands for the client
//! postgen generates (see `client.rs`), and are unit-tested in `src/tests/`.
//!
//! A file of `src/runtime/` holds items only (no `//!` docs or inner attributes), and its `//`
//! comments are not copied: postgen lays the code out again with prettyplease.

/// The code every endpoint shares: a request description, its encoding and sending, the
/// decoding of responses, and errors.
pub mod runtime {
    include!("runtime/config.rs");
    include!("runtime/fields.rs");
    include!("runtime/request.rs");
    include!("runtime/send.rs");
    include!("runtime/retry.rs");
    include!("runtime/dynamic.rs");
    include!("runtime/paging.rs");
    include!("runtime/oauth2.rs");
    include!("runtime/blocking.rs");
    include!("runtime/signing.rs");
    include!("runtime/script_values.rs");
    include!("runtime/script_regex.rs");
    include!("runtime/script.rs");
    include!("runtime/response.rs");
}

mod client;

pub use client::Client;
pub use runtime::{ApiError, Error, Response};

/// The harness names the client under test `crate_under_test`; postgen writes the client's
/// crate name in its place. Here the client under test is this crate.
#[cfg(test)]
extern crate self as crate_under_test;

// The generated tests' harness, at the crate root as in every client's `tests/examples.rs`:
// this crate's tests use it as the generated ones do.
#[cfg(test)]
include!("harness/server.rs");
#[cfg(test)]
include!("harness/checks.rs");

// What every client's `replay` example does with variables and its command line.
#[cfg(test)]
mod replay {
    include!("replay/support.rs");

    // Inside the module, as in the example, where these items are private.
    #[path = "../tests/replay.rs"]
    mod tests;
}

#[cfg(test)]
mod tests;
