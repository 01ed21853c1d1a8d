// Responses and errors.
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`): items only, without `//!` docs or inner attributes; comments like this one
// are dropped. Not formatted by rustfmt, which would add blocks around closure bodies and so change
// the code postgen writes (prettyplease lays it out in every client).

/// A response as received: status, headers and the whole body. The client's `execute`
/// returns it; endpoint methods decode it into a [`Response`].
#[derive(Debug, Clone)]
pub struct RawResponse {
    status: ::reqwest::StatusCode,
    headers: ::reqwest::header::HeaderMap,
    body: ::std::vec::Vec<u8>,
    url: ::reqwest::Url,
    /// From sending the request (the first attempt) to the body's last byte.
    elapsed: ::std::time::Duration,
    /// What the request's test scripts did with it.
    script: ScriptReport,
}

impl RawResponse {
    /// The URL that answered (after redirects).
    pub fn url(&self) -> &::reqwest::Url {
        &self.url
    }

    /// The HTTP status.
    pub fn status(&self) -> ::reqwest::StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &::reqwest::header::HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// How long the response took, from sending the request to its body's last byte, retries
    /// included (a script's `pm.response.responseTime`).
    pub fn elapsed(&self) -> ::std::time::Duration {
        self.elapsed
    }

    /// What the request's test scripts did with the response: variables set, checks.
    pub fn script(&self) -> &ScriptReport {
        &self.script
    }
}

/// A decoded 2xx response: the value, with the status and headers it came with. It
/// dereferences to the value; [`Response::into_inner`] takes it out.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    status: ::reqwest::StatusCode,
    headers: ::reqwest::header::HeaderMap,
    value: T,
    script: ScriptReport,
}

impl<T> Response<T> {
    /// The HTTP status.
    pub fn status(&self) -> ::reqwest::StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &::reqwest::header::HeaderMap {
        &self.headers
    }

    /// What the collection's test scripts did with this response: the variables they set on
    /// the client and their checks (empty for a request without scripts).
    pub fn script(&self) -> &ScriptReport {
        &self.script
    }

    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// Status, headers and value.
    pub fn into_parts(self) -> (::reqwest::StatusCode, ::reqwest::header::HeaderMap, T) {
        (self.status, self.headers, self.value)
    }
}

impl<T> ::std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// Put on a generated JSON type: an optional field that is `None` is left out of what is sent,
/// as if each had `#[serde(skip_serializing_if = "Option::is_none")]` (one attribute per type
/// rather than one per field keeps the client short). Reading, an absent field is `None`.
#[doc(hidden)]
pub use ::serde_with_macros::skip_serializing_none;

/// Reads a 2xx body (see [`json()`], [`text()`], [`bytes()`], [`unit()`]).
pub type Decoder<T> = fn(&RawResponse) -> ::std::result::Result<T, ::serde_json::Error>;

/// Reads a documented error body; `None` when it is not the documented JSON.
pub type ErrorDecoder<E> = fn(&RawResponse) -> ::std::option::Option<E>;

/// Decodes the body as JSON. An empty body (white space only) is no value: `null` for a type
/// that can say so (`Option`, `serde_json::Value`, `()`), `{}` for a struct whose every field
/// may be left out or a map; for any other type decoding fails, and the call is
/// [`Error::EmptyBody`].
pub fn json<T: ::serde::de::DeserializeOwned>(raw: &RawResponse) -> ::std::result::Result<T, ::serde_json::Error> {
    if raw.body.iter().all(u8::is_ascii_whitespace) {
        // Read from bytes as the body is, not from `str`: serde_json's reader is instantiated
        // per reader type and per decoded type, and `from_str` beside `from_slice` made two
        // copies of it for every JSON type of a client (42 % of the LLVM IR of Nexus's).
        return ::serde_json::from_slice(b"null").or_else(|_| ::serde_json::from_slice(b"{}"));
    }
    ::serde_json::from_slice(&raw.body)
}

/// Decodes the body as JSON, or gives `None` when it is empty (white space only): for statuses
/// the collection documents both with and without a body.
pub fn json_or_empty<T: ::serde::de::DeserializeOwned>(raw: &RawResponse) -> ::std::result::Result<::std::option::Option<T>, ::serde_json::Error> {
    if raw.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    ::serde_json::from_slice(&raw.body).map(Some)
}

/// The body as text (invalid UTF-8 replaced).
pub fn text(raw: &RawResponse) -> ::std::result::Result<::std::string::String, ::serde_json::Error> {
    Ok(::std::string::String::from_utf8_lossy(&raw.body).into_owned())
}

/// The body as bytes.
pub fn bytes(raw: &RawResponse) -> ::std::result::Result<::std::vec::Vec<u8>, ::serde_json::Error> {
    Ok(raw.body.clone())
}

/// For statuses documented without a body: the body is ignored.
pub fn unit(_: &RawResponse) -> ::std::result::Result<(), ::serde_json::Error> {
    Ok(())
}

/// Decodes an error body as JSON, or gives `None`.
pub fn json_error<E: ::serde::de::DeserializeOwned>(raw: &RawResponse) -> ::std::option::Option<E> {
    ::serde_json::from_slice(&raw.body).ok()
}

/// For endpoints without documented JSON error bodies.
pub fn no_error_body(_: &RawResponse) -> ::std::option::Option<Undocumented> {
    None
}

/// The typed error body of endpoints that document none: it has no values, so
/// [`ApiError::typed`] is always `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ::serde::Serialize)]
pub enum Undocumented {}

/// Why a request failed. `E` is the endpoint's typed error body (see [`ApiError::typed`]);
/// [`Error::untyped`] turns any `Error<E>` into a plain `Error`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = Undocumented> {
    /// The URL given to `Client::new` is not an absolute `http` or `https` URL.
    InvalidBaseUrl {
        /// The URL as given.
        url: ::std::string::String,
        /// Why it was refused.
        reason: ::std::string::String,
    },
    /// An argument cannot be sent as given, e.g. a path parameter that is `..`. Nothing
    /// was sent.
    InvalidRequest(::std::string::String),
    /// The request could not be sent or its response not read: connection, TLS, timeout.
    Transport(::reqwest::Error),
    /// The server answered with a status outside 2xx. (Boxed: it holds the whole response,
    /// and `Result`s of this error stay small.)
    Api(::std::boxed::Box<ApiError<E>>),
    /// A request's credentials could not be applied: its auth hook is missing or failed.
    Auth(::std::string::String),
    /// The response body is larger than the client's limit (`Client::with_max_body_size`,
    /// 64 MiB by default); the rest of it was not read.
    TooLarge {
        /// The response status.
        status: ::reqwest::StatusCode,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A 2xx response came without a body where the collection documents JSON whose type
    /// cannot be empty (a struct with a required field). The request succeeded: the status
    /// and headers say what happened.
    EmptyBody {
        /// The response status.
        status: ::reqwest::StatusCode,
        /// The response headers.
        headers: ::reqwest::header::HeaderMap,
    },
    /// A 2xx response's body is not the JSON the collection's examples show.
    Decode {
        /// The response status.
        status: ::reqwest::StatusCode,
        /// What did not match.
        source: ::serde_json::Error,
        /// The body as received (invalid UTF-8 replaced).
        body: ::std::string::String,
    },
}

impl<E> Error<E> {
    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> ::std::option::Option<::reqwest::StatusCode> {
        match self {
            Error::Api(error) => Some(error.status()),
            Error::Decode { status, .. }
            | Error::TooLarge { status, .. }
            | Error::EmptyBody { status, .. } => Some(*status),
            Error::Transport(error) => error.status(),
            Error::InvalidBaseUrl { .. } | Error::InvalidRequest(_) | Error::Auth(_) => None,
        }
    }

    /// The same error without its typed body, so errors of different endpoints share a type.
    pub fn untyped(self) -> Error {
        self.retype(|_| None)
    }

    /// The same error with its typed body (if any) mapped by `f`.
    fn retype<F>(self, f: impl FnOnce(::std::option::Option<E>) -> ::std::option::Option<F>) -> Error<F> {
        match self {
            Error::InvalidBaseUrl { url, reason } => Error::InvalidBaseUrl { url, reason },
            Error::InvalidRequest(message) => Error::InvalidRequest(message),
            Error::Transport(error) => Error::Transport(error),
            Error::Api(error) => Error::Api(::std::boxed::Box::new(error.retype(f))),
            Error::Auth(message) => Error::Auth(message),
            Error::Decode { status, source, body } => Error::Decode { status, source, body },
            Error::EmptyBody { status, headers } => Error::EmptyBody { status, headers },
            Error::TooLarge { status, limit } => Error::TooLarge { status, limit },
        }
    }
}

impl Error {
    /// The same error for an endpoint whose typed error body is `E` (there is no body to
    /// convert: an `Error` has none).
    #[allow(dead_code)]
    pub(crate) fn typed<E>(self) -> Error<E> {
        self.retype(|typed| typed.map(|never| match never {}))
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidBaseUrl { url, reason } => write!(f, "invalid base URL {url:?}: {reason}"),
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Error::Auth(message) => write!(f, "auth failed: {message}"),
            Error::Transport(error) => write!(f, "request failed: {error}"),
            Error::Api(error) => fmt::Display::fmt(error, f),
            Error::Decode { status, source, .. } => {
                write!(f, "unexpected response body (HTTP {status}): {source}")
            }
            Error::EmptyBody { status, .. } => {
                write!(f, "the response (HTTP {status}) has no body, where the collection documents JSON")
            }
            Error::TooLarge { status, limit } => write!(
                f,
                "the response body (HTTP {status}) is larger than {limit} bytes; raise the limit with `Client::with_max_body_size`"
            ),
        }
    }
}

impl<E: fmt::Debug + 'static> ::std::error::Error for Error<E> {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => Some(error),
            Error::Decode { source, .. } => Some(source),
            Error::Api(error) => Some(&**error),
            Error::InvalidBaseUrl { .. }
            | Error::InvalidRequest(_)
            | Error::Auth(_)
            | Error::TooLarge { .. }
            | Error::EmptyBody { .. } => None,
        }
    }
}

/// A response with a status outside 2xx: its status, headers and raw body, what the
/// collection documents about it, and its body decoded as `E` when the collection documents
/// that status with a JSON body.
#[derive(Debug, Clone)]
pub struct ApiError<E = Undocumented> {
    status: ::reqwest::StatusCode,
    headers: ::reqwest::header::HeaderMap,
    body: ::std::vec::Vec<u8>,
    code: ::std::option::Option<i64>,
    message: ::std::option::Option<::std::string::String>,
    documented: ::std::option::Option<&'static str>,
    typed: ::std::option::Option<E>,
}

impl<E> ApiError<E> {
    pub(crate) fn new(
        raw: RawResponse,
        documented: ::std::option::Option<&'static str>,
        typed: ::std::option::Option<E>,
    ) -> Self {
        // Error bodies such as `{"code": 4130, "message": "..."}` carry the API's own code.
        let parsed: ::std::option::Option<::serde_json::Value> = ::serde_json::from_slice(&raw.body).ok();
        let field = |name: &str| parsed.as_ref().and_then(|v| v.get(name));
        let code = field("code").and_then(|c| c.as_i64().or_else(|| c.as_str()?.trim().parse().ok()));
        let message = field("message")
            .or_else(|| field("error_description"))
            .or_else(|| field("error"))
            .and_then(|m| m.as_str())
            .map(str::to_string);
        ApiError { status: raw.status, headers: raw.headers, body: raw.body, code, message, documented, typed }
    }

    /// The HTTP status.
    pub fn status(&self) -> ::reqwest::StatusCode {
        self.status
    }

    /// The API's error code from a JSON body's `code` field.
    pub fn code(&self) -> ::std::option::Option<i64> {
        self.code
    }

    /// The API's error message from a JSON body's `message` (or `error`) field.
    pub fn message(&self) -> ::std::option::Option<&str> {
        self.message.as_deref()
    }

    /// What the collection says about this status, if it documents it.
    pub fn documented(&self) -> ::std::option::Option<&'static str> {
        self.documented
    }

    /// The body decoded as the collection documents it for this status; `None` for an
    /// undocumented status or a body that is not the documented JSON.
    pub fn typed(&self) -> ::std::option::Option<&E> {
        self.typed.as_ref()
    }

    /// The response headers.
    pub fn headers(&self) -> &::reqwest::header::HeaderMap {
        &self.headers
    }

    /// The raw response body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The response body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> ::std::borrow::Cow<'_, str> {
        ::std::string::String::from_utf8_lossy(&self.body)
    }

    /// The same error without its typed body.
    pub fn untyped(self) -> ApiError {
        self.retype(|_| None)
    }

    fn retype<F>(self, f: impl FnOnce(::std::option::Option<E>) -> ::std::option::Option<F>) -> ApiError<F> {
        let ApiError { status, headers, body, code, message, documented, typed } = self;
        ApiError { status, headers, body, code, message, documented, typed: f(typed) }
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        match (&self.message, self.code, self.documented) {
            (Some(message), Some(code), _) => write!(f, ": {message} (code {code})"),
            (Some(message), None, _) => write!(f, ": {message}"),
            (None, Some(code), _) => write!(f, " (code {code})"),
            (None, None, Some(documented)) => write!(f, ": {documented}"),
            (None, None, None) => Ok(()),
        }
    }
}

impl<E: fmt::Debug> ::std::error::Error for ApiError<E> {}
