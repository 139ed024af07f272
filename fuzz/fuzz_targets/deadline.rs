//! The roadmap deadline parser: any `due` text and any span of years must
//! give a deadline (or a warning), never a panic, and a sane range.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use nastavnik::model::deadline::{parse_deadline, status};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    // Two bytes choose the roadmap's years (mostly the range the loader
    // allows, 1990–2100; sometimes any i32), the rest is the text.
    let (first, last) = if data[0] == 0xff {
        (i32::MIN + i32::from(data[1]), i32::MAX - i32::from(data[2]))
    } else {
        let a = 1990 + i32::from(data[0]) % 111;
        (a, (a + i32::from(data[1] % 8)).min(2100))
    };
    let Ok(text) = std::str::from_utf8(&data[3..]) else {
        return;
    };
    let (deadline, _warning) = parse_deadline(text, (first, last));
    assert_eq!(deadline.text, text, "the text is kept as written");
    if let (Some(from), Some(to)) = (deadline.from, deadline.to) {
        assert!(from <= to, "{text:?} → {from} > {to}");
    }
    let start = NaiveDate::from_ymd_opt(first.clamp(1990, 2100), 1, 1).unwrap();
    for today in [start, NaiveDate::MIN, NaiveDate::MAX] {
        let _ = status(&deadline, false, today, start);
    }
});
