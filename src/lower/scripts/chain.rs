//! Member and call chains of JavaScript expressions, the shape every script value is read
//! from: `pm.response.json().data[0].id` as its root `pm` and the steps after it, and the
//! literal text of an argument. `read.rs` (values and conditions) and `time.rs` (dates) read
//! these.

use oxc_ast::ast::{Argument, Expression};

/// One step of a member/call chain: `a.b`, `a[0]`, `a["k"]`, `a(...)`.
pub(super) enum Seg<'s, 'a> {
    Name(&'a str),
    Index(usize),
    Key(String),
    Call(&'s [Argument<'a>]),
    Other,
}

/// `expr` as its root and the chain after it: `pm.response.json().id` is `pm` and
/// `[response, json, (), id]`. The root is `None` when it is not an identifier.
pub(super) fn chain<'s, 'a>(mut expr: &'s Expression<'a>) -> (Option<&'a str>, Vec<Seg<'s, 'a>>) {
    let mut segs = Vec::new();
    loop {
        expr = expr.without_parentheses();
        match expr {
            Expression::StaticMemberExpression(m) => {
                segs.push(Seg::Name(m.property.name.as_str()));
                expr = &m.object;
            }
            Expression::ComputedMemberExpression(m) => {
                segs.push(match m.expression.without_parentheses() {
                    Expression::StringLiteral(s) => Seg::Key(s.value.as_str().to_string()),
                    Expression::NumericLiteral(n) if n.value >= 0.0 && n.value.fract() == 0.0 => {
                        Seg::Index(n.value as usize)
                    }
                    _ => Seg::Other,
                });
                expr = &m.object;
            }
            Expression::CallExpression(c) => {
                segs.push(Seg::Call(&c.arguments));
                expr = &c.callee;
            }
            Expression::ChainExpression(c) => match c.expression.as_member_expression() {
                Some(m) => {
                    // `a?.b`: read as `a.b`; a missing value is missing either way.
                    return member_chain(m, segs);
                }
                None => match &c.expression {
                    oxc_ast::ast::ChainElement::CallExpression(call) => {
                        segs.push(Seg::Call(&call.arguments));
                        expr = &call.callee;
                    }
                    _ => return (None, Vec::new()),
                },
            },
            Expression::Identifier(id) => {
                segs.reverse();
                return (Some(id.name.as_str()), segs);
            }
            _ => {
                segs.reverse();
                return (None, segs);
            }
        }
    }
}

fn member_chain<'s, 'a>(
    m: &'s oxc_ast::ast::MemberExpression<'a>,
    mut segs: Vec<Seg<'s, 'a>>,
) -> (Option<&'a str>, Vec<Seg<'s, 'a>>) {
    use oxc_ast::ast::MemberExpression as M;
    let object = match m {
        M::StaticMemberExpression(s) => {
            segs.push(Seg::Name(s.property.name.as_str()));
            &s.object
        }
        M::ComputedMemberExpression(c) => {
            segs.push(match c.expression.without_parentheses() {
                Expression::StringLiteral(s) => Seg::Key(s.value.as_str().to_string()),
                _ => Seg::Other,
            });
            &c.object
        }
        M::PrivateFieldExpression(_) => return (None, Vec::new()),
    };
    segs.reverse();
    let (root, mut head) = chain(object);
    head.extend(segs);
    (root, head)
}

/// The string of a literal argument.
pub(super) fn text_arg<'a>(args: &[Argument<'a>], i: usize) -> Option<String> {
    match args.get(i)?.as_expression()?.without_parentheses() {
        Expression::StringLiteral(s) => Some(s.value.as_str().to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => Some(
            t.quasis
                .iter()
                .filter_map(|q| q.value.cooked.map(|c| c.as_str().to_string()))
                .collect(),
        ),
        _ => None,
    }
}

/// The expression at the bottom of a member/call chain: `new Date()` of
/// `new Date().toISOString()`.
pub(super) fn bottom<'s, 'a>(mut e: &'s Expression<'a>) -> &'s Expression<'a> {
    loop {
        e = e.without_parentheses();
        e = match e {
            Expression::StaticMemberExpression(m) => &m.object,
            Expression::ComputedMemberExpression(m) => &m.object,
            Expression::CallExpression(c) => &c.callee,
            _ => return e,
        };
    }
}
