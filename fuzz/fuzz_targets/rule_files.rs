//! Rule files: a directory of TOML given to `RuleSet::from_files`. The first byte picks the mode: replace one
//! of the shipped files with the input (the others stay valid, so the fuzzer reaches the checks past parsing),
//! or split the input on NUL bytes into `national.toml` and profiles. A rule set that loads must then assess
//! the shipped example members without a panic.
#![no_main]

use hokensho::ruleset::EMBEDDED_FILES;
use hokensho::RuleSet;
use hokensho_fuzz::query_dates;
use libfuzzer_sys::fuzz_target;

const MEMBERS: &str = include_str!("../../examples/members.jsonl");

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let n = EMBEDDED_FILES.len();
    let pick = usize::from(mode) % (n + 1);
    let loaded = if pick < n {
        let files = EMBEDDED_FILES
            .iter()
            .enumerate()
            .map(|(i, &(name, body))| (name, if i == pick { text } else { body }));
        RuleSet::from_files(files)
    } else {
        let names: Vec<String> = (0..64).map(|i| format!("profiles/p{i}.toml")).collect();
        let files = text.split('\0').take(64).enumerate().map(|(i, body)| {
            let name = if i == 0 {
                "national.toml"
            } else {
                names[i].as_str()
            };
            (name, body)
        });
        RuleSet::from_files(files)
    };
    let Ok(rules) = loaded else {
        return;
    };
    for line in MEMBERS.lines() {
        if let Ok(m) = rules.parse_member(line) {
            for on in query_dates() {
                let _ = rules.assess(&m, on);
            }
            let [a, b, ..] = query_dates();
            let _ = rules.timeline(&m, a, hokensho::dates::add_days(b, 400));
        }
    }
});
