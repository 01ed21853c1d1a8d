//! The values each parameter takes in the saved examples' `originalRequest`s.
//!
//! A request's own values are one example; every saved response records the request that
//! produced it, often with other values. Inference looks at all of them, so a field typed from
//! the request alone cannot reject a value another example sends.

use crate::collection::Item;
use crate::lower::url::UrlParts;

/// Parameter values from the examples' original requests, in collection order.
#[derive(Debug, Default)]
pub(crate) struct Samples {
    /// Query parameters as (key, value).
    pub query: Vec<(String, String)>,
    /// Form and multipart text fields as (key, value).
    pub form: Vec<(String, String)>,
    /// Path variables as (name, value).
    pub path: Vec<(String, String)>,
    /// Raw JSON bodies.
    pub json: Vec<serde_json::Value>,
}

impl Samples {
    pub fn of(item: &Item) -> Samples {
        let mut samples = Samples::default();
        for request in item
            .response
            .iter()
            .filter_map(|r| r.original_request.as_ref())
        {
            if let Some(url) = &request.url {
                let url = UrlParts::of(url);
                for q in url.query.iter().filter(|q| !q.disabled) {
                    if let (Some(key), Some(value)) = (&q.key, &q.value) {
                        samples.query.push((key.clone(), value.clone()));
                    }
                }
                for v in &url.variables {
                    if let (Some(name), Some(value)) = (v.name(), v.value_text()) {
                        samples.path.push((name.to_string(), value));
                    }
                }
            }
            let Some(body) = request.body.as_ref().filter(|b| !b.disabled) else {
                continue;
            };
            for field in body.formdata.iter().chain(&body.urlencoded) {
                let text = field.kind.as_deref() != Some("file");
                if let (true, false, Some(value)) = (text, field.disabled, &field.value) {
                    samples.form.push((field.key.clone(), value.clone()));
                }
            }
            let content_type = super::super::raw::content_type_of(request);
            if body.mode.as_deref() == Some("raw")
                && let Ok(value) = serde_json::from_str(&super::super::raw::raw_as_sent(
                    body,
                    content_type.as_deref(),
                ))
            {
                samples.json.push(value);
            }
        }
        samples
    }
}

/// The values of `key` in `list`.
pub(crate) fn values<'a>(list: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    list.iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}
