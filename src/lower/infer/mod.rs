//! Type inference from what a collection shows instead of a schema: the shape of JSON examples
//! ([`shape`]), scalar types of parameters from their values and descriptions ([`scalar`]), the
//! values the saved examples' original requests give ([`samples`]), and one type per parameter
//! name across the collection ([`concepts`]).

pub mod concepts;
pub mod samples;
pub mod scalar;
pub mod shape;
