//! One assessment as readable text, in Japanese or English.

use std::fmt::Write;

use crate::assessment::{Assessment, OptionSet};
use crate::messages::{doc_name, en_date, ja_date, status_name, Lang};

fn pick<'a>(lang: Lang, en: &'a Option<String>, ja: &'a Option<String>) -> &'a str {
    match lang {
        Lang::En => en.as_deref().unwrap_or(""),
        Lang::Ja => ja.as_deref().unwrap_or(""),
    }
}

fn set(s: &OptionSet, lang: Lang) -> String {
    s.iter()
        .map(|d| doc_name(*d, lang))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Ja { "＋" } else { " + " })
}

/// Renders an assessment (made with messages on) as text.
pub fn explain(a: &Assessment, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let t = |en: &'static str, j: &'static str| if ja { j } else { en };
    let date = |d| if ja { ja_date(d) } else { en_date(d) };
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}", a.id, date(a.on));
    let _ = writeln!(
        s,
        "{}: {} ({} {})",
        t("Covered", "資格"),
        if a.covered {
            t("yes", "あり")
        } else {
            t("no", "なし")
        },
        t("age", "年齢"),
        a.age
    );
    if let Some(k) = a.rules_as_of {
        let _ = writeln!(
            s,
            "{}: {}",
            t("Rules as announced by", "規則の基準日（発表日）"),
            date(k)
        );
    }
    let _ = writeln!(s, "\n{}", t("Documents", "書類"));
    if a.documents.is_empty() {
        let _ = writeln!(s, "  - {}", t("none held", "保有なし"));
    }
    for d in &a.documents {
        let idx = d.index.map(|i| format!(" #{}", i + 1)).unwrap_or_default();
        let _ = writeln!(
            s,
            "  - {}{idx}: {} — {} [{}]",
            doc_name(d.document, lang),
            status_name(d.status, lang),
            pick(lang, &d.reason.en, &d.reason.ja),
            d.reason.rule
        );
    }
    let _ = writeln!(s, "\n{}", t("Show at the counter", "窓口で提示するもの"));
    if a.care.options.is_empty() {
        let _ = writeln!(
            s,
            "  - {}",
            t(
                "nothing gives insured care today",
                "この日に保険診療を受けられる書類はありません"
            )
        );
        if let Some(fp) = &a.care.full_payment {
            let _ = writeln!(s, "  - {} [{}]", pick(lang, &fp.en, &fp.ja), fp.rule);
        }
    }
    for o in &a.care.options {
        let _ = writeln!(s, "  - {}", set(o, lang));
    }
    if !a.care.if_online_check_fails.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            t(
                "If the online check fails",
                "オンライン資格確認ができない場合"
            )
        );
        for o in &a.care.if_online_check_fails {
            let _ = writeln!(s, "  - {}", set(o, lang));
        }
    }
    if !a.care.provisional.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            t(
                "A provider may also accept (its discretion)",
                "医療機関の判断で暫定的に受け付けられるもの"
            )
        );
        for o in &a.care.provisional {
            let _ = writeln!(s, "  - {}", set(o, lang));
        }
    }
    let _ = writeln!(s, "\n{}", t("Eligibility certificate", "資格確認書"));
    let _ = writeln!(
        s,
        "  - {}",
        pick(lang, &a.needs_certificate.en, &a.needs_certificate.ja)
    );
    if !a.obligations.is_empty() {
        let _ = writeln!(s, "\n{}", t("To do", "必要な手続き"));
        for o in &a.obligations {
            let must = if o.required {
                ""
            } else {
                t(" (optional)", "（任意）")
            };
            let _ = writeln!(s, "  - {}{must} [{}]", pick(lang, &o.en, &o.ja), o.rule);
        }
    }
    if !a.upcoming.is_empty() {
        let _ = writeln!(s, "\n{}", t("Coming up", "今後の予定"));
        for u in &a.upcoming {
            let _ = writeln!(s, "  - {} [{}]", pick(lang, &u.en, &u.ja), u.rule);
        }
    }
    if !a.warnings.is_empty() {
        let _ = writeln!(s, "\n{}", t("Warnings", "注意"));
        for w in &a.warnings {
            let _ = writeln!(s, "  - {}", pick(lang, &w.en, &w.ja));
        }
    }
    if !a.trace.is_empty() {
        let _ = writeln!(s, "\n{}", t("Rules and sources", "根拠となる規則と出典"));
        let mut seen: Vec<crate::RuleId> = Vec::new();
        for e in &a.trace {
            if seen.contains(&e.rule) {
                continue;
            }
            seen.push(e.rule);
            let _ = writeln!(s, "  - {}", e.rule);
            for src in e.sources.iter() {
                let _ = writeln!(s, "      {src}");
            }
            for r in e.revisions.iter() {
                let _ = writeln!(
                    s,
                    "      {} {} ({}):",
                    t("revision announced on", "改定の発表日"),
                    date(r.announced_on),
                    r.parameter
                );
                for src in r.sources.iter() {
                    let _ = writeln!(s, "        {src}");
                }
            }
        }
    }
    s
}
