//! Where to send someone after they sign in: the `next` parameter of sign-in, sign-up and single
//! sign-on, followed only when it is a path on this site.
//!
//! Browsers are lenient with a `Location` header: they drop tabs and newlines, read `\` as `/`,
//! and some fold look-alike slashes, so `/<TAB>/evil.example` or `/\evil.example` can end up at
//! `//evil.example`, another host. A path is therefore accepted only when it and its
//! percent-decoded forms contain none of those characters and do not start with two slashes.

/// Where to go when `next` is missing or refused.
pub const HOME: &str = "/";

/// How many rounds of percent-decoding are checked (`%252F` is `%2F` is `/`).
const DECODING_ROUNDS: usize = 3;

/// A longer `next` is refused: no page of ours has a path near this.
const MAX_NEXT_BYTES: usize = 2048;

/// `next` when it is a same-site path, else [`HOME`]. The accepted value is returned as given
/// (only ASCII, so it is always a valid header value).
pub fn safe_next_path(next: &str) -> String {
    if is_same_site_path(next) {
        next.to_owned()
    } else {
        HOME.to_owned()
    }
}

fn is_same_site_path(next: &str) -> bool {
    if next.len() > MAX_NEXT_BYTES || !next.is_ascii() {
        return false;
    }
    if !is_plain_local_path(next) {
        return false;
    }
    // Decoded, the path must still be plain: `/%2F/evil` is `//evil` to some browsers. The query
    // and fragment are data, where an encoded space or line break is harmless.
    let mut form = path_part(next).to_owned();
    for _ in 0..=DECODING_ROUNDS {
        if !is_plain_local_path(&form) {
            return false;
        }
        match percent_decode(&form) {
            Some(decoded) if decoded != form => form = decoded,
            Some(_) => return true,
            None => return false,
        }
    }
    // Still changing after every round: nobody writes a path like that by accident.
    false
}

/// `next` without its query and fragment.
fn path_part(next: &str) -> &str {
    next.split(['?', '#']).next().unwrap_or(next)
}

/// One leading slash, then nothing a browser might bend into another host.
fn is_plain_local_path(path: &str) -> bool {
    let mut chars = path.chars();
    if chars.next() != Some('/') || matches!(chars.next(), Some('/')) {
        return false;
    }
    !path
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\' || LOOKALIKE_SLASHES.contains(&c))
}

/// Characters that some browser or normaliser has read as `/` or `\`.
const LOOKALIKE_SLASHES: [char; 8] = [
    '\u{2044}', // fraction slash
    '\u{2215}', // division slash
    '\u{2216}', // set minus
    '\u{29F5}', // reverse solidus operator
    '\u{29F8}', // big solidus
    '\u{FE68}', // small reverse solidus
    '\u{FF0F}', // fullwidth solidus
    '\u{FF3C}', // fullwidth reverse solidus
];

/// `%XX` decoded into bytes, read as UTF-8 (lossily: a stray byte becomes U+FFFD, which is then
/// checked like any other character); `None` for a `%` without two hex digits.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    Some(String::from_utf8_lossy(&decoded).into_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_next_path;

    #[test]
    fn paths_on_this_site_are_followed() {
        for path in [
            "/",
            "/projects/4",
            "/projects/4/decisions?status=accepted&q=cache%20layer",
            "/invitations/abc-DEF_123",
            "/projects/4/decisions/7#history",
            "/search?q=%C3%A9t%C3%A9",
            "/projects/4/decisions?q=%0A%2F%2F",
        ] {
            assert_eq!(safe_next_path(path), path, "{path:?} should be followed");
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_goes_home() {
        let payloads = [
            "",
            "//evil.example",
            "///evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "%2F%2Fevil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%5Cevil.example",
            "/%252F/evil.example",
            "/%2F/evil.example?q=1",
            "/%5C%5Cevil.example#x",
            "https://evil.example",
            "https:evil.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            " /evil.example",
            " //evil.example",
            "/ /evil.example",
            "/\u{FF0F}evil.example",
            "/\u{2215}evil.example",
            "/%EF%BC%8Fevil.example",
            "/%E2%88%95evil.example",
            "/\u{0}evil",
            "/%00evil",
            "/%zz",
            "evil.example",
            "?next=/",
        ];
        for payload in payloads {
            assert_eq!(
                safe_next_path(payload),
                "/",
                "{payload:?} must not be followed"
            );
        }
    }

    #[test]
    fn a_path_longer_than_any_of_ours_goes_home() {
        let long = format!("/{}", "a".repeat(4096));
        assert_eq!(safe_next_path(&long), "/");
    }
}
