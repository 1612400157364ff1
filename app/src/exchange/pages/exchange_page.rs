use leptos::prelude::*;
use leptos_meta::Title;

use super::import_report::ImportOutcomeView;
use crate::{
    components::{page_or_error, project_id_param},
    error::AppError,
    exchange::{
        domain::{counted, ExchangeView},
        server_fns::get_exchange,
    },
};

/// `/projects/:id/exchange`: downloads of the decision log (three markdown flavours, JSON
/// backup) and the zip import with its report. Plain links and a plain form: no JavaScript needed.
#[component]
pub fn ExchangePage() -> impl IntoView {
    let project_id = project_id_param();
    let data = Resource::new(
        move || project_id.get(),
        |id| async move {
            match id {
                Some(id) => get_exchange(id).await,
                None => Err(AppError::not_found("The project")),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(data.await, |view| view! { <Exchange view/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Exchange(view: ExchangeView) -> impl IntoView {
    let base = format!("/projects/{}", view.project_id);
    let limits = view.limits;
    let flavours = [
        (
            "madr",
            "MADR 4",
            "docs/decisions/, YAML front matter (adr-log)",
        ),
        (
            "nygard",
            "Nygard / adr-tools",
            "doc/adr/, # N. Title and a Status section (adr-tools, adr-viewer)",
        ),
        (
            "log4brains",
            "log4brains",
            "docs/adr/, - Status: header bullets (log4brains)",
        ),
        (
            "madr2",
            "MADR 2",
            "docs/adr/, * Status: header bullets (pyadr)",
        ),
    ];
    view! {
        <Title text=format!("Export and import · {} · Groundwork", view.project_name)/>
        <p class="breadcrumb"><a href=base.clone()>{view.project_name.clone()}</a></p>
        <h1>"Export and import"</h1>
        {view.outcome.clone().map(|outcome| view! { <ImportOutcomeView outcome project_id=view.project_id/> })}
        <section class="card" aria-labelledby="export-heading">
            <h2 id="export-heading">"Export the decision log"</h2>
            <p>{format!("{}, as markdown files with an index, in a zip to unpack at the root of your repository.", counted(view.adr_count, "decision", "decisions"))}</p>
            <ul class="download-list">
                {flavours.into_iter().map(|(id, label, detail)| view! {
                    <li>
                        <a class="button" href=format!("{base}/export.zip?format={id}") download>{format!("Download {label}")}</a>
                        " "<span class="hint">{detail}</span>
                    </li>
                }).collect_view()}
            </ul>
            <p>
                <a href=format!("{base}/backup.json") download>"Download a JSON backup"</a>
                " of the whole project: profile, answers, decisions and every revision."
            </p>
        </section>
        {view.can_import.then(|| view! {
            <section class="card" aria-labelledby="import-heading">
                <h2 id="import-heading">"Import ADRs"</h2>
                <p>
                    "Upload a zip of a repository or of its ADR folder. Groundwork follows "
                    <code>".adr-dir"</code>" and "<code>".log4brains.yml"</code>", else looks in "
                    <code>"doc/adr"</code>", "<code>"docs/adr"</code>", "<code>"docs/decisions"</code>" and the other usual folders. "
                    "It reads MADR, Nygard/adr-tools and log4brains files and keeps each file as it came, so exporting gives the files back. "
                    "You see a preview first: what will be stored, renumbered or skipped, and why. Nothing is stored until you confirm."
                </p>
                <form method="post" action=format!("{base}/import") enctype="multipart/form-data">
                    <label for="archive">"Zip file"</label>
                    <input id="archive" name="archive" type="file" accept=".zip,application/zip" required/>
                    <p class="hint">{format!(
                        "At most {} MiB, {} entries, {} MiB unpacked and {} KiB per ADR file. Symbolic links and paths that leave the archive are skipped.",
                        limits.max_upload_bytes / (1024 * 1024),
                        limits.max_entries,
                        limits.max_total_bytes / (1024 * 1024),
                        limits.max_file_bytes / 1024,
                    )}</p>
                    <button type="submit">"Preview the import"</button>
                </form>
            </section>
            <section class="card" aria-labelledby="restore-heading">
                <h2 id="restore-heading">"Restore a backup"</h2>
                <p>"A JSON backup of any project becomes a new project in this team, as it was: profile, answers, decisions, links and every revision. People named in it who are not members here keep their names."</p>
                <form method="post" action=format!("{base}/restore") enctype="multipart/form-data">
                    <label for="backup">"Backup file"</label>
                    <input id="backup" name="backup" type="file" accept=".json,application/json" required/>
                    <button type="submit">"Restore as a new project"</button>
                </form>
            </section>
        })}
    }
}
