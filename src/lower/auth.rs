//! Auth blocks: which credentials a request carries, resolved through the collection -> folder ->
//! request chain (`noauth` stops it, a missing block inherits).
//!
//! bearer, oauth2 (its access token), basic and apikey are implemented by the generated client.
//! Other schemes (awsv4, digest, hawk, oauth1, ntlm, edgegrid, jwt, ...) are parsed, reported as a
//! warning, and left to a hook through which the user signs each request.

use crate::error::Kind;
use serde_json::Value;

use super::context::{Found, Lowering};
use crate::collection::Auth;
use crate::model::calls::{TEST_API_KEY, TEST_PASSWORD, TEST_TOKEN, TEST_USER};
use crate::model::{AuthUse, ClientAuth, Credential, CredentialArg, CredentialKind, OAuth2Setup};
use crate::text::vars::whole_variable;

/// The setters of `Client`'s credentials: `client.rs.jinja` defines each one the client needs.
pub(super) const BEARER_SETTER: &str = "with_bearer_token";
pub(super) const BASIC_SETTER: &str = "with_basic_auth";
pub(super) const API_KEY_SETTER: &str = "with_api_key";
pub(super) const HOOK_SETTER: &str = "with_auth_hook";

impl Found {
    /// The client's credentials, in the order `Client` defines their setters.
    pub(super) fn client_auth(self) -> ClientAuth {
        let arg =
            |name: &str, doc: &str, test: &str, env: &str, example: Option<String>| CredentialArg {
                // Always found with the scheme; empty is what Postman sends without one.
                example: example.unwrap_or_default(),
                name: name.into(),
                doc: doc.into(),
                test: test.into(),
                env: env.into(),
            };
        let (user, password) = self.basic_example.unzip();
        let mut credentials = Vec::new();
        if self.bearer {
            let token = arg(
                "token",
                "access token",
                TEST_TOKEN,
                "BEARER_TOKEN",
                self.bearer_example,
            );
            credentials.push((CredentialKind::Bearer, BEARER_SETTER, vec![token]));
        }
        if self.basic {
            let user = arg("user", "user", TEST_USER, "BASIC_USER", user);
            let password = arg(
                "password",
                "password",
                TEST_PASSWORD,
                "BASIC_PASSWORD",
                password,
            );
            credentials.push((CredentialKind::Basic, BASIC_SETTER, vec![user, password]));
        }
        if self.api_key {
            let key = arg(
                "key",
                "api key",
                TEST_API_KEY,
                "API_KEY",
                self.api_key_example,
            );
            credentials.push((CredentialKind::ApiKey, API_KEY_SETTER, vec![key]));
        }
        if self.hook {
            credentials.push((CredentialKind::Hook, HOOK_SETTER, Vec::new()));
        }
        let credentials: Vec<Credential> = credentials
            .into_iter()
            .map(|(kind, setter, args)| Credential {
                kind,
                setter: setter.into(),
                args,
            })
            .collect();
        ClientAuth {
            // The crate docs show a client with the first credential a user fills in.
            shown: credentials
                .iter()
                .map(|c| c.kind)
                .find(|kind| *kind != CredentialKind::Hook),
            credentials,
            bearer_default: self.bearer_default,
            oauth2: self.oauth2,
            signed: self.signed.into_iter().collect(),
            api_key_default: self.api_key_default,
        }
    }
}

/// The schemes the runtime computes (`runtime/src/runtime/signing.rs`), each with the
/// parameters of its auth block that requests pass to its signer: those that are no secrets.
/// The secrets (keys, passwords) are the user's, given to the signer.
pub(crate) const SIGNED: &[(&str, &[&str])] = &[
    ("awsv4", &["region", "service", "addAuthDataToQuery"]),
    ("edgegrid", &["headersToSign", "timestamp", "nonce"]),
    ("digest", &["algorithm", "qop", "nonceCount", "clientNonce"]),
    (
        "oauth1",
        &[
            "signatureMethod",
            "version",
            "realm",
            "timestamp",
            "nonce",
            "addParamsToHeader",
            "includeBodyHash",
            "callback",
            "verifier",
        ],
    ),
    (
        "hawk",
        &[
            "algorithm",
            "timestamp",
            "nonce",
            "extraData",
            "app",
            "delegation",
            "includePayloadHash",
        ],
    ),
];

/// The token endpoint settings of an `oauth2` block; `None` without a token URL, or for the
/// implicit grant, whose tokens only a browser gets.
fn oauth2_setup(auth: &Auth, base_host: Option<&str>) -> Option<OAuth2Setup> {
    let token_url = param(auth, "accessTokenUrl").filter(|url| !url.trim().is_empty())?;
    let grant = param(auth, "grant_type").unwrap_or_else(|| "authorization_code".into());
    let (call, grant) = match grant.as_str() {
        "client_credentials" => (
            "client_credentials(client_id, client_secret)",
            "client credentials",
        ),
        "password_credentials" | "password" => (
            "password(client_id, client_secret, username, password)",
            "password",
        ),
        "authorization_code" => (
            "authorization_code(client_id, client_secret, code, redirect_uri)",
            "authorization code",
        ),
        "authorization_code_with_pkce" => (
            "authorization_code(client_id, client_secret, code, redirect_uri).with_code_verifier(verifier)",
            "authorization code with PKCE",
        ),
        _ => return None,
    };
    let scope = param(auth, "scope").filter(|scope| !scope.trim().is_empty());
    let shown = |text: &str| text.replace('`', "'");
    let docs = format!(
        "The collection's OAuth 2.0 settings: the token endpoint `{}`{}, {}. The collection uses the {grant} grant: give them the credentials with `.{call}` and pass them to [`Client::with_oauth2`].",
        shown(&token_url),
        scope
            .as_deref()
            .map(|s| format!(", the scope `{}`", shown(s)))
            .unwrap_or_default(),
        match param(auth, "client_authentication").as_deref() {
            Some("body") => "the client's id and secret sent in the form body",
            _ => "the client's id and secret sent as an `Authorization: Basic` header",
        },
    );
    let path = base_host
        .and_then(|host| token_url.strip_prefix(host.trim_end_matches('/')))
        .filter(|path| path.starts_with('/'));
    Some(OAuth2Setup {
        in_body: param(auth, "client_authentication").as_deref() == Some("body"),
        on_base_url: path.is_some(),
        token_url: path.map_or(token_url.clone(), str::to_string),
        scope,
        docs,
    })
}

/// The credential the client sends for a request with `auth`.
pub(super) fn credential(auth: &AuthUse) -> Option<CredentialKind> {
    match auth {
        AuthUse::None => None,
        AuthUse::Bearer => Some(CredentialKind::Bearer),
        AuthUse::Basic => Some(CredentialKind::Basic),
        AuthUse::ApiKey { .. } => Some(CredentialKind::ApiKey),
        AuthUse::Hook { .. } | AuthUse::Signed { .. } => Some(CredentialKind::Hook),
    }
}

/// A parameter of an auth block, from v2.1's `[{key, value}]` or v2.0's object. Values that are
/// not strings (`true`, numbers) are taken as their JSON text, as Postman does.
pub fn param(auth: &Auth, key: &str) -> Option<String> {
    match param_value(auth, key)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// A parameter of an auth block as JSON.
fn param_value<'a>(auth: &'a Auth, key: &str) -> Option<&'a Value> {
    match auth.params.get(&auth.kind)? {
        Value::Array(items) => items
            .iter()
            .find(|item| item.get("key").and_then(Value::as_str) == Some(key))
            .and_then(|item| item.get("value")),
        Value::Object(map) => map.get(key),
        _ => None,
    }
}

impl Lowering {
    /// What the client attaches for a request whose effective auth block is `auth`.
    pub(super) fn auth(&mut self, auth: Option<&Auth>, location: &str) -> AuthUse {
        let Some(auth) = auth else {
            return AuthUse::None;
        };
        match auth.kind.as_str() {
            "noauth" | "" => AuthUse::None,
            "bearer" | "oauth2" => {
                let token = param(
                    auth,
                    if auth.kind == "bearer" {
                        "token"
                    } else {
                        "accessToken"
                    },
                );
                if self.found.bearer_default.is_none() {
                    self.found.bearer_default = self.default_of(token.as_deref());
                }
                if self.found.bearer_example.is_none() {
                    self.found.bearer_example = Some(Self::example_of(token.as_deref()));
                }
                if auth.kind == "oauth2" && self.found.oauth2.is_none() {
                    self.found.oauth2 = oauth2_setup(auth, self.base_host.as_deref());
                    // Variables in the token URL and scope are the client's, with setters.
                    let setup = self.found.oauth2.clone();
                    for text in setup
                        .iter()
                        .flat_map(|s| [Some(&s.token_url), s.scope.as_ref()])
                        .flatten()
                    {
                        self.register_vars(text);
                    }
                }
                self.found.bearer = true;
                AuthUse::Bearer
            }
            "basic" => {
                if self.found.basic_example.is_none() {
                    let user = Self::example_of(param(auth, "username").as_deref());
                    let password = Self::example_of(param(auth, "password").as_deref());
                    self.found.basic_example = Some((user, password));
                }
                self.found.basic = true;
                AuthUse::Basic
            }
            "apikey" => {
                let name = param(auth, "key").filter(|k| !k.trim().is_empty());
                let Some(name) = name else {
                    self.warn(Kind::Unsupported, location, "apikey auth without a `key` (the header or parameter name); sent as `Authorization`");
                    return self.api_key("Authorization".into(), false, auth);
                };
                let in_query = param(auth, "in").as_deref() == Some("query");
                let name = name.trim().to_string();
                if !in_query && !name.bytes().all(super::request::is_token_byte) {
                    let message = format!("`{name}` is not a valid header name for the API key");
                    // Not strict: the requests are generated and sent without the key.
                    self.leave_out(location, message, "the API key");
                    if !self.strict {
                        return AuthUse::None;
                    }
                }
                self.api_key(name, in_query, auth)
            }
            scheme if SIGNED.iter().any(|(name, _)| *name == scheme) => {
                let kept = SIGNED
                    .iter()
                    .find(|(name, _)| *name == scheme)
                    .map_or(&[][..], |(_, kept)| kept);
                // Postman reads switches by JavaScript truthiness: only JSON `false` is off
                // (the text "false" is on), which the runtime reads as empty and not.
                let params: Vec<(String, String)> = kept
                    .iter()
                    .filter_map(|key| {
                        let value = match param_value(auth, key)? {
                            Value::Bool(false) => String::new(),
                            _ => param(auth, key)?,
                        };
                        Some((key.to_string(), value))
                    })
                    .collect();
                // Variables in them are the client's, set with their setters.
                for (_, value) in &params {
                    self.register_vars(value);
                }
                self.found.signed.insert(scheme.to_string());
                // A user without the scheme's credentials may still sign in a hook.
                self.found.hook = true;
                AuthUse::Signed {
                    scheme: scheme.to_string(),
                    params,
                }
            }
            other => {
                self.warn(
                    Kind::Unsupported,
                    location,
                    format!(
                        "auth type `{other}` is not implemented: the request is sent through the hook set with `Client::with_auth_hook`"
                    ),
                );
                self.found.hook = true;
                AuthUse::Hook {
                    scheme: other.to_string(),
                }
            }
        }
    }

    /// Makes each variable `text` names a client variable, which the client resolves when it
    /// needs the text.
    fn register_vars(&mut self, text: &str) {
        for part in crate::text::vars::split(text) {
            if let crate::text::vars::Part::Var(name) = part {
                self.client_var(name);
            }
        }
    }

    fn api_key(&mut self, name: String, in_query: bool, auth: &Auth) -> AuthUse {
        if self.found.api_key_default.is_none() {
            self.found.api_key_default = self.default_of(param(auth, "value").as_deref());
        }
        if self.found.api_key_example.is_none() {
            self.found.api_key_example = Some(Self::example_of(param(auth, "value").as_deref()));
        }
        self.found.api_key = true;
        AuthUse::ApiKey { name, in_query }
    }

    /// A credential's default: the value of the variable it names, when the collection or
    /// environment gives one. Literal credentials in a collection are placeholders or leaked
    /// secrets, so they are never compiled in.
    fn default_of(&self, value: Option<&str>) -> Option<String> {
        let name = whole_variable(value?)?;
        self.client_value_of(name).map(str::to_string)
    }

    /// The credential Postman sends, as written: `replay` substitutes its variables when it
    /// runs (a variable nothing gives a value is sent as written, as Postman sends it). An
    /// absent value is empty, which Postman sends too (an empty API key header, basic
    /// credentials `:`), except as a bearer token.
    fn example_of(value: Option<&str>) -> String {
        value.unwrap_or("").trim().to_string()
    }
}
