//! Pure text utilities, with no knowledge of the model: Postman descriptions as rustdoc
//! ([`docs`]), Rust identifiers from Postman names ([`names`]), `{{variable}}` splitting
//! ([`vars`]) and bracketed form keys (`items[0][price]`, [`keys`]).

pub mod docs;
pub mod keys;
pub mod names;
pub mod vars;
