//! The typed fast path: a response the version's model reads strictly, with nothing a
//! hostile-input check would flag, is valid, and that is decided without a JSON tree or a
//! schema. Anything else returns `None` and takes the full path.

use std::sync::OnceLock;

use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};

use crate::{Status, Verdict};

/// Nesting of the deepest valid response: object, array, bucket object.
const RESPONSE_DEPTH: usize = 3;

/// The valid verdict on `bytes`, when the typed models alone can give it.
pub(crate) fn valid(
    bytes: &[u8],
    kind: DocumentKind,
    version: Option<ApiVersion>,
    max_depth: usize,
) -> Option<Verdict> {
    if kind != DocumentKind::Response || max_depth < RESPONSE_DEPTH || negative_zero(bytes) {
        return None;
    }
    // Not UTF-8, a byte order mark, trailing characters, duplicate fields, out-of-range
    // numbers: the model parse fails on each, and the full path says why.
    let text = std::str::from_utf8(bytes).ok()?;
    // Without escapes, a key is written as its name in quotes: a version whose required keys
    // are not all in the text cannot accept it, and is not parsed.
    let plain = !bytes.contains(&b'\\');
    let strict = |v: ApiVersion| {
        if plain && !required_keys(v).iter().all(|k| text.contains(k.as_str())) {
            return None;
        }
        AnyAccountDetails::from_json_str(v, text)
            .ok()
            .filter(|p| p.drift.is_empty())
            .map(|p| p.value)
    };
    let (api_version, model, also_valid_as) = match version {
        Some(v) => (v, strict(v)?, Vec::new()),
        None => {
            // The oldest version that accepts it; the later ones that also do.
            let mut accepted = ApiVersion::ALL
                .into_iter()
                .filter_map(|v| Some((v, strict(v)?)));
            let (first, model) = accepted.next()?;
            (first, model, accepted.map(|(v, _)| v).collect())
        }
    };
    let mut verdict = Verdict::new(kind, Status::Valid);
    verdict.api_version = Some(api_version);
    verdict.also_valid_as = also_valid_as;
    verdict.model = Some(Box::new(model));
    Some(verdict)
}

/// The required top-level keys of each version's response, quoted as they appear in JSON
/// text, from the published schemas.
fn required_keys(version: ApiVersion) -> &'static [String] {
    static KEYS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        ApiVersion::ALL
            .into_iter()
            .map(|v| {
                metaaccess_account::response_schema(v)["required"]
                    .as_array()
                    .map(|r| {
                        r.iter()
                            .filter_map(|k| k.as_str().map(|k| format!("\"{k}\"")))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect()
    });
    keys.get(version.index()).map_or(&[], Vec::as_slice)
}

/// Whether the text may hold the number `-0`, which parsers read differently (the full path
/// reports it). A `-0` followed by a digit is a date or a malformed number, never `-0` itself;
/// anything else (even inside a string) is sent down the full path, to be safe.
fn negative_zero(bytes: &[u8]) -> bool {
    bytes
        .windows(3)
        .any(|w| w[0] == b'-' && w[1] == b'0' && !w[2].is_ascii_digit())
        || bytes.ends_with(b"-0")
}

#[cfg(test)]
mod tests {
    use super::negative_zero;

    #[test]
    fn negative_zero_is_suspected_wherever_it_may_be_a_number() {
        for yes in [
            &b"[-0]"[..],
            b"-0",
            b"{\"a\":-0.0}",
            b"{\"a\": -0e1}",
            b"\"x-0y\"",
        ] {
            assert!(negative_zero(yes), "{}", String::from_utf8_lossy(yes));
        }
        for no in [&b"\"2017-03-09\""[..], b"-1", b"0", b"{\"a\": -10}"] {
            assert!(!negative_zero(no), "{}", String::from_utf8_lossy(no));
        }
    }
}
