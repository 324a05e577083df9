//! The `metaaccess-account` command-line tool: the arguments ([`args`]), one module per
//! subcommand ([`cmd`]) and the threads that run them ([`pipeline`]). The tool only does I/O:
//! reading records ([`input`]), their verdicts ([`check`]), conversions and the one output
//! layer that masks and escapes everything printed ([`output`]) are
//! `metaaccess-account-capture`, which the Python package calls too.

pub mod args;
pub mod cmd;
pub mod colour;
pub mod pipeline;

pub use metaaccess_account_capture::{check, input, output};

pub use metaaccess_account_validate::json;
