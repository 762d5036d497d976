//! Structured members (`arbitrary`): every field of the contract present, absent, null, wrong or odd, then the
//! member path, assess on several dates and a timeline over a window that starts from one of the member's own
//! dates.
#![no_main]

use hokensho_fuzz::{check_envelope, query_dates, ArbMember, RULES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|m: ArbMember| {
    let rules = &*RULES;
    let v = m.to_json();
    let text = v.to_string();
    let parsed = rules.parse_member(&text);
    let [a, b, c, _, _] = query_dates();
    for on in [a, b, c] {
        check_envelope(&rules.assess_member_json(&text, on, hokensho::Options::default()));
    }
    if let Ok(member) = parsed {
        for on in query_dates() {
            let a = rules
                .assess(&member, on)
                .expect("a member that parses is assessed");
            let _ = a.summary();
            let _ = hokensho::explain::explain(&a, hokensho::Lang::En);
        }
        let from = member.birth_date;
        let to = hokensho::dates::add_days(from, 366 * 50);
        let _ = rules.timeline(&member, from, to);
        let req = serde_json::json!({"member": v, "from": "2024-01-01", "to": "2030-12-31"});
        check_envelope(&rules.timeline_json(&req.to_string()));
    }
});
