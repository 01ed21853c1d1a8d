//! Auth blocks: which credentials a request carries, resolved through the collection -> folder ->
//! request chain (`noauth` stops it, a missing block inherits).
//!
//! bearer, oauth2 (its access token), basic and apikey are implemented by the generated client.
//! Other schemes (awsv4, digest, hawk, oauth1, ntlm, edgegrid, jwt, ...) are parsed, reported as a
//! warning, and left to a hook through which the user signs each request.

use serde_json::Value;

use super::context::Lowering;
use crate::collection::Auth;
use crate::model::AuthUse;
use crate::text::vars::whole_variable;

/// A parameter of an auth block, from v2.1's `[{key, value}]` or v2.0's object. Values that are
/// not strings (`true`, numbers) are taken as their JSON text, as Postman does.
pub fn param(auth: &Auth, key: &str) -> Option<String> {
    let text = |value: &Value| match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    };
    match auth.params.get(&auth.kind)? {
        Value::Array(items) => items
            .iter()
            .find(|item| item.get("key").and_then(Value::as_str) == Some(key))
            .and_then(|item| item.get("value"))
            .and_then(text),
        Value::Object(map) => map.get(key).and_then(text),
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
                if self.client_auth.bearer_default.is_none() {
                    self.client_auth.bearer_default = self.default_of(token.as_deref());
                }
                if self.client_auth.bearer_example.is_none() {
                    self.client_auth.bearer_example = self.example_of(token.as_deref());
                }
                self.client_auth.bearer = true;
                AuthUse::Bearer
            }
            "basic" => {
                if self.client_auth.basic_example.is_none() {
                    let user = self.example_of(param(auth, "username").as_deref());
                    let password = self.example_of(param(auth, "password").as_deref());
                    self.client_auth.basic_example = user.zip(password);
                }
                self.client_auth.basic = true;
                AuthUse::Basic
            }
            "apikey" => {
                let name = param(auth, "key").filter(|k| !k.trim().is_empty());
                let Some(name) = name else {
                    self.warn(location, "apikey auth without a `key` (the header or parameter name); sent as `Authorization`");
                    return self.api_key("Authorization".into(), false, auth);
                };
                let in_query = param(auth, "in").as_deref() == Some("query");
                let name = name.trim().to_string();
                if !in_query && !name.bytes().all(super::request::is_token_byte) {
                    self.problem(
                        location,
                        format!("`{name}` is not a valid header name for the API key"),
                    );
                }
                self.api_key(name, in_query, auth)
            }
            other => {
                self.warn(
                    location,
                    format!(
                        "auth type `{other}` is not implemented: the request is sent through the hook set with `Client::with_auth_hook`"
                    ),
                );
                self.client_auth.hook = true;
                AuthUse::Hook {
                    scheme: other.to_string(),
                }
            }
        }
    }

    fn api_key(&mut self, name: String, in_query: bool, auth: &Auth) -> AuthUse {
        if self.client_auth.api_key_default.is_none() {
            self.client_auth.api_key_default = self.default_of(param(auth, "value").as_deref());
        }
        if self.client_auth.api_key_example.is_none() {
            self.client_auth.api_key_example = self.example_of(param(auth, "value").as_deref());
        }
        self.client_auth.api_key = true;
        AuthUse::ApiKey { name, in_query }
    }

    /// A credential's default: the value of the variable it names, when the collection or
    /// environment gives one. Literal credentials in a collection are placeholders or leaked
    /// secrets, so they are never compiled in.
    fn default_of(&self, value: Option<&str>) -> Option<String> {
        let name = whole_variable(value?)?;
        self.value_of(name).map(str::to_string)
    }

    /// The credential Postman sends: the literal, or the value of the variable it names;
    /// `None` when empty or an unknown variable.
    fn example_of(&self, value: Option<&str>) -> Option<String> {
        let value = value?.trim();
        match whole_variable(value) {
            Some(name) => self.value_of(name).map(str::to_string),
            None if value.is_empty() || value.contains("{{") => None,
            None => Some(value.to_string()),
        }
    }
}
