//! Member JSON text, as a line of a JSON Lines file: parse and validate, then assess on several dates, with and
//! without texts; the envelope of the CLI's path must be well formed.
#![no_main]

use hokensho::Options;
use hokensho_fuzz::{check_envelope, query_dates, RULES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = &*RULES;
    let parsed = rules.parse_member(text);
    for on in query_dates() {
        let env = rules.assess_member_json(text, on, Options::default());
        check_envelope(&env);
        assert_eq!(
            env.starts_with(r#"{"ok":true"#),
            parsed.is_ok(),
            "parse_member and the envelope agree"
        );
        if let Ok(m) = &parsed {
            let a = rules
                .assess(m, on)
                .expect("a member that parses is assessed");
            let _ = a.summary();
            let quiet = Options {
                messages: false,
                trace: false,
                rules_as_of: None,
            };
            rules
                .assess_with(m, on, quiet)
                .expect("quiet assessment too");
        }
    }
});
