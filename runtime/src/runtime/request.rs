// The request description endpoint methods build, and its encoding.
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`): items only, without `//!` docs or inner attributes; comments like this one
// are dropped. Not formatted by rustfmt, which would add blocks around closure bodies and so change
// the code postgen writes (prettyplease lays it out in every client).

enum Body {
    None,
    Multipart(Fields),
    Form(Fields),
    Bytes(&'static str, ::reqwest::Body),
    /// JSON whose fields may take client variables, which are known when it is sent.
    Json(::serde_json::Value, &'static [JsonVar]),
}

#[derive(Clone)]
enum PathPart {
    Lit(&'static str),
    /// A path parameter's name and its value, percent-encoded.
    Param(&'static str, ::std::string::String),
    Var(&'static str),
}

/// A request as an endpoint method describes it. Encoding problems are kept until the
/// request would be sent; then the first one is returned instead of sending.
pub struct Request {
    method: &'static str,
    host: ::std::option::Option<(::std::option::Option<&'static str>, ::std::vec::Vec<Part>)>,
    path: ::std::vec::Vec<PathPart>,
    query: ::std::vec::Vec<(Name, ::std::option::Option<::std::string::String>)>,
    query_vars: ::std::vec::Vec<(Name, &'static str)>,
    query_order: &'static [&'static str],
    headers: ::std::vec::Vec<(&'static str, ::std::vec::Vec<Part>)>,
    body: Body,
    content_type: ::std::option::Option<&'static str>,
    auth: Auth,
    documented: ::std::vec::Vec<(u16, &'static str)>,
    retry: ::std::option::Option<Retry>,
    timeout: ::std::option::Option<::std::option::Option<::std::time::Duration>>,
    extra_headers: ::std::vec::Vec<(::reqwest::header::HeaderName, ::reqwest::header::HeaderValue)>,
    /// The whole URL to send to, in place of the host, path and query: a next page's.
    url: ::std::option::Option<::reqwest::Url>,
    error: ::std::option::Option<Error>,
    /// What the collection's scripts do around this request.
    script: ::std::option::Option<&'static Script>,
}

impl Request {
    /// A request with the HTTP method `method`.
    pub fn new(method: &'static str) -> Self {
        Request {
            method,
            host: None,
            path: ::std::vec::Vec::new(),
            query: ::std::vec::Vec::new(),
            query_vars: ::std::vec::Vec::new(),
            query_order: &[],
            headers: ::std::vec::Vec::new(),
            body: Body::None,
            content_type: None,
            auth: Auth::None,
            documented: ::std::vec::Vec::new(),
            retry: None,
            timeout: None,
            extra_headers: ::std::vec::Vec::new(),
            url: None,
            error: None,
            script: None,
        }
    }

    /// A copy to send again (for the next page), unless the body is a stream or the request
    /// cannot be sent.
    pub(crate) fn try_clone(&self) -> ::std::option::Option<Request> {
        if self.error.is_some() {
            return None;
        }
        let body = match &self.body {
            Body::None => Body::None,
            Body::Json(value, vars) => Body::Json(value.clone(), vars),
            Body::Form(fields) => Body::Form(fields.clone()),
            Body::Bytes(content_type, bytes) => Body::Bytes(content_type, ::reqwest::Body::from(bytes.as_bytes()?.to_vec())),
            Body::Multipart(fields) => Body::Multipart(fields.clone()),
        };
        Some(Request {
            method: self.method,
            host: self.host.clone(),
            path: self.path.iter().map(PathPart::clone).collect(),
            query: self.query.clone(),
            query_vars: self.query_vars.clone(),
            query_order: self.query_order,
            headers: self.headers.clone(),
            body,
            content_type: self.content_type,
            auth: self.auth,
            documented: self.documented.clone(),
            retry: self.retry.clone(),
            timeout: self.timeout,
            extra_headers: self.extra_headers.clone(),
            url: self.url.clone(),
            error: None,
            script: self.script,
        })
    }

    /// The path as the collection writes it: `:name` for a parameter, `{{key}}` for a client
    /// variable. What the after-receive hook and tracing see: no values.
    pub(crate) fn template(&self) -> ::std::string::String {
        self.path
            .iter()
            .map(|part| match part {
                PathPart::Lit(literal) => literal.to_string(),
                PathPart::Param(name, _) => format!(":{name}"),
                PathPart::Var(key) => format!("{{{{{key}}}}}"),
            })
            .collect()
    }

    /// The value of the query parameter `name` the caller gave, if any.
    pub(crate) fn query_value(&self, name: &str) -> ::std::option::Option<&str> {
        self.query.iter().rev().find(|(key, _)| key == name).and_then(|(_, value)| value.as_deref())
    }

    /// Sends the query parameter `name` with `value` in place of any value it had, where it
    /// had it (else last).
    pub(crate) fn set_query(&mut self, name: &'static str, value: ::std::string::String) {
        self.query_vars.retain(|(key, _)| key != name);
        match self.query.iter().position(|(key, _)| key == name) {
            Some(at) => {
                self.query[at].1 = Some(value);
                let mut seen = 0;
                self.query.retain(|(key, _)| key != name || { seen += 1; seen == 1 });
            }
            None => self.query.push((Name::Borrowed(name), Some(value))),
        }
    }

    /// Sends to `url` as it is, in place of the host, path and query described.
    pub(crate) fn set_url(&mut self, url: ::reqwest::Url) {
        self.url = Some(url);
    }

    fn fail(mut self, error: Error) -> Self {
        self.error.get_or_insert(error);
        self
    }

    /// Sends to this origin (`https://host:port` or a base URL) instead of the client's base URL.
    pub fn host(mut self, parts: impl ::std::iter::IntoIterator<Item = Part>) -> Self {
        self.host = Some((None, parts.into_iter().collect()));
        self
    }

    /// Sends to this origin, written `origin` in the collection, unless the client replaces that
    /// origin (its host setters).
    pub fn replaceable_host(mut self, origin: &'static str, parts: impl ::std::iter::IntoIterator<Item = Part>) -> Self {
        self.host = Some((Some(origin), parts.into_iter().collect()));
        self
    }

    /// Appends path text that is already in its on-the-wire form.
    pub fn path(mut self, literal: &'static str) -> Self {
        self.path.push(PathPart::Lit(literal));
        self
    }

    /// Appends `value` percent-encoded, so that it stays inside its path segment. A value
    /// that would be a whole segment by itself but cannot be one (empty, `.` or `..`, which
    /// URLs resolve away) is refused.
    pub fn param(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        let value = value.to_string();
        let whole_segment = matches!(self.path.last(), Some(PathPart::Lit(l)) if l.ends_with('/'));
        if whole_segment && (value.is_empty() || value == "." || value == "..") {
            return self.fail(Error::InvalidRequest(format!(
                "path parameter `{name}` is {value:?}, which cannot be sent as a path segment"
            )));
        }
        self.path.push(PathPart::Param(name, encode(&value, SEGMENT)));
        self
    }

    /// Appends the value of the client variable `key`, percent-encoded like a parameter.
    pub fn path_var(mut self, key: &'static str) -> Self {
        self.path.push(PathPart::Var(key));
        self
    }

    /// Adds the fields of `params` that are set, in declaration order, as query parameters. A
    /// field left to a client variable is sent as [`Request::query_var`] sends one.
    pub fn query(mut self, params: &dyn Params) -> Self {
        let fields = match fields(params) {
            Ok(fields) => fields,
            Err(message) => return self.fail(Error::InvalidRequest(message)),
        };
        for (name, entry) in fields.entries {
            match entry {
                Entry::Text(value) => self.query.push((name, Some(value))),
                Entry::Flag => self.query.push((name, None)),
                Entry::Var(key) => self.query_vars.push((name, key)),
                Entry::File(_) => {
                    return self.fail(Error::InvalidRequest(format!("query parameter `{name}` cannot be a file")));
                }
            }
        }
        self
    }

    /// Adds the query parameter `name` with the value of the client variable `key`.
    pub fn query_var(mut self, name: &'static str, key: &'static str) -> Self {
        self.query_vars.push((Name::Borrowed(name), key));
        self
    }

    /// Sends the query parameters in the order of `keys`, the collection's order: parameters
    /// from client variables are added after the caller's, and would otherwise come last. A key
    /// `a[b]` or `a[0]` takes the place of `a`.
    pub fn query_order(mut self, keys: &'static [&'static str]) -> Self {
        self.query_order = keys;
        self
    }

    /// Adds a header whose value the collection fixes.
    pub fn header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, vec![Part::Lit(value)]));
        self
    }

    /// Adds a header whose value is made of `parts`.
    pub fn header_parts(mut self, name: &'static str, parts: impl ::std::iter::IntoIterator<Item = Part>) -> Self {
        self.headers.push((name, parts.into_iter().collect()));
        self
    }

    /// Sends the fields of `fields` that are set as `multipart/form-data` parts. With none
    /// set, no body is sent: a multipart body must have at least one part (RFC 2046).
    pub fn multipart(self, fields: &dyn Params) -> Self {
        match self::fields(fields) {
            Ok(fields) => Request { body: Body::Multipart(fields), ..self },
            Err(message) => self.fail(Error::InvalidRequest(message)),
        }
    }

    /// Sends the fields of `fields` that are set as `application/x-www-form-urlencoded`.
    pub fn form(self, fields: &dyn Params) -> Self {
        match self::fields(fields) {
            Ok(fields) => Request { body: Body::Form(fields), ..self },
            Err(message) => self.fail(Error::InvalidRequest(message)),
        }
    }

    /// Sends `body` as JSON.
    pub fn json<T: ::serde::Serialize + ?Sized>(self, body: &T) -> Self {
        match ::serde_json::to_vec(body) {
            Ok(bytes) => Request { body: Body::Bytes("application/json", bytes.into()), ..self },
            Err(e) => self.fail(Error::InvalidRequest(format!("the JSON body cannot be encoded: {e}"))),
        }
    }

    /// Sends `body` as JSON, with the client's variables in the fields `vars` names that
    /// `body` leaves out.
    pub fn json_with<T: ::serde::Serialize + ?Sized>(self, body: &T, vars: &'static [JsonVar]) -> Self {
        match ::serde_json::to_value(body) {
            Ok(value) => Request { body: Body::Json(value, vars), ..self },
            Err(e) => self.fail(Error::InvalidRequest(format!("the JSON body cannot be encoded: {e}"))),
        }
    }

    /// Sends a GraphQL query with its variables as JSON, as Postman does: a part the collection
    /// does not give is left out (`{}` when neither is given).
    pub fn graphql<T: ::serde::Serialize + ?Sized>(self, query: ::std::option::Option<&'static str>, variables: ::std::option::Option<&T>) -> Self {
        let mut body = ::serde_json::Map::new();
        if let Some(query) = query {
            body.insert("query".into(), query.into());
        }
        match variables.map(::serde_json::to_value).transpose() {
            Ok(Some(value)) => {
                body.insert("variables".into(), value);
            }
            Ok(None) => {}
            Err(e) => return self.fail(Error::InvalidRequest(format!("the GraphQL variables cannot be encoded: {e}"))),
        }
        self.json(&body)
    }

    /// Sends `body` as text.
    pub fn text(self, body: &str) -> Self {
        Request { body: Body::Bytes("text/plain", body.as_bytes().to_vec().into()), ..self }
    }

    /// Sends bytes or a stream.
    pub fn file(self, body: impl ::std::convert::Into<::reqwest::Body>) -> Self {
        Request { body: Body::Bytes("application/octet-stream", body.into()), ..self }
    }

    /// Sends the body with this `Content-Type` instead of its default.
    pub fn content_type(mut self, content_type: &'static str) -> Self {
        self.content_type = Some(content_type);
        self
    }

    /// The credentials to send.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// Sends this request again as `policy` says, instead of as the client's policy says.
    pub fn retry(mut self, policy: Retry) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Lets this request take `timeout`, or `None` for no limit, instead of the client's.
    pub fn timeout(mut self, timeout: ::std::option::Option<::std::time::Duration>) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the header `name: value` too, after the collection's.
    pub fn extra_header(self, name: &str, value: ::std::string::String) -> Self {
        let Ok(name) = ::reqwest::header::HeaderName::from_bytes(name.as_bytes()) else {
            return self.fail(Error::InvalidRequest(format!("`{name}` is not a header name")));
        };
        match header_value(name.as_str(), value) {
            Ok(value) => {
                let mut request = self;
                request.extra_headers.push((name, value));
                request
            }
            Err(error) => self.fail(error),
        }
    }

    /// The statuses the collection documents as errors, with what it says of each (an error's
    /// [`ApiError::documented`]).
    pub fn documented(mut self, statuses: &'static [(u16, &'static str)]) -> Self {
        self.documented.extend_from_slice(statuses);
        self
    }

    /// One status the collection documents as an error, with what it says of it: the same as
    /// [`Request::documented`] for one status, and shorter in each endpoint's code.
    pub fn error_doc(mut self, status: u16, summary: &'static str) -> Self {
        self.documented.push((status, summary));
        self
    }

    /// The request, to be sent with `transport` and its 2xx response decoded with `ok`; an
    /// error's body is decoded by [`Call::with_errors`] when set, else kept as bytes.
    #[doc(hidden)]
    pub fn call<T>(self, transport: &Transport, ok: Decoder<T>) -> Call<'_, T> {
        Call::new(transport, self, ok, no_error_body)
    }

    /// What the collection's scripts do around this request: variables set before it is built
    /// and from its response, and the checks its response is held to.
    pub fn script(mut self, script: &'static Script) -> Self {
        self.script = Some(script);
        self
    }
}

/// Bytes that stay as they are in a path parameter: what RFC 3986 allows in a segment.
/// Everything else, `/`, `?`, `#` and `%` included, is percent-encoded, so an argument stays
/// in its segment and means what it says.
const SEGMENT: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    // Sub-delimiters, `:` and `@` may appear in a segment as they are (RFC 3986 `pchar`), and
    // Postman sends them so: `/users/:id` stays `:id`.
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Bytes percent-encoded in urlencoded form keys and values: all but RFC 3986 "unreserved",
/// as Postman's runner encodes a form (`a[b]` is sent `a%5Bb%5D`, `:` as `%3A`, `(` as
/// `%28`, a space as `%20`).
const FORM: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A client variable's value in a path: as a path argument, but `/` stays, so a variable
/// may hold several segments (`users/{{name}}`), as Postman substitutes it. Variables are the
/// client's configuration, like its base URL, not a caller's values.
const VARIABLE_PATH: &::percent_encoding::AsciiSet = &SEGMENT.remove(b'/');

/// Bytes percent-encoded in query keys and values: what would end or change the query
/// (`&`, `=`, `#`, `+`), `%` itself, and what Postman's runner encodes in a query (controls,
/// space, `"`, `'`, `<`, `>`). Brackets, braces, `|`, `^` and backquotes stay as Postman sends
/// them, so keys like `a[b][0]` are sent as written.
const QUERY: &::percent_encoding::AsciiSet = &::percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'\'')
    .add(b'+')
    .add(b'<')
    .add(b'=')
    .add(b'>');

/// `body` with each variable of `vars` that `value_of` knows in its field, where the field is
/// absent or `null`; an absent object on the way is added. A pointer through a missing list
/// or list item, or a value that is not a container, fills nothing.
fn with_json_vars(mut body: ::serde_json::Value, vars: &[JsonVar], value_of: impl Fn(&str) -> ::std::option::Option<::std::string::String>) -> ::serde_json::Value {
    for var in vars {
        let (pointer, name, json) = match *var {
            JsonVar::Text(pointer, name) => (pointer, name, false),
            JsonVar::Json(pointer, name) => (pointer, name, true),
        };
        let Some(text) = value_of(name) else { continue };
        let value = match json {
            true => ::serde_json::from_str(&text).unwrap_or(::serde_json::Value::String(text)),
            false => ::serde_json::Value::String(text),
        };
        let tokens: ::std::vec::Vec<::std::string::String> =
            pointer.split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~")).collect();
        put(&mut body, &tokens, value);
    }
    body
}

/// Puts `value` at `tokens` under `at` if nothing is there, adding the absent objects on the
/// way (not lists: which items a list holds is the caller's); says whether it did.
fn put(at: &mut ::serde_json::Value, tokens: &[::std::string::String], value: ::serde_json::Value) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        if at.is_null() {
            *at = value;
            return true;
        }
        return false;
    };
    match at {
        ::serde_json::Value::Null => {
            let mut next = ::serde_json::Value::Null;
            if first.parse::<usize>().is_ok() || !put(&mut next, rest, value) {
                return false;
            }
            let mut map = ::serde_json::Map::new();
            map.insert(first.clone(), next);
            *at = ::serde_json::Value::Object(map);
            true
        }
        ::serde_json::Value::Object(map) => match map.get_mut(first) {
            Some(next) => put(next, rest, value),
            None => {
                let mut next = ::serde_json::Value::Null;
                let filled = put(&mut next, rest, value);
                if filled {
                    map.insert(first.clone(), next);
                }
                filled
            }
        },
        ::serde_json::Value::Array(items) => match first.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
            Some(item) => put(item, rest, value),
            None => false,
        },
        _ => false,
    }
}

fn encode(text: &str, set: &'static ::percent_encoding::AsciiSet) -> ::std::string::String {
    ::percent_encoding::utf8_percent_encode(text, set).to_string()
}

fn header_value(name: &str, value: ::std::string::String) -> ::std::result::Result<::reqwest::header::HeaderValue, Error> {
    ::reqwest::header::HeaderValue::try_from(value).map_err(|_| {
        Error::InvalidRequest(format!("the value of header `{name}` is not a valid header value (line breaks are refused)"))
    })
}
