// How scripts judge values, as JavaScript and chai do: comparisons (`===`, `==`, `<`, deep
// equality), truthiness, `include`, types as chai names them, and the text a variable holds.
// The runtime evaluates the collection's scripts with these (`script.rs`), and postgen
// includes this same file to judge a saved example against a check when it generates the
// client (`src/lower/scripts/judge.rs`), so the two judge alike. Items only, over serde_json.

/// A comparison in a script condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Same type and value (`===`, chai's `eql`).
    Eq,
    /// JavaScript's `==`: a number equals its text.
    LooseEq,
    /// `<`, chai's `below`.
    Lt,
    /// `<=`, chai's `most`.
    Le,
    /// `>`, chai's `above`.
    Gt,
    /// `>=`, chai's `least`.
    Ge,
}

/// A value as the text a variable holds: a string as itself, anything else as JSON.
pub(crate) fn script_text(v: &::serde_json::Value) -> ::std::string::String {
    match v {
        ::serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn number(v: &::serde_json::Value) -> ::std::option::Option<f64> {
    match v {
        ::serde_json::Value::Number(n) => n.as_f64(),
        ::serde_json::Value::String(s) => s.trim().parse().ok(),
        ::serde_json::Value::Bool(b) => Some(f64::from(u8::from(*b))),
        ::serde_json::Value::Null => Some(0.0),
        _ => None,
    }
}

pub(crate) fn compare(a: &::serde_json::Value, op: Op, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value as J;
    match op {
        Op::Eq => match (a, b) {
            (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
            (J::Array(x), J::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| compare(x, Op::Eq, y)),
            (J::Object(x), J::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| compare(v, Op::Eq, w)))
            }
            _ => a == b,
        },
        Op::LooseEq => match (a, b) {
            (J::String(x), J::String(y)) => x == y,
            (J::Null, J::Null) => true,
            (J::Null, _) | (_, J::Null) => false,
            (J::Number(_) | J::String(_) | J::Bool(_), J::Number(_) | J::String(_) | J::Bool(_)) => {
                number(a).is_some() && number(a) == number(b)
            }
            _ => compare(a, Op::Eq, b),
        },
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => match op {
                Op::Lt => x < y,
                Op::Le => x <= y,
                Op::Gt => x > y,
                _ => x >= y,
            },
            _ => false,
        },
    }
}

pub(crate) fn truthy(v: &::serde_json::Value) -> bool {
    match v {
        ::serde_json::Value::Null => false,
        ::serde_json::Value::Bool(b) => *b,
        ::serde_json::Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        ::serde_json::Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

pub(crate) fn includes(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value as J;
    match (a, b) {
        (J::String(text), needle) => text.contains(&script_text(needle)),
        (J::Array(items), needle) => items.iter().any(|item| compare(item, Op::Eq, needle)),
        (J::Object(object), J::Object(subset)) => {
            subset.iter().all(|(k, v)| object.get(k).is_some_and(|w| compare(w, Op::Eq, v)))
        }
        _ => false,
    }
}

pub(crate) fn type_of(v: ::std::option::Option<&::serde_json::Value>) -> &'static str {
    match v {
        None => "undefined",
        Some(::serde_json::Value::Null) => "null",
        Some(::serde_json::Value::Bool(_)) => "boolean",
        Some(::serde_json::Value::Number(_)) => "number",
        Some(::serde_json::Value::String(_)) => "string",
        Some(::serde_json::Value::Array(_)) => "array",
        Some(::serde_json::Value::Object(_)) => "object",
    }
}


/// `text.split(sep)[index]`: with an empty separator, the `index`-th character.
pub(crate) fn split_part(text: &str, sep: &str, index: usize) -> ::std::option::Option<::std::string::String> {
    match sep.is_empty() {
        true => text.chars().nth(index).map(::std::string::String::from),
        false => text.split(sep).nth(index).map(str::to_string),
    }
}

/// JavaScript's `text.slice(start, end)`, over characters: a negative position counts from the
/// end, and positions are clamped to the text.
pub(crate) fn slice(text: &str, start: i64, end: ::std::option::Option<i64>) -> ::std::string::String {
    let chars: ::std::vec::Vec<char> = text.chars().collect();
    let len = chars.len() as i64;
    let at = |i: i64| if i < 0 { (len + i).max(0) } else { i.min(len) } as usize;
    let (start, end) = (at(start), at(end.unwrap_or(len)));
    match start < end {
        true => chars[start..end].iter().collect(),
        false => ::std::string::String::new(),
    }
}
