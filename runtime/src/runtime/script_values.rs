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

/// How a script makes a number of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NumberParse {
    /// `Number(x)`: the whole text (blank is 0), else NaN.
    Whole,
    /// `parseInt(x)`: the integer the text starts with.
    Int,
    /// `parseFloat(x)`: the decimal number the text starts with.
    Float,
}

/// A function of JavaScript's `Math` a script applies to a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MathFn {
    /// `Math.floor`.
    Floor,
    /// `Math.ceil`.
    Ceil,
    /// `Math.round`: halves toward positive infinity.
    Round,
    /// `Math.trunc`.
    Trunc,
    /// `Math.abs`.
    Abs,
}

/// An arithmetic operator of a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Arith {
    /// JavaScript's `+`: the texts joined when either value is text (or an array or object),
    /// else the numbers added.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
    /// `%`.
    Rem,
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


/// A value's text as JavaScript writes it into a string: `undefined` for a missing one.
pub(crate) fn js_text(v: ::std::option::Option<&::serde_json::Value>) -> ::std::string::String {
    v.map_or_else(|| "undefined".to_string(), script_text)
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

/// JavaScript's `Number(x)` of a value (`None`: `undefined`): NaN when it is not a number.
pub(crate) fn to_number(v: ::std::option::Option<&::serde_json::Value>) -> f64 {
    use ::serde_json::Value as J;
    match v {
        None => f64::NAN,
        Some(J::Null) => 0.0,
        Some(J::Bool(b)) => f64::from(u8::from(*b)),
        Some(J::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
        Some(J::String(s)) => text_number(s),
        Some(J::Array(items)) => match items.as_slice() {
            [] => 0.0,
            [one] => to_number(Some(&J::String(script_text(one)))),
            _ => f64::NAN,
        },
        Some(J::Object(_)) => f64::NAN,
    }
}

/// JavaScript's `Number(text)`: blank is 0, decimal and `0x` hex literals and `Infinity` are
/// numbers, anything else NaN (Rust's own parser would also take `inf` and `NaN`).
fn text_number(text: &str) -> f64 {
    let t = text.trim();
    if t.is_empty() {
        return 0.0;
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let sign = if t.starts_with('-') { -1.0 } else { 1.0 };
    if unsigned == "Infinity" {
        return sign * f64::INFINITY;
    }
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        let digits = hex.chars().try_fold(0.0, |n: f64, c| Some(n * 16.0 + f64::from(c.to_digit(16)?)));
        return digits.filter(|_| !hex.is_empty()).unwrap_or(f64::NAN);
    }
    let decimal = unsigned.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    match decimal && unsigned.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.') {
        true => t.parse().unwrap_or(f64::NAN),
        false => f64::NAN,
    }
}

/// JavaScript's `parseInt(text)` (radix 10, or 16 after `0x`): the integer the text starts
/// with, NaN when it starts with none.
pub(crate) fn parse_int(text: &str) -> f64 {
    let t = text.trim_start();
    let (sign, rest) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, rest) = match rest.strip_prefix("0x").or_else(|| rest.strip_prefix("0X")) {
        Some(hex) => (16, hex),
        None => (10, rest),
    };
    let digits: ::std::vec::Vec<u32> = rest.chars().map_while(|c| c.to_digit(radix)).collect();
    match digits.is_empty() {
        true => f64::NAN,
        false => sign * digits.iter().fold(0.0, |n, d| n * f64::from(radix) + f64::from(*d)),
    }
}

/// JavaScript's `parseFloat(text)`: the decimal number the text starts with, else NaN.
pub(crate) fn parse_float(text: &str) -> f64 {
    let t = text.trim_start();
    if t.strip_prefix(['+', '-']).unwrap_or(t).starts_with("Infinity") {
        return if t.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    // The longest prefix that parses, among those made of a number's characters (at most 400:
    // the search is quadratic, and no decimal literal is that long).
    let candidate = t.bytes().take(400).take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')).count();
    (1..=candidate).rev().find_map(|end| t[..end].parse::<f64>().ok()).unwrap_or(f64::NAN)
}

/// A number as a script's value: integers without a fraction, as JavaScript prints them; NaN
/// and the infinities as their text (JSON has no such numbers), which is what a variable set
/// to one holds.
pub(crate) fn number_value(n: f64) -> ::serde_json::Value {
    if n.is_nan() {
        ::serde_json::Value::String("NaN".into())
    } else if n.is_infinite() {
        ::serde_json::Value::String(if n > 0.0 { "Infinity" } else { "-Infinity" }.into())
    } else if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        ::serde_json::Value::from(n as i64)
    } else {
        ::serde_json::Number::from_f64(n).map_or(::serde_json::Value::Null, ::serde_json::Value::Number)
    }
}

/// A value (`None`: `undefined`) made a number as `parse` says, as a script's value.
pub(crate) fn parsed(v: ::std::option::Option<&::serde_json::Value>, parse: NumberParse) -> ::serde_json::Value {
    number_value(match (parse, v) {
        (NumberParse::Whole, v) => to_number(v),
        (_, None) => f64::NAN,
        (NumberParse::Int, Some(v)) => parse_int(&script_text(v)),
        (NumberParse::Float, Some(v)) => parse_float(&script_text(v)),
    })
}

/// `a op b` as JavaScript computes it (`None`: `undefined`).
pub(crate) fn arith(a: ::std::option::Option<&::serde_json::Value>, op: Arith, b: ::std::option::Option<&::serde_json::Value>) -> ::serde_json::Value {
    use ::serde_json::Value as J;
    let textual = |v: ::std::option::Option<&J>| matches!(v, Some(J::String(_) | J::Array(_) | J::Object(_)));
    if op == Arith::Add && (textual(a) || textual(b)) {
        return J::String(js_text(a) + &js_text(b));
    }
    let (x, y) = (to_number(a), to_number(b));
    number_value(match op {
        Arith::Add => x + y,
        Arith::Sub => x - y,
        Arith::Mul => x * y,
        Arith::Div => x / y,
        Arith::Rem => x % y,
    })
}

/// The first element of `list` (the last when `last`) for which `test` holds, each tested
/// while it is on top of `stack`, where a script's `Item` reads it: how `Find` reads a list.
/// `None` when `list` is not an array or no element passes.
pub(crate) fn find_element(
    list: ::std::option::Option<::serde_json::Value>,
    last: bool,
    stack: &::std::cell::RefCell<::std::vec::Vec<::serde_json::Value>>,
    mut test: impl FnMut() -> bool,
) -> ::std::option::Option<::serde_json::Value> {
    let ::serde_json::Value::Array(mut items) = list? else { return None };
    if last {
        items.reverse();
    }
    items.into_iter().find(|item| {
        stack.borrow_mut().push(item.clone());
        let passes = test();
        stack.borrow_mut().pop();
        passes
    })
}

/// JavaScript's ToIntegerOrInfinity of a position (`slice(start)`, `indexOf(s, from)`): NaN is
/// 0, fractions are cut toward zero, and the infinities are the ends of `i64`.
pub(crate) fn position(n: f64) -> i64 {
    match n.is_nan() {
        true => 0,
        false => n.trunc().clamp(i64::MIN as f64, i64::MAX as f64) as i64,
    }
}

/// JavaScript's `text.indexOf(needle, from)` (in characters) and `list.indexOf(item, from)`
/// (`None` values: `undefined`; a `from` that is not a number is 0): the position found, or
/// -1. `None` where JavaScript throws (a value with no `indexOf`).
pub(crate) fn index_of(
    subject: &::serde_json::Value,
    needle: ::std::option::Option<&::serde_json::Value>,
    from: ::std::option::Option<&::serde_json::Value>,
) -> ::std::option::Option<::serde_json::Value> {
    use ::serde_json::Value as J;
    let from = position(to_number(from));
    let found = match subject {
        J::String(text) => {
            let chars: ::std::vec::Vec<char> = text.chars().collect();
            let needle: ::std::vec::Vec<char> = js_text(needle).chars().collect();
            let start = from.clamp(0, chars.len() as i64) as usize;
            match needle.is_empty() {
                true => Some(start),
                false => (start..chars.len()).find(|&i| chars[i..].starts_with(&needle)),
            }
        }
        J::Array(items) => {
            let len = items.len() as i64;
            let start = if from < 0 { (len + from).max(0) } else { from.min(len) } as usize;
            needle.and_then(|needle| (start..items.len()).find(|&i| compare(&items[i], Op::Eq, needle)))
        }
        _ => return None,
    };
    Some(found.map_or(J::from(-1), J::from))
}

/// JavaScript's `x.slice(start, end)` of a text (in characters) or a list, the positions as
/// read (`None`: `undefined`, which is 0 for the start and the end for the end); `None` where
/// JavaScript throws (a value with no `slice`).
pub(crate) fn sliced(
    subject: ::serde_json::Value,
    start: ::std::option::Option<&::serde_json::Value>,
    end: ::std::option::Option<&::serde_json::Value>,
) -> ::std::option::Option<::serde_json::Value> {
    use ::serde_json::Value as J;
    let (start, end) = (position(to_number(start)), end.map(|e| position(to_number(Some(e)))));
    match subject {
        J::String(text) => Some(J::String(slice(&text, start, end))),
        J::Array(items) => {
            let len = items.len() as i64;
            let at = |i: i64| if i < 0 { (len + i).max(0) } else { i.min(len) } as usize;
            let (start, end) = (at(start), at(end.unwrap_or(len)));
            Some(J::Array(match start < end {
                true => items[start..end].to_vec(),
                false => ::std::vec::Vec::new(),
            }))
        }
        _ => None,
    }
}

/// A regular expression of a script: its pattern in the syntax of the `regex-lite` crate
/// (postgen translates JavaScript's and checks that it compiles) and the engine that runs it,
/// which only the clients whose scripts use one carry (`script_regex.rs`).
#[derive(Clone, Copy)]
pub struct Regex {
    /// The pattern, flags inline (`(?i)^ok$`).
    pub pattern: &'static str,
    /// The regular expression as the script writes it (`/^ok$/i`), for messages.
    pub written: &'static str,
    /// What runs it.
    pub engine: &'static dyn RegexEngine,
}

impl ::std::fmt::Debug for Regex {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "Regex({})", self.written)
    }
}

/// Runs a script's regular expressions. `RefUnwindSafe` and `Sync`, so that the scripts holding
/// one stay `Send`, `Sync` and unwind-safe.
pub trait RegexEngine: Sync + ::std::panic::RefUnwindSafe {
    /// Whether `pattern` matches somewhere in `text` (JavaScript's `test`).
    fn is_match(&self, pattern: &str, text: &str) -> bool;
    /// `text` with the first match of `pattern` (every match when `all`) replaced by `with`,
    /// in which `${1}` is a group (JavaScript's `replace`).
    fn replace(&self, pattern: &str, text: &str, with: &str, all: bool) -> ::std::string::String;
}

/// `Math.floor(x)` and its kin, as JavaScript computes them.
pub(crate) fn math(x: f64, f: MathFn) -> f64 {
    match f {
        MathFn::Floor => x.floor(),
        MathFn::Ceil => x.ceil(),
        // Not Rust's `round`, which takes halves away from zero: `Math.round(-2.5)` is -2.
        MathFn::Round => {
            let floor = x.floor();
            if x - floor >= 0.5 { floor + 1.0 } else { floor }
        }
        MathFn::Trunc => x.trunc(),
        MathFn::Abs => x.abs(),
    }
}

/// JavaScript's `x.toFixed(digits)`: the decimal nearest `x` with `digits` places, a tie
/// going away from zero (JavaScript rounds the magnitude, from the double's exact value).
pub(crate) fn to_fixed(x: f64, digits: u8) -> ::std::string::String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.abs() >= 1e21 {
        // JavaScript writes these as it writes the number: `1e+21`.
        let text = format!("{x:e}");
        return if text.contains("e-") { text } else { text.replace('e', "e+") };
    }
    // Every double has a finite decimal expansion, well under 1,100 places: this one is exact.
    let exact = format!("{:.1100}", x.abs());
    let (whole, fraction) = exact.split_once('.').unwrap_or((&exact, ""));
    let digits = usize::from(digits);
    let mut kept: ::std::vec::Vec<u8> = whole.bytes().chain(fraction.bytes().take(digits)).collect();
    if fraction.as_bytes().get(digits).is_some_and(|d| *d >= b'5') {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let split = kept.len() - digits;
    let mut text = ::std::string::String::from_utf8_lossy(&kept[..split]).into_owned();
    if digits > 0 {
        text.push('.');
        text.push_str(&::std::string::String::from_utf8_lossy(&kept[split..]));
    }
    if x < 0.0 { format!("-{text}") } else { text }
}

/// The number a value holds as a script's number: a JSON number, or the text `number_value`
/// gives NaN and the infinities; `None` for anything else (where `toFixed` throws).
pub(crate) fn held_number(v: &::serde_json::Value) -> ::std::option::Option<f64> {
    match v {
        ::serde_json::Value::Number(n) => n.as_f64(),
        ::serde_json::Value::String(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}
