//! Dates as ADR files write them: `2016-02-12`, `[2022-10-05]`, `2016/02/12`, `12.02.2016`,
//! `12/02/2016`, `12 February 2016`, `February 12, 2016`, `2016-02-12T10:00:00Z`. A date is
//! read only when it can mean one day: `03/04/2016` could be either, so it is kept as written
//! and not read.
use chrono::NaiveDate;

/// A date as a file stated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedDate {
    /// Exactly as written, without the brackets and quotes around it.
    pub written: String,
    pub date: Option<NaiveDate>,
    /// Why it was not read, when it was not.
    pub problem: Option<String>,
}

pub fn read_stated_date(raw: &str) -> StatedDate {
    let written = raw
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim()
        .trim_matches(['"', '\''])
        .trim()
        .to_owned();
    let (date, problem) = match parse(&written) {
        Ok(date) => (Some(date), None),
        Err(problem) => (None, Some(problem)),
    };
    StatedDate {
        written,
        date,
        problem,
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn parse(text: &str) -> Result<NaiveDate, String> {
    let shown: String = text.chars().take(80).collect();
    let unreadable = || format!("the date \"{shown}\" could not be read; it is kept as written");
    // An ISO date, alone or starting a timestamp.
    if let Some(date) = text
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
        .filter(|_| text.len() == 10 || text[10..].starts_with(['T', ' ']))
    {
        return Ok(date);
    }
    let numbers: Vec<&str> = text.split(['/', '.', '-']).collect();
    if numbers.len() == 3 && numbers.iter().all(|n| is_digits(n)) {
        let value = |i: usize| numbers[i].parse::<u32>().unwrap_or(0);
        if numbers[0].len() == 4 {
            return ymd(value(0) as i32, value(1), value(2)).ok_or_else(unreadable);
        }
        if numbers[2].len() != 4 {
            return Err(unreadable());
        }
        let (first, second, year) = (value(0), value(1), value(2) as i32);
        // Dots are day-first everywhere they are used.
        if text.contains('.') || first > 12 {
            return ymd(year, second, first).ok_or_else(unreadable);
        }
        if second > 12 {
            return ymd(year, first, second).ok_or_else(unreadable);
        }
        if first == second {
            return ymd(year, first, second).ok_or_else(unreadable);
        }
        return Err(format!(
            "the date \"{shown}\" could be day/month or month/day; it is kept as written, without a date to sort by"
        ));
    }
    worded(text).ok_or_else(unreadable)
}

/// `12 February 2016`, `12 Feb. 2016`, `February 12, 2016`, `Feb 12th 2016`.
fn worded(text: &str) -> Option<NaiveDate> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_ascii_lowercase())
        .collect();
    if words.len() != 3 {
        return None;
    }
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.get(..3).is_some_and(|head| m.starts_with(head)) && is_month_word(w))
            .map(|i| i as u32 + 1)
    };
    let day = |w: &str| {
        let digits = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suffix| w.strip_suffix(suffix))
            .unwrap_or(w);
        digits.parse::<u32>().ok()
    };
    let year: i32 = words[2]
        .parse()
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    let (day, month) = match (day(&words[0]), month(&words[1])) {
        (Some(d), Some(m)) => (d, m),
        _ => (day(&words[1])?, month(&words[0])?),
    };
    ymd(year, month, day)
}

fn is_month_word(word: &str) -> bool {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    NAMES.iter().any(|name| name.starts_with(word)) || word == "sept"
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_spellings_of_a_date_are_read_and_kept_as_written() {
        for (raw, written, date) in [
            ("2016-02-12", "2016-02-12", Some("2016-02-12")),
            ("[2022-10-05]", "2022-10-05", Some("2022-10-05")),
            ("\"2023-05-04\"", "2023-05-04", Some("2023-05-04")),
            (
                "2016-02-12T10:30:00Z",
                "2016-02-12T10:30:00Z",
                Some("2016-02-12"),
            ),
            ("2016/02/12", "2016/02/12", Some("2016-02-12")),
            ("12.02.2016", "12.02.2016", Some("2016-02-12")),
            ("13/02/2016", "13/02/2016", Some("2016-02-13")),
            ("02/13/2016", "02/13/2016", Some("2016-02-13")),
            ("12 February 2016", "12 February 2016", Some("2016-02-12")),
            ("12 Feb. 2016", "12 Feb. 2016", Some("2016-02-12")),
            ("February 12, 2016", "February 12, 2016", Some("2016-02-12")),
            ("Sept 3rd 2021", "Sept 3rd 2021", Some("2021-09-03")),
            ("12/02/2016", "12/02/2016", None),
            ("2016-02-30", "2016-02-30", None),
            ("sometime in 2019", "sometime in 2019", None),
            ("12 Febtember 2016", "12 Febtember 2016", None),
            ("12 août 2016", "12 août 2016", None),
            ("12 ümlaut 2016", "12 ümlaut 2016", None),
        ] {
            let stated = read_stated_date(raw);
            assert_eq!(stated.written, written, "{raw}");
            assert_eq!(stated.date.map(|d| d.to_string()).as_deref(), date, "{raw}");
            assert_eq!(stated.problem.is_some(), date.is_none(), "{raw}");
        }
        assert!(read_stated_date("12/02/2016")
            .problem
            .unwrap()
            .contains("day/month or month/day"));
    }
}
