//! Pure text utilities, with no knowledge of the model: Postman descriptions as rustdoc
//! ([`docs`]), Rust identifiers from Postman names ([`names`]) and `{{variable}}` splitting
//! ([`vars`]).

pub mod docs;
pub mod names;
pub mod vars;
