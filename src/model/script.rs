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
            Value::At(inner, p) => Value::At(v(inner), p),
            Value::Find(list, cond, last) => Value::Find(v(list), cond, last),
            Value::If(c, a, b) => Value::If(Box::new(c.map_items(item)), v(a), v(b)),
            other => other,
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
            Cond::Not(inner) => Cond::Not(c(inner)),
            Cond::All(cs) => Cond::All(all(cs)),
            Cond::Any(cs) => Cond::Any(all(cs)),
            Cond::Const(b) => Cond::Const(b),
        }
    }
}
