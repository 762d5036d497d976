//! Dates and era strings: `parse_date` (ISO or era), the strict ISO parser, the era parser, and the Japan
//! civil date of a JavaScript timestamp. Round trips and era bounds are checked.
#![no_main]

use hokensho::dates::{iso, japan_date_from_unix_millis, parse_era, parse_iso};
use hokensho::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() >= 8 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&data[..8]);
        let _ = japan_date_from_unix_millis(f64::from_le_bytes(b));
    }
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let q = hokensho::parse_date(s);
    if let Some(d) = parse_iso(s) {
        assert_eq!(iso(d), s, "a strict ISO date prints back as given");
        assert_eq!(q.as_ref().ok(), Some(&d));
    }
    if let Some(d) = parse_era(s) {
        let meiji = NaiveDate::from_ymd_opt(1868, 1, 25).expect("fixed");
        assert!(d >= meiji, "an era date is on or after Meiji's first day");
        if parse_iso(s.trim()).is_none() {
            assert_eq!(
                q.as_ref().ok(),
                Some(&d),
                "parse_date falls back to the era parser"
            );
        }
    }
    if q.is_err() {
        assert!(parse_iso(s.trim()).is_none() && parse_era(s).is_none());
    }
});
