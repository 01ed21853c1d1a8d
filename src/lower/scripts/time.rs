//! Times in scripts: `new Date()`, `Date.now()` and moment (`require("moment")`), moved by
//! moment's `add` and `subtract` and written by `toISOString()`, `getTime()`, `valueOf()` or
//! `unix()`. A script's time is the time its request runs, so the model keeps the shifts and
//! the format, and the runtime reads the clock.

use oxc_ast::ast::{Argument, Expression, UnaryOperator};

use super::chain::{Seg, text_arg};
use crate::model::script::{Shift, TimeFormat, TimeUnit, Value};

/// A `Date` or moment object: the time the script runs, moved by `shifts`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Time {
    shifts: Vec<Shift>,
    /// A moment object (which has `add` and `unix`), rather than a `Date`.
    moment: bool,
}

/// What a chain of methods on a time gives.
pub(super) enum Read {
    /// Text or a number: the time written out.
    Value(Value),
    /// Still a time object.
    Time(Time),
}

impl Time {
    /// `moment(t)`: a moment object of this time.
    pub(super) fn into_moment(self) -> Time {
        Time {
            moment: true,
            ..self
        }
    }

    /// This time after the methods of `segs`.
    pub(super) fn read(&self, segs: &[Seg<'_, '_>]) -> Result<Read, String> {
        let mut time = self.clone();
        let mut rest = segs;
        loop {
            let (name, args, after) = match rest {
                [] => return Ok(Read::Time(time)),
                [Seg::Name(name), Seg::Call(args), after @ ..] => (*name, *args, after),
                _ => return Err("a time read other than by a method postgen knows".into()),
            };
            let format = match (name, args.len(), time.moment) {
                ("add" | "subtract", 2, true) => {
                    let amount = int(&args[0]).ok_or("a time moved by an expression")?;
                    let unit = text_arg(args, 1)
                        .as_deref()
                        .and_then(unit)
                        .ok_or("a time moved by a unit postgen does not know")?;
                    let (amount, unit) = match unit {
                        Unit::Plain(unit) => (amount, unit),
                        Unit::Quarter => (amount * 3, TimeUnit::Months),
                    };
                    let amount = if name == "subtract" { -amount } else { amount };
                    time.shifts.push(Shift { amount, unit });
                    rest = after;
                    continue;
                }
                ("toISOString" | "toJSON", 0, _) => TimeFormat::Iso,
                ("valueOf", 0, _) | ("getTime", 0, false) => TimeFormat::Millis,
                ("unix", 0, true) => TimeFormat::Seconds,
                _ => return Err(format!("the time method `{name}`")),
            };
            // `getTime().toString()` is the same text as the number a variable holds.
            if !matches!(after, [] | [Seg::Name("toString"), Seg::Call([])]) {
                return Err(format!("a method of `{name}()`"));
            }
            return Ok(Read::Value(Value::Now(time.shifts, format)));
        }
    }
}

enum Unit {
    Plain(TimeUnit),
    Quarter,
}

/// moment's unit names, long, plural and short (`days`, `day`, `d`).
fn unit(name: &str) -> Option<Unit> {
    use TimeUnit::*;
    Some(Unit::Plain(match name {
        "ms" | "millisecond" | "milliseconds" => Millis,
        "s" | "second" | "seconds" => Seconds,
        "m" | "minute" | "minutes" => Minutes,
        "h" | "hour" | "hours" => Hours,
        "d" | "day" | "days" => Days,
        "w" | "week" | "weeks" => Weeks,
        "M" | "month" | "months" => Months,
        "y" | "year" | "years" => Years,
        "Q" | "quarter" | "quarters" => return Some(Unit::Quarter),
        _ => return None,
    }))
}

/// An integer literal argument, negative too.
fn int(a: &Argument<'_>) -> Option<i64> {
    match a.as_expression()?.without_parentheses() {
        Expression::NumericLiteral(n) if n.value.fract() == 0.0 && n.value.abs() < 1e12 => {
            Some(n.value as i64)
        }
        Expression::UnaryExpression(u) if u.operator == UnaryOperator::UnaryNegation => {
            match u.argument.without_parentheses() {
                Expression::NumericLiteral(n) if n.value.fract() == 0.0 && n.value < 1e12 => {
                    Some(-(n.value as i64))
                }
                _ => None,
            }
        }
        _ => None,
    }
}
