//! Setters for the hosts a collection pins: every request whose host is neither the base URL
//! nor one variable can still be sent elsewhere (a mock server, a proxy, a regional endpoint).
//!
//! Each setter is named after what tells its host apart from the others: the labels before the
//! registrable domain (`studio.twilio.com` -> `with_studio_host`), then, only while two hosts
//! would share a name, the domain, the top-level domain, the port and an `http` scheme.

use std::collections::BTreeSet;

use crate::model::HostSetter;
use crate::text::names::{self, Scope};
use crate::text::vars::{Part, split};

/// The setters of `origins` (as written), claimed in the client's method namespace in order.
pub(super) fn setters(origins: &BTreeSet<String>, methods: &mut Scope) -> Vec<HostSetter> {
    let words: Vec<(Vec<String>, Vec<String>)> = origins.iter().map(|o| words(o)).collect();
    // How many of its extra words each name takes: more only while names collide.
    let mut taken = vec![0; words.len()];
    // Compared as the identifiers they become: `API.x` and `api.x` would be one name.
    let name = |i: usize, taken: &[usize]| {
        let (own, extra) = &words[i];
        let mut parts = own.clone();
        parts.extend(extra.iter().take(taken[i]).cloned());
        names::snake(&parts.join(" "))
    };
    loop {
        let names: Vec<String> = (0..words.len()).map(|i| name(i, &taken)).collect();
        let mut grew = false;
        for i in 0..words.len() {
            let clashes = names.iter().filter(|n| **n == names[i]).count() > 1;
            if clashes && taken[i] < words[i].1.len() {
                taken[i] += 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    origins
        .iter()
        .enumerate()
        .map(|(i, origin)| {
            let base = names::snake(&format!("with {} host", name(i, &taken)));
            let shown = origin.replace('`', "'");
            HostSetter {
                origin: origin.clone(),
                setter: methods.claim(base.trim_start_matches("r#")),
                docs: format!(
                    "Sends the requests the collection sends to `{shown}` to `url` instead: a mock \
                     server, a proxy or a regional endpoint. `url` is an absolute `http` or \
                     `https` URL; a path in it comes before each request's path. It is checked \
                     when a request is sent."
                ),
            }
        })
        .collect()
}

/// The words naming an origin: its own (the labels before the registrable domain, or the
/// domain's first label when there are none) and the extra ones that tell it apart when needed.
fn words(origin: &str) -> (Vec<String>, Vec<String>) {
    let (scheme, rest) = match origin.split_once("://") {
        Some((scheme, rest)) => (scheme, rest),
        None => ("", origin),
    };
    let literal: String = split(rest)
        .into_iter()
        .map(|part| match part {
            Part::Text(text) => text,
            Part::Var(_) => "",
        })
        .collect();
    let (host, port) = match literal.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => (host, port),
        _ => (literal.as_str(), ""),
    };
    let labels: Vec<&str> = host
        .split('.')
        .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("www"))
        .collect();
    let numeric = labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit()));
    let split_at = match labels.len() {
        _ if numeric => labels.len(),
        0 | 1 => labels.len(),
        2 => 1,
        n => n - 2,
    };
    let mut own: Vec<String> = labels[..split_at].iter().map(|l| l.to_string()).collect();
    let mut extra: Vec<String> = labels[split_at..].iter().map(|l| l.to_string()).collect();
    if own.is_empty() {
        own = extra.drain(..extra.len().min(1)).collect();
    }
    if !port.is_empty() {
        extra.push(port.to_string());
    }
    if scheme.eq_ignore_ascii_case("http") {
        extra.push("http".into());
    }
    (own, extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setter_names(origins: &[&str]) -> Vec<String> {
        let origins: BTreeSet<String> = origins.iter().map(|o| o.to_string()).collect();
        setters(&origins, &mut Scope::with_reserved(&["with_variable"]))
            .into_iter()
            .map(|s| s.setter)
            .collect()
    }

    #[test]
    fn hosts_are_named_by_what_tells_them_apart() {
        assert_eq!(
            setter_names(&["https://studio.twilio.com", "https://api.twilio.com"]),
            ["with_api_host", "with_studio_host"]
        );
        assert_eq!(
            setter_names(&["https://api.twilio.com", "https://api.stripe.com"]),
            ["with_api_stripe_host", "with_api_twilio_host"]
        );
        assert_eq!(
            setter_names(&["https://example.com", "https://www.example.org:8443"]),
            ["with_example_com_host", "with_example_org_host"]
        );
        assert_eq!(
            setter_names(&[
                "http://127.0.0.1:8080",
                "https://{{region}}.api.example.com"
            ]),
            ["with_127_0_0_1_host", "with_api_host"]
        );
        // The scheme tells these apart once the domain does not.
        assert_eq!(
            setter_names(&["http://x.test", "https://x.test"]),
            ["with_x_test_http_host", "with_x_test_host"]
        );
        // Nothing tells these apart but the order.
        assert_eq!(
            setter_names(&["https://{{a}}.x.test", "https://{{b}}.x.test"]),
            ["with_x_test_host", "with_x_test_host_2"]
        );
    }
}
