//! The architecture as a picture: Mermaid source for the markdown document, and the same boxes
//! drawn as SVG by the server, so the page needs no JavaScript library. Every text is escaped.
use super::domain::ArchitectureView;
use crate::questionnaire::profile::Profile;

/// The boxes of the diagram, each a title and what the team chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub clients: String,
    pub frontend: String,
    pub api: String,
    pub backend: String,
    pub modules: Vec<String>,
    pub database: String,
    pub auth: String,
    pub monitoring: String,
    pub hosting: String,
}

impl Picture {
    pub fn of(view: &ArchitectureView, profile: Option<&Profile>) -> Self {
        let part = |name: &str, fallback: &str| {
            view.stack
                .iter()
                .find(|row| row.part == name)
                .and_then(|row| row.choice.as_ref())
                .map_or_else(|| fallback.to_owned(), |c| c.text.clone())
        };
        let clients = profile
            .map(|p| {
                p.clients
                    .iter()
                    .map(|c| c.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "not named yet".to_owned());
        let style = view.style.as_ref().map_or("Backend", |s| s.text.as_str());
        Self {
            clients,
            frontend: part("frontend", "not chosen yet"),
            api: part("api", "API"),
            backend: format!("{style} · {}", part("backend", "backend stack not chosen")),
            modules: view.modules.clone(),
            database: part("database", "not chosen yet"),
            auth: part("auth", "not chosen yet"),
            monitoring: part("monitoring", "not chosen yet"),
            hosting: part("hosting", "hosting not chosen"),
        }
    }

    pub fn mermaid(&self) -> String {
        let mut lines = vec![
            "flowchart LR".to_owned(),
            format!("    clients[\"Clients: {}\"]", mermaid_text(&self.clients)),
            format!(
                "    frontend[\"Frontend: {}\"]",
                mermaid_text(&self.frontend)
            ),
            format!(
                "    subgraph backend[\"Backend: {}\"]",
                mermaid_text(&self.backend)
            ),
            "        direction TB".to_owned(),
        ];
        if self.modules.is_empty() {
            lines.push("        core[\"One module so far\"]".to_owned());
        }
        for (n, module) in self.modules.iter().enumerate() {
            lines.push(format!("        module{n}[\"{}\"]", mermaid_text(module)));
        }
        lines.extend([
            "    end".to_owned(),
            format!(
                "    database[(\"Database: {}\")]",
                mermaid_text(&self.database)
            ),
            format!("    auth[\"Sign-in: {}\"]", mermaid_text(&self.auth)),
            format!(
                "    monitoring[\"Monitoring: {}\"]",
                mermaid_text(&self.monitoring)
            ),
            "    clients --> frontend".to_owned(),
            format!("    frontend -->|\"{}\"| backend", mermaid_text(&self.api)),
            "    backend --> database".to_owned(),
            "    backend -.-> auth".to_owned(),
            "    backend -.-> monitoring".to_owned(),
        ]);
        lines.join("\n")
    }

    pub fn svg(&self) -> String {
        const BOX_H: i32 = 64;
        let rows = self.modules.len().max(1) as i32;
        let top = 96;
        let backend_h = 58 + 36 * rows;
        let middle = top + backend_h / 2 - BOX_H / 2;
        let bottom = top + backend_h + 36;
        let height = bottom + 56 + 40;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"diagram-title\" class=\"architecture-diagram\">\
             <title id=\"diagram-title\">{}</title>\
             <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#444\"/></marker></defs>",
            escape(&format!(
                "Clients ({}) use the frontend ({}), which calls the backend ({}) over {}; the backend stores data in {}, signs users in with {} and reports to {}.",
                self.clients, self.frontend, self.backend, self.api, self.database, self.auth, self.monitoring
            ))
        );
        svg.push_str(&node(
            10,
            middle,
            150,
            BOX_H,
            "Clients",
            &self.clients,
            "#eef4ff",
        ));
        svg.push_str(&node(
            190,
            middle,
            160,
            BOX_H,
            "Frontend",
            &self.frontend,
            "#eef4ff",
        ));
        svg.push_str(&format!(
            "<rect x=\"390\" y=\"{top}\" width=\"220\" height=\"{backend_h}\" rx=\"8\" fill=\"#f3f7ee\" stroke=\"#4a6b2a\" stroke-width=\"2\"/>"
        ));
        svg.push_str(&lines_at(
            400,
            top + 20,
            &wrap(&format!("Backend: {}", self.backend), 30),
            "bold",
        ));
        let modules = if self.modules.is_empty() {
            vec!["One module so far".to_owned()]
        } else {
            self.modules.clone()
        };
        for (n, module) in modules.iter().enumerate() {
            let y = top + 50 + 36 * n as i32;
            svg.push_str(&format!("<rect x=\"406\" y=\"{y}\" width=\"188\" height=\"28\" rx=\"4\" fill=\"#fff\" stroke=\"#4a6b2a\"/>"));
            svg.push_str(&lines_at(414, y + 19, &[truncate(module, 28)], "normal"));
        }
        svg.push_str(&node(
            640,
            middle,
            150,
            BOX_H,
            "Database",
            &self.database,
            "#fff7e6",
        ));
        svg.push_str(&node(410, 10, 180, 56, "Sign-in", &self.auth, "#f6eefc"));
        svg.push_str(&node(
            410,
            bottom,
            180,
            56,
            "Monitoring",
            &self.monitoring,
            "#f6eefc",
        ));
        let mid_y = middle + BOX_H / 2;
        svg.push_str(&arrow(160, mid_y, 190, mid_y, false));
        svg.push_str(&arrow(350, mid_y, 390, mid_y, false));
        svg.push_str(&lines_at(
            352,
            mid_y - 8,
            &[truncate(&self.api, 12)],
            "normal",
        ));
        svg.push_str(&arrow(610, mid_y, 640, mid_y, false));
        svg.push_str(&arrow(500, top, 500, 66, true));
        svg.push_str(&arrow(500, top + backend_h, 500, bottom, true));
        svg.push_str(&lines_at(
            10,
            height - 14,
            &[format!("Runs on: {}", truncate(&self.hosting, 90))],
            "normal",
        ));
        svg.push_str("</svg>");
        svg
    }
}

fn node(x: i32, y: i32, width: i32, height: i32, title: &str, text: &str, fill: &str) -> String {
    let chars = (width / 8) as usize;
    let mut lines = vec![title.to_owned()];
    lines.extend(wrap(text, chars).into_iter().take(2));
    let mut out = format!(
        "<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" rx=\"8\" fill=\"{fill}\" stroke=\"#333\"/>"
    );
    out.push_str(&lines_at(x + 8, y + 18, &lines[..1], "bold"));
    out.push_str(&lines_at(x + 8, y + 36, &lines[1..], "normal"));
    out
}

fn lines_at(x: i32, y: i32, lines: &[String], weight: &str) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(n, line)| {
            format!(
                "<text x=\"{x}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"13\" font-weight=\"{weight}\" fill=\"#111\">{}</text>",
                y + 16 * n as i32,
                escape(line)
            )
        })
        .collect()
}

fn arrow(x1: i32, y1: i32, x2: i32, y2: i32, dashed: bool) -> String {
    let dash = if dashed {
        " stroke-dasharray=\"5 4\""
    } else {
        ""
    };
    format!("<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"#444\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"{dash}/>")
}

/// Words into lines of at most `width` characters; the last line cut with an ellipsis.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > 2 {
        lines.truncate(2);
        lines[1] = truncate(&format!("{} …", lines[1]), width);
    }
    lines.into_iter().map(|l| truncate(&l, width)).collect()
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Text safe inside SVG/XML elements and attributes.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Text safe inside a Mermaid quoted label.
fn mermaid_text(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
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
}
