use super::*;

fn picture() -> Picture {
    Picture {
        clients: "Web, Mobile".into(),
        frontend: "Server-rendered pages".into(),
        api: "REST".into(),
        backend: "Modular monolith · The stack the team knows".into(),
        modules: vec!["Accounts".into(), "<script>alert(1)</script>".into()],
        database: "PostgreSQL".into(),
        auth: "Hosted identity provider".into(),
        monitoring: "Logs and error tracking".into(),
        hosting: "A platform as a service".into(),
    }
}

#[test]
fn the_svg_draws_every_box_and_escapes_every_text() {
    let svg = picture().svg();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    for text in [
        "Accounts",
        "PostgreSQL",
        "REST",
        "Hosted identity provider",
        "Runs on: A platform as a service",
    ] {
        assert!(svg.contains(text), "{text} missing");
    }
    assert!(!svg.contains("<script>"), "{svg}");
    assert!(svg.contains("&lt;script&gt;"));
    assert_eq!(
        svg.matches("<rect").count(),
        2 + 1 + 2 + 1 + 2,
        "clients, frontend, backend, 2 modules, database, auth, monitoring"
    );
}

#[test]
fn fifteen_components_with_long_names_are_drawn_whole() {
    let mut p = picture();
    p.modules = (1..=12)
        .map(|n| format!("Module number {n} with a long descriptive name"))
        .collect();
    p.frontend = "Next.js (React) on Cloudflare Pages".into();
    p.database = "PostgreSQL on Amazon RDS".into();
    p.hosting = "Amazon ECS on Fargate, Docker image on an official slim base".into();
    let svg = p.svg();
    // To look at it: GW_DIAGRAM_OUT=/tmp/diagram.svg, then open the file in a browser.
    if let Some(out) = std::env::var_os("GW_DIAGRAM_OUT") {
        std::fs::write(out, &svg).unwrap();
    }
    assert!(!svg.contains('…'), "no label is cut: {svg}");
    let texts: String = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| {
            t.split_once('>')
                .and_then(|(_, rest)| rest.split_once("</text>"))
        })
        .map(|(text, _)| format!("{text} "))
        .collect();
    for whole in [
        "Module number 12 with a long descriptive name",
        "Next.js (React) on Cloudflare Pages",
        "PostgreSQL on Amazon RDS",
    ] {
        let words: Vec<&str> = whole.split(' ').collect();
        assert!(
            words.iter().all(|w| texts.contains(w)),
            "{whole} in {texts}"
        );
    }
    for line in svg.split("<text").skip(1) {
        let text = line
            .split_once('>')
            .unwrap()
            .1
            .split_once("</text>")
            .unwrap()
            .0;
        assert!(text.chars().count() <= 110, "{text}");
    }
    assert_eq!(svg.matches("<rect").count(), 2 + 1 + 12 + 1 + 2);
}

#[test]
fn the_mermaid_source_has_a_box_per_module_and_quotes_safely() {
    let mut p = picture();
    p.modules.push("Say \"hi\"".into());
    let source = p.mermaid();
    assert!(source.starts_with("flowchart LR\n"));
    assert!(source.contains("module0[\"Accounts\"]"));
    assert!(source.contains("module2[\"Say #quot;hi#quot;\"]"));
    assert!(source.contains("frontend -->|\"REST\"| backend"));
    assert!(!source.contains("<script>"));
}
