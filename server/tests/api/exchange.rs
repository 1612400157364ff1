//! Export and import over HTTP, on both databases: round trips in every flavour, hostile
//! uploads, the browser's form flow, the JSON backup and ARCHITECTURE.md.
use std::io::{Cursor, Read, Write};

use app::{
    decisions::domain::{AdrLogPage, AdrView},
    exchange::domain::{FileOutcome, ImportReport},
};
use reqwest::{multipart, StatusCode};
use zip::{write::SimpleFileOptions, ZipArchive, ZipWriter};

use crate::helpers::{on_both_databases, spawn_app, Backend, TestApp};

on_both_databases!(
    every_flavour_exported_imported_and_exported_again_gives_the_same_files,
    hostile_uploads_are_refused_or_skipped_and_store_nothing,
    a_browser_upload_shows_a_preview_then_stores_on_confirmation,
    the_backup_and_the_architecture_document_hold_the_project,
);

pub async fn adr_count(app: &TestApp, project: &str) -> u64 {
    let log: AdrLogPage = app
        .call("list_adrs", &[("project_id", project)])
        .await
        .json()
        .await
        .unwrap();
    log.total
}

pub async fn download(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).send().await.unwrap()
}

pub async fn upload(app: &TestApp, project: &str, bytes: Vec<u8>) -> reqwest::Response {
    let part = multipart::Part::bytes(bytes)
        .file_name("adrs.zip")
        .mime_str("application/zip")
        .unwrap();
    app.client
        .post(app.url(&format!("/projects/{project}/import")))
        .header("Accept", "application/json")
        .multipart(multipart::Form::new().part("archive", part))
        .send()
        .await
        .unwrap()
}

/// (path, content) of every file in a zip, in archive order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().unwrap().into_owned(), text)
        })
        .collect()
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer
            .start_file(*name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

pub async fn decided_project(app: &TestApp, name: &str) -> String {
    let project = app.new_project(name).await;
    for (title, context) in [
        (
            "Use a modular monolith",
            "We are *five* people.\n\n```sh\n## not a heading\n```",
        ),
        ("Use PostgreSQL", "Relational data, reporting."),
        (
            "Use a modular monolith with a job queue",
            "Exports got slow.",
        ),
    ] {
        let created = app
            .call(
                "create_adr",
                &[
                    ("project_id", &project),
                    ("adr[title]", title),
                    ("adr[decision_makers]", "Olive Owner"),
                    ("adr[informed]", "Everyone"),
                    ("adr[context]", context),
                    ("adr[outcome]", "Chosen option: \"this\", because it fits."),
                    (
                        "adr[consequences]",
                        "* Good, because simple\n* Bad, because one deploy",
                    ),
                ],
            )
            .await;
        assert_eq!(created.status(), StatusCode::OK);
    }
    let accept = |number: &'static str| {
        let project = project.clone();
        async move {
            let adr: AdrView = app
                .call("get_adr", &[("project_id", &project), ("number", number)])
                .await
                .json()
                .await
                .unwrap();
            let version = adr.version.to_string();
            app.call(
                "change_adr_status",
                &[
                    ("project_id", &project),
                    ("number", number),
                    ("version", &version),
                    ("status", "accepted"),
                ],
            )
            .await
        }
    };
    assert_eq!(accept("1").await.status(), StatusCode::OK);
    assert_eq!(accept("2").await.status(), StatusCode::OK);
    for (from, kind, to) in [("3", "supersedes", "1"), ("2", "relates_to", "3")] {
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

fn without_index(files: Vec<(String, String)>) -> Vec<(String, String)> {
    files
        .into_iter()
        .filter(|(path, _)| !path.ends_with("README.md") && !path.ends_with("index.md"))
        .collect()
}

async fn every_flavour_exported_imported_and_exported_again_gives_the_same_files(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let source = decided_project(&app, "Source").await;
    for flavour in ["madr", "nygard", "log4brains"] {
        let first = download(
            &app,
            &format!("/projects/{source}/export.zip?format={flavour}"),
        )
        .await;
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(first.headers()["content-type"], "application/zip");
        let disposition = first.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            disposition,
            format!("attachment; filename=\"source-decisions-{flavour}.zip\"")
        );
        let first = first.bytes().await.unwrap().to_vec();
        let target = app.new_project(&format!("Copy {flavour}")).await;
        let imported = upload(&app, &target, first.clone()).await;
        assert_eq!(imported.status(), StatusCode::OK, "{flavour}");
        let report: ImportReport = imported.json().await.unwrap();
        assert!(report.stored);
        assert_eq!(report.imported(), 3, "{report:?}");
        let again = download(
            &app,
            &format!("/projects/{target}/export.zip?format={flavour}"),
        )
        .await
        .bytes()
        .await
        .unwrap();
        let (first, again) = (unzip(&first), unzip(&again));
        assert_eq!(first.len(), 4, "an index and three ADRs");
        assert_eq!(
            without_index(again.clone()),
            without_index(first.clone()),
            "{flavour}"
        );
        assert_eq!(
            again[0].1.replace(&format!("Copy {flavour}"), "Source"),
            first[0].1
        );
        // And into the other flavours: the same files as exported from the source.
        for other in ["madr", "nygard", "log4brains"] {
            let from_source = download(
                &app,
                &format!("/projects/{source}/export.zip?format={other}"),
            )
            .await
            .bytes()
            .await
            .unwrap();
            let from_copy = download(
                &app,
                &format!("/projects/{target}/export.zip?format={other}"),
            )
            .await
            .bytes()
            .await
            .unwrap();
            assert_eq!(
                without_index(unzip(&from_copy)),
                without_index(unzip(&from_source)),
                "{flavour} -> {other}"
            );
        }
    }
    let superseded: AdrView = app
        .call("get_adr", &[("project_id", &source), ("number", "1")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(superseded.summary.status.as_str(), "superseded");
    let bad = download(&app, &format!("/projects/{source}/export.zip?format=pdf")).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad
        .text()
        .await
        .unwrap()
        .contains("madr, nygard, log4brains or madr2"));
}

async fn hostile_uploads_are_refused_or_skipped_and_store_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Target").await;
    let refused = |response: reqwest::Response, expected: &'static str| async move {
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = response.text().await.unwrap();
        assert!(text.contains(expected), "{text}");
    };
    // 50 MB: refused by size before it is read as a zip.
    refused(
        upload(&app, &project, vec![b'x'; 50 * 1024 * 1024]).await,
        "Upload at most 16 MiB",
    )
    .await;
    refused(
        upload(&app, &project, b"not a zip at all".to_vec()).await,
        "not a zip archive",
    )
    .await;
    // A bomb: 100 files of 1 MiB of zeros, a few KiB compressed.
    let zeros = vec![b'0'; 1024 * 1024];
    let names: Vec<String> = (0..100).map(|n| format!("doc/adr/{n:04}-x.md")).collect();
    let entries: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), zeros.as_slice()))
        .collect();
    let bomb = zip_of_deflated(&entries);
    assert!(bomb.len() < 2 * 1024 * 1024);
    let response = upload(&app, &project, bomb).await;
    // Each file alone is over the per-file cap and is skipped, so the total never passes the cap
    // and the import fails for want of anything readable: either way, nothing is stored.
    assert!(response.status().is_client_error());
    // Thousands of tiny files.
    let names: Vec<String> = (0..6000)
        .map(|n| format!("doc/adr/{n:04}-tiny.md"))
        .collect();
    let entries: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), b"# t\n" as &[u8]))
        .collect();
    refused(
        upload(&app, &project, zip_of(&entries)).await,
        "6000 entries",
    )
    .await;
    // Traversal, absolute paths, symlinks and non-UTF-8 are skipped; the rest import.
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for (name, bytes) in [
        ("../../etc/0001-evil.md", b"# evil\n" as &[u8]),
        ("/tmp/0002-evil.md", b"# evil\n"),
        ("doc/adr/0003-latin1.md", b"# Caf\xe9\n"),
        (
            "doc/adr/0004-fine.md",
            b"# 4. Fine\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n",
        ),
    ] {
        writer.start_file(name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer
        .add_symlink("doc/adr/0005-link.md", "/etc/passwd", options)
        .unwrap();
    let mixed = writer.finish().unwrap().into_inner();
    let response = upload(&app, &project, mixed.clone()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let report: ImportReport = response.json().await.unwrap();
    assert_eq!(report.imported(), 1, "{report:?}");
    let reason = |path: &str| {
        report
            .files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.notes.join("; "))
            .unwrap_or_default()
    };
    assert!(
        reason("../../etc/0001-evil.md").contains("leaves the archive"),
        "{report:?}"
    );
    assert!(reason("/tmp/0002-evil.md").contains("absolute"));
    assert_eq!(
        reason("doc/adr/0003-latin1.md"),
        "skipped: it is not UTF-8 text"
    );
    assert_eq!(reason("doc/adr/0005-link.md"), "it is a symbolic link");
    assert_eq!(adr_count(&app, &project).await, 1);
    // The same archive again: ADR-0004 exists now, so the file is stored under the next number.
    let response = upload(&app, &project, mixed).await;
    assert_eq!(response.status(), StatusCode::OK);
    let report: ImportReport = response.json().await.unwrap();
    assert!(report.stored);
    assert!(report.files.iter().any(|f| matches!(
        f.outcome,
        FileOutcome::Imported {
            number: 5,
            renumbered_from: Some(4),
            ..
        }
    ) && f
        .notes
        .iter()
        .any(|n| n.contains("ADR-0004 is already in this project"))));
    assert_eq!(adr_count(&app, &project).await, 2);
    // A file too big for the form is skipped; the one beside it is stored.
    let huge = format!("# Huge\n\n## Context\n\n{}\n", "t".repeat(300_000));
    let response = upload(
        &app,
        &project,
        zip_of(&[
            ("doc/adr/0007-ok.md", b"# Ok\n"),
            ("doc/adr/0008-huge.md", huge.as_bytes()),
        ]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let report: ImportReport = response.json().await.unwrap();
    assert_eq!((report.imported(), report.skipped()), (1, 1), "{report:?}");
    assert_eq!(adr_count(&app, &project).await, 3);
    // A dry run reports and stores nothing.
    let dry = app
        .client
        .post(app.url(&format!("/projects/{project}/import?dry_run=true")))
        .header("Accept", "application/json")
        .multipart(
            multipart::Form::new().part(
                "archive",
                multipart::Part::bytes(zip_of(&[("doc/adr/0010-dry.md", b"# Dry\n")]))
                    .file_name("adrs.zip"),
            ),
        )
        .send()
        .await
        .unwrap();
    let report: ImportReport = dry.json().await.unwrap();
    assert!(!report.stored);
    assert_eq!(report.imported(), 1);
    assert_eq!(
        adr_count(&app, &project).await,
        3,
        "a dry run stores nothing"
    );
    assert_eq!(download(&app, "/healthz").await.status(), StatusCode::OK);
}

fn zip_of_deflated(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

async fn a_browser_upload_shows_a_preview_then_stores_on_confirmation(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Browser").await;
    let archive = zip_of(&[
        (
            "docs/decisions/0001-use-rest.md",
            b"---\nstatus: accepted\ndate: 2024-02-03\n---\n\n# Use REST\n",
        ),
        ("docs/decisions/0001-use-grpc.md", b"# Use gRPC\n"),
    ]);
    let url = app.url(&format!("/projects/{project}/exchange"));
    let page = |client: reqwest::Client| {
        let url = url.clone();
        async move {
            client
                .get(&url)
                .header("Accept", "text/html")
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let upload_from_browser = |client: reqwest::Client| {
        let (archive, url) = (
            archive.clone(),
            app.url(&format!("/projects/{project}/import")),
        );
        async move {
            let part = multipart::Part::bytes(archive).file_name("adrs.zip");
            client
                .post(url)
                .header("Accept", "text/html")
                .multipart(multipart::Form::new().part("archive", part))
                .send()
                .await
                .unwrap()
        }
    };
    let response = upload_from_browser(app.client.clone()).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        format!("/projects/{project}/exchange")
    );
    let preview = page(app.client.clone()).await;
    assert!(preview.contains("Preview of the import"), "{preview}");
    assert!(preview.contains("Ready to import 2 decisions (1 renumbered)"));
    assert!(preview.contains("docs/decisions/0001-use-rest.md"));
    assert_eq!(
        adr_count(&app, &project).await,
        0,
        "a preview stores nothing"
    );
    let token = hidden_token(&preview);
    // Another editor of the team cannot confirm someone else's upload.
    let other = app.member("editor@example.com", "editor").await;
    let confirm = |client: reqwest::Client, token: String, action: &'static str| {
        let url = app.url(&format!("/projects/{project}/import/confirm"));
        async move {
            client
                .post(url)
                .header("Accept", "text/html")
                .form(&[("token", token.as_str()), ("action", action)])
                .send()
                .await
                .unwrap()
        }
    };
    confirm(other.clone(), token.clone(), "import").await;
    assert!(page(other.clone()).await.contains("no longer kept"));
    assert_eq!(adr_count(&app, &project).await, 0);
    let response = confirm(app.client.clone(), token.clone(), "import").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let report = page(app.client.clone()).await;
    assert!(report.contains("Import report"), "{report}");
    assert!(report.contains("Imported 2 decisions (1 renumbered); skipped 0 files."));
    assert!(
        !page(app.client.clone()).await.contains("Import report"),
        "shown once"
    );
    assert_eq!(adr_count(&app, &project).await, 2);
    // The kept upload is gone once stored: confirming again stores nothing more.
    confirm(app.client.clone(), token, "import").await;
    assert!(page(app.client.clone()).await.contains("no longer kept"));
    assert_eq!(adr_count(&app, &project).await, 2);
    // Cancel forgets the upload.
    upload_from_browser(app.client.clone()).await;
    let token = hidden_token(&page(app.client.clone()).await);
    confirm(app.client.clone(), token.clone(), "cancel").await;
    confirm(app.client.clone(), token, "import").await;
    assert_eq!(adr_count(&app, &project).await, 2);
    let viewer = app.member("viewer@example.com", "viewer").await;
    let refused = viewer
        .post(app.url(&format!("/projects/{project}/import")))
        .multipart(multipart::Form::new().text("archive", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

/// The preview form's hidden token.
fn hidden_token(page: &str) -> String {
    let start = page
        .find("name=\"token\" value=\"")
        .unwrap_or_else(|| panic!("no token in {page}"))
        + "name=\"token\" value=\"".len();
    page[start..].split('"').next().unwrap().to_owned()
}

async fn the_backup_and_the_architecture_document_hold_the_project(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = decided_project(&app, "Backed up").await;
    for (question, value) in [
        ("database.engine", "postgresql"),
        ("database.product", "postgresql"),
        ("api.style", "rest"),
        ("modules.contexts", "Catalogue\nOrders"),
    ] {
        let saved = app
            .call(
                "save_answer",
                &[
                    ("project_id", &project),
                    ("question_id", question),
                    ("version", "0"),
                    ("value", value),
                ],
            )
            .await;
        assert_eq!(saved.status(), StatusCode::OK, "{question}");
    }
    let backup = download(&app, &format!("/projects/{project}/backup.json")).await;
    assert_eq!(backup.status(), StatusCode::OK);
    assert!(backup.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("backed-up-backup.json"));
    let backup: serde_json::Value = backup.json().await.unwrap();
    assert_eq!(backup["format"], "groundwork-project-backup");
    assert_eq!(backup["adrs"].as_array().unwrap().len(), 3);
    assert_eq!(
        backup["adrs"][0]["revisions"].as_array().unwrap().len(),
        3,
        "created, accepted, superseded"
    );
    assert_eq!(backup["links"].as_array().unwrap().len(), 2);
    assert!(backup["answers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["question_id"] == "database.engine"));
    let document = download(&app, &format!("/projects/{project}/ARCHITECTURE.md")).await;
    assert_eq!(document.status(), StatusCode::OK);
    let text = document.text().await.unwrap();
    assert!(text.starts_with("# Architecture of Backed up\n"), "{text}");
    assert!(text.contains("| Database | PostgreSQL"), "{text}");
    assert!(text.contains("* **Modules (bounded contexts):** Catalogue, Orders"));
    assert!(text.contains("```mermaid"));
    let page = app
        .client
        .get(app.url(&format!("/projects/{project}/architecture")))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<svg") && page.contains("Catalogue"),
        "{page}"
    );
}
