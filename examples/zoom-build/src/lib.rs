//! The Zoom client, generated from `collections/zoom.json` by this crate's `build.rs` and
//! included here as the `zoom` module.

/// The generated client: `zoom::Client`, one handle per folder, the request and response types.
pub mod zoom {
    include!(concat!(env!("OUT_DIR"), "/zoom.rs"));
}
