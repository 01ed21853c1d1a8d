//! Pure text utilities, with no knowledge of the model: Postman descriptions as rustdoc
//! ([`docs`]), Rust identifiers from Postman names ([`names`]), `{{variable}}` splitting
//! ([`vars`]), bracketed form keys (`items[0][price]`, [`keys`]) and comments in JSON bodies
//! ([`json_comments`]).

pub mod docs;
pub mod json_comments;
pub mod keys;
pub mod names;
pub mod vars;
