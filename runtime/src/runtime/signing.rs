// The computed auth schemes: AWS Signature Version 4, Akamai EdgeGrid, HTTP Digest, OAuth 1.0a
// and Hawk, each a `Signer` over the request as it is about to be sent, computed as Postman's
// runner computes it (postman-runtime's `lib/authorizer/*.js`).
//
// Included into the `runtime` module of a generated client only when its collection uses one
// of them (it then depends on hmac, md-5, sha1 and sha2; base64 every client has), and always in this crate,
// where `src/tests/signing.rs` checks each against its specification's published vectors.
// Items only, without `//!` docs or inner attributes; comments like this one are dropped. Not
// formatted by rustfmt, which would change the code postgen writes.
//
// Written here over RustCrypto's hashes rather than taken from scheme crates: `aws-sigv4`
// brings the AWS SDK's HTTP and time types, and Postman's choices (which headers are signed,
// where parameters go, the header's layout) must be followed exactly, which the vectors and
// the wire tests hold.

use ::base64::Engine as _;
use ::hmac::Mac as _;
use ::sha2::Digest as _;

/// Lowercase hexadecimal.
fn hex(bytes: &[u8]) -> ::std::string::String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256(data: &[u8]) -> ::std::vec::Vec<u8> {
    ::sha2::Sha256::digest(data).to_vec()
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> ::std::vec::Vec<u8> {
    let mut mac = <::hmac::Hmac<::sha2::Sha256> as ::hmac::Mac>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hmac_sha1(key: &[u8], data: &[u8]) -> ::std::vec::Vec<u8> {
    let mut mac = <::hmac::Hmac<::sha1::Sha1> as ::hmac::Mac>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn base64(bytes: &[u8]) -> ::std::string::String {
    ::base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The value of the auth block's parameter `name`, when it is set and not empty.
fn param<'a>(params: &'a [(&str, ::std::string::String)], name: &str) -> ::std::option::Option<&'a str> {
    params.iter().find(|(key, _)| *key == name).map(|(_, value)| value.as_str()).filter(|value| !value.is_empty())
}

/// The bytes of the request's body (none is empty); a stream cannot be signed.
fn body_of(request: &::reqwest::Request) -> ::std::result::Result<&[u8], HookError> {
    match request.body() {
        None => Ok(&[]),
        Some(body) => body.as_bytes().ok_or_else(|| "a streamed body (multipart, a file) cannot be signed".into()),
    }
}

/// `host`, or `host:port` when the URL names a port other than its scheme's: the `Host` header.
fn host_of(url: &::reqwest::Url) -> ::std::string::String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// Seconds since 1970, or the time `fixed` says (a signer's `with_time`).
fn unix_time(fixed: ::std::option::Option<::std::time::SystemTime>) -> ::std::time::Duration {
    fixed.unwrap_or_else(::std::time::SystemTime::now).duration_since(::std::time::UNIX_EPOCH).unwrap_or_default()
}

/// `request` without the query parameters `names` (a signer's own, which a next page's URL from
/// the server may still carry), as Postman removes them before signing.
fn without_params(request: &mut ::reqwest::Request, names: &[&str]) {
    let Some(query) = request.url().query() else {
        return;
    };
    let kept: ::std::vec::Vec<&str> = query
        .split('&')
        .filter(|pair| !names.contains(&pair.split_once('=').map_or(*pair, |(name, _)| name)))
        .collect();
    let kept = kept.join("&");
    request.url_mut().set_query((!kept.is_empty()).then_some(kept.as_str()));
}

/// The query parameters SigV4 and OAuth 1.0 put their credentials in.
const AWS_PARAMS: &[&str] = &["X-Amz-Security-Token", "X-Amz-Date", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-SignedHeaders", "X-Amz-Signature"];
const OAUTH1_PARAMS: &[&str] = &[
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_signature",
    "oauth_callback",
    "oauth_verifier",
    "oauth_body_hash",
];

/// Bytes RFC 3986 leaves unreserved: everything else is percent-encoded in signatures.
const UNRESERVED: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn rfc3986(text: &str) -> ::std::string::String {
    ::percent_encoding::utf8_percent_encode(text, UNRESERVED).to_string()
}

/// AWS Signature Version 4 (`awsv4`): the request is signed with an access key for the
/// region and service the collection names, as Postman's runner signs it (the `aws4`
/// library): `X-Amz-Date`, `X-Amz-Security-Token` with a session token, and `Authorization:
/// AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` over the method, path,
/// query, headers and a SHA-256 of the body.
#[derive(Clone)]
pub struct AwsV4 {
    access_key: ::std::string::String,
    secret_key: Secret,
    session_token: ::std::option::Option<Secret>,
    time: ::std::option::Option<::std::time::SystemTime>,
}

impl fmt::Debug for AwsV4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsV4").field("access_key", &self.access_key).finish_non_exhaustive()
    }
}

impl AwsV4 {
    /// Signs with the access key `access_key` and its secret.
    pub fn new(access_key: impl ::std::convert::Into<::std::string::String>, secret_key: impl ::std::convert::Into<::std::string::String>) -> Self {
        AwsV4 { access_key: access_key.into(), secret_key: Secret(secret_key.into()), session_token: None, time: None }
    }

    /// Sends the temporary credentials' session token too (`X-Amz-Security-Token`).
    pub fn with_session_token(mut self, token: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.session_token = Some(Secret(token.into()));
        self
    }

    /// Signs as at `time` instead of now: for reproducible signatures and tests.
    pub fn with_time(mut self, time: ::std::time::SystemTime) -> Self {
        self.time = Some(time);
        self
    }
}

impl Signer for AwsV4 {
    fn scheme(&self) -> &'static str {
        "awsv4"
    }

    fn sign(
        &self,
        request: &mut ::reqwest::Request,
        params: &[(&str, ::std::string::String)],
        _challenge: ::std::option::Option<&::reqwest::header::HeaderMap>,
    ) -> ::std::result::Result<bool, HookError> {
        without_params(request, AWS_PARAMS);
        let region = param(params, "region").unwrap_or("us-east-1");
        let service = param(params, "service").unwrap_or("execute-api");
        let (year, month, day, hour, minute, second) = civil(unix_time(self.time));
        let date = format!("{year:04}{month:02}{day:02}");
        let amz_date = format!("{date}T{hour:02}{minute:02}{second:02}Z");
        let scope = format!("{date}/{region}/{service}/aws4_request");
        let key = [date.as_str(), region, service, "aws4_request"]
            .iter()
            .fold(format!("AWS4{}", self.secret_key.0).into_bytes(), |key, part| hmac_sha256(&key, part.as_bytes()));
        let signature_of = |canonical: &AwsCanonical| {
            let to_sign = format!("AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}", hex(&sha256(canonical.request.as_bytes())));
            hex(&hmac_sha256(&key, to_sign.as_bytes()))
        };
        if param(params, "addAuthDataToQuery").is_some() {
            // A presigned URL, as Postman makes it: the credentials in the query, after the
            // request's own parameters; the body is not signed.
            let signed_headers = aws_canonical(request, service, "").headers;
            let mut added: ::std::vec::Vec<(&str, ::std::string::String)> = ::std::vec::Vec::new();
            if let Some(token) = &self.session_token {
                added.push(("X-Amz-Security-Token", token.0.clone()));
            }
            if service == "s3" {
                added.push(("X-Amz-Expires", "86400".into()));
            }
            added.push(("X-Amz-Date", amz_date.clone()));
            added.push(("X-Amz-Algorithm", "AWS4-HMAC-SHA256".into()));
            added.push(("X-Amz-Credential", format!("{}/{scope}", self.access_key)));
            added.push(("X-Amz-SignedHeaders", signed_headers));
            let append = |request: &mut ::reqwest::Request, pairs: &[(&str, ::std::string::String)]| {
                let pairs = pairs.iter().map(|(name, value)| format!("{name}={}", rfc3986(value))).collect::<::std::vec::Vec<_>>().join("&");
                let query = match request.url().query().filter(|query| !query.is_empty()) {
                    Some(query) => format!("{query}&{pairs}"),
                    None => pairs,
                };
                request.url_mut().set_query(Some(&query));
            };
            append(request, &added);
            let payload = match service {
                "s3" => "UNSIGNED-PAYLOAD".to_string(),
                _ => hex(&sha256(b"")),
            };
            let signature = signature_of(&aws_canonical(request, service, &payload));
            append(request, &[("X-Amz-Signature", signature)]);
            return Ok(true);
        }
        // As Postman: a body it can read (not multipart) is hashed into `X-Amz-Content-Sha256`,
        // which is signed; S3 always gets the header, the hash of nothing without a body.
        let body_hash = match request.body() {
            Some(body) => body.as_bytes().filter(|bytes| !bytes.is_empty()).map(|bytes| hex(&sha256(bytes))),
            None => None,
        };
        let body_hash = body_hash.or_else(|| (service == "s3").then(|| hex(&sha256(b""))));
        let payload_hash = body_hash.clone().unwrap_or_else(|| hex(&sha256(b"")));
        let headers = request.headers_mut();
        for name in ["x-amz-date", "x-amz-security-token", "x-amz-content-sha256"] {
            headers.remove(name);
        }
        if let Some(hash) = body_hash {
            headers.insert("x-amz-content-sha256", header_value("X-Amz-Content-Sha256", hash).map_err(|e| e.to_string())?);
        }
        if let Some(token) = &self.session_token {
            headers.insert("x-amz-security-token", header_value("X-Amz-Security-Token", token.0.clone()).map_err(|e| e.to_string())?);
        }
        headers.insert("x-amz-date", header_value("X-Amz-Date", amz_date.clone()).map_err(|e| e.to_string())?);
        let signed = aws_canonical(request, service, &payload_hash);
        let signature = signature_of(&signed);
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={}, Signature={signature}",
            self.access_key, signed.headers
        );
        let mut value = header_value("Authorization", authorization).map_err(|e| e.to_string())?;
        value.set_sensitive(true);
        request.headers_mut().insert(::reqwest::header::AUTHORIZATION, value);
        Ok(true)
    }
}

/// A canonical request of SigV4 and the names of the headers it signs.
struct AwsCanonical {
    request: ::std::string::String,
    headers: ::std::string::String,
}

/// Headers SigV4 never signs, as the `aws4` library leaves them out.
const AWS_UNSIGNED: &[&str] = &["authorization", "connection", "x-amzn-trace-id", "user-agent", "expect", "presigned-expires", "range"];

/// The canonical request of SigV4 for `request` (with `Host` from its URL), with the body's
/// hash `body_hash`, as the `aws4` library Postman uses makes it: a path other than S3's is
/// normalized and each segment of its wire form encoded again (so encoded twice, as AWS
/// specifies); the query is decoded as a form (`+` is a space) and encoded again, sorted.
fn aws_canonical(request: &::reqwest::Request, service: &str, body_hash: &str) -> AwsCanonical {
    let url = request.url();
    let decoded = |text: &str| ::percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned();
    let path = match (service, url.path()) {
        (_, "/") => "/".to_string(),
        ("s3", path) => path.split('/').map(|segment| rfc3986(&decoded(segment))).collect::<::std::vec::Vec<_>>().join("/").replace("%2F", "/"),
        (_, path) => {
            let mut segments: ::std::vec::Vec<&str> = ::std::vec::Vec::new();
            let trailing = path.ends_with('/');
            for segment in path.split('/').filter(|segment| !segment.is_empty()) {
                match segment {
                    "." => {}
                    ".." => {
                        segments.pop();
                    }
                    segment => segments.push(segment),
                }
            }
            let encoded: ::std::vec::Vec<::std::string::String> = segments.iter().map(|segment| rfc3986(segment)).collect();
            let mut path = format!("/{}", encoded.join("/"));
            if trailing && path != "/" {
                path.push('/');
            }
            path
        }
    };
    let query = url.query().unwrap_or_default();
    let mut query: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, value)| (rfc3986(&decoded(name)), rfc3986(&decoded(value))))
        .collect();
    query.sort();
    let query = query.iter().map(|(name, value)| format!("{name}={value}")).collect::<::std::vec::Vec<_>>().join("&");
    let mut headers: ::std::collections::BTreeMap<::std::string::String, ::std::vec::Vec<::std::string::String>> = ::std::collections::BTreeMap::new();
    headers.insert("host".into(), ::std::vec![host_of(url)]);
    for (name, value) in request.headers() {
        if AWS_UNSIGNED.contains(&name.as_str()) {
            continue;
        }
        let value = ::std::string::String::from_utf8_lossy(value.as_bytes());
        let value = value.split_whitespace().collect::<::std::vec::Vec<_>>().join(" ");
        headers.entry(name.as_str().to_string()).or_default().push(value);
    }
    let canonical_headers: ::std::string::String = headers.iter().map(|(name, values)| format!("{name}:{}\n", values.join(","))).collect();
    let signed_headers = headers.keys().cloned().collect::<::std::vec::Vec<_>>().join(";");
    AwsCanonical {
        request: format!("{}\n{path}\n{query}\n{canonical_headers}\n{signed_headers}\n{body_hash}", request.method()),
        headers: signed_headers,
    }
}

/// A random nonce of `len` letters and digits, as Postman's runner makes them.
fn random_nonce(len: usize) -> ::std::string::String {
    (0..len).map(|_| ::fastrand::alphanumeric()).collect()
}

/// OAuth 1.0a (`oauth1`, RFC 5849): the request is signed with a consumer key and secret, and
/// a token and its secret when there is one, by HMAC-SHA1 (the default), HMAC-SHA256 or
/// PLAINTEXT, over its method, URL, query and form body, as the collection's block says
/// (`signatureMethod`, `realm`, `version`, a fixed `timestamp` or `nonce`).
#[derive(Clone)]
pub struct OAuth1 {
    consumer_key: ::std::string::String,
    consumer_secret: Secret,
    token: ::std::option::Option<(::std::string::String, Secret)>,
    time: ::std::option::Option<::std::time::SystemTime>,
}

impl fmt::Debug for OAuth1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth1").field("consumer_key", &self.consumer_key).finish_non_exhaustive()
    }
}

impl OAuth1 {
    /// Signs as the consumer `consumer_key`, with its secret.
    pub fn new(consumer_key: impl ::std::convert::Into<::std::string::String>, consumer_secret: impl ::std::convert::Into<::std::string::String>) -> Self {
        OAuth1 { consumer_key: consumer_key.into(), consumer_secret: Secret(consumer_secret.into()), token: None, time: None }
    }

    /// Signs with the access token `token` and its secret too.
    pub fn with_token(mut self, token: impl ::std::convert::Into<::std::string::String>, token_secret: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.token = Some((token.into(), Secret(token_secret.into())));
        self
    }

    /// Signs as at `time` instead of now: for reproducible signatures and tests.
    pub fn with_time(mut self, time: ::std::time::SystemTime) -> Self {
        self.time = Some(time);
        self
    }
}

impl Signer for OAuth1 {
    fn scheme(&self) -> &'static str {
        "oauth1"
    }

    fn sign(
        &self,
        request: &mut ::reqwest::Request,
        params: &[(&str, ::std::string::String)],
        _challenge: ::std::option::Option<&::reqwest::header::HeaderMap>,
    ) -> ::std::result::Result<bool, HookError> {
        without_params(request, OAUTH1_PARAMS);
        // Without a method, Postman signs with HMAC-SHA1 but names none.
        let named = param(params, "signatureMethod");
        let method = named.unwrap_or("HMAC-SHA1").trim_end_matches("-Accessor").to_string();
        let timestamp = param(params, "timestamp").map_or_else(|| unix_time(self.time).as_secs().to_string(), str::to_string);
        let nonce = param(params, "nonce").map_or_else(|| random_nonce(11), str::to_string);
        let form = param(params, "bodyMode") == Some("urlencoded");
        let body_hash = match (param(params, "includeBodyHash"), method.as_str(), form) {
            (Some(_), "HMAC-SHA1", false) => Some(base64(&::sha1::Sha1::digest(body_of(request)?))),
            (Some(_), "HMAC-SHA256", false) => Some(base64(&sha256(body_of(request)?))),
            (Some(_), "HMAC-SHA512", false) => Some(base64(&::sha2::Sha512::digest(body_of(request)?))),
            _ => None,
        };
        // In Postman's order; what has no value is left out.
        let oauth: ::std::vec::Vec<(&str, ::std::string::String)> = [
            ("oauth_consumer_key", Some(self.consumer_key.clone())),
            ("oauth_token", self.token.as_ref().map(|(token, _)| token.clone())),
            ("oauth_signature_method", Some(method.clone())),
            ("oauth_timestamp", Some(timestamp)),
            ("oauth_nonce", Some(nonce)),
            ("oauth_version", param(params, "version").map(str::to_string)),
            ("oauth_body_hash", body_hash),
            ("oauth_callback", param(params, "callback").map(str::to_string)),
            ("oauth_verifier", param(params, "verifier").map(str::to_string)),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value.filter(|value| !value.is_empty())?)))
        .collect();
        let key = format!(
            "{}&{}",
            rfc3986(&self.consumer_secret.0),
            self.token.as_ref().map(|(_, secret)| rfc3986(&secret.0)).unwrap_or_default()
        );
        let signature = match method.as_str() {
            "PLAINTEXT" => key,
            "HMAC-SHA1" | "HMAC-SHA256" | "HMAC-SHA512" => {
                let base = oauth1_base_string(request, &oauth, form)?;
                let mac = match method.as_str() {
                    "HMAC-SHA1" => hmac_sha1(key.as_bytes(), base.as_bytes()),
                    "HMAC-SHA256" => hmac_sha256(key.as_bytes(), base.as_bytes()),
                    _ => {
                        let mut mac = <::hmac::Hmac<::sha2::Sha512> as ::hmac::Mac>::new_from_slice(key.as_bytes()).expect("HMAC takes any key");
                        mac.update(base.as_bytes());
                        mac.finalize().into_bytes().to_vec()
                    }
                };
                base64(&mac)
            }
            other => return Err(format!("the signature method {other} is not one the client computes (HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, PLAINTEXT)").into()),
        };
        let sent = oauth
            .into_iter()
            .filter(|(name, _)| named.is_some() || *name != "oauth_signature_method")
            .chain([("oauth_signature", signature)]);
        let in_header = param(params, "addParamsToHeader").is_some();
        let in_body = !in_header && form && matches!(request.method().as_str(), "POST" | "PUT");
        if in_header {
            let realm = param(params, "realm").map(str::trim).filter(|realm| !realm.is_empty()).map(|realm| format!("realm=\"{}\"", rfc3986(realm)));
            let fields = realm.into_iter().chain(sent.map(|(name, value)| format!("{name}=\"{}\"", rfc3986(value.trim()))));
            let header = format!("OAuth {}", fields.collect::<::std::vec::Vec<_>>().join(","));
            let mut value = header_value("Authorization", header).map_err(|e| e.to_string())?;
            value.set_sensitive(true);
            request.headers_mut().insert(::reqwest::header::AUTHORIZATION, value);
        } else {
            let pairs: ::std::vec::Vec<::std::string::String> = sent.map(|(name, value)| format!("{}={}", rfc3986(name), rfc3986(&value))).collect();
            match in_body {
                true => {
                    let body = ::std::str::from_utf8(body_of(request)?).map_err(|_| "the form body is not UTF-8")?;
                    let body = match body.is_empty() {
                        true => pairs.join("&"),
                        false => format!("{body}&{}", pairs.join("&")),
                    };
                    *request.body_mut() = Some(body.into());
                }
                false => {
                    let query = match request.url().query().filter(|query| !query.is_empty()) {
                        Some(query) => format!("{query}&{}", pairs.join("&")),
                        None => pairs.join("&"),
                    };
                    request.url_mut().set_query(Some(&query));
                }
            }
        }
        Ok(true)
    }
}

/// The signature base string of RFC 5849 section 3.4.1, as Postman's `node-oauth1` makes it:
/// the method, the URL without its query (scheme and host in lower case, without port 80 or
/// 443), and every parameter (query and urlencoded body read as forms, `oauth_*`) encoded,
/// sorted and joined.
fn oauth1_base_string(request: &::reqwest::Request, oauth: &[(&str, ::std::string::String)], form: bool) -> ::std::result::Result<::std::string::String, HookError> {
    let url = request.url();
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let host = match url.port_or_known_default() {
        Some(80 | 443) | None => host,
        Some(port) => format!("{host}:{port}"),
    };
    let path = match url.path() {
        "" => "/",
        path => path,
    };
    let base_url = format!("{}://{host}{path}", url.scheme().to_ascii_lowercase());
    let decoded = |text: &str| ::percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned();
    let pairs_of = |text: &str| {
        text.split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (rfc3986(&decoded(name)), rfc3986(&decoded(value)))
            })
            .collect::<::std::vec::Vec<_>>()
    };
    let mut pairs = pairs_of(url.query().unwrap_or_default());
    if form {
        pairs.extend(pairs_of(::std::str::from_utf8(body_of(request)?).map_err(|_| "the form body is not UTF-8")?));
    }
    pairs.extend(oauth.iter().map(|(name, value)| (rfc3986(name), rfc3986(value))));
    pairs.sort();
    let normalized = pairs.iter().map(|(name, value)| format!("{name}={value}")).collect::<::std::vec::Vec<_>>().join("&");
    Ok(format!("{}&{}&{}", request.method(), rfc3986(&base_url), rfc3986(&normalized)))
}

/// Hawk (`hawk`): the request is signed with a key id and key (SHA-256 by default, or SHA-1)
/// over its time, a nonce, method, path, host and port, and the collection's `extraData`
/// (`ext`), `app` and `delegation` (`dlg`); with `includePayloadHash`, over a hash of the body
/// too. The header: `Hawk id="...", ts="...", nonce="...", hash="...", ext="...", mac="..."`.
#[derive(Clone)]
pub struct Hawk {
    id: ::std::string::String,
    key: Secret,
    time: ::std::option::Option<::std::time::SystemTime>,
}

impl fmt::Debug for Hawk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hawk").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Hawk {
    /// Signs with the key `key` of id `id`.
    pub fn new(id: impl ::std::convert::Into<::std::string::String>, key: impl ::std::convert::Into<::std::string::String>) -> Self {
        Hawk { id: id.into(), key: Secret(key.into()), time: None }
    }

    /// Signs as at `time` instead of now: for reproducible signatures and tests.
    pub fn with_time(mut self, time: ::std::time::SystemTime) -> Self {
        self.time = Some(time);
        self
    }
}

impl Signer for Hawk {
    fn scheme(&self) -> &'static str {
        "hawk"
    }

    fn sign(
        &self,
        request: &mut ::reqwest::Request,
        params: &[(&str, ::std::string::String)],
        _challenge: ::std::option::Option<&::reqwest::header::HeaderMap>,
    ) -> ::std::result::Result<bool, HookError> {
        let sha1 = match param(params, "algorithm").unwrap_or("sha256") {
            "sha256" => false,
            "sha1" => true,
            other => return Err(format!("the Hawk algorithm {other} is not one the client computes (sha256, sha1)").into()),
        };
        let mac_of = |data: &[u8]| match sha1 {
            true => hmac_sha1(self.key.0.as_bytes(), data),
            false => hmac_sha256(self.key.0.as_bytes(), data),
        };
        let ts = param(params, "timestamp").map_or_else(|| unix_time(self.time).as_secs().to_string(), str::to_string);
        let nonce = param(params, "nonce").map_or_else(|| random_nonce(6), str::to_string);
        let ext = param(params, "extraData").unwrap_or_default();
        let (app, dlg) = (param(params, "app"), param(params, "delegation"));
        let hash = match param(params, "includePayloadHash") {
            Some(_) => {
                let content_type = request
                    .headers()
                    .get(::reqwest::header::CONTENT_TYPE)
                    .and_then(|value| value.to_str().ok())
                    .map(|value| value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
                    .unwrap_or_default();
                let mut payload = format!("hawk.1.payload\n{content_type}\n").into_bytes();
                payload.extend_from_slice(body_of(request)?);
                payload.push(b'\n');
                let digest = match sha1 {
                    true => ::sha1::Sha1::digest(&payload).to_vec(),
                    false => sha256(&payload),
                };
                Some(base64(&digest))
            }
            _ => None,
        };
        let url = request.url();
        let resource = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        };
        let port = url.port_or_known_default().unwrap_or_default();
        let escaped_ext = ext.replace('\\', "\\\\").replace('\n', "\\n");
        let mut normalized = format!(
            "hawk.1.header\n{ts}\n{nonce}\n{}\n{resource}\n{}\n{port}\n{}\n{escaped_ext}\n",
            request.method(),
            url.host_str().unwrap_or_default().to_ascii_lowercase(),
            hash.as_deref().unwrap_or_default(),
        );
        if let Some(app) = app {
            normalized.push_str(&format!("{app}\n{}\n", dlg.unwrap_or_default()));
        }
        let mac = base64(&mac_of(normalized.as_bytes()));
        let quoted = |value: &str| value.replace('\\', "\\\\").replace('"', "\\\"");
        let mut header = format!("Hawk id=\"{}\", ts=\"{ts}\", nonce=\"{nonce}\"", quoted(&self.id));
        if let Some(hash) = &hash {
            header.push_str(&format!(", hash=\"{hash}\""));
        }
        if !ext.is_empty() {
            header.push_str(&format!(", ext=\"{}\"", quoted(ext)));
        }
        header.push_str(&format!(", mac=\"{mac}\""));
        if let Some(app) = app {
            header.push_str(&format!(", app=\"{}\"", quoted(app)));
            if let Some(dlg) = dlg {
                header.push_str(&format!(", dlg=\"{}\"", quoted(dlg)));
            }
        }
        let mut value = header_value("Authorization", header).map_err(|e| e.to_string())?;
        value.set_sensitive(true);
        request.headers_mut().insert(::reqwest::header::AUTHORIZATION, value);
        Ok(true)
    }
}

/// Akamai EdgeGrid (`edgegrid`): the request is signed with a client token and secret and an
/// access token over its method, URL, the headers the collection's `headersToSign` names, and
/// for a POST a hash of the body: `Authorization: EG1-HMAC-SHA256 client_token=...;
/// access_token=...;timestamp=...;nonce=...;signature=...`.
#[derive(Clone)]
pub struct EdgeGrid {
    client_token: ::std::string::String,
    client_secret: Secret,
    access_token: Secret,
    max_body: usize,
    time: ::std::option::Option<::std::time::SystemTime>,
}

impl fmt::Debug for EdgeGrid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EdgeGrid").field("client_token", &self.client_token).finish_non_exhaustive()
    }
}

impl EdgeGrid {
    /// Signs with these credentials (an Akamai API client's `.edgerc` section).
    pub fn new(
        client_token: impl ::std::convert::Into<::std::string::String>,
        client_secret: impl ::std::convert::Into<::std::string::String>,
        access_token: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        EdgeGrid {
            client_token: client_token.into(),
            client_secret: Secret(client_secret.into()),
            access_token: Secret(access_token.into()),
            max_body: 131_072,
            time: None,
        }
    }

    /// Hashes at most `bytes` of a POST body (131,072 unless the API client says otherwise).
    pub fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Signs as at `time` instead of now: for reproducible signatures and tests.
    pub fn with_time(mut self, time: ::std::time::SystemTime) -> Self {
        self.time = Some(time);
        self
    }
}

impl Signer for EdgeGrid {
    fn scheme(&self) -> &'static str {
        "edgegrid"
    }

    fn sign(
        &self,
        request: &mut ::reqwest::Request,
        params: &[(&str, ::std::string::String)],
        _challenge: ::std::option::Option<&::reqwest::header::HeaderMap>,
    ) -> ::std::result::Result<bool, HookError> {
        let timestamp = param(params, "timestamp").map_or_else(
            || {
                let (year, month, day, hour, minute, second) = civil(unix_time(self.time));
                format!("{year:04}{month:02}{day:02}T{hour:02}:{minute:02}:{second:02}+0000")
            },
            str::to_string,
        );
        let nonce = param(params, "nonce").map_or_else(|| dynamic("$guid").unwrap_or_default(), str::to_string);
        let auth = format!(
            "EG1-HMAC-SHA256 client_token={};access_token={};timestamp={timestamp};nonce={nonce};",
            self.client_token, self.access_token.0
        );
        let url = request.url();
        let path = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        };
        let headers: ::std::vec::Vec<::std::string::String> = param(params, "headersToSign")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .filter_map(|name| {
                let value = request.headers().get(name)?.to_str().ok()?;
                Some(format!("{}:{}", name.to_ascii_lowercase(), value.split_whitespace().collect::<::std::vec::Vec<_>>().join(" ")))
            })
            .collect();
        // Only a POST's body is hashed: another's may be a stream.
        let body = match request.method() == ::reqwest::Method::POST {
            true => body_of(request)?,
            false => &[],
        };
        let content_hash = match body.is_empty() {
            false => base64(&sha256(&body[..body.len().min(self.max_body)])),
            true => ::std::string::String::new(),
        };
        let data = [
            request.method().as_str(),
            url.scheme(),
            &host_of(url),
            &path,
            &headers.join("\t"),
            &content_hash,
            &auth,
        ]
        .join("\t");
        let key = base64(&hmac_sha256(self.client_secret.0.as_bytes(), timestamp.as_bytes()));
        let signature = base64(&hmac_sha256(key.as_bytes(), data.as_bytes()));
        let mut value = header_value("Authorization", format!("{auth}signature={signature}")).map_err(|e| e.to_string())?;
        value.set_sensitive(true);
        request.headers_mut().insert(::reqwest::header::AUTHORIZATION, value);
        Ok(true)
    }
}

/// HTTP Digest (`digest`, RFC 7616 and 2617): the first request is sent without credentials;
/// when the server answers 401 (or 403) with a `WWW-Authenticate: Digest` challenge, the
/// request is sent again with the answer, and later requests answer that challenge at once
/// (counting `nc` up), as Postman's runner does. MD5, SHA-256 and SHA-512-256, each also
/// `-sess`, as the collection's `algorithm` (or else the challenge) says; `qop=auth` when the
/// challenge offers it.
#[derive(Clone)]
pub struct Digest {
    username: ::std::string::String,
    password: Secret,
    /// The last challenge's fields and how many requests have answered it.
    challenge: ::std::sync::Arc<::std::sync::Mutex<::std::option::Option<Challenge>>>,
}

/// A digest challenge's fields, and how many requests have answered it.
type Challenge = (::std::vec::Vec<(::std::string::String, ::std::string::String)>, u32);

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Digest").field("username", &self.username).finish_non_exhaustive()
    }
}

impl Digest {
    /// Answers challenges as `username` with `password`.
    pub fn new(username: impl ::std::convert::Into<::std::string::String>, password: impl ::std::convert::Into<::std::string::String>) -> Self {
        Digest { username: username.into(), password: Secret(password.into()), challenge: ::std::default::Default::default() }
    }
}

impl Signer for Digest {
    fn scheme(&self) -> &'static str {
        "digest"
    }

    fn answers_challenges(&self) -> bool {
        true
    }

    fn sign(
        &self,
        request: &mut ::reqwest::Request,
        params: &[(&str, ::std::string::String)],
        challenge: ::std::option::Option<&::reqwest::header::HeaderMap>,
    ) -> ::std::result::Result<bool, HookError> {
        let fresh = challenge.and_then(|headers| {
            headers
                .get_all(::reqwest::header::WWW_AUTHENTICATE)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .find(|value| value.trim_start().get(..7).is_some_and(|scheme| scheme.eq_ignore_ascii_case("digest ")))
                .map(|value| digest_fields(&value.trim_start()[7..]))
        });
        let (fields, count) = {
            let mut state = self.challenge.lock().map_err(|_| "a digest challenge was being recorded when a thread panicked")?;
            match fresh {
                Some(fields) => *state = Some((fields, 1)),
                None if challenge.is_some() => return Ok(false),
                None => match state.as_mut() {
                    Some((_, count)) => *count = count.saturating_add(1),
                    None => return Ok(false),
                },
            }
            state.clone().expect("a challenge was just recorded")
        };
        let field = |name: &str| fields.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str());
        let (realm, nonce) = (field("realm").unwrap_or_default(), field("nonce").unwrap_or_default());
        let algorithm = param(params, "algorithm").or(field("algorithm")).unwrap_or("MD5");
        let hash = |text: &str| -> ::std::result::Result<::std::string::String, HookError> {
            Ok(match algorithm.trim_end_matches("-sess").trim_end_matches("-SESS").to_ascii_uppercase().as_str() {
                "MD5" => hex(&::md5::Md5::digest(text.as_bytes())),
                "SHA-256" => hex(&sha256(text.as_bytes())),
                "SHA-512-256" => hex(&::sha2::Sha512_256::digest(text.as_bytes())),
                other => return Err(format!("the digest algorithm {other} is not one the client computes (MD5, SHA-256, SHA-512-256, with -sess)").into()),
            })
        };
        let offered = param(params, "qop").or(field("qop"));
        let qop = offered.filter(|offered| offered.split(',').any(|q| q.trim() == "auth"));
        if offered.is_some() && qop.is_none() {
            return Err("the server offers only qop=auth-int, which the client does not compute".into());
        }
        let cnonce = param(params, "clientNonce").map_or_else(|| random_nonce(8), str::to_string);
        let nc = param(params, "nonceCount").map_or_else(|| format!("{count:08}"), str::to_string);
        let url = request.url();
        let uri = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        };
        let mut ha1 = hash(&format!("{}:{realm}:{}", self.username, self.password.0))?;
        if algorithm.to_ascii_lowercase().ends_with("-sess") {
            ha1 = hash(&format!("{ha1}:{nonce}:{cnonce}"))?;
        }
        let ha2 = hash(&format!("{}:{uri}", request.method()))?;
        let response = match qop {
            Some(_) => hash(&format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"))?,
            None => hash(&format!("{ha1}:{nonce}:{ha2}"))?,
        };
        let mut header = format!(
            "Digest username=\"{}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm=\"{algorithm}\"",
            self.username
        );
        if qop.is_some() {
            header.push_str(", qop=auth");
        }
        // Postman sends the count and client nonce with a qop, and for MD5-sess.
        if qop.is_some() || algorithm == "MD5-sess" {
            header.push_str(&format!(", nc={nc}, cnonce=\"{cnonce}\""));
        }
        header.push_str(&format!(", response=\"{response}\""));
        if let Some(opaque) = field("opaque").filter(|opaque| !opaque.is_empty()) {
            header.push_str(&format!(", opaque=\"{opaque}\""));
        }
        let mut value = header_value("Authorization", header).map_err(|e| e.to_string())?;
        value.set_sensitive(true);
        request.headers_mut().insert(::reqwest::header::AUTHORIZATION, value);
        Ok(true)
    }
}

/// The `name=value` fields of a digest challenge, values unquoted (commas inside quotes kept).
fn digest_fields(text: &str) -> ::std::vec::Vec<(::std::string::String, ::std::string::String)> {
    let mut fields = ::std::vec::Vec::new();
    let mut rest = text.trim();
    while let Some((name, after)) = rest.split_once('=') {
        let name = name.trim().trim_start_matches(',').trim().to_string();
        let after = after.trim_start();
        let (value, next) = match after.strip_prefix('"') {
            Some(quoted) => {
                let mut value = ::std::string::String::new();
                let mut chars = quoted.char_indices();
                let mut end = quoted.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some((_, escaped)) = chars.next() {
                                value.push(escaped);
                            }
                        }
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        c => value.push(c),
                    }
                }
                (value, &quoted[end..])
            }
            None => {
                let end = after.find(',').unwrap_or(after.len());
                (after[..end].trim().to_string(), &after[end..])
            }
        };
        fields.push((name, value));
        rest = next.trim_start().trim_start_matches(',').trim_start();
    }
    fields
}
