// Paging: the request for the next page, read from the page before it, and streams of pages
// and of their items.
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`): items only, without `//!` docs or inner attributes; comments like this one
// are dropped. Not formatted by rustfmt, which would change the code postgen writes.

/// How a page of an endpoint leads to the next one: what postgen found in the collection's
/// saved responses. Pointers are JSON pointers (RFC 6901) into a page's body; an items
/// pointer `""` is a page that is itself the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// A token in the page sent back as a query parameter; the last page has none (absent,
    /// `null` or empty).
    Token {
        /// Where the page holds the token (`/next_page_token`).
        next: &'static str,
        /// The query parameter that takes it.
        param: &'static str,
    },
    /// The next page's URL in the page, absolute or relative to the page's own; the last page
    /// has none.
    NextUrl {
        /// Where the page holds it (`/next`, `/_links/next/href`).
        next: &'static str,
    },
    /// The next page's URL in a `Link: <...>; rel="next"` header (RFC 8288).
    LinkHeader,
    /// Numbered pages, counted up from the caller's page (or 1) until the last.
    Page {
        /// The query parameter of the page number.
        param: &'static str,
        /// Where a page holds the number of pages.
        count: ::std::option::Option<&'static str>,
        /// Where a page holds a flag that is false on the last page.
        more: ::std::option::Option<&'static str>,
        /// Where a page holds its items: a page without any is past the last.
        items: ::std::option::Option<&'static str>,
    },
    /// An offset that skips the items read so far (from the caller's offset, or 0).
    Offset {
        /// The query parameter of the offset.
        param: &'static str,
        /// Where a page holds the total number of items.
        total: ::std::option::Option<&'static str>,
        /// Where a page holds its items: a page without any is the last.
        items: &'static str,
    },
    /// While a page says there are more, the next starts after its last item's `id`
    /// (Stripe's `has_more` and `starting_after`).
    After {
        /// Where a page holds the flag (`/has_more`).
        more: &'static str,
        /// The query parameter that takes the last item's `id`.
        param: &'static str,
        /// Where a page holds its items.
        items: &'static str,
    },
}

impl Paging {
    /// The request for the page after `page`, made from `request`, a copy of the one that got
    /// it; `None` after the last page.
    fn next(&self, page: &RawResponse, mut request: Request) -> ::std::result::Result<::std::option::Option<Request>, Error> {
        if let Paging::LinkHeader = self {
            return Ok(match next_link(page.headers()) {
                Some(link) => Some(at_url(request, page.url(), &link)?),
                None => None,
            });
        }
        let body: ::serde_json::Value = match ::serde_json::from_slice(page.body()) {
            Ok(body) => body,
            // No JSON, no marker: a page the collection did not show, so no next one.
            Err(_) => return Ok(None),
        };
        let text = |pointer: &str| match body.pointer(pointer) {
            Some(::serde_json::Value::String(text)) if !text.is_empty() => Some(text.clone()),
            Some(::serde_json::Value::Number(number)) => Some(number.to_string()),
            _ => None,
        };
        let number = |pointer: &str| text(pointer).and_then(|text| text.parse::<u64>().ok());
        let flag = |pointer: &str| match body.pointer(pointer) {
            Some(::serde_json::Value::Bool(flag)) => Some(*flag),
            Some(::serde_json::Value::String(text)) => Some(text == "true" || text == "1"),
            Some(::serde_json::Value::Number(number)) => Some(number.as_u64() != Some(0)),
            _ => None,
        };
        let items = |pointer: &str| match body.pointer(pointer) {
            Some(::serde_json::Value::Array(items)) => Some(items.as_slice()),
            _ => None,
        };
        let current = |request: &Request, param: &str| request.query_value(param).and_then(|value| value.parse::<u64>().ok());
        Ok(match *self {
            Paging::LinkHeader => None,
            Paging::Token { next, param } => match text(next) {
                // The token just sent again would be the same page forever.
                Some(token) if request.query_value(param) != Some(token.as_str()) => {
                    request.set_query(param, token);
                    Some(request)
                }
                _ => None,
            },
            Paging::NextUrl { next } => match text(next) {
                Some(link) => Some(at_url(request, page.url(), &link)?),
                None => None,
            },
            Paging::Page { param, count, more, items: items_at } => {
                let page_number = current(&request, param).unwrap_or(1);
                let last = count.and_then(number).is_some_and(|count| page_number >= count)
                    || more.and_then(flag) == Some(false)
                    || items_at.and_then(items).is_some_and(<[_]>::is_empty);
                match last {
                    true => None,
                    false => {
                        request.set_query(param, page_number.saturating_add(1).to_string());
                        Some(request)
                    }
                }
            }
            Paging::Offset { param, total, items: items_at } => {
                let read = items(items_at).map_or(0, <[_]>::len) as u64;
                let offset = current(&request, param).unwrap_or(0).saturating_add(read);
                match read == 0 || total.and_then(number).is_some_and(|total| offset >= total) {
                    true => None,
                    false => {
                        request.set_query(param, offset.to_string());
                        Some(request)
                    }
                }
            }
            Paging::After { more, param, items: items_at } => {
                let last_id = items(items_at).and_then(<[_]>::last).and_then(|item| match item.get("id") {
                    Some(::serde_json::Value::String(id)) => Some(id.clone()),
                    Some(::serde_json::Value::Number(id)) => Some(id.to_string()),
                    _ => None,
                });
                match (flag(more), last_id) {
                    // The id just sent again would be the same page forever.
                    (Some(true), Some(id)) if request.query_value(param) != Some(id.as_str()) => {
                        request.set_query(param, id);
                        Some(request)
                    }
                    _ => None,
                }
            }
        })
    }
}

/// `request` sent to `link` (resolved against `base`, the page's URL) instead: only on the
/// page's own origin, where the request's credentials belong, and never the page itself again.
fn at_url(mut request: Request, base: &::reqwest::Url, link: &str) -> ::std::result::Result<Request, Error> {
    let url = base
        .join(link)
        .map_err(|e| Error::InvalidRequest(format!("the next page's URL {link:?} is not a URL: {e}")))?;
    if url.origin() != base.origin() {
        return Err(Error::InvalidRequest(format!(
            "the next page is on another origin ({}), which this request's credentials are not for",
            url.origin().ascii_serialization()
        )));
    }
    if url == *base {
        return Err(Error::InvalidRequest(format!("the next page's URL is this page's: {url}")));
    }
    request.set_url(url);
    Ok(request)
}

/// The target of the `rel="next"` link of `Link` headers (RFC 8288): `<url>; rel="next"`,
/// several links to a header separated by commas, `rel` possibly holding several types.
pub(crate) fn next_link(headers: &::reqwest::header::HeaderMap) -> ::std::option::Option<::std::string::String> {
    let links = headers.get_all(::reqwest::header::LINK).into_iter().filter_map(|value| value.to_str().ok());
    // A URL holds no `<`: each one starts a link, whose parameters follow its `>`.
    links.flat_map(|value| value.split('<').skip(1)).find_map(|link| {
        let (target, params) = link.split_once('>')?;
        let is_next = params.split([';', ',']).any(|param| {
            let (name, value) = param.split_once('=').unwrap_or((param, ""));
            name.trim().eq_ignore_ascii_case("rel")
                && value.trim().trim_matches('"').split_ascii_whitespace().any(|rel| rel.eq_ignore_ascii_case("next"))
        });
        is_next.then(|| target.trim().to_string())
    })
}

type PageStream<'a, T> = ::std::pin::Pin<::std::boxed::Box<dyn ::futures_util::Stream<Item = T> + ::std::marker::Send + 'a>>;

/// Every page of an endpoint, in order, each as its endpoint method returns it: a
/// [`futures_util::Stream`]. The first error ends it.
#[must_use = "a stream sends nothing until polled"]
pub struct Pages<'a, T, E = Undocumented> {
    stream: PageStream<'a, ::std::result::Result<Response<T>, Error<E>>>,
}

/// Where a stream of pages is: the request for the next page, or why there is none.
enum Next<E> {
    Send(::std::boxed::Box<Request>),
    Fail(Error<E>),
    Done,
}

impl<'a, T: ::std::marker::Send + 'a, E: ::std::marker::Send + 'a> Call<'a, T, E> {
    /// Every page, from the one this call asks for, each fetched when the stream is polled
    /// for it: the next page's request is read from the page before it, as `paging` says.
    pub fn pages(self, paging: Paging) -> Pages<'a, T, E> {
        let Call { transport, request, ok, err } = self;
        let stream = ::futures_util::stream::unfold(Next::Send(::std::boxed::Box::new(request)), move |next| async move {
            let request = match next {
                Next::Send(request) => *request,
                Next::Fail(error) => return Some((Err(error), Next::Done)),
                Next::Done => return None,
            };
            let copy = request.try_clone();
            let mut request = request;
            let documented = ::std::mem::take(&mut request.documented);
            let page = match transport.send(request).await {
                Ok(page) => page,
                Err(error) => return Some((Err(error.typed()), Next::Done)),
            };
            let next = match (page.status().is_success(), copy) {
                (false, _) => Next::Done,
                (true, None) => Next::Fail(Error::InvalidRequest("the next page cannot be asked for: the request's body cannot be sent twice".into())),
                (true, Some(copy)) => match paging.next(&page, copy) {
                    Ok(Some(request)) => Next::Send(::std::boxed::Box::new(request)),
                    Ok(None) => Next::Done,
                    Err(error) => Next::Fail(error.typed()),
                },
            };
            match decoded(page, &documented, ok, err) {
                Ok(page) => Some((Ok(page), next)),
                Err(error) => Some((Err(error), Next::Done)),
            }
        });
        Pages { stream: ::std::boxed::Box::pin(stream) }
    }
}

impl<'a, T: ::std::marker::Send + 'a, E: ::std::marker::Send + 'a> Pages<'a, T, E> {
    /// Every item of every page, in order; `items` takes a page's items out of it.
    pub fn items<I: ::std::marker::Send + 'a>(self, items: fn(T) -> ::std::vec::Vec<I>) -> Items<'a, I, E> {
        let stream = ::futures_util::StreamExt::flat_map(self, move |page| {
            let items: ::std::vec::Vec<::std::result::Result<I, Error<E>>> = match page {
                Ok(page) => items(page.into_inner()).into_iter().map(Ok).collect(),
                Err(error) => ::std::vec![Err(error)],
            };
            ::futures_util::stream::iter(items)
        });
        Items { stream: ::std::boxed::Box::pin(stream) }
    }
}

impl<T, E> ::futures_util::Stream for Pages<'_, T, E> {
    type Item = ::std::result::Result<Response<T>, Error<E>>;

    fn poll_next(mut self: ::std::pin::Pin<&mut Self>, cx: &mut ::std::task::Context<'_>) -> ::std::task::Poll<::std::option::Option<Self::Item>> {
        self.stream.as_mut().poll_next(cx)
    }
}

impl<T, E> fmt::Debug for Pages<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

/// Every item of every page of an endpoint, in order: a
/// [`futures_util::Stream`]. An error ends it.
#[must_use = "a stream sends nothing until polled"]
pub struct Items<'a, I, E = Undocumented> {
    stream: PageStream<'a, ::std::result::Result<I, Error<E>>>,
}

impl<I, E> ::futures_util::Stream for Items<'_, I, E> {
    type Item = ::std::result::Result<I, Error<E>>;

    fn poll_next(mut self: ::std::pin::Pin<&mut Self>, cx: &mut ::std::task::Context<'_>) -> ::std::task::Poll<::std::option::Option<Self::Item>> {
        self.stream.as_mut().poll_next(cx)
    }
}

impl<I, E> fmt::Debug for Items<'_, I, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}
