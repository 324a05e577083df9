//! The typed fast path: a response the version's model reads strictly, with nothing a
//! hostile-input check would flag, is valid, and that is decided without a JSON tree or a
//! schema. Anything else returns `None` and takes the full path.

mod candidates;

use std::sync::OnceLock;

use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};

use crate::{Status, Verdict};

/// Nesting of the deepest valid response: object, array, bucket object.
const RESPONSE_DEPTH: usize = 3;

/// The valid verdict on `bytes`, when the typed models alone can give it.
///
/// With `model` false the verdict carries no model, and no model is built: each version is
/// read by its check-only reader (`Document::reads_valid`). The versions after the first that
/// also read it are always found that way.
pub(crate) fn valid(
    bytes: &[u8],
    kind: DocumentKind,
    version: Option<ApiVersion>,
    max_depth: usize,
    model: bool,
) -> Option<Verdict> {
    if kind != DocumentKind::Response || max_depth < RESPONSE_DEPTH {
        return None;
    }
    // Not UTF-8, a byte order mark, trailing characters, duplicate fields, out-of-range
    // numbers, a count written `-0` (serde_json gives it as the float -0.0, and the strict read
    // takes no float): the model read fails on each, and the full path says why.
    let text = std::str::from_utf8(bytes).ok()?;
    // `Some(None)`: valid, no model asked for.
    let read = |v: ApiVersion| match model {
        true => AnyAccountDetails::read_valid(v, text).map(Some),
        false => AnyAccountDetails::reads_valid(v, text).then_some(None),
    };
    let (api_version, model, also_valid_as) = match version {
        Some(v) => (v, read(v)?, Vec::new()),
        None => {
            let candidates: Vec<ApiVersion> = match candidates::candidates(text, settled) {
                Some(versions) => versions.collect(),
                None => ApiVersion::ALL.into(),
            };
            // The oldest version that accepts it; the later ones that also do.
            let mut rest = candidates.into_iter();
            let (first, model) = rest.by_ref().find_map(|v| Some((v, read(v)?)))?;
            let also =
                rest.filter(|v| includes(first, *v) || AnyAccountDetails::reads_valid(*v, text));
            (first, model, also.collect())
        }
    };
    let mut verdict = Verdict::new(kind, Status::Valid);
    verdict.api_version = Some(api_version);
    verdict.also_valid_as = also_valid_as;
    verdict.model = model.map(Box::new);
    Some(verdict)
}

/// Whether a scan for candidates can stop when `possible` (version bits) are the versions still
/// possible: none is, or the oldest of them includes the others, so that reading it first
/// either settles the verdict and the later versions with it, or rules it out and the others
/// are read anyway. Stopping early costs nothing but reads of versions a longer scan would have
/// dropped.
fn settled(possible: u8) -> bool {
    static SETTLED: OnceLock<[bool; 256]> = OnceLock::new();
    let table = SETTLED.get_or_init(|| {
        std::array::from_fn(|mask| {
            let mut versions = ApiVersion::ALL
                .into_iter()
                .filter(|v| mask & (1 << v.index()) != 0);
            match versions.next() {
                None => true,
                Some(oldest) => versions.all(|v| includes(oldest, v)),
            }
        })
    });
    table[usize::from(possible)]
}

/// Whether `wider` accepts every response that `narrower` accepts, as the compatibility checker
/// proves from the published schemas (with every change classified); then a document the one
/// reads needs no reading as the other. (The models accept what the schemas accept.)
fn includes(narrower: ApiVersion, wider: ApiVersion) -> bool {
    narrower == wider || PROVEN_INCLUSIONS.contains(&(narrower, wider))
}

/// Every pair of distinct versions `(narrower, wider)` whose inclusion the checker proves. It is
/// written down rather than computed at the first detection of every process, which cost 65
/// million instructions (a run over one record took 31 ms instead of 13). The test
/// `the_inclusions_are_what_the_checker_proves` computes the table from the schemas and fails,
/// printing the new one, when this one is stale.
const PROVEN_INCLUSIONS: &[(ApiVersion, ApiVersion)] = &[(ApiVersion::V3_1, ApiVersion::V3_2)];

#[cfg(test)]
mod tests {
    use super::{includes, valid, PROVEN_INCLUSIONS};
    use metaaccess_account::DocumentKind;
    use metaaccess_account::{AnyAccountDetails, ApiVersion};

    /// The written table is the checker's: every inclusion it proves from the published
    /// schemas, and no other.
    #[test]
    fn the_inclusions_are_what_the_checker_proves() {
        let schemas = ApiVersion::ALL.map(metaaccess_account::response_schema);
        let mut proven = Vec::new();
        for (i, narrower) in ApiVersion::ALL.into_iter().enumerate() {
            for (j, wider) in ApiVersion::ALL.into_iter().enumerate() {
                let report = metaaccess_account_compat::diff(&schemas[i], &schemas[j]);
                let included = report.certain && report.is_backward_compatible();
                if i == j {
                    // `includes` takes this without asking: the checker must agree.
                    assert!(
                        included,
                        "the checker does not prove that {narrower} includes itself"
                    );
                } else if included {
                    proven.push((narrower, wider));
                }
            }
        }
        assert_eq!(
            PROVEN_INCLUSIONS,
            proven.as_slice(),
            "PROVEN_INCLUSIONS in fast.rs is stale; the checker proves: {}",
            proven
                .iter()
                .map(|(a, b)| format!("(ApiVersion::{a:?}, ApiVersion::{b:?})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    /// Where the checker says one version includes another, every example of the one (from
    /// its published schema) reads as the other; `tests/fast_path.rs` compares whole verdicts,
    /// `also_valid_as` with them, on the fixtures too.
    #[test]
    fn every_inclusion_holds_on_the_examples() {
        let mut proper = 0;
        for a in ApiVersion::ALL {
            assert!(includes(a, a), "{a} includes itself");
            let schema = metaaccess_account::response_schema(a);
            let examples = schema["examples"].as_array().cloned().unwrap_or_default();
            assert!(!examples.is_empty(), "{a} has examples");
            for b in ApiVersion::ALL
                .into_iter()
                .filter(|b| *b != a && includes(a, *b))
            {
                proper += 1;
                for example in &examples {
                    let text = example.to_string();
                    assert!(
                        AnyAccountDetails::read_valid(b, &text).is_some(),
                        "{b}: {text}"
                    );
                }
            }
        }
        assert!(
            proper > 0,
            "no version includes another: the shortcut is never taken"
        );
    }

    /// Parsers read a count written `-0` differently (0, or the float -0.0), so the full path
    /// must report it: the quick read never accepts one, in any spelling, in any version.
    #[test]
    fn a_count_written_negative_zero_is_left_to_the_full_path() {
        for (v, model) in ApiVersion::ALL
            .into_iter()
            .flat_map(|v| [(v, true), (v, false)])
        {
            let schema = metaaccess_account::response_schema(v);
            let example = schema["examples"][0].to_string();
            assert!(valid(
                example.as_bytes(),
                DocumentKind::Response,
                Some(v),
                64,
                model
            )
            .is_some());
            let mut counts = 0;
            for key in ["\"devices_allowed\":", "\"number_of_devices\":"] {
                let Some(at) = example.find(key) else {
                    continue;
                };
                let start = at + key.len();
                let end = start + example[start..].find([',', '}']).unwrap();
                for zero in ["-0", "-0.0", "-0e0", "-0E+0"] {
                    let text = format!("{}{zero}{}", &example[..start], &example[end..]);
                    assert!(
                        valid(text.as_bytes(), DocumentKind::Response, Some(v), 64, model)
                            .is_none(),
                        "{v}: {text}"
                    );
                    assert!(
                        valid(text.as_bytes(), DocumentKind::Response, None, 64, model).is_none()
                    );
                }
                counts += 1;
            }
            assert!(counts > 0, "{v}: no count found in {example}");
        }
    }
}
