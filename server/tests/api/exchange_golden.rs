//! Golden files: the exporter's output for a fixed decision log is checked in under
//! `tests/golden/<flavour>/`. Importing each flavour with the CLI and exporting every flavour
//! again must give those files byte for byte. `UPDATE_GOLDEN=1` rewrites them after a deliberate
//! format change (then read the diff).
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::Command,
};

use app::{
    decisions::domain::{AdrStatus, LinkKind},
    exchange::{
        document::{AdrDocument, DocumentLink, ExtraSection, MarkdownExtras, Slot, OPTIONS},
        service::files_for,
        write::Flavour,
    },
};

use crate::helpers::{spawn_app, Backend};

const BINARY: &str = env!("CARGO_BIN_EXE_groundwork");

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn link(kind: LinkKind, incoming: bool, number: i32, title: &str) -> DocumentLink {
    DocumentLink {
        kind,
        incoming,
        number,
        title: title.into(),
        file: String::new(),
    }
}

/// The decision log the golden files hold.
fn golden_documents() -> Vec<AdrDocument> {
    let base = |number: i32, title: &str, status: AdrStatus, date: &str| AdrDocument {
        number,
        title: title.into(),
        status: Some(status),
        date: date.into(),
        decision_makers: vec!["Ada Lovelace".into(), "Grace Hopper".into()],
        consulted: vec!["Platform team".into()],
        informed: vec!["Everyone in engineering".into()],
        ..AdrDocument::default()
    };
    let mut first = base(
        1,
        "Use a modular monolith",
        AdrStatus::Superseded,
        "2026-01-12",
    );
    first.sections = [
        "Five people, one product, launch in three months.".into(),
        "* Time to market\n* A small team".into(),
        "* Modular monolith\n* Microservices".into(),
        "Chosen option: \"Modular monolith\", because one deployable is all a team of five can run.".into(),
        "* Good, because one deploy\n* Bad, because modules must keep their boundaries".into(),
        "We review module boundaries every quarter.".into(),
        "See the reference on modular design.".into(),
    ];
    first.links = vec![link(
        LinkKind::Supersedes,
        true,
        3,
        "Add a job queue to the modular monolith",
    )];
    let mut second = base(2, "Use PostgreSQL", AdrStatus::Accepted, "2026-01-15");
    second.sections[0] = "Orders, invoices and customers relate to each other.\n\n```sql\n## not a heading\nSELECT 1;\n```".into();
    second.sections[3] = "Chosen option: \"PostgreSQL\", because the data is relational.".into();
    second.sections[4] = "* Good, because transactions\n* Bad, because we run it".into();
    second.links = vec![
        link(LinkKind::Amends, true, 4, "Keep files in object storage"),
        link(
            LinkKind::RelatesTo,
            false,
            3,
            "Add a job queue to the modular monolith",
        ),
    ];
    let mut third = base(
        3,
        "Add a job queue to the modular monolith",
        AdrStatus::Accepted,
        "2026-03-02",
    );
    third.sections[0] = "Exports take minutes and block requests.".into();
    third.sections[3] =
        "Chosen option: \"A job table in PostgreSQL\", because it needs nothing new to run.".into();
    third.links = vec![
        link(LinkKind::Supersedes, false, 1, "Use a modular monolith"),
        link(LinkKind::RelatesTo, false, 2, "Use PostgreSQL"),
    ];
    let mut fourth = base(
        4,
        "Keep files in object storage",
        AdrStatus::Proposed,
        "2026-03-20",
    );
    fourth.decision_makers = vec!["Linus Torvalds".into()];
    fourth.consulted = Vec::new();
    fourth.informed = Vec::new();
    fourth.sections[0] = "Uploads fill the database.".into();
    fourth.sections[3] =
        "Chosen option: \"S3-compatible storage\", because any host offers it.".into();
    fourth.links = vec![link(LinkKind::Amends, false, 2, "Use PostgreSQL")];
    fourth.extras = MarkdownExtras {
        status_word: Some((AdrStatus::Proposed, "draft".into())),
        front_matter: vec!["tags:\n  - storage\n  - files".into()],
        header_lines: Vec::new(),
        preamble: "Technical story: uploads over 10 MB time out.".into(),
        status_notes: Vec::new(),
        sections: vec![ExtraSection {
            after: Slot::Section(OPTIONS),
            heading: "Pros and Cons of the Options".into(),
            body: "### S3-compatible storage\n\n* Good, because cheap\n* Bad, because one more service".into(),
        }],
        ..MarkdownExtras::default()
    };
    vec![first, second, third, fourth]
}

/// Every file under `root`, by path relative to it.
fn read_tree(root: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(relative, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn the_writers_produce_the_golden_files() {
    for flavour in Flavour::ALL {
        let dir = golden_root().join(flavour.id());
        let produced: BTreeMap<String, String> = files_for(flavour, "Golden", &golden_documents())
            .into_iter()
            .collect();
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            let _ = std::fs::remove_dir_all(&dir);
            for (path, content) in &produced {
                let target = dir.join(path);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::write(target, content).unwrap();
            }
        }
        assert_eq!(
            read_tree(&dir),
            produced,
            "{flavour:?}: run with UPDATE_GOLDEN=1 after a deliberate change"
        );
    }
}

fn cli(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(BINARY)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("LOG_LEVEL", "warn")
        .output()
        .expect("the binary runs")
}

#[tokio::test]
async fn each_golden_flavour_imports_and_exports_every_flavour_byte_for_byte() {
    for from in Flavour::ALL {
        let Some(app) = spawn_app(Backend::Sqlite).await else {
            return;
        };
        app.new_project("Golden").await;
        let source = golden_root().join(from.id());
        let imported = cli(
            app.database_url(),
            &[
                "import",
                "--project",
                "Golden",
                "--as",
                "owner@example.com",
                source.to_str().unwrap(),
            ],
        );
        let stdout = String::from_utf8_lossy(&imported.stdout);
        assert!(
            imported.status.success(),
            "import of {from:?}: {stdout}{}",
            String::from_utf8_lossy(&imported.stderr)
        );
        assert!(stdout.contains("Imported 4 decisions"), "{stdout}");
        for to in Flavour::ALL {
            let out = std::env::temp_dir().join(format!(
                "groundwork-golden-{}-{}-{}",
                std::process::id(),
                from.id(),
                to.id()
            ));
            let _ = std::fs::remove_dir_all(&out);
            let exported = cli(
                app.database_url(),
                &[
                    "export",
                    "--project",
                    "Golden",
                    "--as",
                    "owner@example.com",
                    "--format",
                    to.id(),
                    "--out",
                    out.to_str().unwrap(),
                ],
            );
            assert!(
                exported.status.success(),
                "{}",
                String::from_utf8_lossy(&exported.stderr)
            );
            assert_eq!(
                read_tree(&out),
                read_tree(&golden_root().join(to.id())),
                "{from:?} -> {to:?}"
            );
            let _ = std::fs::remove_dir_all(&out);
        }
    }
}

#[tokio::test]
async fn the_cli_refuses_strangers_and_previews_and_renumbers_a_second_import() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let project = app.new_project("Guarded").await;
    app.sign_up("stranger@example.com").await;
    let source = golden_root().join("madr");
    let refused = cli(
        app.database_url(),
        &[
            "import",
            "--project",
            &project,
            "--as",
            "stranger@example.com",
            source.to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success());
    let out = std::env::temp_dir().join(format!("groundwork-stranger-{}", std::process::id()));
    let refused = cli(
        app.database_url(),
        &[
            "export",
            "--project",
            &project,
            "--as",
            "stranger@example.com",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success());
    assert!(!out.exists(), "nothing written for a stranger");
    assert!(cli(
        app.database_url(),
        &[
            "import",
            "--project",
            &project,
            "--as",
            "owner@example.com",
            source.to_str().unwrap()
        ]
    )
    .status
    .success());
    // A dry run says what a second import would do, and stores nothing.
    let dry = cli(
        app.database_url(),
        &[
            "import",
            "--project",
            &project,
            "--as",
            "owner@example.com",
            "--dry-run",
            source.to_str().unwrap(),
        ],
    );
    assert!(dry.status.success());
    let stdout = String::from_utf8_lossy(&dry.stdout);
    assert!(
        stdout.contains("renumber    docs/decisions/0001-use-a-modular-monolith.md  ADR-0005"),
        "{stdout}"
    );
    assert!(
        stdout.contains("ADR-0001 is already in this project"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped     docs/decisions/index.md"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Ready to import 4 decisions (4 renumbered)"),
        "{stdout}"
    );
    let count = || async {
        use sea_orm::EntityTrait;
        app::decisions::entity::adr::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len()
    };
    assert_eq!(count().await, 4, "a dry run stores nothing");
    let again = cli(
        app.database_url(),
        &[
            "import",
            "--project",
            &project,
            "--as",
            "owner@example.com",
            source.to_str().unwrap(),
        ],
    );
    assert!(again.status.success());
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        stdout.contains("Imported 4 decisions (4 renumbered)"),
        "{stdout}"
    );
    assert_eq!(count().await, 8);
}
