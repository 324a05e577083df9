//! The machinery behind the `metaaccess-account` command-line tool, as a library so that it can
//! be fuzzed and tested piece by piece: the arguments ([`args`]), reading records ([`input`]),
//! their verdicts ([`check`], from `metaaccess-account-validate`), one module per subcommand
//! ([`cmd`]) and the one output layer that masks and escapes everything printed ([`output`]).

pub mod args;
pub mod check;
pub mod cmd;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod wire;

pub use metaaccess_account_validate::json;
