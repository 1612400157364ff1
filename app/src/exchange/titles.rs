//! Titles and numbers as file names and `# ` lines give them.
use super::links::file_number;

/// The number a file's name gives, or its folder's for `<slug>/README.md`.
pub fn name_number(path: &str) -> Option<i32> {
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or(path);
    file_number(name)
        .or_else(|| parts.next().and_then(file_number))
        .filter(|n| *n < 1_000_000)
}

/// `0007-use-rest.md` -> "Use rest"; `adr_012_Use_gRPC.md` -> "Use gRPC".
pub fn title_from_name(path: &str) -> String {
    let mut parts = path.rsplit('/');
    let mut name = parts.next().unwrap_or(path);
    if ["readme.md", "index.md"].contains(&name.to_ascii_lowercase().as_str()) {
        name = parts.next().unwrap_or(name);
    }
    let stem = name
        .strip_suffix(".md")
        .or(name.strip_suffix(".MD"))
        .unwrap_or(name);
    let words: Vec<&str> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .skip_while(|w| w.eq_ignore_ascii_case("adr") || w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let mut title = words.join(" ");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    if title.is_empty() {
        "Untitled decision".to_owned()
    } else {
        title
    }
}

/// `7. Use REST`, `ADR-007: Use REST`, `ADR 7 - Use REST` -> (7, "Use REST"), when the number
/// is the file's or the file has none.
pub fn split_numbered_title(title: &str, file_number: Option<i32>) -> (Option<i32>, &str) {
    let body = title
        .strip_prefix("ADR")
        .or_else(|| title.strip_prefix("adr"))
        .map(|rest| rest.trim_start_matches(['-', ' ', '_']))
        .unwrap_or(title);
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return (None, title);
    }
    let after = &body[digits..];
    let prefixed = body.len() != title.len();
    let rest = after
        .strip_prefix(". ")
        .or_else(|| after.strip_prefix(": "))
        .or_else(|| after.strip_prefix(" - "))
        .or_else(|| after.strip_prefix(" – "))
        .or_else(|| prefixed.then(|| after.strip_prefix(' ')).flatten());
    match (rest, body[..digits].parse::<i32>().ok()) {
        (Some(rest), Some(number))
            if !rest.trim().is_empty() && file_number.is_none_or(|n| n == number) =>
        {
            (Some(number), rest.trim())
        }
        _ => (None, title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_titles_lose_their_number_when_it_is_the_files() {
        assert_eq!(
            split_numbered_title("7. Use REST", Some(7)),
            (Some(7), "Use REST")
        );
        assert_eq!(
            split_numbered_title("ADR-007: Use REST", None),
            (Some(7), "Use REST")
        );
        assert_eq!(
            split_numbered_title("ADR 7 - Use REST", Some(7)),
            (Some(7), "Use REST")
        );
        assert_eq!(
            split_numbered_title("7. Use REST", Some(8)),
            (None, "7. Use REST")
        );
        assert_eq!(
            split_numbered_title("2024 plans", None),
            (None, "2024 plans")
        );
    }

    #[test]
    fn names_give_titles_and_numbers() {
        assert_eq!(title_from_name("0007-use-rest.md"), "Use rest");
        assert_eq!(title_from_name("adr_012_Use_gRPC.md"), "Use gRPC");
        assert_eq!(title_from_name("0003-use-queues/README.md"), "Use queues");
        assert_eq!(name_number("0003-use-queues/README.md"), Some(3));
        assert_eq!(name_number("ADR-0000-record.md"), Some(0));
    }
}
