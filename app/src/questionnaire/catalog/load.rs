use std::sync::LazyLock;

use pulldown_cmark::{html, Event, Options, Parser};
use serde::Deserialize;

use super::{validate, Catalog, MovedQuestion, Skill, Topic};

mod files {
    include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));
}

const CATALOG_TOML: &str = include_str!("../../../catalog/catalog.toml");

/// Why the catalog could not be used; names the file and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("catalog: {0}")]
pub struct CatalogError(pub String);

#[derive(Deserialize)]
struct CatalogHeader {
    version: String,
    #[serde(default)]
    skills: Vec<Skill>,
    #[serde(default)]
    moved: Vec<MovedQuestion>,
}

static EMBEDDED: LazyLock<Result<Catalog, CatalogError>> =
    LazyLock::new(|| load(CATALOG_TOML, files::TOPIC_FILES));

/// The catalog built into this binary, or what is wrong with it. The server checks it before it
/// starts, so that a broken catalog stops it with the file and field named.
pub fn checked() -> Result<&'static Catalog, &'static CatalogError> {
    EMBEDDED.as_ref()
}

/// The catalog built into this binary. Validated by the test suite and at start-up.
pub fn embedded() -> &'static Catalog {
    checked().unwrap_or_else(|error| panic!("{error}"))
}

/// Parses, renders and validates a catalog from its header and topic files.
pub fn load(header: &str, topic_files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
    let header: CatalogHeader =
        toml::from_str(header).map_err(|e| CatalogError(format!("catalog.toml: {e}")))?;
    let mut topics = Vec::with_capacity(topic_files.len());
    for (name, text) in topic_files {
        let mut topic: Topic =
            toml::from_str(text).map_err(|e| CatalogError(format!("{name}: {e}")))?;
        topic.guidance_html = render_guidance(&topic.guidance);
        topic.source = (*name).to_owned();
        topics.push(topic);
    }
    let catalog = Catalog {
        version: header.version,
        skills: header.skills,
        moved: header.moved,
        topics,
    };
    let problems = validate(&catalog);
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(CatalogError(problems.join("; ")))
    }
}

/// Markdown to HTML. Raw HTML in the source is shown as text, never passed through.
fn render_guidance(markdown: &str) -> String {
    let events =
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            other => other,
        });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalog_loads_and_is_valid() {
        let catalog = load(CATALOG_TOML, files::TOPIC_FILES).unwrap();
        assert!(!catalog.version.is_empty());
        assert_eq!(catalog.topics.len(), files::TOPIC_FILES.len());
    }

    #[test]
    fn the_topics_follow_the_reference_in_its_order() {
        let ids: Vec<&str> = embedded().topics.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "core-principles",
                "modular-design",
                "monolith-vs-microservices",
                "database",
                "api",
                "auth",
                "frontend",
                "backend",
                "serverless",
                "cicd",
                "monitoring",
                "testing",
                "hosting",
                "scalability",
                "pitfalls"
            ]
        );
    }

    #[test]
    fn guidance_is_rendered_and_raw_html_is_not_passed_through() {
        let html = render_guidance("**bold** <script>alert(1)</script>");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn a_problem_names_the_file_the_question_the_option_and_the_field() {
        let mut files: Vec<(String, String)> = files::TOPIC_FILES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
            .collect();
        let (name, text) = files
            .iter_mut()
            .find(|(name, _)| name.ends_with("-database.toml"))
            .unwrap();
        let name = name.clone();
        let good = "good = \"it gives transactions, joins and constraints";
        assert!(
            text.contains(good),
            "the fixture still has PostgreSQL's trade-off"
        );
        *text = text.replacen(
            good,
            "good = \"Transactions. Joins. Constraints.\"\nx = \"",
            1,
        );
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let error = load(CATALOG_TOML, &borrowed).unwrap_err();
        assert!(
            error.0.contains(&format!(
                "topics/{name}: question database.product, option postgresql, field `good`"
            )),
            "{error}"
        );
    }

    #[test]
    fn a_broken_topic_file_is_reported_by_name() {
        let error = load("version = \"1\"", &[("99-broken.toml", "id = ")]).unwrap_err();
        assert!(error.0.contains("99-broken.toml"), "{error}");
    }
}
