//! `cargo xtask man`: the manual pages `man/metaaccess-account.1` and one per subcommand
//! (`man/metaaccess-account-validate.1` ...), rendered by clap_mangen from the command-line
//! definition, so they say what `--help` says.

use std::path::Path;

use clap::CommandFactory;
use metaaccess_account_cli::args::Cli;

use crate::generate::Generated;

/// The folder of the manual pages, under the repository root.
pub const DIR: &str = "man";

/// Every manual page: the tool's, then its subcommands' (the `help` subcommand has none).
pub fn pages(root: &Path) -> Result<Vec<Generated>, String> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    add(&cmd, &root.join(DIR), &mut pages)?;
    Ok(pages)
}

fn add(cmd: &clap::Command, dir: &Path, pages: &mut Vec<Generated>) -> Result<(), String> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut text = Vec::new();
    man.render(&mut text)
        .map_err(|e| format!("cannot render the manual page of {}: {e}", cmd.get_name()))?;
    pages.push(Generated {
        path: dir.join(man.get_filename()),
        contents: String::from_utf8(text)
            .map_err(|e| format!("manual page of {} is not UTF-8: {e}", cmd.get_name()))?,
    });
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        add(sub, dir, pages)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed pages are what the command-line definition renders (as `--check` says),
    /// and one page documents each subcommand with its flags.
    #[test]
    fn committed_pages_are_fresh_and_complete() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let pages = pages(&root).unwrap_or_default();
        assert!(pages.len() >= 9, "{} pages", pages.len());
        for page in &pages {
            let committed = std::fs::read_to_string(&page.path).unwrap_or_default();
            assert!(
                committed == page.contents,
                "{} is stale: run `cargo xtask man`",
                page.path.display()
            );
        }
        let validate = pages
            .iter()
            .find(|p| p.path.ends_with("metaaccess-account-validate.1"))
            .map(|p| p.contents.as_str())
            .unwrap_or_default();
        assert!(validate.contains("max\\-errors") && validate.contains("color"));
    }
}
