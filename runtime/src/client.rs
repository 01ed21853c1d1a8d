//! What the runtime needs of the client it is embedded in, for this crate's build and tests.
//!
//! In a generated client every `runtime::Call` borrows the client's `runtime::Transport`, which
//! sends it; `Client::execute` and `Client::send_streaming` are how users send a request they
//! build, and its `with_*` methods set the transport's credentials. This `Client` has those
//! methods, with the same signatures and bodies as the client postgen
//! generates (`templates/client.rs.jinja`; postgen's `tests/runtime.rs` checks they agree), and
//! fields its tests set directly instead of the generated client's `with_*` setters.

use crate::Error;
use crate::runtime;

/// Sends requests to a base URL with credentials and variables: the generated client's fields,
/// and the methods the runtime calls.
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) transport: runtime::Transport,
}

impl Client {
    /// A client of the API at `base_url`, without credentials, variables or timeout.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidBaseUrl`] when `base_url` is not a URL.
    pub fn new(base_url: &str) -> ::std::result::Result<Self, Error> {
        let base_url = ::reqwest::Url::parse(base_url).map_err(|e| Error::InvalidBaseUrl {
            url: base_url.to_string(),
            reason: e.to_string(),
        })?;
        Ok(Client {
            transport: runtime::Transport {
                base_url,
                http: ::reqwest::Client::new(),
                config: runtime::Config::default(),
                timeout: None,
            },
        })
    }

    /// Sends `request` with this client's base URL, credentials and variables, and returns
    /// the response if its status is 2xx. Call it for a request the collection does not have.
    ///
    /// # Errors
    ///
    /// As the endpoint methods: [`Error::Api`] for a status outside 2xx, and the other
    /// [`Error`] variants for requests that could not be made.
    pub async fn execute(
        &self,
        request: runtime::Request,
    ) -> ::std::result::Result<runtime::RawResponse, Error> {
        self.transport.execute(request).await
    }

    /// Sends `request` and returns the response as soon as its status and headers arrive,
    /// whatever the status, without reading its body: for a status check or to stream a large
    /// body with `chunk`. The client's timeout covers reading the body too.
    pub async fn send_streaming(
        &self,
        request: runtime::Request,
    ) -> ::std::result::Result<::reqwest::Response, Error> {
        self.transport.dispatch(request).await
    }

    /// Computes the credentials of `signer`'s scheme.
    pub fn with_signer(mut self, signer: impl runtime::Signer + 'static) -> Self {
        self.transport
            .config
            .signers
            .insert(signer.scheme(), ::std::sync::Arc::new(signer));
        self
    }

    /// Gets bearer tokens from an OAuth 2.0 token endpoint, as `oauth` says.
    pub fn with_oauth2(mut self, oauth: runtime::OAuth2) -> Self {
        self.transport.use_oauth2(oauth);
        self
    }

    /// Gets bearer tokens from `provider`.
    pub fn with_token_provider<F, Fut>(mut self, provider: F) -> Self
    where
        F: Fn(bool) -> Fut + ::std::marker::Send + ::std::marker::Sync + 'static,
        Fut: ::std::future::Future<
                Output = ::std::result::Result<::std::string::String, runtime::HookError>,
            > + ::std::marker::Send
            + 'static,
    {
        self.transport.config.token_source = Some(::std::sync::Arc::new(move |fresh| {
            ::std::boxed::Box::pin(provider(fresh)) as runtime::TokenFuture
        }));
        self
    }

    /// The variables the collection's scripts have set so far (a token a login request's
    /// script saved, an id a create request's script saved), by name. They are shared by this
    /// client's clones and win over the collection's values.
    pub fn script_variables(
        &self,
    ) -> ::std::collections::BTreeMap<::std::string::String, ::std::string::String> {
        self.transport
            .config
            .session
            .read()
            .map(|session| session.merged())
            .unwrap_or_default()
    }

    /// Sets the variable `name` as a script setting an environment variable would: for this
    /// client and its clones, over the collection's value (as a Postman environment's values
    /// are).
    pub fn set_script_variable(
        &self,
        name: impl ::std::convert::Into<::std::string::String>,
        value: impl ::std::convert::Into<::std::string::String>,
    ) {
        if let Ok(mut session) = self.transport.config.session.write() {
            session.set(runtime::Scope::Environment, &name.into(), value.into());
        }
    }

    /// Whether the collection's translated scripts run with each request (they do unless this
    /// says otherwise): without them no variable is set from a response and no check is made.
    pub fn with_scripts(mut self, run: bool) -> Self {
        self.transport.config.scripts_off = !run;
        self
    }

    /// Whether the pre-request scripts run (they do unless this says otherwise, or
    /// [`with_scripts`](Self::with_scripts) turns all scripts off): without them requests are
    /// sent as the collection writes them, while test scripts still check responses.
    pub fn with_pre_request_scripts(mut self, run: bool) -> Self {
        self.transport.config.pre_request_off = !run;
        self
    }

    /// Calls `observer` with what each response's test scripts did: the variables they set
    /// and each check, passed or failed with the values it saw.
    pub fn with_script_observer<F>(mut self, observer: F) -> Self
    where
        F: Fn(&runtime::ScriptReport) + ::std::marker::Send + ::std::marker::Sync + 'static,
    {
        self.transport.config.script_observer = Some(::std::sync::Arc::new(observer));
        self
    }
}
