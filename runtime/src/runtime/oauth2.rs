// OAuth 2.0 access tokens: fetched from a token endpoint (RFC 6749), cached, refreshed before
// they expire and once when a request is refused with 401; or given by the user's provider.
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`): items only, without `//!` docs or inner attributes; comments like this one
// are dropped. Not formatted by rustfmt, which would change the code postgen writes.
//
// Written here rather than taken from the `oauth2` crate: a token request is one form POST and
// one JSON answer over the reqwest client the client already has, where that crate would bring
// its own HTTP client version, chrono, sha2 and rand into every generated client.

/// What a token provider returns: an access token, or why there is none.
pub type TokenFuture = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = ::std::result::Result<::std::string::String, HookError>> + ::std::marker::Send>>;

/// Gives the client its access tokens; `true` asks for a fresh one, as the last was refused.
#[doc(hidden)]
pub type TokenSource = ::std::sync::Arc<dyn Fn(bool) -> TokenFuture + ::std::marker::Send + ::std::marker::Sync>;

/// How a token request proves who the client is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClientAuthIn {
    /// `Authorization: Basic` with the client id and secret (RFC 6749 section 2.3.1, and
    /// Postman's default).
    Header,
    /// `client_id` and `client_secret` in the form body.
    Body,
}

/// What a token is asked for with (RFC 6749 section 4).
// Unused by a client whose collection has no bearer or OAuth 2.0 auth.
#[allow(dead_code)]
#[derive(Debug, Clone)]
enum Grant {
    /// Not chosen yet: the collection's grant needs credentials the user gives.
    Unset,
    ClientCredentials,
    Password { username: ::std::string::String, password: Secret },
    AuthorizationCode { code: Secret, redirect_uri: ::std::option::Option<::std::string::String>, code_verifier: ::std::option::Option<Secret> },
    RefreshToken(Secret),
}

/// Where a client gets OAuth 2.0 access tokens: a token endpoint, the client's id and secret,
/// a grant and a scope. Set it with `Client::with_oauth2`; the client then asks for a token
/// before its first request, reuses it until 30 s before it expires (refreshing it with the
/// refresh token the endpoint gave, if any), and asks for a new one once when a request is
/// refused with 401. Secrets never appear in `Debug` output.
///
/// A generated client's `oauth2()` function returns one with the collection's token URL,
/// grant and scope; give it the credentials: `oauth2().client_credentials(id, secret)`.
#[allow(dead_code)]
#[derive(Debug, Clone)]
pub struct OAuth2 {
    token_url: ::std::string::String,
    /// `token_url` is a path on the client's base URL.
    on_base_url: bool,
    client_id: ::std::string::String,
    client_secret: ::std::option::Option<Secret>,
    scope: ::std::option::Option<::std::string::String>,
    client_auth: ClientAuthIn,
    grant: Grant,
}

impl OAuth2 {
    /// Tokens from the endpoint at `token_url` (it may name the client's variables,
    /// `{{baseUrl}}/oauth/token`, which take their values when the client is given it).
    pub fn new(token_url: impl ::std::convert::Into<::std::string::String>) -> Self {
        OAuth2 {
            token_url: token_url.into(),
            on_base_url: false,
            client_id: ::std::string::String::new(),
            client_secret: None,
            scope: None,
            client_auth: ClientAuthIn::Header,
            grant: Grant::Unset,
        }
    }

    /// Tokens from the endpoint at `path` on the client's base URL (`/oauth/token`), wherever
    /// `Client::new` points it.
    pub fn on_base_url(path: impl ::std::convert::Into<::std::string::String>) -> Self {
        OAuth2 { on_base_url: true, ..OAuth2::new(path) }
    }

    fn client(mut self, id: ::std::string::String, secret: ::std::string::String) -> Self {
        self.client_id = id;
        self.client_secret = (!secret.is_empty()).then_some(Secret(secret));
        self
    }

    /// The client credentials grant: the client acts for itself.
    pub fn client_credentials(self, client_id: impl ::std::convert::Into<::std::string::String>, client_secret: impl ::std::convert::Into<::std::string::String>) -> Self {
        OAuth2 { grant: Grant::ClientCredentials, ..self.client(client_id.into(), client_secret.into()) }
    }

    /// The resource owner password grant: the client acts for the user `username`.
    pub fn password(
        self,
        client_id: impl ::std::convert::Into<::std::string::String>,
        client_secret: impl ::std::convert::Into<::std::string::String>,
        username: impl ::std::convert::Into<::std::string::String>,
        password: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        let grant = Grant::Password { username: username.into(), password: Secret(password.into()) };
        OAuth2 { grant, ..self.client(client_id.into(), client_secret.into()) }
    }

    /// The authorization code grant, given the `code` the authorization server redirected
    /// with (and the `redirect_uri` it was asked with, if it was).
    pub fn authorization_code(
        self,
        client_id: impl ::std::convert::Into<::std::string::String>,
        client_secret: impl ::std::convert::Into<::std::string::String>,
        code: impl ::std::convert::Into<::std::string::String>,
        redirect_uri: ::std::option::Option<::std::string::String>,
    ) -> Self {
        let grant = Grant::AuthorizationCode { code: Secret(code.into()), redirect_uri, code_verifier: None };
        OAuth2 { grant, ..self.client(client_id.into(), client_secret.into()) }
    }

    /// The refresh token grant: tokens from a refresh token the user already has.
    pub fn refresh_token(
        self,
        client_id: impl ::std::convert::Into<::std::string::String>,
        client_secret: impl ::std::convert::Into<::std::string::String>,
        refresh_token: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        OAuth2 { grant: Grant::RefreshToken(Secret(refresh_token.into())), ..self.client(client_id.into(), client_secret.into()) }
    }

    /// Sends the PKCE `code_verifier` (RFC 7636) with an authorization code.
    pub fn with_code_verifier(mut self, verifier: impl ::std::convert::Into<::std::string::String>) -> Self {
        if let Grant::AuthorizationCode { code_verifier, .. } = &mut self.grant {
            *code_verifier = Some(Secret(verifier.into()));
        }
        self
    }

    /// Asks for the scopes `scope` (space-separated).
    pub fn with_scope(mut self, scope: impl ::std::convert::Into<::std::string::String>) -> Self {
        let scope = scope.into();
        self.scope = (!scope.is_empty()).then_some(scope);
        self
    }

    /// Sends the client id and secret in the form body instead of an `Authorization: Basic`
    /// header.
    pub fn with_credentials_in_body(mut self) -> Self {
        self.client_auth = ClientAuthIn::Body;
        self
    }

    /// The token URL with the client variables it names substituted, on `base_url` when it
    /// is a path there.
    fn resolved(mut self, config: &Config, base_url: &::reqwest::Url) -> Self {
        let url = substitute(&self.token_url, |name| config.value(name));
        self.token_url = match self.on_base_url {
            true => format!("{}{url}", base_url.as_str().trim_end_matches('/')),
            false => url,
        };
        self.on_base_url = false;
        self
    }

    /// A token source asking `http` for tokens as this says, each request within `timeout`,
    /// caching them.
    fn source(self, http: ::reqwest::Client, timeout: ::std::option::Option<::std::time::Duration>) -> TokenSource {
        let state = ::std::sync::Arc::new(::tokio::sync::Mutex::new(Cache::default()));
        let oauth = ::std::sync::Arc::new(self);
        ::std::sync::Arc::new(move |fresh| {
            let (state, oauth, http) = (state.clone(), oauth.clone(), http.clone());
            ::std::boxed::Box::pin(async move {
                // One request for a token at a time: the others wait for it and share it.
                let mut cache = state.lock().await;
                let now = ::tokio::time::Instant::now();
                if let Some(token) = cache.token.as_ref().filter(|t| !fresh && t.expires.is_none_or(|at| now + EARLY < at)) {
                    return Ok(token.access.0.clone());
                }
                let refresh = cache.token.as_ref().and_then(|t| t.refresh.clone());
                let token = match refresh {
                    Some(refresh) => match oauth.request(&http, timeout, &Grant::RefreshToken(refresh)).await {
                        Ok(token) => token,
                        // A refresh token may expire or be revoked: the grant itself again.
                        Err(_) => oauth.request(&http, timeout, &oauth.grant).await?,
                    },
                    None => oauth.request(&http, timeout, &oauth.grant).await?,
                };
                let access = token.access.0.clone();
                cache.token = Some(token);
                Ok(access)
            }) as TokenFuture
        })
    }

    /// Asks the token endpoint for a token with `grant`.
    #[allow(dead_code)]
    async fn request(&self, http: &::reqwest::Client, timeout: ::std::option::Option<::std::time::Duration>, grant: &Grant) -> ::std::result::Result<Token, HookError> {
        let mut form: ::std::vec::Vec<(&str, &str)> = ::std::vec::Vec::new();
        match grant {
            Grant::Unset => return Err("no OAuth 2.0 grant: give `OAuth2` the client's credentials (`client_credentials`, `password`, ...)".into()),
            Grant::ClientCredentials => form.push(("grant_type", "client_credentials")),
            Grant::Password { username, password } => form.extend([("grant_type", "password"), ("username", username), ("password", &password.0)]),
            Grant::AuthorizationCode { code, redirect_uri, code_verifier } => {
                form.extend([("grant_type", "authorization_code"), ("code", &code.0)]);
                form.extend(redirect_uri.as_deref().map(|uri| ("redirect_uri", uri)));
                form.extend(code_verifier.as_ref().map(|verifier| ("code_verifier", verifier.0.as_str())));
            }
            Grant::RefreshToken(token) => form.extend([("grant_type", "refresh_token"), ("refresh_token", &token.0)]),
        }
        form.extend(self.scope.as_deref().map(|scope| ("scope", scope)));
        let secret = self.client_secret.as_ref().map(|s| s.0.as_str());
        let mut request = http.post(&self.token_url).header(::reqwest::header::ACCEPT, "application/json");
        // A token endpoint that never answered would hold every request that waits for a token.
        if let Some(timeout) = timeout {
            request = request.timeout(timeout);
        }
        match self.client_auth {
            ClientAuthIn::Header => request = request.basic_auth(&self.client_id, secret),
            ClientAuthIn::Body => {
                form.push(("client_id", &self.client_id));
                form.extend(secret.map(|secret| ("client_secret", secret)));
            }
        }
        let body = form.iter().map(|(name, value)| format!("{}={}", encode(name, FORM), encode(value, FORM))).collect::<::std::vec::Vec<_>>().join("&");
        let response = request
            .header(::reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(|e| format!("the token endpoint could not be reached: {}", e.without_url()))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| format!("the token endpoint's answer could not be read: {}", e.without_url()))?;
        let json: ::serde_json::Value = ::serde_json::from_str(&text).unwrap_or_default();
        let field = |name: &str| json.get(name).and_then(|value| value.as_str()).map(str::to_string);
        if !status.is_success() {
            let why = match (field("error"), field("error_description")) {
                (Some(error), Some(description)) => format!("{error}: {description}"),
                (Some(error), None) => error,
                _ => format!("HTTP {status}"),
            };
            return Err(format!("the token endpoint refused the request ({why})").into());
        }
        let access = field("access_token").ok_or("the token endpoint's answer has no `access_token`")?;
        let expires_in = json.get("expires_in").and_then(|value| value.as_u64().or_else(|| value.as_str()?.parse().ok()));
        Ok(Token {
            access: Secret(access),
            // A lifetime too long to count is none.
            expires: expires_in.and_then(|seconds| ::tokio::time::Instant::now().checked_add(::std::time::Duration::from_secs(seconds))),
            // A refresh answer without a new refresh token keeps the old one usable.
            refresh: field("refresh_token").map(Secret).or_else(|| match grant {
                Grant::RefreshToken(token) => Some(token.clone()),
                _ => None,
            }),
        })
    }
}

/// How long before a token expires it is replaced: a request sent with it must still arrive
/// in time.
#[allow(dead_code)]
const EARLY: ::std::time::Duration = ::std::time::Duration::from_secs(30);

/// A token from the endpoint.
#[allow(dead_code)]
#[derive(Debug)]
struct Token {
    access: Secret,
    expires: ::std::option::Option<::tokio::time::Instant>,
    refresh: ::std::option::Option<Secret>,
}

#[allow(dead_code)]
#[derive(Debug, Default)]
struct Cache {
    token: ::std::option::Option<Token>,
}

impl Transport {
    /// Gets bearer tokens as `oauth` says: its token URL resolved with this transport's
    /// variables and base URL, the tokens asked for over its connection pool and cached.
    #[doc(hidden)]
    pub fn use_oauth2(&mut self, oauth: OAuth2) {
        self.config.token_source = Some(oauth.resolved(&self.config, &self.base_url).source(self.http.clone(), self.timeout));
    }
}
