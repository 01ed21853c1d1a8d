//! A test-script check judged against a saved example when the client is generated, so that a
//! generated test holds the example only to the checks it passes: a collection whose example
//! contradicts its own test script gets a warning, not a failing test. Values are judged by the
//! runtime's own code (`runtime/src/runtime/script_values.rs`, included here); conditions are
//! walked as the runtime's `Seen::holds` walks them, and every check kept here is evaluated
//! again by the runtime in the generated test, which fails if the two disagree.

use serde_json::Value as J;

use crate::model::script::{Arith, Cond, MathFn, NumberParse, Op as ModelOp, TextOp, Value};
use values::{
    Op, RegexEngine, RegexLite, arith, compare, find_element, held_number, includes, index_of,
    js_text, math, number_value, parsed, script_text as text, slice, sliced, split_part, to_fixed,
    to_number, truthy, type_of,
};

/// The runtime's judgement of values and its regular expression engine, the same files the
/// generated clients embed.
#[allow(dead_code, clippy::all)]
mod values {
    include!("../../../runtime/src/runtime/script_values.rs");
    include!("../../../runtime/src/runtime/script_regex.rs");
}

/// The runtime's comparison for the model's.
fn op(op: ModelOp) -> Op {
    match op {
        ModelOp::Eq => Op::Eq,
        ModelOp::LooseEq => Op::LooseEq,
        ModelOp::Lt => Op::Lt,
        ModelOp::Le => Op::Le,
        ModelOp::Gt => Op::Gt,
        ModelOp::Ge => Op::Ge,
    }
}

fn number(parse: NumberParse) -> values::NumberParse {
    match parse {
        NumberParse::Whole => values::NumberParse::Whole,
        NumberParse::Int => values::NumberParse::Int,
        NumberParse::Float => values::NumberParse::Float,
    }
}

fn math_fn(f: MathFn) -> values::MathFn {
    match f {
        MathFn::Floor => values::MathFn::Floor,
        MathFn::Ceil => values::MathFn::Ceil,
        MathFn::Round => values::MathFn::Round,
        MathFn::Trunc => values::MathFn::Trunc,
        MathFn::Abs => values::MathFn::Abs,
    }
}

fn arith_op(op: Arith) -> values::Arith {
    match op {
        Arith::Add => values::Arith::Add,
        Arith::Sub => values::Arith::Sub,
        Arith::Mul => values::Arith::Mul,
        Arith::Div => values::Arith::Div,
        Arith::Rem => values::Arith::Rem,
    }
}

/// A saved example as a generated test serves it.
pub(crate) struct Served<'a> {
    pub(crate) status: u16,
    pub(crate) content_type: Option<&'a str>,
    pub(crate) body: &'a str,
    /// The elements a `Find` is testing, innermost last.
    pub(crate) items: std::cell::RefCell<Vec<J>>,
}

impl Served<'_> {
    fn read(&self, v: &Value) -> Option<J> {
        match v {
            Value::Json(pointer) => serde_json::from_str::<J>(self.body)
                .ok()?
                .pointer(pointer)
                .cloned(),
            Value::Header(name) if name.eq_ignore_ascii_case("content-type") => {
                self.content_type.map(|t| J::String(t.to_string()))
            }
            Value::Header(_)
            | Value::Cookie(_)
            | Value::Var(_)
            | Value::Template(_)
            | Value::Now(..)
            | Value::Random
            | Value::ResponseTime
            // Not served (`applies.rs`): judging them would take a base64 encoder here, and
            // the runtime's order of an object's keys (sorted; this crate's keep theirs).
            | Value::Base64(_)
            | Value::JsonText(_) => None,
            Value::Math(inner, f) => Some(number_value(math(
                to_number(self.read(inner).as_ref()),
                math_fn(*f),
            ))),
            Value::Fixed(inner, digits) => Some(J::String(to_fixed(
                held_number(&self.read(inner)?)?,
                *digits,
            ))),
            Value::Find(list, cond, last) => {
                find_element(self.read(list), *last, &self.items, || self.holds(cond))
            }
            Value::Item(pointer) => self.items.borrow().last()?.pointer(pointer).cloned(),
            Value::At(inner, pointer) => self.read(inner)?.pointer(pointer).cloned(),
            Value::Number(inner, parse) => Some(parsed(self.read(inner).as_ref(), number(*parse))),
            Value::Arith(a, op, b) => Some(arith(
                self.read(a).as_ref(),
                arith_op(*op),
                self.read(b).as_ref(),
            )),
            Value::IndexOf(subject, needle, from) => index_of(
                &self.read(subject)?,
                self.read(needle).as_ref(),
                from.as_ref().and_then(|f| self.read(f)).as_ref(),
            ),
            Value::Slice(subject, start, end) => sliced(
                self.read(subject)?,
                self.read(start).as_ref(),
                end.as_ref().and_then(|e| self.read(e)).as_ref(),
            ),
            Value::ReplaceMatches(inner, re, with, all) => Some(J::String(RegexLite.replace(
                &re.pattern,
                &text(&self.read(inner)?),
                with,
                *all,
            ))),
            Value::ParseJson(inner) => serde_json::from_str(&text(&self.read(inner)?)).ok(),
            Value::Status => Some(J::from(self.status)),
            Value::Reason => Some(J::String(
                http::StatusCode::from_u16(self.status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("")
                    .to_string(),
            )),
            Value::Body => Some(J::String(self.body.to_string())),
            Value::Const(text) => serde_json::from_str(text).ok(),
            Value::Concat(parts) => Some(J::String(
                parts.iter().map(|p| js_text(self.read(p).as_ref())).collect(),
            )),
            Value::Or(options) => {
                let mut last = None;
                for option in options {
                    last = self.read(option);
                    if last.as_ref().is_some_and(truthy) {
                        break;
                    }
                }
                last
            }
            Value::If(cond, a, b) => match self.holds(cond) {
                true => self.read(a),
                false => self.read(b),
            },
            Value::Text(inner, op) => {
                let text = text(&self.read(inner)?);
                Some(J::String(match op {
                    TextOp::Split(sep, index) => split_part(&text, sep, *index)?,
                    TextOp::Trim => text.trim().to_string(),
                    TextOp::Lower => text.to_lowercase(),
                    TextOp::Upper => text.to_uppercase(),
                    TextOp::Replace(from, to) => text.replacen(from.as_str(), to, 1),
                    TextOp::Slice(start, end) => slice(&text, *start, *end),
                }))
            }
            Value::Len(inner) => match self.read(inner)? {
                J::String(s) => Some(J::from(s.encode_utf16().count())),
                J::Array(a) => Some(J::from(a.len())),
                J::Object(o) => Some(J::from(o.len())),
                _ => None,
            },
        }
    }

    /// Whether `cond` holds for this example.
    pub(crate) fn holds(&self, cond: &Cond) -> bool {
        match cond {
            Cond::Cmp(a, o, b) => match (self.read(a), self.read(b)) {
                (Some(a), Some(b)) => compare(&a, op(*o), &b),
                (None, None) => matches!(
                    o,
                    ModelOp::Eq | ModelOp::LooseEq | ModelOp::Le | ModelOp::Ge
                ),
                _ => false,
            },
            Cond::Exists(v) => self.read(v).is_some(),
            Cond::Truthy(v) => self.read(v).is_some_and(|v| truthy(&v)),
            Cond::Includes(a, b) => match (self.read(a), self.read(b)) {
                (Some(a), Some(b)) => includes(&a, &b),
                _ => false,
            },
            Cond::IsType(v, ty) => type_of(self.read(v).as_ref()) == ty,
            Cond::OneOf(v, options) => {
                let v = self.read(v);
                options.iter().any(|o| match (&v, self.read(o)) {
                    (Some(v), Some(o)) => compare(v, Op::Eq, &o),
                    _ => false,
                })
            }
            Cond::IsNaN(v) => to_number(self.read(v).as_ref()).is_nan(),
            Cond::Matches(v, re) => {
                RegexLite.is_match(&re.pattern, &js_text(self.read(v).as_ref()))
            }
            Cond::Not(c) => !self.holds(c),
            Cond::All(cs) => cs.iter().all(|c| self.holds(c)),
            Cond::Any(cs) => cs.iter().any(|c| self.holds(c)),
            Cond::Const(b) => *b,
        }
    }
}
