/// The text to put between `<textarea>` and `</textarea>`.
///
/// Leptos writes a textarea's children into the server's HTML without escaping them, so a value
/// containing `</textarea><script>` would end the element and inject markup. On the server the
/// text is therefore escaped here; in the browser it becomes a text node, which needs none.
pub fn textarea_text(value: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        value
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    #[cfg(not(feature = "ssr"))]
    {
        value.to_owned()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::textarea_text;

    #[test]
    fn a_closing_tag_cannot_end_the_textarea() {
        let text = textarea_text("</textarea><script>alert(1)</script> & more");
        assert_eq!(
            text,
            "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
        );
    }
}
