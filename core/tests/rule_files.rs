//! Loading rule files: every problem is a clear error naming the file and key.

// Tests and benches may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use hokensho::ruleset::EMBEDDED_FILES;
use hokensho::{Error, RuleSet};

fn files_with(edit: &dyn Fn(&str, &str) -> String) -> Vec<(String, String)> {
    EMBEDDED_FILES
        .iter()
        .map(|(n, c)| (n.to_string(), edit(n, c)))
        .collect()
}

fn load(files: &[(String, String)]) -> Result<RuleSet, Error> {
    RuleSet::from_files(files.iter().map(|(a, b)| (a.as_str(), b.as_str())))
}

fn expect_err(files: &[(String, String)], code: &str, path: &str) {
    match load(files) {
        Ok(_) => panic!("expected `{code}` at `{path}`, the rules loaded"),
        Err(e) => {
            assert!(matches!(e, Error::InvalidRules(_)), "{e}");
            let f = &e.errors()[0];
            assert_eq!((f.code.as_str(), f.path.as_str()), (code, path), "{}", f.en);
            assert!(
                f.en.contains('`')
                    && !f.en.ends_with('.')
                    && f.en.chars().next().is_some_and(|c| !c.is_uppercase()),
                "style: {}",
                f.en
            );
            assert!(!f.ja.is_empty());
        }
    }
}

#[test]
fn the_embedded_rules_load_with_every_profile() {
    let r = RuleSet::embedded().expect("embedded");
    assert_eq!(
        r.profile_ids().collect::<Vec<_>>(),
        ["kenpo", "kyokai", "kyosai", "kokuho", "kouki"]
    );
    let k = r.profile("kenpo").expect("kenpo");
    assert_eq!(k.bulk.len(), 1);
    assert_eq!(
        r.national.legacy_transition_last_day.to_string(),
        "2025-12-01"
    );
    // every rule of the catalogue cites at least one source under every profile
    for p in r.profile_ids() {
        for rule in hokensho::RuleId::ALL {
            assert!(
                !r.profile(p).expect("profile").sources(*rule).is_empty(),
                "{p} {rule}"
            );
        }
    }
}

#[test]
fn the_rules_directory_loads_from_disk() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules");
    let (disk, embedded) = (
        RuleSet::from_dir(dir).expect("from_dir"),
        RuleSet::embedded().expect("embedded"),
    );
    assert!(
        disk.national == embedded.national,
        "national parameters differ"
    );
    for id in embedded.profile_ids() {
        assert!(
            disk.profile(id) == embedded.profile(id),
            "profile {id} differs"
        );
    }
    let e = RuleSet::from_dir("/nonexistent-hokensho").expect_err("missing dir");
    assert_eq!(e.errors()[0].code, "unreadable");
}

#[test]
fn unknown_keys() {
    let f = files_with(&|n, c| {
        if n == "profiles/kenpo.toml" {
            c.replace("[params.return_via]", "[params.return_viaa]")
        } else {
            c.to_owned()
        }
    });
    expect_err(&f, "unknown_key", "profiles/kenpo.toml:params.return_viaa");
    let f = files_with(&|n, c| {
        if n == "national.toml" {
            c.replacen(
                "value = \"2024-12-02\"\nrule",
                "value = \"2024-12-02\"\nrules = 1\nrule",
                1,
            )
        } else {
            c.to_owned()
        }
    });
    expect_err(
        &f,
        "unknown_key",
        "national.toml:params.legacy_issuance_stop.rules",
    );
}

#[test]
fn missing_sources() {
    let f = files_with(&|n, c| {
        if n == "profiles/kyokai.toml" {
            c.replacen("sources = [\"rules-catalogue.md profile parameters: legacy printed-expiry default — kyokai: none\"]", "sources = []", 1)
        } else {
            c.to_owned()
        }
    });
    expect_err(
        &f,
        "missing_source",
        "profiles/kyokai.toml:params.legacy_printed_expiry_default.sources",
    );
}

#[test]
fn impossible_dates() {
    let f = files_with(&|n, c| {
        if n == "national.toml" {
            c.replace("value = \"2025-12-01\"", "value = \"2025-02-30\"")
        } else {
            c.to_owned()
        }
    });
    expect_err(
        &f,
        "invalid_date",
        "national.toml:params.legacy_transition_last_day.value",
    );
    let f = files_with(&|n, c| {
        if n == "profiles/kenpo.toml" {
            c.replace("snapshot = \"2025-10-01\"", "snapshot = \"2025-13-01\"")
        } else {
            c.to_owned()
        }
    });
    expect_err(&f, "invalid_date", "profiles/kenpo.toml:bulk[0].snapshot");
}

#[test]
fn windows_that_end_before_they_start() {
    let f = files_with(&|n, c| {
        if n == "profiles/kenpo.toml" {
            c.replace(
                "window_until = \"2025-11-30\"",
                "window_until = \"2025-10-31\"",
            )
        } else {
            c.to_owned()
        }
    });
    expect_err(
        &f,
        "window_order",
        "profiles/kenpo.toml:bulk[0].window_until",
    );
    let f = files_with(&|n, c| {
        if n == "profiles/kokuho.toml" {
            c.replace("value = \"2025-08-01\"", "value = \"2026-05-01\"")
        } else {
            c.to_owned()
        }
    });
    expect_err(
        &f,
        "window_order",
        "profiles/kokuho.toml:params.provisional_acceptance_from",
    );
}

#[test]
fn certificate_validity_over_five_years() {
    let f = files_with(&|n, c| {
        if n == "profiles/kenpo.toml" {
            c.replace("expires_on = \"2027-09-30\"", "expires_on = \"2031-09-30\"")
        } else {
            c.to_owned()
        }
    });
    expect_err(
        &f,
        "certificate_validity_too_long",
        "profiles/kenpo.toml:bulk[0].expires_on",
    );
    let f = files_with(&|n, c| {
        if n == "national.toml" {
            c.replace(
                "value = 5\nrule = \"cert.validity\"",
                "value = 6\nrule = \"cert.validity\"",
            )
        } else {
            c.to_owned()
        }
    });
    expect_err(
        &f,
        "invalid_value",
        "national.toml:params.certificate_max_years.value",
    );
}

#[test]
fn rules_feeding_the_wrong_rule_and_unknown_rules() {
    let f = files_with(&|n, c| {
        if n == "profiles/kenpo.toml" {
            c.replace(
                "rule = \"cert.reissue-window\"",
                "rule = \"cert.reissue-windows\"",
            )
        } else {
            c.to_owned()
        }
    });
    expect_err(
        &f,
        "unknown_rule",
        "profiles/kenpo.toml:params.reissue_window_opens.rule",
    );
    let f = files_with(&|n, c| {
        if n == "profiles/kenpo.toml" {
            c.replace("rule = \"cert.reissue-window\"", "rule = \"cert.validity\"")
        } else {
            c.to_owned()
        }
    });
    expect_err(
        &f,
        "wrong_rule",
        "profiles/kenpo.toml:params.reissue_window_opens.rule",
    );
    let f = files_with(&|n, c| {
        if n == "national.toml" {
            c.replace(
                "[rules.\"care.mc\"]\nsources",
                "[rules.\"care.mc\"]\nsummary = \"x\"\nsourcez",
            )
        } else {
            c.to_owned()
        }
    });
    assert!(load(&f).is_err());
}

#[test]
fn missing_parameters_and_bad_toml() {
    let f = files_with(&|n, c| {
        if n == "profiles/kyosai.toml" {
            c.replace(
                "[params.return_via]\nvalue = \"employer\"\nrule = \"legacy.return\"",
                "[meta.x]\nvalue = \"employer\"",
            )
        } else {
            c.to_owned()
        }
    });
    assert!(load(&f).is_err());
    let f = files_with(&|n, c| {
        if n == "profiles/kyosai.toml" {
            let i = c.find("[params.return_via]").unwrap_or(0);
            let j = c[i..].find("\n\n").map_or(c.len(), |j| i + j);
            format!("{}{}", &c[..i], &c[j..])
        } else {
            c.to_owned()
        }
    });
    expect_err(&f, "missing_key", "profiles/kyosai.toml:params.return_via");
    let f = files_with(&|n, c| {
        if n == "profiles/kouki.toml" {
            format!("{c}\n[[bulk]\n")
        } else {
            c.to_owned()
        }
    });
    expect_err(&f, "invalid_toml", "profiles/kouki.toml:");
    let no_national: Vec<(String, String)> = files_with(&|_, c| c.to_owned())
        .into_iter()
        .filter(|(n, _)| n != "national.toml")
        .collect();
    expect_err(&no_national, "missing_national", "national.toml:");
}

#[test]
fn a_user_profile_based_on_another_overrides_only_what_differs() {
    let mut f = files_with(&|_, c| c.to_owned());
    f.push((
        "profiles/acme.toml".into(),
        "[meta]\nkind = \"profile\"\nid = \"acme\"\nbased_on = \"kenpo\"\nsources = [\"ACME 健保組合のお知らせ\"]\n\n[params.return_certificate_on_mc]\nvalue = true\nrule = \"cert.keep-after-mc\"\nsources = [\"ACME: マイナ保険証の登録後は資格確認書を返却\"]\n".into(),
    ));
    let r = load(&f).expect("acme loads");
    let acme = r.profile("acme").expect("acme");
    assert!(acme.return_certificate_on_mc);
    assert_eq!(
        acme.reissue_window_opens,
        r.profile("kenpo").expect("kenpo").reissue_window_opens
    );
    assert!(acme
        .sources(hokensho::RuleId::CertKeepAfterMc)
        .iter()
        .any(|s| s.contains("ACME")));
    let mut g = f.clone();
    g.last_mut().expect("acme").1 = g
        .last()
        .expect("acme")
        .1
        .replace("based_on = \"kenpo\"", "based_on = \"nobody\"");
    expect_err(&g, "unknown_base", "profiles/acme.toml:meta.based_on");
}

/// The national history of the provisional end, as the embedded file writes it.
const PROV_FIRST: &str = "announced_on = \"2025-11-12\"";
const PROV_SECOND: &str = "announced_on = \"2026-03-19\"";

fn national_with(edit: &dyn Fn(&str) -> String) -> Vec<(String, String)> {
    files_with(&|n, c| {
        if n == "national.toml" {
            edit(c)
        } else {
            c.to_owned()
        }
    })
}

#[test]
fn history_revisions_out_of_order() {
    let files = national_with(&|c| c.replacen(PROV_SECOND, "announced_on = \"2025-01-01\"", 1));
    expect_err(
        &files,
        "revision_order",
        "national.toml:params.provisional_acceptance_until.history",
    );
}

#[test]
fn history_two_revisions_on_one_day() {
    let files = national_with(&|c| c.replacen(PROV_SECOND, PROV_FIRST, 1));
    expect_err(
        &files,
        "duplicate_announcement",
        "national.toml:params.provisional_acceptance_until.history",
    );
}

#[test]
fn history_revision_without_sources() {
    let files = national_with(&|c| {
        let at = c.find(PROV_SECOND).unwrap_or(0);
        let (head, tail) = c.split_at(at);
        let end = tail.find("]\n").map(|i| i + 2).unwrap_or(0);
        let start = tail.find("sources = [").unwrap_or(0);
        format!("{head}{}sources = []\n{}", &tail[..start], &tail[end..])
    });
    expect_err(
        &files,
        "missing_source",
        "national.toml:params.provisional_acceptance_until.history[1].sources",
    );
}

#[test]
fn history_with_a_value_beside_it() {
    let files = national_with(&|c| {
        c.replacen(
            "[params.provisional_acceptance_until]\n",
            "[params.provisional_acceptance_until]\nvalue = \"2026-03-31\"\n",
            1,
        )
    });
    expect_err(
        &files,
        "unknown_key",
        "national.toml:params.provisional_acceptance_until.value",
    );
}

#[test]
fn history_with_an_impossible_announcement_date() {
    let files = national_with(&|c| c.replacen(PROV_SECOND, "announced_on = \"2026-02-30\"", 1));
    expect_err(
        &files,
        "invalid_date",
        "national.toml:params.provisional_acceptance_until.history[1].announced_on",
    );
}

#[test]
fn revised_bulk_rounds_say_when_and_in_order() {
    let kouki = |edit: &dyn Fn(&str) -> String| {
        files_with(&|n, c| {
            if n == "profiles/kouki.toml" {
                edit(c)
            } else {
                c.to_owned()
            }
        })
    };
    let files = kouki(&|c| c.replacen("announced_on = \"2025-04-03\"\nsnapshot", "snapshot", 1));
    expect_err(
        &files,
        "missing_key",
        "profiles/kouki.toml:bulk[1].announced_on",
    );
    let files = kouki(&|c| {
        c.replacen(
            "announced_on = \"2025-12-18\"\nsnapshot",
            "announced_on = \"2025-01-01\"\nsnapshot",
            1,
        )
    });
    expect_err(
        &files,
        "revision_order",
        "profiles/kouki.toml:bulk[2].announced_on",
    );
}

#[test]
fn a_user_directory_adds_a_revision_without_recompiling() {
    use hokensho::{parse_date, Options};
    let dir = std::env::temp_dir().join(format!("hokensho-rev-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("profiles")).expect("dir");
    for (name, text) in EMBEDDED_FILES {
        let text = if *name == "national.toml" {
            text.to_string() + "\n[[params.provisional_acceptance_until.history]]\nvalue = \"2026-09-30\"\nannounced_on = \"2026-07-15\"\nsources = [\"a user's own notice of 2026-07-15\"]\n"
        } else {
            text.to_string()
        };
        std::fs::write(dir.join(name), text).expect("write");
    }
    let rules = RuleSet::from_dir(&dir).expect("loads");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(rules.latest_announcement(), parse_date("2026-07-15").ok());
    let m = rules
        .parse_member(r#"{"id":"U-1","insurer":"kyokai","role":"insured","birth_date":"1980-05-10","coverage":{"acquired_on":"2010-04-01"},"number_on_file":{"received_on":"2024-05-01"},"legacy_card":{"issued_on":"2019-04-01"}}"#)
        .expect("member");
    let on = parse_date("2026-08-15").expect("date");
    let a = rules.assess(&m, on).expect("assess");
    assert_eq!(
        a.care.provisional.len(),
        1,
        "the user's revision extends the measure"
    );
    let k = parse_date("2026-07-14").ok();
    let before = rules
        .assess_with(
            &m,
            on,
            Options {
                rules_as_of: k,
                ..Options::default()
            },
        )
        .expect("assess");
    assert!(
        before.care.provisional.is_empty(),
        "known on 2026-07-14: ended on 2026-07-31"
    );
    let log = rules.changes(k);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].parameter, "params.provisional_acceptance_until");
    assert_eq!(log[0].previous, Some(serde_json::json!("2026-07-31")));
    assert_eq!(log[0].value, serde_json::json!("2026-09-30"));
}
