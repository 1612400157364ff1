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
        let stack = part("backend", "stack not chosen");
        let backend = match &view.style {
            Some(style) => format!("{} · {stack}", style.text),
            None => stack,
        };
        Self {
            clients,
            frontend: part("frontend", "not chosen yet"),
            api: part("api", "API"),
            backend,
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

    /// The same picture as SVG. Every box grows to fit its text, wrapped at word boundaries, so
    /// no label is cut off however many modules (components) there are.
    pub fn svg(&self) -> String {
        let side = |title: &str, text: &str, chars: usize| Block::new(title, text, chars);
        let clients = side("Clients", &self.clients, 18);
        let frontend = side("Frontend", &self.frontend, 19);
        let database = side("Database", &self.database, 18);
        let auth = side("Sign-in", &self.auth, 26);
        let monitoring = side("Monitoring", &self.monitoring, 26);
        let header = wrap(&format!("Backend: {}", self.backend), 32);
        let modules: Vec<Vec<String>> = if self.modules.is_empty() {
            vec![vec!["One module so far".to_owned()]]
        } else {
            self.modules.iter().map(|m| wrap(m, 28)).collect()
        };
        let module_heights: Vec<i32> = modules.iter().map(|l| 12 + LINE * l.len() as i32).collect();
        let top = 20 + auth.height + 30;
        let header_h = 14 + LINE * header.len() as i32;
        let backend_h = header_h + module_heights.iter().map(|h| h + 8).sum::<i32>() + 8;
        let centre = top + backend_h / 2;
        let bottom = top + backend_h + 30;
        let hosting = wrap(&format!("Runs on: {}", self.hosting), 110);
        let height = bottom + monitoring.height + 24 + LINE * hosting.len() as i32;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"diagram-title\" class=\"architecture-diagram\">\
             <title id=\"diagram-title\">{}</title>\
             <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#444\"/></marker></defs>",
            escape(&format!(
                "Clients ({}) use the frontend ({}), which calls the backend ({}) over {}; the backend stores data in {}, signs users in with {} and reports to {}.",
                self.clients, self.frontend, self.backend, self.api, self.database, self.auth, self.monitoring
            ))
        );
        svg.push_str(&clients.draw(10, centre - clients.height / 2, 160, "#eef4ff"));
        svg.push_str(&frontend.draw(200, centre - frontend.height / 2, 170, "#eef4ff"));
        svg.push_str(&format!(
            "<rect x=\"450\" y=\"{top}\" width=\"250\" height=\"{backend_h}\" rx=\"8\" fill=\"#f3f7ee\" stroke=\"#4a6b2a\" stroke-width=\"2\"/>"
        ));
        svg.push_str(&lines_at(460, top + 20, &header, "bold"));
        let mut y = top + header_h + 8;
        for (lines, h) in modules.iter().zip(&module_heights) {
            svg.push_str(&format!("<rect x=\"466\" y=\"{y}\" width=\"218\" height=\"{h}\" rx=\"4\" fill=\"#fff\" stroke=\"#4a6b2a\"/>"));
            svg.push_str(&lines_at(474, y + 18, lines, "normal"));
            y += h + 8;
        }
        svg.push_str(&database.draw(730, centre - database.height / 2, 160, "#fff7e6"));
        svg.push_str(&auth.draw(470, 20, 210, "#f6eefc"));
        svg.push_str(&monitoring.draw(470, bottom, 210, "#f6eefc"));
        svg.push_str(&arrow(170, centre, 200, centre, false));
        svg.push_str(&arrow(370, centre, 450, centre, false));
        let api = wrap(&self.api, 9);
        svg.push_str(&lines_at(
            376,
            centre - 6 - LINE * (api.len() as i32 - 1),
            &api,
            "normal",
        ));
        svg.push_str(&arrow(700, centre, 730, centre, false));
        svg.push_str(&arrow(575, top, 575, 20 + auth.height, true));
        svg.push_str(&arrow(575, top + backend_h, 575, bottom, true));
        svg.push_str(&lines_at(
            10,
            height - 10 - LINE * (hosting.len() as i32 - 1),
            &hosting,
            "normal",
        ));
        svg.push_str("</svg>");
        svg
    }
}

const WIDTH: i32 = 900;
/// The height of one line of text.
const LINE: i32 = 16;

/// A box with a bold title and its text wrapped to fit.
struct Block {
    title: String,
    lines: Vec<String>,
    height: i32,
}

impl Block {
    fn new(title: &str, text: &str, chars: usize) -> Self {
        let lines = wrap(text, chars);
        let height = 30 + LINE * lines.len() as i32;
        Self {
            title: title.to_owned(),
            lines,
            height,
        }
    }

    fn draw(&self, x: i32, y: i32, width: i32, fill: &str) -> String {
        let mut out = format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{}\" rx=\"8\" fill=\"{fill}\" stroke=\"#333\"/>",
            self.height
        );
        out.push_str(&lines_at(
            x + 8,
            y + 18,
            std::slice::from_ref(&self.title),
            "bold",
        ));
        out.push_str(&lines_at(x + 8, y + 18 + LINE, &self.lines, "normal"));
        out
    }
}

fn lines_at(x: i32, y: i32, lines: &[String], weight: &str) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(n, line)| {
            format!(
                "<text x=\"{x}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"13\" font-weight=\"{weight}\" fill=\"#111\">{}</text>",
                y + LINE * n as i32,
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

/// Words into lines of at most `width` characters; a word longer than a line is split.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        if word.is_empty() {
            continue;
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
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
mod tests;
