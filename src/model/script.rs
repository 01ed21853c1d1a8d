//! What a request's scripts do, translated from JavaScript: the variables its pre-request
//! scripts set before it is sent, those its test scripts set from the response, and the test
//! scripts' assertions. The runtime evaluates the same shapes (`runtime/src/runtime/script.rs`);
//! the renderer writes these as its constants.

use serde::{Deserialize, Serialize};

/// The translated scripts that run around one request: the collection's, then each folder's
/// above it, then its own, as Postman runs them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scripts {
    /// Variables set before the request is built (pre-request scripts).
    pub before: Vec<VarSet>,
    /// Variables set from the response (test scripts).
    pub after: Vec<VarSet>,
    /// The test scripts' assertions, in order.
    pub checks: Vec<Check>,
}

impl Scripts {
    /// Whether a set or a check runs a regular expression.
    pub fn uses_regex(&self) -> bool {
        let sets = self.before.iter().chain(&self.after);
        sets.flat_map(|s| {
            s.value
                .iter()
                .map(Value::uses_regex)
                .chain(s.when.iter().map(Cond::uses_regex))
        })
        .chain(self.checks.iter().map(|c| c.cond.uses_regex()))
        .any(|uses| uses)
    }

    /// Whether nothing was translated.
    pub fn is_empty(&self) -> bool {
        self.before.is_empty() && self.after.is_empty() && self.checks.is_empty()
    }

    /// Appends what `other` does after what `self` does.
    pub fn extend(&mut self, other: &Scripts) {
        self.before.extend(other.before.iter().cloned());
        self.after.extend(other.after.iter().cloned());
        self.checks.extend(other.checks.iter().cloned());
    }
}

/// `pm.environment.set(name, value)` and its kin: a variable set (or, with no value, unset),
/// when `when` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VarSet {
    pub name: String,
    /// Which Postman scope the script writes: `environment`, `collection`, `globals` or
    /// `variables` (the run's local scope). The client keeps one set of variables, so the scope
    /// is documentation.
    pub scope: String,
    pub value: Option<Value>,
    pub when: Option<Cond>,
}

/// A named assertion: `pm.test(name, ...)` or `tests[name] = ...`. It passes when `cond` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub name: String,
    pub cond: Cond,
}

/// A value a script reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A value of the response's JSON body, by RFC 6901 pointer (`""` for the whole body).
    Json(String),
    /// A response header, by name.
    Header(String),
    /// The response's status code.
    Status,
    /// The response's reason phrase (`OK`).
    Reason,
    /// A cookie the response sets, by name.
    Cookie(String),
    /// The response body as text.
    Body,
    /// How long the response took, in milliseconds (`pm.response.responseTime`).
    ResponseTime,
    /// A literal, as JSON text (`"abc"`, `5`, `true`).
    Const(String),
    /// A variable's value, by name.
    Var(String),
    /// Text whose `{{name}}`s are substituted (`pm.variables.replaceIn`, dynamic variables).
    Template(String),
    /// The values' texts joined (`"Bearer " + json.token`).
    Concat(Vec<Value>),
    /// The length of a string or array.
    Len(Box<Value>),
    /// The first truthy value, else the last (`a || b`).
    Or(Vec<Value>),
    /// `cond ? a : b`.
    If(Box<Cond>, Box<Value>, Box<Value>),
    /// A string method on the value's text.
    Text(Box<Value>, TextOp),
    /// The time the script runs (`new Date()`, `moment()`), moved by each shift in order
    /// (`moment(d).add(2, "days")`), written in a format (`toISOString()`, `getTime()`).
    Now(Vec<Shift>, TimeFormat),
    /// A JavaScript number made from a value: `Number(x)`, `parseInt(x)`, `parseFloat(x)`.
    Number(Box<Value>, NumberParse),
    /// The first element of an array for which the condition holds (the last one when
    /// `last`: what `forEach` leaves a variable set in its callback), reading the element as
    /// [`Value::Item`]: `json.items.find(i => i.name === "x")`.
    Find(Box<Value>, Box<Cond>, bool),
    /// Inside a [`Value::Find`] condition: the element tested, by RFC 6901 pointer.
    Item(String),
    /// A part of another value (a found element, a choice of two), by RFC 6901 pointer.
    At(Box<Value>, String),
    /// Arithmetic as JavaScript does it: `count + 1`, `amount / 100` (`+` joins texts when
    /// either value is text at run time).
    Arith(Box<Value>, Arith, Box<Value>),
    /// `text.indexOf(needle, from)`, `list.indexOf(item, from)`: the position found (in
    /// characters of a text), or -1.
    IndexOf(Box<Value>, Box<Value>, Option<Box<Value>>),
    /// `x.slice(start, end)` of a text (in characters) or a list, with positions computed at
    /// run time: `header.slice(header.indexOf("=") + 1)`.
    Slice(Box<Value>, Box<Value>, Option<Box<Value>>),
    /// `text.replace(/pattern/, with)`: the first match (every one when the last field is
    /// true, JavaScript's `g` flag) replaced. The replacement is in the syntax of the
    /// `regex-lite` crate (`${1}` for JavaScript's `$1`), translated when the script was read.
    ReplaceMatches(Box<Value>, Regex, String, bool),
    /// `JSON.parse(text)` of a value other than the response body: `undefined` when it is not
    /// JSON (where JavaScript throws).
    ParseJson(Box<Value>),
    /// `Math.random()`: a number from 0 up to 1, new each time the script runs.
    Random,
    /// `Math.floor(x)`, `Math.round(x)`, ...: a function of the value as a number.
    Math(Box<Value>, MathFn),
    /// `x.toFixed(digits)` of a number: its text with that many decimal places.
    Fixed(Box<Value>, u8),
    /// `btoa(text)`: the text's characters as bytes (Latin-1) in base64; `undefined` for a
    /// text with another character (where `btoa` throws).
    Base64(Box<Value>),
    /// `JSON.stringify(x)` of a value read at run time (a missing one is `null`).
    JsonText(Box<Value>),
}

/// A script's regular expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regex {
    /// In the syntax of the `regex-lite` crate, flags inline: what the client runs.
    pub pattern: String,
    /// As the script writes it (`/^ok$/i`): what messages show.
    pub written: String,
}

/// A function of JavaScript's `Math`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MathFn {
    Floor,
    Ceil,
    /// Halves toward positive infinity: `Math.round(-2.5)` is -2.
    Round,
    Trunc,
    Abs,
}

/// A shift of a time: `add(2, "days")` is `{ amount: 2, unit: Days }`, `subtract` negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub amount: i64,
    pub unit: TimeUnit,
}

/// The units of moment's `add`. Months and years keep the day of the month, or the month's
/// last day when it has fewer (moment's rule); the others are fixed lengths (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeUnit {
    Millis,
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// How a script writes a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeFormat {
    /// `toISOString()`: `2026-12-07T08:01:02.345Z`.
    Iso,
    /// `getTime()`, `valueOf()`, `Date.now()`: milliseconds since 1970.
    Millis,
    /// moment's `unix()`: whole seconds since 1970.
    Seconds,
}

/// How a value becomes a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberParse {
    /// `Number(x)`: the whole text, `NaN` unless it is a number (blank text is 0).
    Whole,
    /// `parseInt(x)`: the integer the text starts with.
    Int,
    /// `parseFloat(x)`: the decimal number the text starts with.
    Float,
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

/// A string method a script applies to a value: `.split(sep)[index]`, `.trim()`, ...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TextOp {
    Split(String, usize),
    Trim,
    Lower,
    Upper,
    /// The first occurrence of the text replaced.
    Replace(String, String),
    /// JavaScript's `slice` (negative positions count from the end), in characters.
    Slice(i64, Option<i64>),
}

/// A condition on values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cond {
    /// Two values compared.
    Cmp(Value, Op, Value),
    /// The value is there (not `undefined`).
    Exists(Value),
    /// The value is JavaScript-truthy.
    Truthy(Value),
    /// The first value (text or array) includes the second.
    Includes(Value, Value),
    /// The value's JavaScript type, as chai names it: `string`, `number`, `boolean`, `object`,
    /// `array`, `null`, `undefined`.
    IsType(Value, String),
    /// The value is one of these.
    OneOf(Value, Vec<Value>),
    /// JavaScript's `isNaN(x)`: the value is not a number, nor text of one.
    IsNaN(Value),
    /// A regular expression matches the value's text (`/^\d+$/.test(x)`, chai's `match`).
    Matches(Value, Regex),
    Not(Box<Cond>),
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Const(bool),
}

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// `===`, `eql`, `equal`: same type and value (deep for objects).
    Eq,
    /// `==`: a number and its text are equal.
    LooseEq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Value {
    /// The value with each [`Value::Item`] of an enclosing loop (not those of a nested
    /// [`Value::Find`]'s condition, which are its own element) replaced by `item(pointer)`.
    pub fn map_items(self, item: &dyn Fn(String) -> Value) -> Value {
        let v = |v: Box<Value>| Box::new(v.map_items(item));
        let all = |vs: Vec<Value>| vs.into_iter().map(|x| x.map_items(item)).collect();
        match self {
            Value::Item(p) => item(p),
            Value::Concat(parts) => Value::Concat(all(parts)),
            Value::Or(options) => Value::Or(all(options)),
            Value::Len(inner) => Value::Len(v(inner)),
            Value::Text(inner, op) => Value::Text(v(inner), op),
            Value::Number(inner, parse) => Value::Number(v(inner), parse),
            Value::Arith(a, op, b) => Value::Arith(v(a), op, v(b)),
            Value::IndexOf(a, b, from) => Value::IndexOf(v(a), v(b), from.map(v)),
            Value::Slice(a, start, end) => Value::Slice(v(a), v(start), end.map(v)),
            Value::ReplaceMatches(a, pattern, with, all) => {
                Value::ReplaceMatches(v(a), pattern, with, all)
            }
            Value::ParseJson(inner) => Value::ParseJson(v(inner)),
            Value::Math(inner, f) => Value::Math(v(inner), f),
            Value::Fixed(inner, digits) => Value::Fixed(v(inner), digits),
            Value::Base64(inner) => Value::Base64(v(inner)),
            Value::JsonText(inner) => Value::JsonText(v(inner)),
            Value::At(inner, p) => Value::At(v(inner), p),
            Value::Find(list, cond, last) => Value::Find(v(list), cond, last),
            Value::If(c, a, b) => Value::If(Box::new(c.map_items(item)), v(a), v(b)),
            other => other,
        }
    }

    /// Whether the value runs a regular expression.
    pub fn uses_regex(&self) -> bool {
        let any = |vs: &[Value]| vs.iter().any(Value::uses_regex);
        match self {
            Value::ReplaceMatches(..) => true,
            Value::Concat(vs) | Value::Or(vs) => any(vs),
            Value::Len(v) | Value::Text(v, _) | Value::Number(v, _) | Value::At(v, _) => {
                v.uses_regex()
            }
            Value::ParseJson(v)
            | Value::Math(v, _)
            | Value::Fixed(v, _)
            | Value::Base64(v)
            | Value::JsonText(v) => v.uses_regex(),
            Value::Arith(a, _, b) => a.uses_regex() || b.uses_regex(),
            Value::IndexOf(a, b, c) | Value::Slice(a, b, c) => {
                a.uses_regex() || b.uses_regex() || c.as_ref().is_some_and(|c| c.uses_regex())
            }
            Value::Find(list, cond, _) => list.uses_regex() || cond.uses_regex(),
            Value::If(cond, a, b) => cond.uses_regex() || a.uses_regex() || b.uses_regex(),
            Value::Json(_)
            | Value::Header(_)
            | Value::Status
            | Value::Reason
            | Value::Cookie(_)
            | Value::Body
            | Value::ResponseTime
            | Value::Const(_)
            | Value::Var(_)
            | Value::Template(_)
            | Value::Now(..)
            | Value::Random
            | Value::Item(_) => false,
        }
    }

    /// Whether the value reads an element of an enclosing loop.
    pub fn reads_item(&self) -> bool {
        let found = std::cell::Cell::new(false);
        self.clone().map_items(&|p| {
            found.set(true);
            Value::Item(p)
        });
        found.get()
    }
}

impl Cond {
    /// Whether the condition runs a regular expression.
    pub fn uses_regex(&self) -> bool {
        match self {
            Cond::Matches(..) => true,
            Cond::Cmp(a, _, b) | Cond::Includes(a, b) => a.uses_regex() || b.uses_regex(),
            Cond::Exists(v) | Cond::Truthy(v) | Cond::IsType(v, _) | Cond::IsNaN(v) => {
                v.uses_regex()
            }
            Cond::OneOf(v, options) => v.uses_regex() || options.iter().any(Value::uses_regex),
            Cond::Not(c) => c.uses_regex(),
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(Cond::uses_regex),
            Cond::Const(_) => false,
        }
    }

    /// The condition with [`Value::map_items`] applied to each value it reads.
    pub fn map_items(self, item: &dyn Fn(String) -> Value) -> Cond {
        let v = |v: Value| v.map_items(item);
        let c = |c: Box<Cond>| Box::new(c.map_items(item));
        let all = |cs: Vec<Cond>| cs.into_iter().map(|x| x.map_items(item)).collect();
        match self {
            Cond::Cmp(a, op, b) => Cond::Cmp(v(a), op, v(b)),
            Cond::Exists(x) => Cond::Exists(v(x)),
            Cond::Truthy(x) => Cond::Truthy(v(x)),
            Cond::Includes(a, b) => Cond::Includes(v(a), v(b)),
            Cond::IsType(x, ty) => Cond::IsType(v(x), ty),
            Cond::OneOf(x, options) => Cond::OneOf(v(x), options.into_iter().map(v).collect()),
            Cond::IsNaN(x) => Cond::IsNaN(v(x)),
            Cond::Matches(x, pattern) => Cond::Matches(v(x), pattern),
            Cond::Not(inner) => Cond::Not(c(inner)),
            Cond::All(cs) => Cond::All(all(cs)),
            Cond::Any(cs) => Cond::Any(all(cs)),
            Cond::Const(b) => Cond::Const(b),
        }
    }
}
