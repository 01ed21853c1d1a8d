//! Paging, inferred from evidence as types are: an endpoint pages when its saved responses
//! show how to ask for the next page. A token or cursor in a page that a query parameter of the
//! request takes back (`next_page_token`, `next_cursor` -> `cursor`, `nextPageToken` ->
//! `pageToken`), a next page's URL (`next`, `nextUri`, `_links.next.href`, a `Link` header with
//! `rel="next"`), `has_more` with a `starting_after` parameter, a page-number parameter with a
//! page count or a has-next flag, or an offset parameter with a total. Names alone are not
//! enough where a wrong guess would loop: numbered pages and offsets need the count or total
//! that ends them.

use serde_json::Value;

use crate::collection::Response;
use crate::model::PagingStyle;

/// How an endpoint pages, what shows it, and the JSON key of a page's items.
#[derive(Debug, PartialEq)]
pub(super) struct Found {
    pub style: PagingStyle,
    pub evidence: String,
    pub items_key: Option<String>,
}

/// Keys (compared without case and punctuation) whose value is the next page's URL.
const URL_KEYS: &[&str] = &[
    "nexturi",
    "nexturl",
    "nextpageuri",
    "nextpageurl",
    "nextlink",
    "odatanextlink",
];
/// Query parameters holding a page number, and keys of a page holding the number of pages or
/// whether there is a next one.
const PAGE_PARAMS: &[&str] = &["page", "pagenumber", "pageno", "pagenum", "pageindex"];
const PAGE_COUNTS: &[&str] = &["pagecount", "totalpages", "lastpage", "numpages"];
const MORE_FLAGS: &[&str] = &["hasnext", "hasnextpage", "hasmore", "more"];
/// Query parameters holding an offset, and keys of a page holding the total.
const OFFSET_PARAMS: &[&str] = &["offset", "skip", "startposition", "startindex"];
const TOTALS: &[&str] = &[
    "total",
    "totalcount",
    "totalresults",
    "totalsize",
    "totalitems",
    "totalrecords",
];
/// Names of the list a page holds, when it holds several.
const ITEM_LISTS: &[&str] = &[
    "data", "items", "results", "records", "entries", "values", "value", "elements",
];

/// Words one of the keys paging is read from holds (in the case a key would write them): a
/// body with none of them shows no paging.
const HINTS: &[&str] = &[
    "next", "Next", "NEXT", "cursor", "Cursor", "marker", "Marker", "token", "Token", "more",
    "More", "page", "Page", "total", "Total",
];

/// `key` lowercase without punctuation: `next_page_token`, `nextPageToken` and
/// `page[number]` compare as `nextpagetoken` and `pagenumber`.
fn plain(key: &str) -> String {
    key.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A JSON pointer token for `key` (RFC 6901).
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Whether `text` reads as a URL or a path to follow.
fn is_link(text: &str) -> bool {
    text.starts_with("http://")
        || text.starts_with("https://")
        || text.starts_with('/')
        || text.starts_with('?')
}

/// How the endpoint pages, from its saved `responses` (2xx, JSON or with a `Link` header) and
/// the keys of its query parameters; `None` without evidence.
pub(super) fn infer(responses: &[Response], query_keys: &[&str]) -> Option<Found> {
    let ok: Vec<&Response> = responses
        .iter()
        .filter(|r| r.code.is_none_or(|code| (200..300).contains(&code)))
        .collect();
    let name = |r: &Response| {
        let name = r.name.as_deref().unwrap_or_default();
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('`', "'")
    };
    // Most bodies show no paging: only those naming something that could (or whose response
    // links to a next page, whose items they hold) are parsed again.
    let linked = ok.iter().find(|r| has_next_link(r));
    let bodies: Vec<(String, Value)> = ok
        .iter()
        .filter_map(|r| {
            let worth =
                |body: &&str| linked.is_some() || HINTS.iter().any(|hint| body.contains(hint));
            let body = r.body.as_deref().filter(worth)?;
            Some((name(r), serde_json::from_str(body).ok()?))
        })
        .collect();
    let items_key = items_key(bodies.iter().map(|(_, body)| body));
    if let Some(r) = linked {
        return Some(Found {
            style: PagingStyle::LinkHeader,
            evidence: format!(
                "the saved response `{}` has a `Link` header with `rel=\"next\"`",
                name(r)
            ),
            items_key,
        });
    }
    let query = |names: &[&str]| {
        query_keys
            .iter()
            .find(|k| names.contains(&plain(k).as_str()))
            .map(|k| k.to_string())
    };
    for (example, body) in &bodies {
        for (pointer, key, value) in fields(body) {
            let plain_key = plain(key);
            let said = |what: &str| format!("the saved response `{example}` has `{key}`{what}");
            // A next page's URL: named so, or a `next` that holds one.
            let link = match value {
                Value::String(text) if is_link(text) => Some(pointer.clone()),
                Value::Object(map) if map.get("href").is_some_and(Value::is_string) => {
                    Some(format!("{pointer}/href"))
                }
                Value::Null | Value::String(_) if URL_KEYS.contains(&plain_key.as_str()) => {
                    Some(pointer.clone())
                }
                _ => None,
            };
            if let Some(next) = link
                .filter(|_| plain_key.starts_with("next") || URL_KEYS.contains(&plain_key.as_str()))
            {
                return Some(Found {
                    style: PagingStyle::NextUrl { next },
                    evidence: said(", the next page's URL"),
                    items_key,
                });
            }
            // A token the request sends back.
            let tokenish = ["next", "cursor", "marker", "token"]
                .iter()
                .any(|word| plain_key.contains(word));
            let back = plain_key
                .strip_prefix("next")
                .unwrap_or(&plain_key)
                .to_string();
            if tokenish
                && !back.is_empty()
                && matches!(value, Value::String(_) | Value::Null)
                && let Some(param) = query_keys
                    .iter()
                    .find(|q| plain(q).strip_prefix("next").unwrap_or(&plain(q)) == back)
            {
                return Some(Found {
                    style: PagingStyle::Token {
                        next: pointer,
                        param: param.to_string(),
                    },
                    evidence: said(&format!(", which the query parameter `{param}` takes back")),
                    items_key,
                });
            }
        }
    }
    let find = |names: &[&str], number: bool| {
        bodies.iter().find_map(|(example, body)| {
            fields(body).into_iter().find_map(|(pointer, key, value)| {
                let fits = match number {
                    true => value.is_u64(),
                    false => value.is_boolean(),
                };
                (fits && names.contains(&plain(key).as_str())).then(|| {
                    (
                        pointer,
                        format!("`{key}` in the saved response `{example}`"),
                    )
                })
            })
        })
    };
    let items_pointer = items_key.as_ref().map(|key| match key.as_str() {
        "" => String::new(),
        key => format!("/{}", token(key)),
    });
    let has_ids = |key: &str| {
        bodies.iter().any(|(_, body)| {
            body.get(key)
                .and_then(Value::as_array)
                .is_some_and(|items| items.iter().any(|item| item.get("id").is_some()))
        })
    };
    if let (Some((more, why)), Some(param), Some(key)) = (
        find(&["hasmore"], false),
        query(&["startingafter"]),
        items_key.as_ref().filter(|key| has_ids(key)),
    ) {
        return Some(Found {
            style: PagingStyle::After {
                more,
                param: param.clone(),
                items: format!("/{}", token(key)),
            },
            evidence: format!(
                "{why}, and the query parameter `{param}` takes the last item's `id`"
            ),
            items_key,
        });
    }
    if let Some(param) = query(PAGE_PARAMS) {
        let count = find(PAGE_COUNTS, true);
        let more = find(MORE_FLAGS, false);
        if count.is_some() || more.is_some() {
            let why = count.iter().chain(&more).map(|(_, why)| why.as_str());
            let evidence = format!(
                "the query parameter `{param}` numbers the pages, and {} ends them",
                why.collect::<Vec<_>>().join(" or ")
            );
            return Some(Found {
                style: PagingStyle::Page {
                    param,
                    count: count.map(|(pointer, _)| pointer),
                    more: more.map(|(pointer, _)| pointer),
                    items: items_pointer,
                },
                evidence,
                items_key,
            });
        }
    }
    if let (Some(param), Some((total, why)), Some(items)) =
        (query(OFFSET_PARAMS), find(TOTALS, true), items_pointer)
    {
        return Some(Found {
            style: PagingStyle::Offset {
                param: param.clone(),
                total: Some(total),
                items,
            },
            evidence: format!("the query parameter `{param}` skips the items read, up to {why}"),
            items_key,
        });
    }
    None
}

/// How `style` asks for the next page, for docs.
pub(super) fn describe(style: &PagingStyle) -> &'static str {
    match style {
        PagingStyle::Token { .. } => "each page holds the token that asks for the next",
        PagingStyle::NextUrl { .. } => {
            "each page holds the next page's URL (followed on its own origin only)"
        }
        PagingStyle::LinkHeader => {
            "each page's `Link` header names the next (followed on its own origin only)"
        }
        PagingStyle::Page { .. } => "numbered pages, counted up to the last",
        PagingStyle::Offset { .. } => "an offset that skips the items read, up to the total",
        PagingStyle::After { .. } => {
            "each page starts after the last item of the one before, while there are more"
        }
    }
}

/// The keys of a page and of the objects directly in it, with their pointers.
fn fields(body: &Value) -> Vec<(String, &str, &Value)> {
    let mut found = Vec::new();
    if let Value::Object(map) = body {
        for (key, value) in map {
            let pointer = format!("/{}", token(key));
            if let Value::Object(inner) = value
                && !inner.contains_key("href")
            {
                for (inner_key, inner_value) in inner {
                    found.push((
                        format!("{pointer}/{}", token(inner_key)),
                        inner_key.as_str(),
                        inner_value,
                    ));
                }
            }
            found.push((pointer, key.as_str(), value));
        }
    }
    found
}

/// Whether a saved response has a `Link` header with a `rel="next"` link.
fn has_next_link(response: &Response) -> bool {
    let headers = response
        .header
        .as_ref()
        .map(|h| h.entries())
        .unwrap_or_default();
    headers.iter().any(|h| {
        h.key.trim().eq_ignore_ascii_case("link")
            && h.value.split('<').skip(1).any(|link| {
                link.split_once('>').is_some_and(|(_, params)| {
                    params.split([';', ',']).any(|param| {
                        let (name, value) = param.split_once('=').unwrap_or((param, ""));
                        name.trim().eq_ignore_ascii_case("rel")
                            && value
                                .trim()
                                .trim_matches('"')
                                .split_ascii_whitespace()
                                .any(|rel| rel.eq_ignore_ascii_case("next"))
                    })
                })
            })
    })
}

/// The key of the list a page holds (`""` when the page is a list): its only list, or among
/// several the one of objects with a usual name.
fn items_key<'a>(bodies: impl Iterator<Item = &'a Value>) -> Option<String> {
    let mut lists: Vec<(&str, bool)> = Vec::new();
    for body in bodies {
        match body {
            Value::Array(_) => return Some(String::new()),
            Value::Object(map) => {
                for (key, value) in map {
                    if let Value::Array(items) = value {
                        let objects = items.iter().any(Value::is_object);
                        match lists.iter_mut().find(|(k, _)| k == key) {
                            Some(list) => list.1 |= objects,
                            None => lists.push((key, objects)),
                        }
                    }
                }
            }
            _ => {}
        }
    }
    match lists.as_slice() {
        [(key, _)] => Some(key.to_string()),
        _ => {
            let of_objects: Vec<&str> = lists.iter().filter(|(_, o)| *o).map(|(k, _)| *k).collect();
            match of_objects.as_slice() {
                [key] => Some(key.to_string()),
                keys => keys
                    .iter()
                    .find(|k| ITEM_LISTS.contains(&plain(k).as_str()))
                    .map(|k| k.to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(body: &str, link: Option<&str>) -> Response {
        let header = match link {
            Some(link) => format!(
                r#"[{{"key": "Link", "value": {}}}]"#,
                serde_json::to_string(link).unwrap()
            ),
            None => "[]".into(),
        };
        let text = format!(
            r#"{{"name": "Page", "code": 200, "header": {header}, "body": {}}}"#,
            serde_json::to_string(body).unwrap()
        );
        serde_json::from_str(&text).unwrap()
    }

    fn style(body: &str, query: &[&str]) -> Option<PagingStyle> {
        infer(&[saved(body, None)], query).map(|found| found.style)
    }

    #[test]
    fn tokens_are_matched_to_the_parameter_that_takes_them_back() {
        let zoom =
            r#"{"page_count": 1, "page_size": 30, "next_page_token": "", "meetings": [{"id": 1}]}"#;
        let found = infer(&[saved(zoom, None)], &["page_size", "next_page_token"]).unwrap();
        assert_eq!(
            found.style,
            PagingStyle::Token {
                next: "/next_page_token".into(),
                param: "next_page_token".into()
            }
        );
        assert_eq!(found.items_key.as_deref(), Some("meetings"));
        assert!(
            found.evidence.contains(
                "`next_page_token`, which the query parameter `next_page_token` takes back"
            )
        );
        assert_eq!(
            style(r#"{"files": [], "nextPageToken": "x"}"#, &["pageToken"]),
            Some(PagingStyle::Token {
                next: "/nextPageToken".into(),
                param: "pageToken".into()
            })
        );
        assert_eq!(
            style(
                r#"{"ok": true, "response_metadata": {"next_cursor": "dXNl"}}"#,
                &["cursor", "limit"]
            ),
            Some(PagingStyle::Token {
                next: "/response_metadata/next_cursor".into(),
                param: "cursor".into()
            })
        );
        assert_eq!(
            style(r#"{"next_page_token": "x"}"#, &["page_size"]),
            None,
            "no parameter takes it back"
        );
    }

    #[test]
    fn next_urls_are_followed_from_the_body_or_the_link_header() {
        assert_eq!(
            style(
                r#"{"results": [], "next": "https://api.test/items?page=2"}"#,
                &[]
            ),
            Some(PagingStyle::NextUrl {
                next: "/next".into()
            })
        );
        assert_eq!(
            style(
                r#"{"_links": {"next": {"href": "/items?page=2"}}, "items": []}"#,
                &[]
            ),
            Some(PagingStyle::NextUrl {
                next: "/_links/next/href".into()
            })
        );
        assert_eq!(
            style(
                r#"{"envelopes": [], "nextUri": null, "startPosition": "0", "totalSetSize": "3"}"#,
                &["start_position"]
            ),
            Some(PagingStyle::NextUrl {
                next: "/nextUri".into()
            })
        );
        assert_eq!(style(r#"{"next": 3}"#, &[]), None, "a number is no URL");
        let found = infer(
            &[saved(
                "[{\"id\": 1}]",
                Some("<https://api.test/r?page=2>; rel=\"next\""),
            )],
            &[],
        )
        .unwrap();
        assert_eq!(found.style, PagingStyle::LinkHeader);
        assert_eq!(found.items_key.as_deref(), Some(""));
        assert!(
            infer(
                &[saved(
                    "[]",
                    Some("<https://api.test/r?page=1>; rel=\"prev\"")
                )],
                &[]
            )
            .is_none()
        );
    }

    #[test]
    fn has_more_pages_after_the_last_item() {
        let stripe = r#"{"object": "list", "url": "/v1/customers", "has_more": false, "data": [{"id": "cus_1"}]}"#;
        assert_eq!(
            style(stripe, &["limit", "starting_after", "ending_before"]),
            Some(PagingStyle::After {
                more: "/has_more".into(),
                param: "starting_after".into(),
                items: "/data".into()
            })
        );
        assert_eq!(style(stripe, &["limit"]), None);
    }

    #[test]
    fn numbered_pages_and_offsets_need_what_ends_them() {
        assert_eq!(
            style(
                r#"{"pageCount": 4, "records": [{"a": 1}]}"#,
                &["pageNumber", "pageSize"]
            ),
            Some(PagingStyle::Page {
                param: "pageNumber".into(),
                count: Some("/pageCount".into()),
                more: None,
                items: Some("/records".into()),
            })
        );
        assert_eq!(
            style(
                r#"{"meta": {"total_pages": 2}, "data": []}"#,
                &["page[number]"]
            ),
            Some(PagingStyle::Page {
                param: "page[number]".into(),
                count: Some("/meta/total_pages".into()),
                more: None,
                items: Some("/data".into()),
            })
        );
        assert_eq!(
            style(r#"{"items": [1]}"#, &["page"]),
            None,
            "nothing ends the pages"
        );
        assert_eq!(
            style(
                r#"{"total_count": 5, "entries": [{"id": "1"}], "offset": 0}"#,
                &["offset", "limit"]
            ),
            Some(PagingStyle::Offset {
                param: "offset".into(),
                total: Some("/total_count".into()),
                items: "/entries".into()
            })
        );
        assert_eq!(style(r#"{"entries": []}"#, &["offset"]), None, "no total");
    }

    #[test]
    fn error_responses_and_text_are_no_evidence() {
        let mut error = saved(r#"{"next_page_token": "x"}"#, None);
        error.code = Some(400);
        assert!(infer(&[error], &["next_page_token"]).is_none());
        assert!(infer(&[saved("not json", None)], &["next_page_token"]).is_none());
    }
}
