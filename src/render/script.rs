//! A request's translated scripts (`model::script`) written as the runtime's `Script` constant.
//! Every string (variable names, pointers, header names, test names, literals) is written by
//! [`escape::rust_literal`], so a script's text never becomes code.

use super::escape::rust_literal;
use crate::model::script::{Cond, Op, Regex, Scripts, TextOp, Value, VarSet};

// The model's unit enums name the runtime's variants of the same names (`Debug`), so a
// variant added to one and not the other fails to compile in the generated tests.

/// `scripts` as a `runtime::Script` expression, the runtime reached through `root`
/// (`crate` or `super::super`).
pub(super) fn script_expr(scripts: &Scripts, root: &str) -> String {
    let rt = format!("{root}::runtime");
    let sets = |sets: &[VarSet]| -> String {
        let items: Vec<String> = sets
            .iter()
            .map(|s| {
                let scope = match s.scope.as_str() {
                    "variables" => "Local",
                    "collection" => "Collection",
                    "globals" => "Globals",
                    _ => "Environment",
                };
                format!(
                    "{rt}::ScriptSet {{ name: {}, scope: {rt}::Scope::{scope}, value: {}, when: {} }}",
                    rust_literal(&s.name),
                    s.value
                        .as_ref()
                        .map_or("None".into(), |v| format!("Some({})", value(v, &rt))),
                    s.when
                        .as_ref()
                        .map_or("None".into(), |c| format!("Some({})", cond(c, &rt))),
                )
            })
            .collect();
        format!("&[{}]", items.join(", "))
    };
    let checks: Vec<String> = scripts
        .checks
        .iter()
        .map(|c| {
            format!(
                "{rt}::ScriptCheck {{ name: {}, cond: {} }}",
                rust_literal(&c.name),
                cond(&c.cond, &rt)
            )
        })
        .collect();
    format!(
        "{rt}::Script {{ before: {}, after: {}, checks: &[{}] }}",
        sets(&scripts.before),
        sets(&scripts.after),
        checks.join(", ")
    )
}

fn value(v: &Value, rt: &str) -> String {
    let lit = rust_literal;
    match v {
        Value::Json(p) => format!("{rt}::ScriptValue::Json({})", lit(p)),
        Value::Header(h) => format!("{rt}::ScriptValue::Header({})", lit(h)),
        Value::Status => format!("{rt}::ScriptValue::Status"),
        Value::Reason => format!("{rt}::ScriptValue::Reason"),
        Value::Cookie(c) => format!("{rt}::ScriptValue::Cookie({})", lit(c)),
        Value::Body => format!("{rt}::ScriptValue::Body"),
        Value::ResponseTime => format!("{rt}::ScriptValue::ResponseTime"),
        Value::Const(json) => format!("{rt}::ScriptValue::Const({})", lit(json)),
        Value::Var(name) => format!("{rt}::ScriptValue::Var({})", lit(name)),
        Value::Template(text) => format!("{rt}::ScriptValue::Template({})", lit(text)),
        Value::Concat(parts) => {
            let parts: Vec<String> = parts.iter().map(|p| value(p, rt)).collect();
            format!("{rt}::ScriptValue::Concat(&[{}])", parts.join(", "))
        }
        Value::Len(inner) => format!("{rt}::ScriptValue::Len(&{})", value(inner, rt)),
        Value::Or(options) => {
            let options: Vec<String> = options.iter().map(|o| value(o, rt)).collect();
            format!("{rt}::ScriptValue::Or(&[{}])", options.join(", "))
        }
        Value::If(c, a, b) => format!(
            "{rt}::ScriptValue::If(&{}, &{}, &{})",
            cond(c, rt),
            value(a, rt),
            value(b, rt)
        ),
        Value::Text(inner, op) => {
            let op = match op {
                TextOp::Split(sep, i) => format!("Split({}, {i})", rust_literal(sep)),
                TextOp::Trim => "Trim".into(),
                TextOp::Lower => "Lower".into(),
                TextOp::Upper => "Upper".into(),
                TextOp::Replace(from, to) => {
                    format!("Replace({}, {})", rust_literal(from), rust_literal(to))
                }
                TextOp::Slice(start, None) => format!("Slice({start}, None)"),
                TextOp::Slice(start, Some(end)) => format!("Slice({start}, Some({end}))"),
            };
            format!(
                "{rt}::ScriptValue::Text(&{}, {rt}::TextOp::{op})",
                value(inner, rt)
            )
        }
        Value::Now(shifts, format) => {
            let shifts: Vec<String> = shifts
                .iter()
                .map(|s| {
                    format!(
                        "{rt}::Shift {{ amount: {}, unit: {rt}::TimeUnit::{:?} }}",
                        s.amount, s.unit
                    )
                })
                .collect();
            format!(
                "{rt}::ScriptValue::Now(&[{}], {rt}::TimeFormat::{format:?})",
                shifts.join(", ")
            )
        }
        Value::Find(list, c, last) => format!(
            "{rt}::ScriptValue::Find(&{}, &{}, {last})",
            value(list, rt),
            cond(c, rt)
        ),
        Value::Item(pointer) => format!("{rt}::ScriptValue::Item({})", lit(pointer)),
        Value::At(inner, pointer) => format!(
            "{rt}::ScriptValue::At(&{}, {})",
            value(inner, rt),
            lit(pointer)
        ),
        Value::Number(inner, parse) => format!(
            "{rt}::ScriptValue::Number(&{}, {rt}::NumberParse::{parse:?})",
            value(inner, rt)
        ),
        Value::Arith(a, op, b) => format!(
            "{rt}::ScriptValue::Arith(&{}, {rt}::Arith::{op:?}, &{})",
            value(a, rt),
            value(b, rt)
        ),
        Value::IndexOf(a, b, c) => format!(
            "{rt}::ScriptValue::IndexOf(&{}, &{}, {})",
            value(a, rt),
            value(b, rt),
            optional(c.as_deref(), rt)
        ),
        Value::Slice(a, b, c) => format!(
            "{rt}::ScriptValue::Slice(&{}, &{}, {})",
            value(a, rt),
            value(b, rt),
            optional(c.as_deref(), rt)
        ),
        Value::ReplaceMatches(inner, pattern, with, all) => format!(
            "{rt}::ScriptValue::ReplaceMatches(&{}, {}, {}, {all})",
            value(inner, rt),
            regex(pattern, rt),
            lit(with)
        ),
        Value::ParseJson(inner) => format!("{rt}::ScriptValue::ParseJson(&{})", value(inner, rt)),
        Value::Random => format!("{rt}::ScriptValue::Random"),
        Value::Math(inner, f) => format!(
            "{rt}::ScriptValue::Math(&{}, {rt}::MathFn::{f:?})",
            value(inner, rt)
        ),
        Value::Fixed(inner, digits) => {
            format!("{rt}::ScriptValue::Fixed(&{}, {digits})", value(inner, rt))
        }
        Value::Base64(inner) => format!("{rt}::ScriptValue::Base64(&{})", value(inner, rt)),
        Value::JsonText(inner) => format!("{rt}::ScriptValue::JsonText(&{})", value(inner, rt)),
    }
}

/// A regular expression and the runtime's engine for it.
fn regex(re: &Regex, rt: &str) -> String {
    format!(
        "{rt}::Regex {{ pattern: {}, written: {}, engine: &{rt}::RegexLite }}",
        rust_literal(&re.pattern),
        rust_literal(&re.written)
    )
}

/// An optional value: `None`, or `Some(&value)`.
fn optional(v: Option<&Value>, rt: &str) -> String {
    v.map_or_else(|| "None".into(), |v| format!("Some(&{})", value(v, rt)))
}

fn cond(c: &Cond, rt: &str) -> String {
    let list = |cs: &[Cond]| {
        cs.iter()
            .map(|c| cond(c, rt))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match c {
        Cond::Cmp(a, op, b) => {
            let op = match op {
                Op::Eq => "Eq",
                Op::LooseEq => "LooseEq",
                Op::Lt => "Lt",
                Op::Le => "Le",
                Op::Gt => "Gt",
                Op::Ge => "Ge",
            };
            format!(
                "{rt}::Cond::Cmp({}, {rt}::Op::{op}, {})",
                value(a, rt),
                value(b, rt)
            )
        }
        Cond::Exists(v) => format!("{rt}::Cond::Exists({})", value(v, rt)),
        Cond::Truthy(v) => format!("{rt}::Cond::Truthy({})", value(v, rt)),
        Cond::Includes(a, b) => format!("{rt}::Cond::Includes({}, {})", value(a, rt), value(b, rt)),
        Cond::IsType(v, ty) => {
            format!("{rt}::Cond::IsType({}, {})", value(v, rt), rust_literal(ty))
        }
        Cond::OneOf(v, options) => {
            let options: Vec<String> = options.iter().map(|o| value(o, rt)).collect();
            format!(
                "{rt}::Cond::OneOf({}, &[{}])",
                value(v, rt),
                options.join(", ")
            )
        }
        Cond::IsNaN(v) => format!("{rt}::Cond::IsNaN({})", value(v, rt)),
        Cond::Matches(v, pattern) => {
            format!(
                "{rt}::Cond::Matches({}, {})",
                value(v, rt),
                regex(pattern, rt)
            )
        }
        Cond::Not(inner) => format!("{rt}::Cond::Not(&{})", cond(inner, rt)),
        Cond::All(cs) => format!("{rt}::Cond::All(&[{}])", list(cs)),
        Cond::Any(cs) => format!("{rt}::Cond::Any(&[{}])", list(cs)),
        Cond::Const(b) => format!("{rt}::Cond::Const({b})"),
    }
}
