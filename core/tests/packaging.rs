//! The crate's default rules and the one place people edit them: `core/rules` is a symlink to the repository's
//! `rules/` (so `cargo package` puts the files inside the crate), and `EMBEDDED_FILES` must name every rule file
//! there, no more, with the same bytes. A profile added under `rules/` without a line in `EMBEDDED_FILES` fails
//! here instead of being silently left out of the crate's default rules.

// Tests and benches may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use hokensho::ruleset::EMBEDDED_FILES;

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

fn toml_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        if p.is_dir() {
            toml_files(&p, &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".toml") {
            out.push(format!("{prefix}{name}"));
        }
    }
}

#[test]
fn embedded_files_are_exactly_the_rule_files_on_disk() {
    let mut on_disk = Vec::new();
    toml_files(&rules_dir(), "", &mut on_disk);
    let mut embedded: Vec<String> = EMBEDDED_FILES.iter().map(|(n, _)| n.to_string()).collect();
    embedded.sort();
    assert_eq!(
        embedded, on_disk,
        "core/src/ruleset.rs EMBEDDED_FILES must list every file under rules/"
    );
    for (name, text) in EMBEDDED_FILES {
        let disk = std::fs::read_to_string(rules_dir().join(name)).expect("readable");
        assert_eq!(*text, disk, "{name}");
    }
}

#[test]
fn the_rules_directory_loads_like_the_embedded_rules() {
    let from_disk = hokensho::RuleSet::from_dir(rules_dir()).expect("rules/ loads");
    let embedded = hokensho::RuleSet::embedded().expect("embedded");
    let sorted = |r: &hokensho::RuleSet| {
        let mut ids: Vec<String> = r.profile_ids().map(str::to_owned).collect();
        ids.sort();
        ids
    };
    assert_eq!(sorted(&from_disk), sorted(&embedded));
    assert_eq!(from_disk.national, embedded.national);
    for id in sorted(&embedded) {
        assert_eq!(from_disk.profile(&id), embedded.profile(&id), "{id}");
    }
}

#[cfg(unix)]
#[test]
fn core_rules_is_a_link_to_the_top_rules_directory_in_the_repository() {
    // inside a packaged crate (cargo package, crates.io) `rules` is a plain directory: nothing to check there
    let top = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    if !top.join("national.toml").exists() {
        return;
    }
    let link = std::fs::read_link(rules_dir()).expect("core/rules is a symlink");
    assert_eq!(link, Path::new("../rules"));
}
