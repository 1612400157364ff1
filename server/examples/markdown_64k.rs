//! How long the slowest of several 64 KB markdown inputs takes to render and sanitise, as saving
//! an ADR section does (target: under 50 ms). Prints one line per input and the maximum.
use std::time::Instant;

fn fill(unit: &str) -> String {
    let mut text = String::with_capacity(64 * 1024);
    while text.len() + unit.len() <= 64 * 1024 {
        text.push_str(unit);
    }
    text
}

fn main() {
    let inputs = [
        ("prose", fill("We chose PostgreSQL because our data is relational and the team knows it well. ")),
        ("nested lists", fill("* item\n  * nested **bold** and `code`\n    1. deeper [link](https://example.com)\n")),
        ("table", fill("| option | good | bad |\n|---|---|---|\n| REST | simple | chatty |\n")),
        ("links and html", fill("<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a> [y](https://example.com/a?b=c) <img src=x onerror=y> ")),
        ("emphasis soup", fill("*a **b _c __d `e ")),
        ("deep quotes", fill("> > > > > > > > quoted\n")),
        ("one long line", "x".repeat(64 * 1024)),
    ];
    let mut slowest: f64 = 0.0;
    for (name, input) in &inputs {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let started = Instant::now();
            let html = app::decisions::markdown::render(input);
            best = best.min(started.elapsed().as_secs_f64() * 1000.0);
            assert!(!html.contains("javascript:"));
        }
        println!("{name:>15}: {:>7} B in {best:.2} ms", input.len());
        slowest = slowest.max(best);
    }
    println!("slowest: {slowest:.2} ms");
}
