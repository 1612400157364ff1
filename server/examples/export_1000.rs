//! Export benchmark (issue 6), run by `bench/export.sh` on a database seeded with 1,000 ADRs.
//! In one run, alternating, it times:
//! - the export: read the project's ADRs and links, write them as MADR files, zip them, and
//!   write the zip to disk (what `/projects/{id}/export.zip` does, without HTTP);
//! - the baseline: render the same markdown files with pulldown-cmark, and write the same zip
//!   bytes to disk.
//!
//! Usage: export_1000 <database-url> <project-id> <member-email> [runs]
use std::{path::PathBuf, time::Instant};

use app::{
    accounts::service::find_by_email,
    auth::resolve_project_member,
    decisions::service::for_each_markdown,
    exchange::{archive::pack, service::export_files, write::Flavour},
    teams::domain::Role,
};

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, project, email, rest @ ..] = &args[..] else {
        eprintln!("usage: export_1000 <database-url> <project-id> <member-email> [runs]");
        std::process::exit(2);
    };
    let runs: usize = rest.first().and_then(|r| r.parse().ok()).unwrap_or(15);
    let project: i32 = project.parse().expect("a project id");
    // The server's own pool settings, so the figures are the app's.
    let db = server::database::connect(&server::Config::for_tests(url))
        .await
        .expect("the database");
    let user = find_by_email(&db, email)
        .await
        .unwrap()
        .expect("the member");
    let member = resolve_project_member(&db, user.id, project, Role::Viewer)
        .await
        .unwrap();
    let out = std::env::temp_dir().join(format!("groundwork-export-bench-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let export_path: PathBuf = out.join("export.zip");
    let baseline_path: PathBuf = out.join("baseline.zip");

    let files = export_files(&db, &member, project, Flavour::Madr)
        .await
        .unwrap();
    let zip = pack(&files).unwrap();
    let markdown_bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    {
        // Where the time goes (medians of 9): the rows alone, rows and files, the zip, the save.
        let (mut reading, mut read_and_write) = (Vec::new(), Vec::new());
        let (mut zipping, mut saving) = (Vec::new(), Vec::new());
        for _ in 0..9 {
            let started = Instant::now();
            for_each_markdown(&db, &member, project, |row| {
                std::hint::black_box(row);
            })
            .await
            .unwrap();
            reading.push(started.elapsed().as_secs_f64() * 1000.0);
            let started = Instant::now();
            let files = export_files(&db, &member, project, Flavour::Madr)
                .await
                .unwrap();
            read_and_write.push(started.elapsed().as_secs_f64() * 1000.0);
            let started = Instant::now();
            let bytes = pack(&files).unwrap();
            zipping.push(started.elapsed().as_secs_f64() * 1000.0);
            let started = Instant::now();
            std::fs::write(&export_path, &bytes).unwrap();
            saving.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "where the time goes: reading the rows {:.1} ms, reading and writing the files {:.1} ms, zip {:.1} ms, saving it {:.1} ms",
            median(reading),
            median(read_and_write),
            median(zipping),
            median(saving)
        );
    }
    println!(
        "{} files, {} KiB of markdown, zip {} KiB",
        files.len(),
        markdown_bytes / 1024,
        zip.len() / 1024
    );

    let mut export_ms = Vec::new();
    let mut baseline_ms = Vec::new();
    for run in 0..runs + 2 {
        let started = Instant::now();
        let files = export_files(&db, &member, project, Flavour::Madr)
            .await
            .unwrap();
        let bytes = pack(&files).unwrap();
        std::fs::write(&export_path, &bytes).unwrap();
        let export = started.elapsed().as_secs_f64() * 1000.0;
        assert_eq!(bytes, zip, "the export is deterministic");

        let started = Instant::now();
        let mut html = String::with_capacity(markdown_bytes * 2);
        for (_, text) in &files {
            html.clear();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(text));
            std::hint::black_box(&html);
        }
        std::fs::write(&baseline_path, &zip).unwrap();
        let baseline = started.elapsed().as_secs_f64() * 1000.0;
        // The first two rounds warm caches and are not counted.
        if run >= 2 {
            export_ms.push(export);
            baseline_ms.push(baseline);
        }
    }
    let (export, baseline) = (median(export_ms), median(baseline_ms));
    println!("export (read, write MADR, zip, save): median {export:.1} ms over {runs} runs");
    println!("baseline (pulldown-cmark render of the same files, save the same bytes): median {baseline:.1} ms");
    println!("ratio: {:.2}x (target <= 1.5x)", export / baseline);
    let _ = std::fs::remove_dir_all(&out);
}
