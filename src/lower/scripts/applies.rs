//! Which of a request's test-script checks a generated test can hold a saved example to: the
//! test serves the example's status, body and content type to a fresh client, so a check that
//! reads a variable (set by an earlier request in a run), another header or a cookie, or that
//! asks for a status other than the example's (an error example against `status(200)`), does
//! not apply to it.

use crate::model::script::{Check, Cond, Op, Value};

/// The `checks` that apply to an example with `status`, served with a content type when
/// `typed`, each name once.
pub(crate) fn applying(checks: &[Check], status: u16, typed: bool) -> Vec<&Check> {
    let mut names: Vec<&Check> = Vec::new();
    for check in checks {
        // Test scripts are written for the happy path: an error example is held only to the
        // checks that ask for its status.
        let allowed = match status_allows(&check.cond, status) {
            Some(allowed) => allowed,
            None => (200..300).contains(&status),
        };
        if servable(&check.cond, typed) && allowed && !names.iter().any(|c| c.name == check.name) {
            names.push(check);
        }
    }
    names
}

/// Whether every value `cond` reads is one the generated test serves.
fn servable(cond: &Cond, typed: bool) -> bool {
    let value = |v: &Value| served(v, typed);
    match cond {
        Cond::Cmp(a, _, b) | Cond::Includes(a, b) => value(a) && value(b),
        Cond::Exists(v)
        | Cond::Truthy(v)
        | Cond::IsType(v, _)
        | Cond::IsNaN(v)
        | Cond::Matches(v, _) => value(v),
        Cond::OneOf(v, options) => value(v) && options.iter().all(value),
        Cond::Not(c) => servable(c, typed),
        Cond::All(cs) | Cond::Any(cs) => cs.iter().all(|c| servable(c, typed)),
        Cond::Const(_) => true,
    }
}

fn served(v: &Value, typed: bool) -> bool {
    match v {
        Value::Json(_) | Value::Status | Value::Reason | Value::Body | Value::Const(_) => true,
        Value::Header(name) => typed && name.eq_ignore_ascii_case("content-type"),
        // A time is the time the test runs, which no saved example shows.
        Value::Cookie(_)
        | Value::Var(_)
        | Value::Template(_)
        | Value::Now(..)
        | Value::Random
        | Value::Base64(_)
        | Value::JsonText(_)
        | Value::ResponseTime => false,
        Value::Concat(parts) => parts.iter().all(|p| served(p, typed)),
        Value::Len(inner)
        | Value::Text(inner, _)
        | Value::Number(inner, _)
        | Value::ReplaceMatches(inner, ..)
        | Value::ParseJson(inner)
        | Value::Math(inner, _)
        | Value::Fixed(inner, _) => served(inner, typed),
        Value::Arith(a, _, b) => served(a, typed) && served(b, typed),
        Value::IndexOf(a, b, c) | Value::Slice(a, b, c) => {
            served(a, typed) && served(b, typed) && c.as_ref().is_none_or(|c| served(c, typed))
        }
        Value::Find(list, c, _) => served(list, typed) && servable(c, typed),
        Value::Item(_) => true,
        Value::At(inner, _) => served(inner, typed),
        Value::Or(options) => options.iter().all(|o| served(o, typed)),
        Value::If(c, a, b) => servable(c, typed) && served(a, typed) && served(b, typed),
    }
}

/// What `cond` comes to from the status alone: `Some(false)` when no response with `status`
/// can pass it.
fn status_allows(cond: &Cond, status: u16) -> Option<bool> {
    let code = |v: &Value| match v {
        Value::Const(text) => text.parse::<f64>().ok(),
        _ => None,
    };
    let code_of = f64::from(status);
    match cond {
        Cond::Cmp(Value::Status, op, other) => {
            let n = code(other)?;
            Some(match op {
                Op::Eq | Op::LooseEq => code_of == n,
                Op::Lt => code_of < n,
                Op::Le => code_of <= n,
                Op::Gt => code_of > n,
                Op::Ge => code_of >= n,
            })
        }
        Cond::OneOf(Value::Status, options) => {
            let codes: Option<Vec<f64>> = options.iter().map(code).collect();
            Some(codes?.contains(&code_of))
        }
        Cond::Not(c) => status_allows(c, status).map(|b| !b),
        Cond::All(cs) => {
            let parts: Vec<Option<bool>> = cs.iter().map(|c| status_allows(c, status)).collect();
            if parts.contains(&Some(false)) {
                Some(false)
            } else if parts.iter().all(|p| *p == Some(true)) {
                Some(true)
            } else {
                None
            }
        }
        Cond::Any(cs) => {
            let parts: Vec<Option<bool>> = cs.iter().map(|c| status_allows(c, status)).collect();
            if parts.contains(&Some(true)) {
                Some(true)
            } else if parts.iter().all(|p| *p == Some(false)) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, cond: Cond) -> Check {
        Check {
            name: name.into(),
            cond,
        }
    }

    #[test]
    fn a_check_applies_to_examples_whose_status_it_accepts_and_values_it_can_see() {
        let ok = Cond::Cmp(Value::Status, Op::Eq, Value::Const("200".into()));
        let checks = [
            check("ok", ok.clone()),
            check(
                "guarded",
                Cond::Any(vec![
                    Cond::Not(Box::new(ok.clone())),
                    Cond::Exists(Value::Json("/id".into())),
                ]),
            ),
            check(
                "var",
                Cond::Cmp(Value::Json("/id".into()), Op::Eq, Value::Var("id".into())),
            ),
            check(
                "type",
                Cond::Includes(
                    Value::Header("Content-Type".into()),
                    Value::Const("\"json\"".into()),
                ),
            ),
            check("etag", Cond::Exists(Value::Header("ETag".into()))),
        ];
        let names = |status, typed| -> Vec<&str> {
            applying(&checks, status, typed)
                .iter()
                .map(|c| c.name.as_str())
                .collect()
        };
        assert_eq!(names(200, true), ["ok", "guarded", "type"]);
        assert_eq!(names(404, false), ["guarded"]);
        let not_found = [check(
            "gone",
            Cond::Cmp(Value::Status, Op::Eq, Value::Const("404".into())),
        )];
        assert_eq!(applying(&not_found, 404, false).len(), 1);
    }
}
