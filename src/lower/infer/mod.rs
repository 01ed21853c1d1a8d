//! Type inference from what a collection shows instead of a schema: the shape of JSON examples
//! ([`shape`]), scalar types of parameters from their values and descriptions ([`scalar`]), and
//! the values the saved examples' original requests give ([`samples`]).

pub mod samples;
pub mod scalar;
pub mod shape;
