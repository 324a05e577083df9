//! A record's verdict, from the verdict library: what the capture says about its body
//! (skipped, broken) comes first, then [`Validator::validate`].

use metaaccess_account::ApiVersion;
use metaaccess_account_validate::secrets::Secrets;
use metaaccess_account_validate::{Options, Validator, Verdict};

use crate::input::{Body, Record};

/// The options of a validator that reports verdicts, in every door (`validate`, Python's
/// `check_records`, the Spark recipe through it): `base` with the typed fast path, without
/// models. A valid response is then decided by the models' check-only readers, with no JSON
/// tree, no schema and no model; every verdict is the full path's (the fast-path laws), and so
/// is every line written of it.
pub fn verdict_options(base: Options) -> Options {
    base.typed_fast_path(true).keep_models(false)
}

/// Checks one record against `version`, else the capture's version hint, else detection.
pub fn check(record: &Record, validator: &Validator, version: Option<ApiVersion>) -> Verdict {
    let version = version.or(record.hint);
    let mut verdict = match &record.body {
        Body::Skipped(why) => Verdict::skipped(record.kind, why.clone()),
        Body::Broken(why) => Verdict::invalid(record.kind, why.clone()),
        Body::Json(bytes) => {
            return validator.validate_in(bytes, record.kind, version, &record.secrets)
        }
    };
    verdict.api_version = version;
    verdict
}

/// The parsed document of a record, or the verdict that says why there is none.
pub fn parse(record: &Record, validator: &Validator) -> Result<serde_json::Value, Box<Verdict>> {
    match &record.body {
        Body::Json(bytes) => validator.parse_in(bytes, record.kind, &record.secrets),
        _ => Err(Box::new(check(record, validator, None))),
    }
}

/// Bytes of a record's payload.
pub fn body_len(record: &Record) -> usize {
    match &record.body {
        Body::Json(b) => b.len(),
        _ => 0,
    }
}

/// Which versions accept a record ([`Validator::detect_in`]), with the secrets of the record and
/// its document (what its detection line is masked with); or the verdict that says why there
/// is no document to try. What `detect` does for one record, in every door.
pub fn detect(
    record: &Record,
    validator: &Validator,
) -> Result<(metaaccess_account_validate::Detection, Secrets), Box<Verdict>> {
    let value = parse(record, validator)?;
    let mut secrets = Secrets::default();
    secrets.extend(&record.secrets);
    secrets.collect_json(&value);
    Ok((
        validator.detect_in(&value, record.kind, &record.secrets),
        secrets,
    ))
}
