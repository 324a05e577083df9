//! The machinery behind the `metaaccess-account` command-line tool, as a library so that it can
//! be fuzzed and tested piece by piece: reading records ([`input`]), checking them
//! ([`check`]), printing them ([`output`]) and keeping secrets out of all of it ([`redact`]).

pub mod check;
pub mod input;
pub use metaaccess_account_validate::json;
pub mod output;
pub mod redact;
