//! `assess` on the example members (examples/members.jsonl), three ways: codes only (no trace, no texts),
//! with the trace, and with trace and texts (the full answer). Throughput is reported per member.

// Tests and benches may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use hokensho::{Member, NaiveDate, Options, RuleSet};

fn members(rules: &RuleSet) -> Vec<Member> {
    let text = include_str!("../../examples/members.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| rules.parse_member(l).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::embedded().unwrap_or_else(|e| panic!("{e}"));
    let ms = members(&rules);
    assert!(ms.len() >= 20, "example members did not parse");
    let days: Vec<NaiveDate> = ["2025-07-31", "2025-12-02", "2026-04-01", "2027-08-01"]
        .iter()
        .filter_map(|d| hokensho::dates::parse_iso(d))
        .collect();
    let mut g = c.benchmark_group("assess");
    g.throughput(Throughput::Elements((ms.len() * days.len()) as u64));
    for (name, opts) in [
        (
            "codes_only",
            Options {
                messages: false,
                trace: false,
                ..Options::default()
            },
        ),
        (
            "with_trace",
            Options {
                messages: false,
                trace: true,
                ..Options::default()
            },
        ),
        (
            "trace_and_messages",
            Options {
                messages: true,
                trace: true,
                ..Options::default()
            },
        ),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in &days {
                    for m in &ms {
                        black_box(rules.assess_with(black_box(m), *d, opts).ok());
                    }
                }
            })
        });
    }
    g.finish();
    let mut j = c.benchmark_group("json_api");
    let lines: Vec<String> = include_str!("../../examples/members.jsonl")
        .lines()
        .map(str::to_owned)
        .collect();
    j.throughput(Throughput::Elements(lines.len() as u64));
    let on = days[1];
    j.bench_function("assess_member_json_full", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(rules.assess_member_json(l, on, Options::default()));
            }
        })
    });
    let quiet = Options {
        messages: false,
        trace: false,
        ..Options::default()
    };
    j.bench_function("assess_member_json_codes_only", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(rules.assess_member_json(l, on, quiet));
            }
        })
    });
    j.bench_function("parse_member_only", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(rules.parse_member(l).ok());
            }
        })
    });
    let parsed = members(&rules);
    j.bench_function("serialize_codes_only_answer", |b| {
        let answers: Vec<_> = parsed
            .iter()
            .filter_map(|m| rules.assess_with(m, on, quiet).ok())
            .collect();
        b.iter(|| {
            for a in &answers {
                black_box(serde_json::to_string(a).ok());
            }
        })
    });
    j.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
