//! What the docs say is true: shell examples are marked for CI (and run there by
//! `scripts/packages/run_doc_examples.py`), the help and the README agree, nothing promises
//! what does not exist, and the JSON record shapes are documented.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

mod common;

use common::root;

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fenced blocks of a Markdown text: (info string, body, line).
fn blocks(text: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.to_owned(), n + 1, String::new())),
            (Some(_), Some(_)) => {
                let (info, at, body) = open.take().unwrap();
                out.push((info, body, at));
            }
            (Some((_, _, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

const DOCS: [&str; 5] = [
    "README.md",
    "schemas/README.md",
    "crates/metaaccess-account-cli/README.md",
    "packages/npm/README.md",
    "packages/python/README.md",
];

#[test]
fn every_shell_example_is_marked_for_ci_and_the_runner_reads_each_file() {
    let runner = read("scripts/packages/run.sh");
    for doc in DOCS {
        assert!(
            runner.contains(doc),
            "scripts/packages/run.sh does not run {doc}'s examples"
        );
        for (info, body, line) in blocks(&read(doc)) {
            let mut words = info.split_whitespace();
            let lang = words.next().unwrap_or_default();
            if !["sh", "bash", "shell", "console"].contains(&lang) {
                continue;
            }
            let flags: Vec<&str> = words.collect();
            assert!(
                flags.iter().any(|f| ["ci", "ci-run", "manual"].contains(f)),
                "{doc}:{line}: an unmarked shell block\n{body}"
            );
            // Nothing installs from a registry the tool is not published on.
            assert!(
                !body.contains("cargo install metaaccess-account-cli"),
                "{doc}:{line}"
            );
            // Shell blocks that run outside the checkout read only what the runner links.
            if flags.contains(&"ci") && !flags.contains(&"checkout") {
                assert!(
                    !body.contains("crates/"),
                    "{doc}:{line}: needs the checkout"
                );
            }
        }
    }
}

#[test]
fn the_readme_and_validate_help_describe_skipped_alike() {
    let (_, help, _) = common::run(&["validate", "--help"], b"");
    let readme = read("README.md");
    let words = "skipped (a HAR entry with a non-2xx status, or no captured body)";
    assert!(help.contains(words), "{help}");
    assert!(
        readme.contains(&format!("`{}", words.replacen(' ', "` ", 1))),
        "README"
    );
}

#[test]
fn json_format_help_claims_no_summary_where_there_is_none() {
    for command in ["diff", "detect", "upgrade"] {
        let (_, help, _) = common::run(&[command, "--help"], b"");
        assert!(!help.contains("then a summary object"), "{command}: {help}");
    }
}

#[test]
fn machine_dependent_figures_are_labelled_as_examples() {
    let readme = read("README.md");
    let at = readme.find("records/s, ").expect("the sample output");
    let before = &readme[..at];
    let label = before
        .rfind("an example")
        .expect("a label before the sample output");
    assert!(at - label < 1500, "the label is far from the figures");
}

#[test]
fn the_decisions_describe_the_python_package_as_it_is() {
    let decisions = read("docs/DECISIONS.md");
    assert!(!decisions.contains("one Python module per version"));
    // One module: the package's `__init__.py` and its native part.
    let python = root().join("packages/python/python");
    let modules: Vec<_> = std::fs::read_dir(&python).unwrap().collect();
    assert_eq!(modules.len(), 1, "{}", python.display());
    assert!(decisions.contains("the Python package is one module, `metaaccess_account`"));
}

#[test]
fn the_layout_table_names_each_path_once() {
    let readme = read("README.md");
    let start = readme.find("## Layout").unwrap();
    let table = &readme[start..];
    let table = &table[..table[3..].find("\n## ").map_or(table.len(), |e| e + 3)];
    let mut seen = std::collections::BTreeMap::new();
    for row in table.lines().filter(|l| l.starts_with("| `")) {
        let first = row.split(" | ").next().unwrap();
        for path in first.split('`').skip(1).step_by(2) {
            if let Some(prev) = seen.insert(path.to_owned(), row.to_owned()) {
                panic!("{path} twice:\n{prev}\n{row}");
            }
        }
    }
}

#[test]
fn every_json_record_shape_is_documented_with_its_schema() {
    let output = read("docs/OUTPUT.md");
    for schema in std::fs::read_dir(root().join("schemas/cli")).unwrap() {
        let name = schema.unwrap().file_name().to_string_lossy().into_owned();
        assert!(output.contains(&format!("schemas/cli/{name}")), "{name}");
    }
    assert!(output.contains(r#"{"locator":"#) && output.contains(r#""withheld":"#));
    assert!(read("docs/SEMVER.md").contains("schemas/cli/"));
}
