//! The secret policy: the one definition of what is secret in captured traffic, and the one
//! masking routine for everything printed about it.
//!
//! **What is secret** (structurally, wherever it stands):
//!
//! - the value of a field whose name is secret ([`is_secret_name`]: `license_key`,
//!   `access_token`, `tokens`, passwords, API keys, cookies ...; compared case-insensitively
//!   with `-`, `_`, `.` and spaces ignored, and a numbered or plural name counts), at any depth, including inside strings that hold
//!   JSON; a secret field holding an object or array makes every scalar inside it secret;
//! - in a HAR entry ([`Secrets::collect_har_entry`]): secret-named URL query and fragment
//!   parameters (`&` or `;` separated, raw and percent-decoded), `request.queryString`,
//!   `Authorization`/`Proxy-Authorization` headers of any scheme (the whole value, the
//!   credentials, and for `Basic` the decoded pair and password), secret-named headers
//!   (`X-…-Token`, `X-Api-Key` ...), every cookie (`Cookie`, `Set-Cookie`, `cookies`), and the
//!   request body (`postData.text` as JSON or form-encoded, and `postData.params`).
//!
//! **Masking**, in this order:
//!
//! 1. by structure: a value that stands where a secret stands (a secret-named field, a
//!    secret-named URL parameter, see [`mask_url_params`]) or that is exactly a secret is never
//!    shown ([`describe`]), whatever its length;
//! 2. in other text ([`Secrets::mask`]): every known secret of at least
//!    [`MIN_SECRET_IN_TEXT`] characters, in its raw, JSON-escaped (once and twice) and
//!    percent-encoded forms, in one pass over the text (Aho–Corasick, leftmost-longest):
//!    linear in the text's size. A shorter secret is not searched for inside other text, where
//!    it would mask whatever happens to contain it;
//! 3. the last check ([`Secrets::leaks`]): a line that still holds any piece of
//!    [`MIN_SECRET_IN_TEXT`] characters of a secret, raw or JSON-, percent- or base64-encoded,
//!    is not written at all.
//!
//! ```
//! use metaaccess_account_validate::secrets::Secrets;
//!
//! let mut s = Secrets::default();
//! s.collect_json(&serde_json::json!({"Access-Token": "tok\"en-123", "nested": {"PASSWORD": 12345678}}));
//! assert_eq!(s.mask("a tok\"en-123, a tok\\\"en-123 and 12345678").unwrap(), "a <redacted>, a <redacted> and <redacted>");
//! assert!(s.leaks("only en-123 and 1234 ... tok\"en-1"));
//! ```

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde_json::Value;

pub use metaaccess_account::REDACTED;

mod describe;
mod har;

pub use describe::describe;
pub use har::{mask_url_params, percent_decode};

/// Normalized names (lowercase, without `-`, `_`, `.` or spaces) whose values are secret.
const EXACT: [&str; 12] = [
    "authorization",
    "proxyauthorization",
    "cookie",
    "setcookie",
    "cookies",
    "sessionid",
    "sid",
    "sig",
    "signature",
    "auth",
    "credentials",
    "credential",
];

/// Normalized name endings that make a name secret (`license_key`, `x-auth-token`,
/// `client_secret`, `db_password`, `x-api-key` ...).
const SUFFIXES: [&str; 16] = [
    "token",
    "tokens",
    "secret",
    "secrets",
    "password",
    "passwords",
    "passwd",
    "passphrase",
    "pwd",
    "apikey",
    "apikeys",
    "licensekey",
    "privatekey",
    "secretkey",
    "accesskey",
    "sessionkey",
];

/// Whether a field, header, cookie or query parameter of this name holds a secret. Names are
/// compared normalised: case, separators (`-`, `_`, `.`, spaces), a numbered suffix and a
/// plural `s` do not matter, so `licenseKeys`, `LICENSE-KEY_2` and `access_tokens` are all
/// secret names.
///
/// ```
/// use metaaccess_account_validate::secrets::is_secret_name;
/// for name in ["license_key", "LICENSE-KEY", "accessToken", "X-Auth-Token", "x-api-key",
///              "Authorization", "tokens", "client_secret", "Cookie", "apikey",
///              "licenseKeys", "license_key_2", "LicenseKey1", "access_tokens", "Passwords3",
///              "authorizations", "sessionIds"] {
///     assert!(is_secret_name(name), "{name}");
/// }
/// for name in ["devices_used", "score_type", "status", "devices_by_status", "address"] {
///     assert!(!is_secret_name(name), "{name}");
/// }
/// ```
pub fn is_secret_name(name: &str) -> bool {
    // Every key of every document is asked about: short ASCII names (all documented ones) are
    // normalised on the stack.
    let mut buf = [0u8; 48];
    if name.is_ascii() && name.len() <= buf.len() {
        let mut n = 0;
        for b in name
            .bytes()
            .filter(|b| !matches!(b, b'-' | b'_' | b'.' | b' '))
        {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
        // ASCII bytes, so always UTF-8.
        return std::str::from_utf8(&buf[..n]).is_ok_and(normalised_is_secret);
    }
    let norm: String = name
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    normalised_is_secret(&norm)
}

fn normalised_is_secret(norm: &str) -> bool {
    // `license_key2`, `token_01`: a numbered name is the same name.
    let unnumbered = norm.trim_end_matches(|c: char| c.is_ascii_digit());
    let singular = unnumbered.strip_suffix('s').unwrap_or(unnumbered);
    names_a_secret(unnumbered) || names_a_secret(singular)
}

fn names_a_secret(norm: &str) -> bool {
    !norm.is_empty() && (EXACT.contains(&norm) || SUFFIXES.iter().any(|s| norm.ends_with(s)))
}

/// Secrets at least this long (in characters) are also masked inside other text, and any piece
/// of them this long counts as a leak ([`Secrets::leaks`]). Shorter ones (a one-character
/// cookie is common) are masked where they stand and where a value is exactly the secret, never
/// inside other text: masking every `a` would mask the version, the file name, the pointers.
pub const MIN_SECRET_IN_TEXT: usize = 8;

/// Masking could not be done; the caller must print a placeholder instead of the text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MaskError(pub String);

impl std::fmt::Display for MaskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "secrets could not be masked: {}", self.0)
    }
}

impl std::error::Error for MaskError {}

/// The secret values known about one record, and the masking of text against them. `Debug`
/// says how many there are, never what they are.
#[derive(Default)]
pub struct Secrets {
    values: Vec<String>,
    /// The same values, for constant-time duplicate checks (masking stays linear however
    /// many secrets a record holds).
    seen: std::collections::HashSet<String>,
    /// Every form to mask (raw, JSON-escaped once and twice, percent-encoded), built once.
    forms: OnceLock<Vec<String>>,
    matcher: OnceLock<Result<Option<AhoCorasick>, MaskError>>,
    /// Every byte window of [`MIN_SECRET_IN_TEXT`] of every spelling, for [`Secrets::leaks`].
    pieces: OnceLock<Pieces>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} values, {REDACTED})", self.values.len())
    }
}

impl Clone for Secrets {
    fn clone(&self) -> Self {
        Self {
            values: self.values.clone(),
            seen: self.seen.clone(),
            forms: OnceLock::new(),
            matcher: OnceLock::new(),
            pieces: OnceLock::new(),
        }
    }
}

/// Up to this many pattern-times-text bytes, a text is first searched form by form: most
/// diagnostics hold no secret, and that answer is cheaper than building an automaton.
const DIRECT_SEARCH_BUDGET: usize = 1 << 16;

/// Strings holding JSON are looked into, this deep at most.
const MAX_NESTED_JSON: usize = 4;

impl Secrets {
    /// No secrets.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether no secret is known.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The known secret values.
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// Remembers a secret value (and, for `Scheme credentials`, the credentials too).
    pub fn add(&mut self, value: &str) {
        let value = value.trim();
        if value.is_empty() || !self.seen.insert(value.to_owned()) {
            return;
        }
        self.values.push(value.to_owned());
        self.forms = OnceLock::new();
        self.matcher = OnceLock::new();
        self.pieces = OnceLock::new();
        if let Some((_, credentials)) = value.split_once(' ') {
            self.add(credentials);
        }
    }

    /// Whether `value` is exactly one of the secrets (of any length): a value that is a secret
    /// is never described, wherever it stands.
    pub fn contains(&self, value: &str) -> bool {
        let value = value.trim();
        !value.is_empty() && self.seen.contains(value)
    }

    /// Whether `text` holds a piece of [`MIN_SECRET_IN_TEXT`] or more characters of a secret,
    /// raw, JSON-escaped, percent-encoded (either hex case) or base64-encoded (any alignment,
    /// standard or URL-safe alphabet): the last check before a line is written. Linear in the
    /// text (one set lookup per byte).
    ///
    /// ```
    /// use metaaccess_account_validate::secrets::Secrets;
    /// let mut s = Secrets::default();
    /// s.add("testcccd3e7201ee83e2c4b9f6dfc96c");
    /// assert!(s.leaks("key 7201ee83 shown in part"));
    /// assert!(!s.leaks("key 7201ee8 (seven characters)"));
    /// assert!(s.leaks("dGVzdGNjY2QzZTcyMDFl")); // base64 of its start
    /// ```
    pub fn leaks(&self, text: &str) -> bool {
        let pieces = self.pieces.get_or_init(|| leak_pieces(&self.values));
        if pieces.ascii.is_empty() && pieces.wide.is_empty() {
            return false;
        }
        if text.is_ascii() {
            // Every window is 8 characters of 8 bytes: no character boundaries to find.
            return text
                .as_bytes()
                .windows(MIN_SECRET_IN_TEXT)
                .any(|w| pieces.ascii.contains(&piece_key(w)));
        }
        char_windows(text).any(|w| match w.len() {
            MIN_SECRET_IN_TEXT => pieces.ascii.contains(&piece_key(w.as_bytes())),
            _ => pieces.wide.contains(w),
        })
    }

    /// Adds the secrets of another set.
    pub fn extend(&mut self, other: &Secrets) {
        for v in &other.values {
            self.add(v);
        }
    }

    /// Remembers every secret in a JSON value: secret-named fields at any depth, also inside
    /// strings that hold JSON.
    pub fn collect_json(&mut self, value: &Value) {
        self.collect(value, false, 0);
    }

    fn collect(&mut self, value: &Value, secret: bool, nested: usize) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    self.collect(v, secret || is_secret_name(k), nested);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.collect(v, secret, nested)),
            Value::String(s) => {
                if secret {
                    self.add(s);
                }
                if nested < MAX_NESTED_JSON && s.trim_start().starts_with(['{', '[']) {
                    if let Ok(inner) = serde_json::from_str::<Value>(s) {
                        self.collect(&inner, secret, nested + 1);
                    }
                }
            }
            Value::Number(n) if secret => self.add(&n.to_string()),
            _ => {}
        }
    }

    fn forms(&self) -> &[String] {
        self.forms.get_or_init(|| {
            let mut patterns: Vec<String> = Vec::new();
            let mut unique = std::collections::HashSet::new();
            for v in self.values.iter().filter(|v| is_long(v)) {
                let once = json_escaped(v);
                let twice = json_escaped(&once);
                for form in [v.clone(), once, twice, percent_encode(v)] {
                    if unique.insert(form.clone()) {
                        patterns.push(form);
                    }
                }
            }
            patterns
        })
    }

    fn matcher(&self) -> Result<Option<&AhoCorasick>, MaskError> {
        let built = self.matcher.get_or_init(|| {
            if self.forms().is_empty() {
                return Ok(None);
            }
            // An NFA, never a DFA: building a DFA's full transition table from long periodic
            // secrets (a 4,096-character run of one character, as a cookie can hold) follows
            // failure links for every state and byte class, quadratic in the secret's length;
            // the NFA is built in time linear in the patterns and searches in time linear in
            // the text.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(self.forms())
                .map(Some)
                .map_err(|e| MaskError(e.to_string()))
        });
        match built {
            Ok(m) => Ok(m.as_ref()),
            Err(e) => Err(e.clone()),
        }
    }

    /// `text` with every known secret of at least [`MIN_SECRET_IN_TEXT`] characters (raw,
    /// JSON-escaped or percent-encoded) replaced by [`REDACTED`]; an error if masking cannot be
    /// done, in which case nothing of `text` may be shown. Shorter secrets are left to the
    /// structure: see [`Secrets::contains`].
    pub fn mask(&self, text: &str) -> Result<String, MaskError> {
        if self.values.is_empty() {
            return Ok(text.to_owned());
        }
        let forms = self.forms();
        if forms.is_empty() {
            return Ok(text.to_owned());
        }
        if forms.len().saturating_mul(text.len()) <= DIRECT_SEARCH_BUDGET
            && !forms.iter().any(|f| text.contains(f.as_str()))
        {
            return Ok(text.to_owned());
        }
        match self.matcher()? {
            None => Ok(text.to_owned()),
            Some(m) => {
                let replacements = vec![REDACTED; m.patterns_len()];
                Ok(m.replace_all(text, &replacements))
            }
        }
    }

    /// [`Secrets::mask`], or [`REDACTED`] when masking fails: for text that must never be shown
    /// unmasked.
    pub fn mask_or_withhold(&self, text: &str) -> String {
        self.mask(text).unwrap_or_else(|_| REDACTED.to_owned())
    }

    /// Masks a document for sharing: every secret-named field's value becomes [`REDACTED`]
    /// (also inside strings holding JSON), and every known secret inside other strings is
    /// masked.
    pub fn redact_document(&self, value: &mut Value) {
        redact(value, self, 0);
    }

    /// [`Secrets::redact_document`] for one top-level field of a document.
    pub fn redact_field(&self, name: &str, value: &mut Value) {
        if is_secret_name(name) && !value.is_null() {
            *value = Value::from(REDACTED);
        } else {
            redact(value, self, 0);
        }
    }
}

fn redact(value: &mut Value, secrets: &Secrets, nested: usize) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_name(k) && !v.is_null() {
                    *v = Value::from(REDACTED);
                } else {
                    redact(v, secrets, nested);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact(v, secrets, nested)),
        Value::String(s) => {
            if nested < MAX_NESTED_JSON && s.trim_start().starts_with(['{', '[']) {
                if let Ok(mut inner) = serde_json::from_str::<Value>(s) {
                    redact(&mut inner, secrets, nested + 1);
                    *s = inner.to_string();
                }
            }
            *s = secrets.mask_or_withhold(s);
        }
        _ => {}
    }
}

fn is_long(value: &str) -> bool {
    value.chars().nth(MIN_SECRET_IN_TEXT - 1).is_some()
}

/// The byte windows of [`MIN_SECRET_IN_TEXT`] of every spelling of every long-enough secret.
/// The pieces of [`MIN_SECRET_IN_TEXT`] characters of the secrets' spellings: those of 8 bytes
/// (ASCII) as arrays, so that building the set allocates nothing for them; the wider ones as
/// strings. Pieces are counted in characters, not bytes: 3 characters of a secret written in
/// Korean are 9 bytes, and are not a piece.
struct Pieces {
    ascii: std::collections::HashSet<u64, PieceHasher>,
    wide: std::collections::HashSet<Box<str>>,
}

/// An 8-byte piece as the number its bytes spell.
fn piece_key(bytes: &[u8]) -> u64 {
    let mut key = [0u8; MIN_SECRET_IN_TEXT];
    for (k, b) in key.iter_mut().zip(bytes) {
        *k = *b;
    }
    u64::from_le_bytes(key)
}

/// Hashes 8-byte pieces: every window of every line written is looked up, so the hash is a
/// multiply and a shift (SipHash was a quarter of `upgrade --report`), keyed by a random seed
/// per set so that text cannot be made to collide.
#[derive(Clone)]
struct PieceHasher(u64);

impl Default for PieceHasher {
    fn default() -> Self {
        use std::hash::BuildHasher as _;
        Self(std::collections::hash_map::RandomState::new().hash_one(0u64) | 1)
    }
}

impl std::hash::BuildHasher for PieceHasher {
    type Hasher = PieceHash;
    fn build_hasher(&self) -> PieceHash {
        PieceHash(self.0)
    }
}

struct PieceHash(u64);

impl std::hash::Hasher for PieceHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            self.write_u64(piece_key(chunk));
        }
    }
    fn write_u64(&mut self, n: u64) {
        let h = (n ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
}

/// Every run of [`MIN_SECRET_IN_TEXT`] consecutive characters of `text`.
fn char_windows(text: &str) -> impl Iterator<Item = &str> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let ends = bounds
        .get(MIN_SECRET_IN_TEXT..)
        .unwrap_or_default()
        .to_vec();
    bounds
        .into_iter()
        .zip(ends)
        .filter_map(move |(a, b)| text.get(a..b))
}

fn leak_pieces(values: &[String]) -> Pieces {
    use base64::Engine as _;
    let engines = [
        base64::engine::general_purpose::STANDARD_NO_PAD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    let mut spelled = Vec::new();
    for v in values.iter().filter(|v| is_long(v)) {
        let mut spellings = vec![
            v.clone(),
            json_escaped(v),
            json_escaped(&json_escaped(v)),
            percent_encode(v),
            percent_encode(v).to_ascii_lowercase(),
        ];
        // Base64 of the secret at each alignment; the last characters of each depend on what
        // follows the secret, so only whole 4-character groups are kept.
        for skip in 0..3 {
            let bytes = v.as_bytes().get(skip..).unwrap_or_default();
            let whole = bytes.len() / 3 * 3;
            for engine in &engines {
                spellings.push(engine.encode(bytes.get(..whole).unwrap_or_default()));
            }
        }
        spelled.extend(spellings);
    }
    // A secret of letters and digits is spelled the same raw, escaped and percent-encoded.
    spelled.sort_unstable();
    spelled.dedup();
    // Sized once: a set grown insert by insert was most of the cost of a record's last check.
    let windows = spelled.iter().map(|s| s.len().saturating_sub(7)).sum();
    let mut pieces = Pieces {
        ascii: std::collections::HashSet::with_capacity_and_hasher(windows, PieceHasher::default()),
        wide: std::collections::HashSet::new(),
    };
    for spelling in &spelled {
        if spelling.is_ascii() {
            let ascii = spelling
                .as_bytes()
                .windows(MIN_SECRET_IN_TEXT)
                .map(piece_key);
            pieces.ascii.extend(ascii);
            continue;
        }
        for w in char_windows(spelling) {
            match w.len() {
                MIN_SECRET_IN_TEXT => pieces.ascii.insert(piece_key(w.as_bytes())),
                _ => pieces.wide.insert(w.into()),
            };
        }
    }
    pieces
}

fn json_escaped(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap_or_default();
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or(s)
        .to_owned()
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod name_tests {
    use proptest::prelude::*;

    /// The rule as documented, without the stack-buffer shortcut.
    fn reference(name: &str) -> bool {
        let norm: String = name
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        super::normalised_is_secret(&norm)
    }

    proptest! {
        /// The ASCII shortcut decides every name as the documented rule does, secret names
        /// spelled any way included.
        #[test]
        fn the_ascii_shortcut_is_the_rule(
            name in "((?i)license|key|token|secret|auth|pass(word)?|api|id|session|[-_. ]|[0-9]|s|[a-zA-Z]){0,16}"
        ) {
            prop_assert_eq!(super::is_secret_name(&name), reference(&name));
        }
    }
}
