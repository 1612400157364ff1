//! Markdown to safe HTML: pulldown-cmark renders, ammonia keeps only harmless tags and
//! attributes (no scripts, no event handlers, no `javascript:` or `data:` URLs). Runs on save;
//! pages show the stored result.
use std::sync::LazyLock;

use pulldown_cmark::{html, Options, Parser};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
});

/// Renders `markdown` (CommonMark with tables, strikethrough and task lists) and sanitises it.
pub fn render(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    CLEANER.clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_html() {
        let html = render("# Use **PostgreSQL**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<strong>PostgreSQL</strong>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
    }

    #[test]
    fn scripts_handlers_and_script_urls_do_not_survive() {
        let hostile = concat!(
            "<script>alert(1)</script>\n\n",
            "<img src=x onerror=\"alert(2)\">\n\n",
            "[click](javascript:alert(3)) <a href=\"JaVaScRiPt:alert(4)\">x</a>\n\n",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<a href=\"data:text/html,<script>alert(5)</script>\">d</a>",
            "<div style=\"background:url(javascript:alert(6))\" onclick=\"alert(7)\">s</div>",
        );
        let html = render(hostile).to_lowercase();
        for banned in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "data:text",
            "onclick",
            "style=",
        ] {
            assert!(!html.contains(banned), "{banned} survived in {html}");
        }
    }

    #[test]
    fn links_open_without_handing_over_the_page() {
        let html = render("[site](https://example.com)");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }
}
