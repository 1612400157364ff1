//! Times and durations as the session pages and the summary's markdown write them (UTC, since
//! participants may sit in different time zones).

/// "14:05 UTC" from an RFC 3339 time (the text itself when it is not one).
pub fn clock(rfc3339: &str) -> String {
    formatted(rfc3339, "%H:%M UTC")
}

/// "2026-12-01 14:05 UTC".
pub fn date_and_clock(rfc3339: &str) -> String {
    formatted(rfc3339, "%Y-%m-%d %H:%M UTC")
}

fn formatted(rfc3339: &str, format: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.with_timezone(&chrono::Utc).format(format).to_string())
        .unwrap_or_else(|_| rfc3339.to_owned())
}

/// When a timebox of `minutes` that started at `started` (RFC 3339) ends: "14:15 UTC".
pub fn timebox_end(started: &str, minutes: i32) -> Option<String> {
    let start = chrono::DateTime::parse_from_rfc3339(started).ok()?;
    Some(clock(
        &(start + chrono::Duration::minutes(minutes.into())).to_rfc3339(),
    ))
}

/// "12 min 5 s", "3 min", "40 s".
pub fn duration(seconds: i64) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_utc_and_durations_in_minutes_and_seconds() {
        assert_eq!(clock("2026-12-01T15:05:09+01:00"), "14:05 UTC");
        assert_eq!(
            date_and_clock("2026-12-01T14:05:00Z"),
            "2026-12-01 14:05 UTC"
        );
        assert_eq!(
            timebox_end("2026-12-01T14:05:00Z", 10).as_deref(),
            Some("14:15 UTC")
        );
        assert_eq!(duration(725), "12 min 5 s");
        assert_eq!(duration(180), "3 min");
        assert_eq!(duration(40), "40 s");
        assert_eq!(clock("not a time"), "not a time");
    }
}
