// Turning a request description into an HTTP request, sending it, reading the response.
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`): items only, without `//!` docs or inner attributes; comments like this one
// are dropped. Not formatted by rustfmt, which would add blocks around closure bodies and so change
// the code postgen writes (prettyplease lays it out in every client).

/// One endpoint's request, ready to send. `.await` it for the decoded response (the body is
/// read up to the client's limit, `Client::with_max_body_size`); call [`Call::status`] or
/// [`Call::send_streaming`] to get the response without reading its body.
#[must_use = "a request is sent only when awaited or sent"]
pub struct Call<'a, T, E = Undocumented> {
    transport: &'a Transport,
    request: Request,
    ok: Decoder<T>,
    err: ErrorDecoder<E>,
}

// Unused only by a collection without requests.
#[allow(dead_code)]
impl<'a, T, E> Call<'a, T, E> {
    /// The request `request`, to be sent with `transport` and decoded with `ok` and `err`.
    #[doc(hidden)]
    pub fn new(transport: &'a Transport, request: Request, ok: Decoder<T>, err: ErrorDecoder<E>) -> Self {
        Call { transport, request, ok, err }
    }

    /// The same request, whose documented error bodies `err` decodes.
    #[doc(hidden)]
    pub fn with_errors<F>(self, err: ErrorDecoder<F>) -> Call<'a, T, F> {
        Call { transport: self.transport, request: self.request, ok: self.ok, err }
    }
}

impl<'a, T, E> Call<'a, T, E> {
    /// Sends the request and decodes its response; the same as `.await`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for a status outside 2xx, and the other [`Error`] variants for requests
    /// that could not be made or responses that could not be decoded.
    pub async fn send(self) -> ::std::result::Result<Response<T>, Error<E>> {
        self.transport.call(self.request, self.ok, self.err).await
    }

    /// Sends the request and returns the response as soon as its status and headers arrive,
    /// whatever the status, without reading its body: read it with `chunk` to stream a large
    /// body. The client's timeout covers reading the body too.
    ///
    /// # Errors
    ///
    /// The [`Error`] variants for requests that could not be made; never [`Error::Api`].
    pub async fn send_streaming(self) -> ::std::result::Result<::reqwest::Response, Error> {
        self.transport.dispatch(self.request).await
    }

    /// Sends the request and returns only the response's status; its body is not read.
    ///
    /// # Errors
    ///
    /// The [`Error`] variants for requests that could not be made; never [`Error::Api`].
    pub async fn status(self) -> ::std::result::Result<::reqwest::StatusCode, Error> {
        Ok(self.send_streaming().await?.status())
    }

    /// The request itself, to send later with `Client::execute` or `Client::send_streaming`.
    pub fn into_request(self) -> Request {
        self.request
    }

    /// Sends the request again as `policy` says, instead of as the client's policy says;
    /// [`Retry::none`] sends it once.
    pub fn retry(mut self, policy: Retry) -> Self {
        self.request = self.request.retry(policy);
        self
    }

    /// Sends `Idempotency-Key: key`, which also lets a request whose method is not idempotent
    /// (`POST`, `PATCH`) be retried: the server does what it asks once.
    pub fn idempotency_key(mut self, key: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.request = self.request.extra_header("idempotency-key", key.into());
        self
    }

    /// Sends the header `name: value` too; an invalid name or value is an
    /// [`Error::InvalidRequest`] when the call is sent.
    pub fn header(mut self, name: &str, value: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.request = self.request.extra_header(name, value.into());
        self
    }

    /// Lets each attempt of this call take `timeout`, or `None` for no limit, instead of the
    /// client's timeout (the waits between retries are not counted).
    pub fn timeout(mut self, timeout: ::std::option::Option<::std::time::Duration>) -> Self {
        self.request = self.request.timeout(timeout);
        self
    }
}

impl<'a, T: ::std::marker::Send + 'a, E: ::std::marker::Send + 'a> ::std::future::IntoFuture for Call<'a, T, E> {
    type Output = ::std::result::Result<Response<T>, Error<E>>;
    type IntoFuture = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = Self::Output> + ::std::marker::Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        ::std::boxed::Box::pin(self.send())
    }
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").field("method", &self.request.method).finish_non_exhaustive()
    }
}
/// What a client sends every request with: its base URL, connection pool, credentials and
/// variables, and timeout. A generated `Client` holds one, and each [`Call`] borrows it.
#[doc(hidden)]
#[derive(Clone)]
pub struct Transport {
    pub base_url: ::reqwest::Url,
    pub http: ::reqwest::Client,
    pub config: Config,
    pub timeout: ::std::option::Option<::std::time::Duration>,
}

// Named `Client`: it is the generated client's `Debug`, which holds nothing else.
impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url.as_str())
            .field("config", &self.config)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Transport {
    /// Sends `request` and decodes a 2xx response with `ok`; any other status is an
    /// [`Error::Api`], whose body `err` decodes when the collection documents that status.
    pub async fn call<T, E>(&self, mut request: Request, ok: Decoder<T>, err: ErrorDecoder<E>) -> ::std::result::Result<Response<T>, Error<E>> {
        let documented = ::std::mem::take(&mut request.documented);
        let raw = self.send(request).await.map_err(Error::typed)?;
        decoded(raw, &documented, ok, err)
    }

    /// Sends `request` and returns its response if the status is 2xx.
    pub async fn execute(&self, mut request: Request) -> ::std::result::Result<RawResponse, Error> {
        let documented = ::std::mem::take(&mut request.documented);
        let raw = self.send(request).await?;
        if raw.status.is_success() {
            Ok(raw)
        } else {
            Err(failure(raw, &documented, no_error_body))
        }
    }

    /// Sends `request` and reads the response, whatever its status, up to the client's body limit.
    pub async fn send(&self, request: Request) -> ::std::result::Result<RawResponse, Error> {
        let config = &self.config;
        let script = request.script;
        run_before(script, config);
        let started = ::std::time::Instant::now();
        let mut response = self.dispatch(request).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let url = response.url().clone();
        let limit = config.max_body();
        let too_large = Error::TooLarge { status, limit };
        if response.content_length().is_some_and(|length| length > limit as u64) {
            return Err(too_large);
        }
        let mut body = ::std::vec::Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| Error::Transport(redacted(e, config)))? {
            if body.len() + chunk.len() > limit {
                return Err(too_large);
            }
            body.extend_from_slice(&chunk);
        }
        let elapsed = started.elapsed();
        let mut raw = RawResponse { status, headers, body, url, elapsed, script: ScriptReport::default() };
        raw.script = run_after(script, &raw, config);
        Ok(raw)
    }

    /// Builds the URL, headers and body of `request` and sends it; the body of the response is
    /// not read. A request with a bearer token from the client's token source (OAuth 2.0, or the
    /// user's provider) that is refused with 401 is sent once more with a fresh token.
    pub async fn dispatch(&self, request: Request) -> ::std::result::Result<::reqwest::Response, Error> {
        let Transport { http, base_url, config, timeout } = self;
        let timeout = *timeout;
        let source = match request.auth {
            Auth::Bearer => config.token_source.clone(),
            _ => None,
        };
        let Some(source) = source else {
            return dispatch_with(http, base_url, config, timeout, request, None).await;
        };
        let token = |fresh: bool| {
            let source = source.clone();
            async move { source(fresh).await.map_err(|e| Error::Auth(format!("no access token: {e}"))) }
        };
        let again = request.try_clone();
        let response = dispatch_with(http, base_url, config, timeout, request, Some(token(false).await?)).await?;
        match again {
            Some(again) if response.status() == ::reqwest::StatusCode::UNAUTHORIZED => {
                dispatch_with(http, base_url, config, timeout, again, Some(token(true).await?)).await
            }
            _ => Ok(response),
        }
    }
}

/// A 2xx response decoded with `ok`; any other status is an [`Error::Api`], whose body `err`
/// decodes when that status is among the `documented` ones.
pub(crate) fn decoded<T, E>(
    raw: RawResponse,
    documented: &[(u16, &'static str)],
    ok: Decoder<T>,
    err: ErrorDecoder<E>,
) -> ::std::result::Result<Response<T>, Error<E>> {
    if !raw.status.is_success() {
        return Err(failure(raw, documented, err));
    }
    match ok(&raw) {
        Ok(value) => Ok(Response { status: raw.status, headers: raw.headers, value, script: raw.script }),
        // No body at all is a success without a value, not a body that does not decode.
        Err(_) if raw.body.iter().all(u8::is_ascii_whitespace) => {
            Err(Error::EmptyBody { status: raw.status, headers: raw.headers })
        }
        Err(source) => Err(Error::Decode {
            status: raw.status,
            source,
            body: ::std::string::String::from_utf8_lossy(&raw.body).into_owned(),
        }),
    }
}

/// The error for a response outside 2xx: what the collection says about its status, and its
/// body decoded by `err` when that status is documented.
fn failure<E>(raw: RawResponse, documented: &[(u16, &'static str)], err: ErrorDecoder<E>) -> Error<E> {
    let summary = documented
        .iter()
        .find(|(code, _)| *code == raw.status.as_u16())
        .map(|(_, text)| *text);
    let typed = summary.and_then(|_| err(&raw));
    Error::Api(::std::boxed::Box::new(ApiError::new(raw, summary, typed)))
}

/// An error of reqwest without the API key a query may carry: its text names the URL.
fn redacted(mut error: ::reqwest::Error, config: &Config) -> ::reqwest::Error {
    if let Some(url) = error.url_mut() {
        *url = shown_url(url.clone(), config);
    }
    error
}

/// [`Transport::dispatch`] with `token` as the bearer token (else the client's).
async fn dispatch_with(
    http: &::reqwest::Client,
    base_url: &::reqwest::Url,
    config: &Config,
    timeout: ::std::option::Option<::std::time::Duration>,
    mut request: Request,
    token: ::std::option::Option<::std::string::String>,
) -> ::std::result::Result<::reqwest::Response, Error> {
    if let Some(error) = request.error {
        return Err(error);
    }
    // Only the after-receive hook and tracing read the path template: no allocation otherwise.
    let template = match config.after_receive.is_some() || cfg!(feature = "tracing") {
        true => request.template(),
        false => ::std::string::String::new(),
    };
    let method = ::reqwest::Method::from_bytes(request.method.as_bytes())
        .map_err(|_| Error::InvalidRequest(format!("`{}` is not an HTTP method", request.method)))?;
    // A next page's URL comes from the server, and may carry the API key already.
    let (url, from_server) = match request.url.take() {
        Some(url) => (url, true),
        None => (url_of(base_url, config, &mut request)?, false),
    };
    let url = match (request.auth, &config.api_key) {
        (Auth::ApiKeyQuery(name), Some(key)) => with_query_key(url, name, &config.secret(key), from_server),
        _ => url,
    };
    let mut builder = http.request(method, url);
    if let Some(timeout) = request.timeout.unwrap_or(timeout) {
        builder = builder.timeout(timeout);
    }
    for (name, parts) in &request.headers {
        builder = builder.header(*name, header_value(name, config.resolve(parts)?)?);
    }

    match request.auth {
        Auth::Bearer => {
            if let Some(token) = token.or_else(|| config.bearer_token.as_ref().map(|token| config.secret(token))) {
                builder = builder.bearer_auth(token);
            }
        }
        Auth::Basic => {
            if let Some((user, password)) = &config.basic {
                builder = builder.basic_auth(substitute(user, |name| config.value(name)), Some(config.secret(password)));
            }
        }
        Auth::ApiKeyHeader(name) => {
            if let Some(key) = &config.api_key {
                let mut value = header_value(name, config.secret(key))?;
                value.set_sensitive(true);
                builder = builder.header(name, value);
            }
        }
        Auth::None | Auth::ApiKeyQuery(_) | Auth::Hook(_) | Auth::Signed(..) => {}
    }
    // A `Content-Type` the collection makes of variables is sent as a header, in place of the
    // body's own.
    let explicit = request.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    let typed = |builder: ::reqwest::RequestBuilder, content_type: &str| match explicit {
        true => builder,
        false => builder.header(::reqwest::header::CONTENT_TYPE, content_type),
    };
    // Fields left to client variables take their values now; a multipart body left without
    // parts is then not sent.
    let body = match request.body {
        Body::Multipart(fields) => Body::Multipart(with_vars(fields, config)),
        Body::Form(fields) => Body::Form(with_vars(fields, config)),
        body => body,
    };
    // What a signer knows of the body, as Postman's signers see it: its mode, and whether its
    // content type is there before signing (the collection's, or a JSON body's) or added after.
    let declared = explicit || request.content_type.is_some();
    let (body_mode, late_content_type) = match &body {
        Body::None => ("", false),
        Body::Multipart(_) => ("formdata", !declared),
        Body::Form(_) => ("urlencoded", !declared),
        Body::Bytes(default_type, _) => ("raw", !declared && !default_type.contains("json")),
        Body::Json(..) => ("raw", false),
    };
    builder = match body {
        Body::None => builder,
        Body::Multipart(fields) if fields.entries.is_empty() => builder,
        Body::Multipart(fields) => {
            // Names as browsers write them (quotes and line breaks escaped, the rest as UTF-8),
            // which servers read; reqwest's default `name*=` form is not widely understood.
            let mut form = ::reqwest::multipart::Form::new().percent_encode_noop();
            for (name, entry) in fields.entries {
                let name = disposition_text(&name);
                form = match entry {
                    Entry::Text(value) => form.text(name, value),
                    Entry::Flag => form.text(name, ""),
                    // Replaced by `with_vars`.
                    Entry::Var(_) => form,
                    Entry::File(file) => {
                        let mut part = ::reqwest::multipart::Part::bytes(file.bytes);
                        if let Some(file_name) = file.file_name {
                            part = part.file_name(disposition_text(&file_name));
                        }
                        if let Some(content_type) = &file.content_type {
                            part = part.mime_str(content_type).map_err(|_| {
                                Error::InvalidRequest(format!("`{content_type}` is not a content type"))
                            })?;
                        }
                        form.part(name, part)
                    }
                };
            }
            builder.multipart(form)
        }
        Body::Form(fields) => {
            // Encoded as Postman's runner encodes a form, which is not how it encodes a query.
            let mut pairs = ::std::vec::Vec::with_capacity(fields.entries.len());
            for (name, entry) in fields.entries {
                pairs.push(match entry {
                    Entry::Text(value) => format!("{}={}", encode(&name, FORM), encode(&value, FORM)),
                    Entry::Flag => encode(&name, FORM),
                    // Replaced by `with_vars`.
                    Entry::Var(_) => continue,
                    Entry::File(_) => {
                        return Err(Error::InvalidRequest(format!("form field `{name}` cannot be a file")));
                    }
                });
            }
            let content_type = request.content_type.unwrap_or("application/x-www-form-urlencoded");
            typed(builder, content_type).body(pairs.join("&"))
        }
        Body::Bytes(default_type, bytes) => typed(builder, request.content_type.unwrap_or(default_type)).body(bytes),
        Body::Json(value, vars) => {
            let value = with_json_vars(value, vars, |name| config.value(name));
            let bytes = ::serde_json::to_vec(&value)
                .map_err(|e| Error::InvalidRequest(format!("the JSON body cannot be encoded: {e}")))?;
            typed(builder, request.content_type.unwrap_or("application/json")).body(bytes)
        }
    };
    let mut built = builder.build().map_err(|e| Error::Transport(redacted(e, config)))?;
    // A call's own headers replace the collection's of the same name.
    for (name, value) in request.extra_headers {
        built.headers_mut().insert(name, value);
    }
    // A signer that answers a challenge, with what it needs to, and a copy to send again.
    let mut challenged = None;
    match request.auth {
        Auth::Signed(scheme, params) if config.signers.contains_key(scheme) => {
            let signer = &config.signers[scheme];
            let mut params: ::std::vec::Vec<(&str, ::std::string::String)> =
                params.iter().map(|(name, value)| (*name, substitute(value, |var| config.value(var)))).collect();
            params.push(("bodyMode", body_mode.to_string()));
            // Postman adds a body's own content type after signing: it is not signed.
            let content_type = match late_content_type {
                true => built.headers_mut().remove(::reqwest::header::CONTENT_TYPE),
                false => None,
            };
            let failed = move |e: HookError| Error::Auth(format!("`{scheme}` signing failed: {e}"));
            let again = signer.answers_challenges().then(|| built.try_clone());
            signer.sign(&mut built, &params, None).map_err(failed)?;
            if let Some(content_type) = &content_type {
                built.headers_mut().insert(::reqwest::header::CONTENT_TYPE, content_type.clone());
            }
            if let Some(again) = again {
                challenged = Some((signer, params, again, content_type, failed));
            }
        }
        Auth::Hook(scheme) | Auth::Signed(scheme, _) => {
            let hook = config.hook.as_ref().ok_or_else(|| {
                Error::Auth(format!("this request needs `{scheme}` auth: set a hook with `Client::with_auth_hook`"))
            })?;
            built = hook(scheme, built).await.map_err(|e| Error::Auth(format!("the `{scheme}` auth hook failed: {e}")))?;
        }
        _ => {}
    }
    let policy = request.retry.as_ref().unwrap_or(&config.retry);
    let observe = Observe { after: config.after_receive.as_ref(), path: &template, config };
    let built = before_send(built, config).await?;
    let response = with_retries(http, built, policy, &observe).await.map_err(|e| Error::Transport(redacted(e, config)))?;
    let refused = matches!(response.status().as_u16(), 401 | 403);
    match challenged {
        Some((signer, params, again, content_type, failed)) if refused => {
            let Some(mut again) = again else {
                return Err(failed("the server challenges the request, whose streamed body (multipart, a file) cannot be sent again with the answer".into()));
            };
            if !signer.sign(&mut again, &params, Some(response.headers())).map_err(failed)? {
                return Ok(response);
            }
            if let Some(content_type) = content_type {
                again.headers_mut().insert(::reqwest::header::CONTENT_TYPE, content_type);
            }
            let again = before_send(again, config).await?;
            with_retries(http, again, policy, &observe).await.map_err(|e| Error::Transport(redacted(e, config)))
        }
        _ => Ok(response),
    }
}

/// `built` as the client's before-send hook changes it, if it has one.
async fn before_send(built: ::reqwest::Request, config: &Config) -> ::std::result::Result<::reqwest::Request, Error> {
    match &config.before_send {
        Some(hook) => hook(built).await.map_err(|e| Error::InvalidRequest(format!("the before-send hook refused the request: {e}"))),
        None => Ok(built),
    }
}

/// Query parameters the signers put credentials in (a presigned SigV4 URL, OAuth 1.0 in the
/// query): shown as `REDACTED`.
const SECRET_PARAMS: &[&str] = &["X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "oauth_signature", "oauth_token"];

/// `url` without the client's API key or a signer's credentials, which show as `REDACTED`.
fn shown_url(mut url: ::reqwest::Url, config: &Config) -> ::reqwest::Url {
    let Some(query) = url.query() else {
        return url;
    };
    let mut query = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if SECRET_PARAMS.contains(&name) => format!("{name}=REDACTED"),
            _ => pair.to_string(),
        })
        .collect::<::std::vec::Vec<_>>()
        .join("&");
    if let Some(key) = &config.api_key {
        let secret = encode(&config.secret(key), QUERY);
        if !secret.is_empty() {
            query = query.replace(&secret, "REDACTED");
        }
    }
    url.set_query(Some(&query));
    url
}

/// The text of `error`, its URL as [`shown_url`] shows it.
pub(crate) fn shown_error(error: &::reqwest::Error, config: &Config) -> ::std::string::String {
    let text = error.to_string();
    match error.url() {
        Some(url) => text.replace(url.as_str(), shown_url(url.clone(), config).as_str()),
        None => text,
    }
}

/// The URL `request` describes: its host (or the client's base URL), path and query, with
/// client variables' values.
fn url_of(base_url: &::reqwest::Url, config: &Config, request: &mut Request) -> ::std::result::Result<::reqwest::Url, Error> {
    let mut url = match &request.host {
        None => base_url.clone(),
        Some((key, parts)) => {
            let origin = match key.and_then(|key| config.hosts.get(key)) {
                Some(replacement) => replacement.clone(),
                None => config.resolve(parts)?,
            };
            ::reqwest::Url::parse(&origin)
                .map_err(|e| Error::InvalidRequest(format!("the host {origin:?} is not a valid URL: {e}")))?
        }
    };
    let mut path = url.path().trim_end_matches('/').to_string();
    for part in &request.path {
        match part {
            PathPart::Lit(literal) => path.push_str(literal),
            PathPart::Param(_, value) => path.push_str(value),
            PathPart::Var(key) => path.push_str(&encode(&config.var(key)?, VARIABLE_PATH)),
        }
    }
    url.set_path(&path);
    let mut query = ::std::mem::take(&mut request.query);
    for (name, key) in &request.query_vars {
        query.push((name.clone(), Some(config.var(key)?)));
    }
    if !request.query_order.is_empty() {
        // A stable sort: values of one key keep their order, unknown keys go last.
        let order = request.query_order;
        query.sort_by_key(|(name, _)| {
            let base = name.split('[').next().unwrap_or(name);
            order.iter().position(|key| *key == &**name || *key == base).unwrap_or(order.len())
        });
    }
    if !query.is_empty() {
        let text = query
            .iter()
            .map(|(name, value)| match value {
                Some(value) => format!("{}={}", encode(name, QUERY), encode(value, QUERY)),
                None => encode(name, QUERY),
            })
            .collect::<::std::vec::Vec<_>>()
            .join("&");
        url.set_query(Some(&text));
    }
    Ok(url)
}

/// `url` with the API key `key` added as the query parameter `name`, unless `unless_present`
/// and the URL has that parameter.
fn with_query_key(mut url: ::reqwest::Url, name: &str, key: &str, unless_present: bool) -> ::reqwest::Url {
    if !(unless_present && url.query_pairs().any(|(k, _)| k == name)) {
        let pair = format!("{}={}", encode(name, QUERY), encode(key, QUERY));
        let query = match url.query() {
            Some(query) if !query.is_empty() => format!("{query}&{pair}"),
            _ => pair,
        };
        url.set_query(Some(&query));
    }
    url
}

/// `fields` with each client variable they name replaced by its value, or left out when the
/// client has none.
fn with_vars(fields: Fields, config: &Config) -> Fields {
    let entries = fields
        .entries
        .into_iter()
        .filter_map(|(name, entry)| match entry {
            Entry::Var(key) => config.value(key).map(|value| (name, Entry::Text(value))),
            entry => Some((name, entry)),
        })
        .collect();
    Fields { entries, ..fields }
}

/// A multipart field or file name as the HTML standard writes it in `Content-Disposition`, `"`,
/// CR and LF as `%22`, `%0D`, `%0A` (and other control characters the same way), so no name
/// can end the header or add another; the rest stays UTF-8.
fn disposition_text(text: &str) -> ::std::string::String {
    let mut out = ::std::string::String::with_capacity(text.len());
    for c in text.chars() {
        if c == '"' || c.is_ascii_control() {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
