//! A request URL split into host, path segments and query, from either of Postman's forms.

use crate::collection::{Host, PathSegment, QueryParam, Url, UrlPath, Variable};

/// The parts of a request URL that the model uses.
#[derive(Debug, Clone, Default)]
pub struct UrlParts {
    /// `https://` or empty.
    pub protocol: String,
    /// The host as written, e.g. `{{baseUrl}}` or `api.example.com`.
    pub host: String,
    pub port: Option<String>,
    pub segments: Vec<String>,
    pub query: Vec<QueryParam>,
    pub variables: Vec<Variable>,
}

impl UrlParts {
    /// Protocol, host and port as written, e.g. `https://{{host}}:8080` or `{{baseUrl}}`.
    pub fn origin(&self) -> String {
        if self.host.is_empty() {
            return String::new();
        }
        let port = self
            .port
            .as_ref()
            .map(|p| format!(":{p}"))
            .unwrap_or_default();
        format!("{}{}{port}", self.protocol, self.host)
    }

    /// The path as Postman shows it, e.g. `/im/groups/:groupId`, on one line: a control
    /// character (a line break pasted into a URL) is shown escaped.
    pub fn path_display(&self) -> String {
        match self.segments.is_empty() {
            true => "/".into(),
            false => self
                .segments
                .iter()
                .map(|s| format!("/{s}"))
                .collect::<String>()
                .chars()
                .map(|c| match c.is_control() {
                    true => c.escape_default().to_string(),
                    false => c.to_string(),
                })
                .collect(),
        }
    }

    /// The URL's parts, with query keys and values percent-decoded: the collection writes
    /// them as URL text (`q=a%26b`), which Postman sends as written, so the value a caller
    /// means is `a&b`, which the client encodes again.
    pub fn of(url: &Url) -> UrlParts {
        let mut parts = Self::as_written(url);
        for param in &mut parts.query {
            for text in [&mut param.key, &mut param.value].into_iter().flatten() {
                if let Some(decoded) = query_decoded(text) {
                    *text = decoded;
                }
            }
        }
        parts
    }

    fn as_written(url: &Url) -> UrlParts {
        match url {
            Url::Raw(raw) => parse_raw(raw),
            Url::Parsed(object) => {
                let mut parts = UrlParts {
                    protocol: object
                        .protocol
                        .as_ref()
                        .map(|p| format!("{}://", p.trim_end_matches("://")))
                        .unwrap_or_default(),
                    host: match &object.host {
                        Some(Host::Joined(host)) => host.clone(),
                        Some(Host::Parts(parts)) => parts.join("."),
                        None => String::new(),
                    },
                    port: object.port.clone(),
                    segments: match &object.path {
                        Some(UrlPath::Joined(path)) => split_path(path),
                        // Postman joins the segments with `/`: one that holds a `/` is
                        // several.
                        Some(UrlPath::Segments(segments)) => segments
                            .iter()
                            .flat_map(|s| {
                                let text = match s {
                                    PathSegment::Text(text) => text.as_str(),
                                    PathSegment::Object(object) => {
                                        object.value.as_deref().unwrap_or_default()
                                    }
                                };
                                text.split('/').map(str::to_string).collect::<Vec<_>>()
                            })
                            .collect(),
                        None => Vec::new(),
                    },
                    query: object.query.clone(),
                    variables: object.variable.clone(),
                };
                // Exports made by hand sometimes carry only `raw`.
                if parts.host.is_empty()
                    && parts.segments.is_empty()
                    && let Some(raw) = &object.raw
                {
                    let parsed = parse_raw(raw);
                    parts.protocol = parsed.protocol;
                    parts.host = parsed.host;
                    parts.port = parsed.port;
                    parts.segments = parsed.segments;
                    if parts.query.is_empty() {
                        parts.query = parsed.query;
                    }
                }
                parts
            }
        }
    }
}

/// Query text with its `%XX` escapes decoded, when it has any and they make UTF-8. A `+`
/// stays a plus: whether it means a space is the server's choice. Text whose escapes would
/// make a `{{variable}}` (`%7B%7Btoken%7D%7D`) stays as written: Postman sends it literally.
fn query_decoded(text: &str) -> Option<String> {
    if !text.contains('%') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()?;
    let braces = |t: &str| t.matches("{{").count() + t.matches("}}").count();
    (decoded != text && braces(&decoded) == braces(text)).then(|| decoded.into_owned())
}

fn split_path(path: &str) -> Vec<String> {
    let path = path.strip_prefix('/').unwrap_or(path);
    if path.is_empty() {
        Vec::new()
    } else {
        path.split('/').map(str::to_string).collect()
    }
}

/// Splits a raw URL the way Postman's URL parser does for the parts we need.
fn parse_raw(raw: &str) -> UrlParts {
    let raw = raw.split('#').next().unwrap_or("");
    let (before_query, query) = match raw.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (raw, None),
    };
    let (protocol, rest) = match before_query.find("://") {
        Some(i) => (before_query[..i + 3].to_string(), &before_query[i + 3..]),
        None => (String::new(), before_query),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !port.is_empty() => {
            (host.to_string(), Some(port.to_string()))
        }
        _ => (authority.to_string(), None),
    };
    let query = query
        .map(|q| {
            q.split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (key, value) = match pair.split_once('=') {
                        Some((k, v)) => (k, Some(v.to_string())),
                        None => (pair, None),
                    };
                    QueryParam {
                        key: Some(key.to_string()),
                        value,
                        disabled: false,
                        description: None,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    UrlParts {
        protocol,
        host,
        port,
        segments: split_path(path),
        query,
        variables: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_urls_are_split() {
        let parts = parse_raw("{{baseUrl}}/im/groups/:groupId?page_size=30&flag");
        assert_eq!(parts.host, "{{baseUrl}}");
        assert_eq!(parts.segments, ["im", "groups", ":groupId"]);
        assert_eq!(parts.query.len(), 2);
        assert_eq!(parts.query[1].value, None);
        let parts = parse_raw("https://api.example.com:8443/v1/");
        assert_eq!(parts.protocol, "https://");
        assert_eq!(parts.port.as_deref(), Some("8443"));
        assert_eq!(parts.segments, ["v1", ""]);
    }

    #[test]
    fn listed_segments_holding_slashes_are_several_as_postman_joins_them() {
        let url: Url = serde_json::from_value(serde_json::json!({
            "host": ["{{baseUrl}}"],
            "path": ["api/v1", {"type": "string", "value": "files/:fileId"}, "tree"]
        }))
        .unwrap();
        assert_eq!(
            UrlParts::of(&url).segments,
            ["api", "v1", "files", ":fileId", "tree"]
        );
    }

    #[test]
    fn query_text_is_decoded_into_the_values_a_caller_means() {
        let url = Url::Raw(
            "{{baseUrl}}/s?q=a%26b%20c&a%5Bb%5D=1+2&bad=%FF&pct=50%&t=%7B%7Bt%7D%7D".into(),
        );
        let query: Vec<_> = UrlParts::of(&url)
            .query
            .into_iter()
            .map(|q| (q.key.unwrap(), q.value.unwrap()))
            .collect();
        let pairs: Vec<(&str, &str)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("q", "a&b c"),
                ("a[b]", "1+2"),
                ("bad", "%FF"),
                ("pct", "50%"),
                ("t", "%7B%7Bt%7D%7D")
            ]
        );
    }
}
