//! Every JSON API request: the first byte picks the call (assess, assess_many, timeline, explain, summaries,
//! calendar),
//! the rest is the request text. Each call answers one well-formed envelope, never a panic.
#![no_main]

use hokensho_fuzz::{check_envelope, RULES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(req) = std::str::from_utf8(rest) else {
        return;
    };
    let rules = &*RULES;
    let out = match which % 6 {
        0 => rules.assess_json(req),
        1 => rules.assess_many_json(req),
        2 => rules.timeline_json(req),
        3 => rules.explain_json(req),
        4 => rules.summaries_json(req),
        _ => rules.calendar_json(req),
    };
    check_envelope(&out);
});
