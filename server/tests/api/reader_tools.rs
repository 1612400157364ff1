//! Real ADR readers over our exports: a realistic decision log (every status, supersedes, amends
//! and relates-to links, non-ASCII titles, long sections) made through the API, exported in all
//! four flavours, and read by adr-tools, adr-viewer, adr-log, log4brains and pyadr through
//! `scripts/check-readers`, which fails unless each sees every ADR with its title and status.
//! The readers are installed by `scripts/run-tests` (target/reader-tools/); without them this
//! test says so and passes outside CI, and fails in CI.
use std::{path::Path, process::Command};

use app::decisions::domain::{AdrLogPage, AdrView};
use reqwest::StatusCode;

use crate::{
    exchange::{download, unzip},
    helpers::{spawn_app, Backend, TestApp},
};

/// (title, status, context words): long sections, and titles beyond ASCII.
const LOG: [(&str, &str, usize); 9] = [
    ("Record architecture decisions", "accepted", 80),
    ("Use a modular monolith", "accepted", 1200),
    ("Use PostgreSQL for orders and stock", "accepted", 300),
    ("Split the monolith into services", "rejected", 600),
    (
        "Serve images from Zürich's CDN, not the app",
        "deprecated",
        200,
    ),
    ("Add a job queue to the monolith", "accepted", 400),
    ("Use Redis as the job queue", "accepted", 150),
    ("Sign in with OpenID Connect — über alles", "proposed", 250),
    ("Keep files in object storage", "proposed", 100),
];

/// (from, kind, to): 6 supersedes 2, 7 amends 6, 3 relates to 6.
const LINKS: [(&str, &str, &str); 3] = [
    ("6", "supersedes", "2"),
    ("7", "amends", "6"),
    ("3", "relates_to", "6"),
];

async fn realistic_log(app: &TestApp) -> String {
    let project = app.new_project("Readers").await;
    let words = "we weigh cost against delivery speed and the skills the team already has";
    for (title, _, length) in LOG {
        let context: Vec<&str> = words.split(' ').cycle().take(length).collect();
        let created = app
            .call(
                "create_adr",
                &[
                    ("project_id", &project),
                    ("adr[title]", title),
                    ("adr[decision_makers]", "Olive Owner"),
                    ("adr[context]", &context.join(" ")),
                    ("adr[options]", "* This one\n* The other one"),
                    (
                        "adr[outcome]",
                        "Chosen option: \"This one\", because it fits.",
                    ),
                    (
                        "adr[consequences]",
                        "* Good, because simple\n* Bad, because it is new",
                    ),
                ],
            )
            .await;
        assert_eq!(created.status(), StatusCode::OK, "{title}");
    }
    for (number, (_, status, _)) in LOG.iter().enumerate() {
        // A decision is deprecated once it has been accepted.
        let steps: &[&str] = match *status {
            "proposed" => &[],
            "deprecated" => &["accepted", "deprecated"],
            other => &[other],
        };
        let number = (number + 1).to_string();
        for step in steps {
            let adr: AdrView = app
                .call("get_adr", &[("project_id", &project), ("number", &number)])
                .await
                .json()
                .await
                .unwrap();
            let changed = app
                .call(
                    "change_adr_status",
                    &[
                        ("project_id", &project),
                        ("number", &number),
                        ("version", &adr.version.to_string()),
                        ("status", step),
                    ],
                )
                .await;
            assert_eq!(changed.status(), StatusCode::OK, "{number} {step}");
        }
    }
    for (from, kind, to) in LINKS {
        let linked = app
            .call(
                "link_adrs",
                &[
                    ("project_id", &project),
                    ("number", from),
                    ("kind", kind),
                    ("target", to),
                ],
            )
            .await;
        assert_eq!(linked.status(), StatusCode::OK, "{from} {kind} {to}");
    }
    project
}

#[tokio::test]
async fn reader_tools_see_every_adr_of_our_exports_with_its_title_and_status() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tools = root.join("target/reader-tools");
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if !tools.join("installed").exists() && !in_ci {
        eprintln!(
            "skipped: the ADR reader tools are not installed (scripts/run-tests installs them into target/reader-tools)"
        );
        return;
    }
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let project = realistic_log(&app).await;
    let log: AdrLogPage = app
        .call("list_adrs", &[("project_id", &project)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log.items.len(), LOG.len());
    // The manifest is what Groundwork holds: each reader must show the same.
    let manifest: String = log
        .items
        .iter()
        .map(|adr| format!("{}\t{}\t{}\n", adr.number, adr.title, adr.status.as_str()))
        .collect();
    let statuses: std::collections::BTreeSet<&str> =
        log.items.iter().map(|a| a.status.as_str()).collect();
    assert_eq!(
        statuses.len(),
        5,
        "every status is in the log: {statuses:?}"
    );
    let out = root.join("target/reader-exports");
    let _ = std::fs::remove_dir_all(&out);
    let mut args = vec![
        "--manifest".to_owned(),
        out.join("manifest.tsv").display().to_string(),
    ];
    for flavour in ["nygard", "madr", "log4brains", "madr2"] {
        let zip = download(
            &app,
            &format!("/projects/{project}/export.zip?format={flavour}"),
        )
        .await
        .bytes()
        .await
        .unwrap();
        let folder = out.join(flavour);
        for (path, text) in unzip(&zip) {
            let target = folder.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
        args.push(format!("{flavour}={}", folder.display()));
    }
    std::fs::write(out.join("manifest.tsv"), manifest).unwrap();
    let output = Command::new(root.join("scripts/check-readers"))
        .args(&args)
        .output()
        .expect("scripts/check-readers runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{printed}");
    assert!(
        output.status.success(),
        "a reader misread our exports:\n{printed}"
    );
    assert!(printed.contains(" 0 failed"), "{printed}");
}
