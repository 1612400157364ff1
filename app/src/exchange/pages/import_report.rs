use leptos::prelude::*;

use crate::exchange::domain::{FileOutcome, ImportOutcome, ImportReport};

/// The report of the last import: a summary, then every file with what happened to it and why.
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
        ImportOutcome::Report(report) => view! { <Report report project_id/> }.into_any(),
    }
}

#[component]
fn Report(report: ImportReport, project_id: i32) -> impl IntoView {
    let stored = report.stored;
    let class = if stored { "form-success" } else { "form-error" };
    let folder = if report.folder.is_empty() {
        "the top folder".to_owned()
    } else {
        report.folder.clone()
    };
    view! {
        <section class="card import-report" aria-labelledby="report-heading">
            <h2 id="report-heading">"Import report"</h2>
            <p class=class role="status">{report.summary()}</p>
            <p>"Read from "<code>{folder}</code>"."</p>
            <table class="report-table">
                <thead><tr><th scope="col">"File"</th><th scope="col">"Result"</th><th scope="col">"Notes"</th></tr></thead>
                <tbody>
                    {report.files.into_iter().map(|file| {
                        let (label, class) = match &file.outcome {
                            // Links only once stored: a failed import stored nothing to link to.
                            FileOutcome::Imported { number, title, flavour } if stored => (view! {
                                <a href=format!("/projects/{project_id}/decisions/{number}")>{format!("ADR-{number:04} {title}")}</a>
                                {format!(" ({flavour})")}
                            }.into_any(), "outcome-imported"),
                            FileOutcome::Imported { number, title, flavour } => (format!("ADR-{number:04} {title} ({flavour}), not stored").into_any(), "outcome-imported"),
                            FileOutcome::Skipped => ("Skipped".into_any(), "outcome-skipped"),
                            FileOutcome::Failed => ("Cannot be stored".into_any(), "outcome-failed"),
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
        </section>
    }
}
