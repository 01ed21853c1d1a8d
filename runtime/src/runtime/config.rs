// Credentials, client variables, value pieces and auth kinds.
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`): items only, without `//!` docs or inner attributes; comments like this one
// are dropped. Not formatted by rustfmt, which would add blocks around closure bodies and so change
// the code postgen writes (prettyplease lays it out in every client).

use ::std::fmt;

/// A credential that never shows in `Debug` output.
#[doc(hidden)]
#[derive(Clone)]
pub struct Secret(pub ::std::string::String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// What a hook set with `Client::with_auth_hook` returns when it cannot sign a request.
pub type HookError = ::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>;

/// What a hook that may change a request (`Client::with_auth_hook`,
/// `Client::with_before_send`) returns: the request to send, or why it cannot be sent.
pub type HookFuture = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = ::std::result::Result<::reqwest::Request, HookError>> + ::std::marker::Send>>;

/// The user's auth hook: given the scheme and the request, the signed request.
#[doc(hidden)]
pub type Hook = ::std::sync::Arc<dyn Fn(&'static str, ::reqwest::Request) -> HookFuture + ::std::marker::Send + ::std::marker::Sync>;

/// The user's before-send hook: given the request about to be sent, the request to send.
#[doc(hidden)]
pub type BeforeSend = ::std::sync::Arc<dyn Fn(::reqwest::Request) -> HookFuture + ::std::marker::Send + ::std::marker::Sync>;

/// The user's after-receive hook, told of each attempt.
#[doc(hidden)]
pub type AfterReceive = ::std::sync::Arc<
    dyn Fn(Exchange) -> ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = ()> + ::std::marker::Send>>
        + ::std::marker::Send
        + ::std::marker::Sync,
>;

/// One attempt to send a request, as the after-receive hook (`Client::with_after_receive`) and
/// the `tracing` feature's spans see it: never its credentials (an API key in the query shows
/// as `REDACTED`) or bodies.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Exchange {
    /// The HTTP method.
    pub method: ::reqwest::Method,
    /// The path as the collection writes it, with `:name` for each path parameter.
    pub path: ::std::string::String,
    /// The URL sent to.
    pub url: ::reqwest::Url,
    /// Which attempt this was: 1, then 2, ... when the request is sent again.
    pub attempt: u32,
    /// The response's status, unless the request failed.
    pub status: ::std::option::Option<::reqwest::StatusCode>,
    /// Why the request failed, if it did.
    pub error: ::std::option::Option<::std::string::String>,
    /// From sending the request to receiving the response's headers.
    pub elapsed: ::std::time::Duration,
}

/// Credentials and variables shared by every request of a client.
#[doc(hidden)]
#[derive(Clone, Default)]
pub struct Config {
    pub bearer_token: ::std::option::Option<Secret>,
    pub basic: ::std::option::Option<(::std::string::String, Secret)>,
    pub api_key: ::std::option::Option<Secret>,
    pub hook: ::std::option::Option<Hook>,
    pub vars: ::std::collections::BTreeMap<::std::string::String, ::std::string::String>,
    /// Replacements of the hosts requests pin, by the origin the collection writes.
    pub hosts: ::std::collections::BTreeMap<&'static str, ::std::string::String>,
    /// The largest response body read, in bytes; `None` for [`DEFAULT_MAX_BODY`].
    pub max_body: ::std::option::Option<usize>,
    /// When requests are sent again.
    pub retry: Retry,
    /// Where bearer tokens come from when they are fetched (OAuth 2.0) or given by the user's
    /// provider, in place of `bearer_token`.
    pub token_source: ::std::option::Option<TokenSource>,
    /// The user's hooks around each request.
    pub before_send: ::std::option::Option<BeforeSend>,
    pub after_receive: ::std::option::Option<AfterReceive>,
    /// The signers of computed auth schemes, by scheme.
    pub signers: ::std::collections::BTreeMap<&'static str, ::std::sync::Arc<dyn Signer>>,
    /// The variables the collection's scripts set, shared by the client's clones: they win
    /// over `vars`, as an environment's values win over a collection's in Postman.
    pub session: ::std::sync::Arc<::std::sync::RwLock<Session>>,
    /// Told what each response's test scripts did.
    pub script_observer: ::std::option::Option<ScriptObserver>,
    /// Whether the collection's scripts are not run (`Client::with_scripts(false)`).
    pub scripts_off: bool,
    /// Whether pre-request scripts are not run (`Client::with_pre_request_scripts(false)`).
    pub pre_request_off: bool,
}

/// The variables the collection's scripts set, by the Postman scope they write.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct Session {
    /// Local, environment, collection and global values, in [`Scope`] order.
    scopes: [::std::collections::BTreeMap<::std::string::String, ::std::string::String>; 4],
}

impl Session {
    /// A value set in the local, environment or collection scope, the first of them that has
    /// one.
    fn above_collection(&self, name: &str) -> ::std::option::Option<&::std::string::String> {
        self.scopes[..3].iter().find_map(|scope| scope.get(name))
    }

    fn global(&self, name: &str) -> ::std::option::Option<&::std::string::String> {
        self.scopes[3].get(name)
    }

    pub fn set(&mut self, scope: Scope, name: &str, value: ::std::string::String) {
        self.scopes[scope as usize].insert(name.to_string(), value);
    }

    pub fn unset(&mut self, scope: Scope, name: &str) {
        self.scopes[scope as usize].remove(name);
    }

    /// Forgets `name` in every scope.
    // Used by `Client::with_variable`, which only clients of collections with variables have.
    #[allow(dead_code)]
    pub fn forget(&mut self, name: &str) {
        for scope in &mut self.scopes {
            scope.remove(name);
        }
    }

    /// Every variable with the value that wins.
    pub fn merged(&self) -> ::std::collections::BTreeMap<::std::string::String, ::std::string::String> {
        let mut out = ::std::collections::BTreeMap::new();
        for scope in self.scopes.iter().rev() {
            out.extend(scope.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        out
    }
}

/// The user's script observer (`Client::with_script_observer`).
#[doc(hidden)]
pub type ScriptObserver = ::std::sync::Arc<dyn Fn(&ScriptReport) + ::std::marker::Send + ::std::marker::Sync>;

/// The largest response body a client reads unless `Client::with_max_body_size` says otherwise:
/// 64 MiB.
pub const DEFAULT_MAX_BODY: usize = 64 * 1024 * 1024;

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("bearer_token", &self.bearer_token)
            .field("basic", &self.basic.as_ref().map(|(user, password)| (user, password)))
            .field("api_key", &self.api_key)
            .field("hook", &self.hook.as_ref().map(|_| "<hook>"))
            .field("before_send", &self.before_send.as_ref().map(|_| "<hook>"))
            .field("after_receive", &self.after_receive.as_ref().map(|_| "<hook>"))
            .field("vars", &self.vars)
            .field("hosts", &self.hosts)
            .field("max_body", &self.max_body())
            .field("retry", &self.retry)
            .field("token_source", &self.token_source.as_ref().map(|_| "<token source>"))
            .field("signers", &self.signers.keys().collect::<::std::vec::Vec<_>>())
            .field("session", &self.session.read().map(|s| s.merged().into_keys().collect::<::std::vec::Vec<_>>()).unwrap_or_default())
            .finish()
    }
}

impl Config {
    pub(crate) fn max_body(&self) -> usize {
        self.max_body.unwrap_or(DEFAULT_MAX_BODY)
    }

    /// The value of the client variable `key`, with the variables it names substituted. A
    /// dynamic variable (`$guid`, see [`DYNAMIC_VARIABLES`]) that no variable defines has a
    /// fresh value at each use, as in Postman.
    pub(crate) fn value(&self, key: &str) -> ::std::option::Option<::std::string::String> {
        let session = self.session.read().unwrap_or_else(::std::sync::PoisonError::into_inner);
        // Postman's order: local, environment, collection (a script's, then the client's), globals.
        let known = |name: &str| {
            session.above_collection(name).or_else(|| self.vars.get(name)).or_else(|| session.global(name)).cloned().or_else(|| dynamic(name))
        };
        Some(substitute(&known(key)?, known))
    }

    /// A credential with the variables it names substituted: a token written `{{token}}`,
    /// which a script sets, is sent once the script has set it.
    pub(crate) fn secret(&self, secret: &Secret) -> ::std::string::String {
        if secret.0.contains("{{") {
            substitute(&secret.0, |name| self.value(name))
        } else {
            secret.0.clone()
        }
    }

    fn var(&self, key: &str) -> ::std::result::Result<::std::string::String, Error> {
        self.value(key).ok_or_else(|| {
            Error::InvalidRequest(format!("client variable `{key}` has no value: set it on the client"))
        })
    }

    fn resolve(&self, parts: &[Part]) -> ::std::result::Result<::std::string::String, Error> {
        let mut text = ::std::string::String::new();
        for part in parts {
            match part {
                Part::Lit(literal) => text.push_str(literal),
                Part::Var(key) => text.push_str(&self.var(key)?),
                Part::Arg(value) => text.push_str(value),
            }
        }
        Ok(text)
    }
}

/// `text` with each `{{name}}` that `value_of` knows replaced by its value, as Postman
/// substitutes: a value may name another variable, which is substituted too (up to 20 levels
/// deep, so that a variable naming itself ends); a name it does not know stays as written.
pub fn substitute(text: &str, value_of: impl Fn(&str) -> ::std::option::Option<::std::string::String>) -> ::std::string::String {
    let mut text = text.to_string();
    for _ in 0..20 {
        let mut out = ::std::string::String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(start) = rest.find("{{") {
            let name_and_rest = &rest[start + 2..];
            let known = name_and_rest
                .find("}}")
                .map(|end| &name_and_rest[..end])
                .filter(|name| !name.contains(['{', '}']))
                .and_then(|name| Some((name, value_of(name)?)));
            match known {
                Some((name, value)) => {
                    out.push_str(&rest[..start]);
                    out.push_str(&value);
                    rest = &name_and_rest[name.len() + 2..];
                }
                None => {
                    out.push_str(&rest[..start + 2]);
                    rest = name_and_rest;
                }
            }
        }
        out.push_str(rest);
        // A value naming itself twice (`{{a}}{{a}}`) would double at each level.
        if out == text || out.len() > MAX_SUBSTITUTED {
            break;
        }
        text = out;
    }
    text
}

/// The longest text [`substitute`] makes another level of, in bytes: far beyond any real value.
const MAX_SUBSTITUTED: usize = 1 << 20;

/// A piece of a header value or host: literal text, a client variable or an argument.
#[derive(Debug, Clone)]
pub enum Part {
    /// Text from the collection.
    Lit(&'static str),
    /// The value of a client variable, by its name in the collection.
    Var(&'static str),
    /// A value given by the caller.
    Arg(::std::string::String),
}

/// A field of a JSON body that the collection fills with a client variable that has a value:
/// when the caller leaves it out (`None`), the client sends its variable there, as Postman
/// substitutes `{{name}}`. The pointer (RFC 6901) names the field, the second value the
/// variable.
#[derive(Debug, Clone, Copy)]
pub enum JsonVar {
    /// `"{{name}}"`: the variable's value as a string.
    Text(&'static str, &'static str),
    /// `{{name}}` outside quotes: the JSON the variable's value is (a string if it is none).
    Json(&'static str, &'static str),
}

/// The credentials a request carries.
#[derive(Debug, Clone, Copy)]
pub enum Auth {
    /// None.
    None,
    /// `Authorization: Bearer <token>`, when the client has a token.
    Bearer,
    /// `Authorization: Basic ...`, when the client has a user name and password.
    Basic,
    /// The client's API key in this header.
    ApiKeyHeader(&'static str),
    /// The client's API key in this query parameter.
    ApiKeyQuery(&'static str),
    /// A scheme the client's auth hook applies, e.g. `ntlm`.
    Hook(&'static str),
    /// A scheme a [`Signer`] computes (`awsv4`, `edgegrid`, `digest`, `oauth1`, `hawk`), with
    /// the parameters of the collection's auth block that are no secrets (`region`,
    /// `service`, ...; values may name client variables). Without a signer for it, the
    /// client's auth hook signs the request, as for [`Auth::Hook`].
    Signed(&'static str, &'static [(&'static str, &'static str)]),
}

/// Computes the credentials of one auth scheme for a request that is ready to send: a
/// signature over its method, URL, headers and body (AWS Signature Version 4, Akamai EdgeGrid,
/// OAuth 1.0a, Hawk) or the answer to the server's challenge (HTTP Digest). Set with
/// `Client::with_signer`.
pub trait Signer: ::std::marker::Send + ::std::marker::Sync {
    /// The collection's name of the scheme it computes (`awsv4`, `digest`, ...).
    fn scheme(&self) -> &'static str;

    /// Whether the server's challenge decides the credentials (digest): a request refused
    /// with 401 or 403 is then signed again with that answer's headers and sent once more.
    fn answers_challenges(&self) -> bool {
        false
    }

    /// Adds the credentials to `request`, as the collection's auth block `params` (its
    /// parameters that are no secrets, variables substituted) says, and returns whether it did.
    /// `challenge` holds the headers of a 401 or 403 answer to the request, for a scheme that
    /// [answers challenges](Signer::answers_challenges): before it has seen one, such a scheme
    /// returns `Ok(false)` and the request is sent without credentials first, as Postman sends
    /// it.
    ///
    /// # Errors
    ///
    /// Why the request cannot be signed (a parameter it needs, a body it cannot read).
    fn sign(
        &self,
        request: &mut ::reqwest::Request,
        params: &[(&str, ::std::string::String)],
        challenge: ::std::option::Option<&::reqwest::header::HeaderMap>,
    ) -> ::std::result::Result<bool, HookError>;
}
