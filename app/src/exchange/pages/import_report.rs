use leptos::prelude::*;

use crate::exchange::domain::{FileOutcome, ImportOutcome, ImportReport};

/// The report of the last import: a summary, then every file with what happened to it and why.
#[component]
pub fn ImportOutcomeView(outcome: ImportOutcome) -> impl IntoView {
    match outcome {
        ImportOutcome::Refused(message) => view! {
            <section class="card import-report" aria-labelledby="report-heading">
                <h2 id="report-heading">"Import refused"</h2>
                <p class="form-error" role="alert">{message}" Nothing was imported."</p>
            </section>
        }
        .into_any(),
        ImportOutcome::Report(report) => view! { <Report report/> }.into_any(),
    }
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let class = if report.stored {
        "form-success"
    } else {
        "form-error"
    };
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
                            FileOutcome::Imported { number, title, flavour } => (format!("ADR-{number:04} {title} ({flavour})"), "outcome-imported"),
                            FileOutcome::Skipped => ("Skipped".to_owned(), "outcome-skipped"),
                            FileOutcome::Failed => ("Cannot be stored".to_owned(), "outcome-failed"),
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
