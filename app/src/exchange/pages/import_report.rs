use leptos::prelude::*;

use crate::exchange::domain::{FileOutcome, ImportOutcome, ImportReport, PendingPreview};

/// The last upload's outcome: a preview to confirm, the report of a stored import, or why the
/// upload was refused.
#[component]
pub fn ImportOutcomeView(outcome: ImportOutcome, project_id: i32) -> impl IntoView {
    match outcome {
        ImportOutcome::Refused(message) => view! {
            <section class="card import-report" aria-labelledby="report-heading">
                <h2 id="report-heading">"Import refused"</h2>
                <p class="form-error" role="alert">{message}" Nothing was imported."</p>
            </section>
        }
        .into_any(),
        ImportOutcome::RestoreRefused(message) => view! {
            <section class="card import-report" aria-labelledby="report-heading">
                <h2 id="report-heading">"Restore refused"</h2>
                <p class="form-error" role="alert">{message}" Nothing was stored."</p>
            </section>
        }
        .into_any(),
        ImportOutcome::Preview(preview) => view! { <Preview preview project_id/> }.into_any(),
        ImportOutcome::Report(report) => view! {
            <section class="card import-report" aria-labelledby="report-heading">
                <h2 id="report-heading">"Import report"</h2>
                <p class="form-success" role="status">{report.summary()}</p>
                <Files report project_id/>
            </section>
        }
        .into_any(),
    }
}

/// What the upload would store, with the buttons that store it or forget it.
#[component]
fn Preview(preview: PendingPreview, project_id: i32) -> impl IntoView {
    let PendingPreview { token, report } = preview;
    let count = report.imported();
    let action = format!("/projects/{project_id}/import/confirm");
    view! {
        <section class="card import-report" aria-labelledby="report-heading">
            <h2 id="report-heading">"Preview of the import"</h2>
            <p role="status">{report.summary()}</p>
            <form method="post" action=action class="confirm-import">
                <input type="hidden" name="token" value=token/>
                {(count > 0).then(|| view! {
                    <button type="submit" name="action" value="import">
                        {format!("Import {}", crate::exchange::domain::counted(count, "decision", "decisions"))}
                    </button>
                    " "
                })}
                <button type="submit" name="action" value="cancel" class="secondary">"Cancel"</button>
            </form>
            <Files report project_id/>
        </section>
    }
}

#[component]
fn Files(report: ImportReport, project_id: i32) -> impl IntoView {
    let stored = report.stored;
    let folder = if report.folder.is_empty() {
        "the top folder".to_owned()
    } else {
        report.folder.clone()
    };
    view! {
        <p>"Read from "<code>{folder}</code>"."</p>
        <table class="report-table">
            <thead><tr><th scope="col">"File"</th><th scope="col">"Result"</th><th scope="col">"Notes"</th></tr></thead>
            <tbody>
                {report.files.into_iter().map(|file| {
                    let (label, class) = match &file.outcome {
                        FileOutcome::Imported { number, title, flavour, renumbered_from } => {
                            let class = if renumbered_from.is_some() { "outcome-renumbered" } else { "outcome-imported" };
                            let name = format!("ADR-{number:04} {title}");
                            // Links only once stored: a preview has nothing to link to yet.
                            let label = if stored {
                                view! { <a href=format!("/projects/{project_id}/decisions/{number}")>{name}</a>{format!(" ({flavour})")} }.into_any()
                            } else {
                                format!("{} {name} ({flavour})", if renumbered_from.is_some() { "Renumbered:" } else { "Stores" }).into_any()
                            };
                            (label, class)
                        }
                        FileOutcome::Skipped => ("Skipped".into_any(), "outcome-skipped"),
                    };
                    view! {
                        <tr class=class>
                            <td><code>{file.path}</code></td>
                            <td>{label}</td>
                            <td>{file.notes.join("; ")}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
