//! The editable fields of an ADR: checked once, rendered to safe HTML once, written to a row.
use chrono::NaiveDate;
use sea_orm::Set;

use crate::{
    decisions::{
        domain::{check_section, parse_people, parse_title, AdrForm, AdrStatus, SECTIONS},
        entity::adr,
        markdown, search,
    },
    error::AppError,
};

/// Form input that passed every check.
pub struct ValidFields {
    pub title: String,
    pub decision_makers: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    /// Markdown per section, in [`SECTIONS`] order.
    pub sections: Vec<String>,
    pub revisit_by: Option<NaiveDate>,
}

impl ValidFields {
    pub fn parse(form: &AdrForm) -> Result<Self, AppError> {
        let title = parse_title(&form.title)?;
        let decision_makers = parse_people("decision_makers", &form.decision_makers)?;
        let consulted = parse_people("consulted", &form.consulted)?;
        let informed = parse_people("informed", &form.informed)?;
        let mut sections = Vec::with_capacity(SECTIONS.len());
        for (field, _) in SECTIONS {
            let markdown = form.section(field).replace("\r\n", "\n");
            check_section(field, &markdown)?;
            sections.push(markdown.trim_end().to_owned());
        }
        let revisit_by =
            match form.revisit_by.trim() {
                "" => None,
                raw => Some(NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
                    AppError::validation("revisit_by", "Give the date as YYYY-MM-DD.")
                })?),
            };
        Ok(Self {
            title,
            decision_makers,
            consulted,
            informed,
            sections,
            revisit_by,
        })
    }

    /// Decision-makers are members of the team, written as their display names (`members`).
    /// Names already on the ADR (`already`) may stay although they are not: imported ADRs, people
    /// who have left the team.
    pub fn check_decision_makers(
        &mut self,
        members: &[String],
        already: &[String],
    ) -> Result<(), AppError> {
        for name in &mut self.decision_makers {
            if let Some(member) = members.iter().find(|member| same_person(member, name)) {
                name.clone_from(member);
            } else if !already.iter().any(|earlier| same_person(earlier, name)) {
                return Err(AppError::validation(
                    "decision_makers",
                    format!(
                        "{name} is not a member of this team. Decision-makers are chosen from its members: {}.",
                        names_for_message(members)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Sets the fields (with freshly rendered, sanitised HTML and the search text) on `row`.
    pub fn write_to(&self, row: &mut adr::ActiveModel) {
        let html: Vec<String> = self
            .sections
            .iter()
            .map(|md| markdown::render(md))
            .collect();
        row.title = Set(self.title.clone());
        row.decision_makers = Set(to_json(&self.decision_makers));
        row.consulted = Set(to_json(&self.consulted));
        row.informed = Set(to_json(&self.informed));
        row.revisit_by = Set(self.revisit_by);
        row.context_md = Set(self.sections[0].clone());
        row.context_html = Set(html[0].clone());
        row.drivers_md = Set(self.sections[1].clone());
        row.drivers_html = Set(html[1].clone());
        row.options_md = Set(self.sections[2].clone());
        row.options_html = Set(html[2].clone());
        row.outcome_md = Set(self.sections[3].clone());
        row.outcome_html = Set(html[3].clone());
        row.consequences_md = Set(self.sections[4].clone());
        row.consequences_html = Set(html[4].clone());
        row.confirmation_md = Set(self.sections[5].clone());
        row.confirmation_html = Set(html[5].clone());
        row.more_info_md = Set(self.sections[6].clone());
        row.more_info_html = Set(html[6].clone());
        row.search_text = Set(search::indexed_text(
            std::iter::once(self.title.as_str()).chain(self.sections.iter().map(String::as_str)),
        ));
        row.search_version = Set(search::INDEX_VERSION);
    }

    /// The form fields whose value differs from `stored`.
    pub fn changed_from(&self, stored: &adr::Model) -> Vec<String> {
        let before = form_of(stored);
        let after = self.as_form();
        form_differences(&before, &after)
    }

    pub fn as_form(&self) -> AdrForm {
        AdrForm {
            title: self.title.clone(),
            decision_makers: self.decision_makers.join("\n"),
            consulted: self.consulted.join("\n"),
            informed: self.informed.join("\n"),
            context: self.sections[0].clone(),
            drivers: self.sections[1].clone(),
            options: self.sections[2].clone(),
            outcome: self.sections[3].clone(),
            consequences: self.sections[4].clone(),
            confirmation: self.sections[5].clone(),
            more_info: self.sections[6].clone(),
            revisit_by: self.revisit_by.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// The fields, by form name, that differ between two forms.
pub fn form_differences(before: &AdrForm, after: &AdrForm) -> Vec<String> {
    form_fields(before)
        .into_iter()
        .zip(form_fields(after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, _), _)| field.to_owned())
        .collect()
}

/// Every form field with its value, in the form's order.
pub fn form_fields(form: &AdrForm) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("title", form.title.clone()),
        ("decision_makers", form.decision_makers.clone()),
        ("consulted", form.consulted.clone()),
        ("informed", form.informed.clone()),
    ];
    for (field, _) in SECTIONS {
        fields.push((field, form.section(field).to_owned()));
    }
    fields.push(("revisit_by", form.revisit_by.clone()));
    fields
}

/// The stored ADR in the shape of its edit form.
pub fn form_of(row: &adr::Model) -> AdrForm {
    AdrForm {
        title: row.title.clone(),
        decision_makers: from_json(&row.decision_makers).join("\n"),
        consulted: from_json(&row.consulted).join("\n"),
        informed: from_json(&row.informed).join("\n"),
        context: row.context_md.clone(),
        drivers: row.drivers_md.clone(),
        options: row.options_md.clone(),
        outcome: row.outcome_md.clone(),
        consequences: row.consequences_md.clone(),
        confirmation: row.confirmation_md.clone(),
        more_info: row.more_info_md.clone(),
        revisit_by: row.revisit_by.map(|d| d.to_string()).unwrap_or_default(),
    }
}

pub fn status_of(row: &adr::Model) -> AdrStatus {
    status_named(&row.status)
}

/// The status a row stores; anything unknown reads as proposed.
pub fn status_named(stored: &str) -> AdrStatus {
    AdrStatus::parse(stored).unwrap_or(AdrStatus::Proposed)
}

pub fn to_json(names: &[String]) -> String {
    serde_json::to_string(names).unwrap_or_else(|_| "[]".into())
}

pub fn from_json(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

fn same_person(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// At most ten names, then how many more.
fn names_for_message(names: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut text = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}
