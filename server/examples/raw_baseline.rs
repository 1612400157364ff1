//! The baseline for `bench/throughput.sh`: the decision log and ADR pages as a hand-written axum
//! handler would serve them, with raw sqlx and `format!`. It does the same work per request as
//! the app: reads the session row named by the cookie, loads its user and checks the session's
//! security stamp, finds the project's team and the user's role in it, then runs the same
//! queries (count and page of the log with the same filters, search, sort and page size; the
//! ADR and its links) and writes the same rows, including the JSON the app sends for hydration.
//! What it leaves out is the framework: no Leptos, sea-orm, session or auth layers.
//!
//! Usage: raw_baseline <database-url> <port>   (the app's own database, already set up)
use std::net::SocketAddr;

use app::decisions::{domain::display_number, search::SearchTerms};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{Html, IntoResponse, Response},
    routing::get,
    Router,
};
use sea_orm::sqlx::{self, postgres::PgPool, sqlite::SqlitePool, Row};
use serde::{Deserialize, Serialize};

#[derive(Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

enum Bind {
    Int(i64),
    Text(String),
}

/// Runs `$sql` with `$binds` on either database and maps each row with `$map` (the same
/// tokens for both row types).
macro_rules! fetch {
    ($pool:expr, $sql:expr, $binds:expr, $map:expr) => {
        match $pool {
            Pool::Sqlite(pool) => {
                let mut query = sqlx::query($sql);
                for bind in $binds {
                    query = match bind {
                        Bind::Int(v) => query.bind(*v),
                        Bind::Text(v) => query.bind(v.clone()),
                    };
                }
                let rows = query.fetch_all(pool).await?;
                rows.iter()
                    .map($map)
                    .collect::<Result<Vec<_>, sqlx::Error>>()?
            }
            Pool::Postgres(pool) => {
                let mut query = sqlx::query($sql);
                for bind in $binds {
                    query = match bind {
                        Bind::Int(v) => query.bind(*v as i32),
                        Bind::Text(v) => query.bind(v.clone()),
                    };
                }
                let rows = query.fetch_all(pool).await?;
                rows.iter()
                    .map($map)
                    .collect::<Result<Vec<_>, sqlx::Error>>()?
            }
        }
    };
}

struct Failure(StatusCode);

impl From<sqlx::Error> for Failure {
    fn from(error: sqlx::Error) -> Self {
        eprintln!("query failed: {error}");
        Self(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}

struct Member {
    display_name: String,
    team_id: i64,
    role: String,
}

/// Session row → user (stamp checked) → the project's team → the user's role in it.
async fn member(pool: &Pool, headers: &HeaderMap, project: i64) -> Result<Member, Failure> {
    let unauthorised = Failure(StatusCode::UNAUTHORIZED);
    let cookie = headers
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            value
                .split(';')
                .find_map(|pair| pair.trim().strip_prefix("groundwork_session="))
        })
        .ok_or(Failure(StatusCode::UNAUTHORIZED))?
        .to_owned();
    let now = chrono::Utc::now();
    let sql = "SELECT data FROM sessions WHERE id = $1 AND expires_at > $2";
    let data: Vec<String> = match pool {
        Pool::Sqlite(p) => {
            sqlx::query_scalar(sql)
                .bind(&cookie)
                .bind(now)
                .fetch_all(p)
                .await?
        }
        Pool::Postgres(p) => {
            sqlx::query_scalar(sql)
                .bind(&cookie)
                .bind(now)
                .fetch_all(p)
                .await?
        }
    };
    let data: serde_json::Value = data
        .first()
        .and_then(|text| serde_json::from_str(text).ok())
        .ok_or(Failure(StatusCode::UNAUTHORIZED))?;
    let auth = data
        .as_object()
        .and_then(|map| map.values().find(|value| value.get("user_id").is_some()))
        .ok_or(Failure(StatusCode::UNAUTHORIZED))?;
    let user_id = auth["user_id"]
        .as_i64()
        .ok_or(Failure(StatusCode::UNAUTHORIZED))?;
    let hash: Vec<u8> = serde_json::from_value(auth["auth_hash"].clone()).unwrap_or_default();
    let users = fetch!(
        pool,
        "SELECT display_name, security_stamp FROM users WHERE id = $1",
        &[Bind::Int(user_id)],
        |row| Ok((row.try_get::<String, _>(0)?, row.try_get::<String, _>(1)?))
    );
    let (display_name, stamp) = users.into_iter().next().ok_or(unauthorised)?;
    if stamp.as_bytes() != hash.as_slice() {
        return Err(Failure(StatusCode::UNAUTHORIZED));
    }
    let teams = fetch!(
        pool,
        "SELECT team_id FROM projects WHERE id = $1",
        &[Bind::Int(project)],
        |row| row.try_get::<i32, _>(0)
    );
    let team_id = i64::from(*teams.first().ok_or(Failure(StatusCode::NOT_FOUND))?);
    let roles = fetch!(
        pool,
        "SELECT role FROM memberships WHERE team_id = $1 AND user_id = $2",
        &[Bind::Int(team_id), Bind::Int(user_id)],
        |row| row.try_get::<String, _>(0)
    );
    let role = roles
        .into_iter()
        .next()
        .ok_or(Failure(StatusCode::NOT_FOUND))?;
    Ok(Member {
        display_name,
        team_id,
        role,
    })
}

#[derive(Deserialize, Default)]
struct Filters {
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: Option<i64>,
}

#[derive(Serialize)]
struct Summary {
    number: i32,
    display_number: String,
    title: String,
    status: String,
    decision_date: String,
    decision_makers: Vec<String>,
}

const SUMMARY_COLUMNS: &str = "number, title, status, decision_date, decision_makers";

fn summary<R: Row>(row: &R) -> Result<Summary, sqlx::Error>
where
    for<'r> i32: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<chrono::NaiveDate>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    let number: i32 = row.try_get(0)?;
    let makers: String = row.try_get(4)?;
    Ok(Summary {
        number,
        display_number: display_number(number),
        title: row.try_get(1)?,
        status: row.try_get(2)?,
        decision_date: row
            .try_get::<Option<chrono::NaiveDate>, _>(3)?
            .map(|date| date.to_string())
            .unwrap_or_default(),
        decision_makers: serde_json::from_str(&makers).unwrap_or_default(),
    })
}

async fn log_page(
    State(pool): State<Pool>,
    Path(project): Path<i64>,
    Query(filters): Query<Filters>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let member = member(&pool, &headers, project).await?;
    let postgres = matches!(pool, Pool::Postgres(_));
    let mut conditions = vec!["team_id = $1".to_owned(), "project_id = $2".to_owned()];
    let mut binds = vec![Bind::Int(member.team_id), Bind::Int(project)];
    if !filters.status.is_empty() {
        binds.push(Bind::Text(filters.status.clone()));
        conditions.push(format!("status = ${}", binds.len()));
    }
    if let Some(terms) = SearchTerms::parse(&filters.q) {
        if postgres {
            binds.push(Bind::Text(terms.as_plain_query()));
            let n = binds.len();
            conditions.push(format!("search_vector @@ plainto_tsquery('simple', ${n})"));
        } else {
            binds.push(Bind::Text(terms.as_fts5_query()));
            let n = binds.len();
            conditions.push(format!(
                "id IN (SELECT rowid FROM adrs_fts WHERE adrs_fts MATCH ${n})"
            ));
        }
    }
    let order = match filters.sort.as_str() {
        "-number" => "number DESC",
        "title" => "lower(title), number",
        "updated" => "updated_at DESC, number DESC",
        _ => "number",
    };
    let filter = conditions.join(" AND ");
    let counted = fetch!(
        &pool,
        // Only the fixed fragments above are formatted in; every value is bound.
        sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM adrs WHERE {filter}")),
        &binds,
        |row| row.try_get::<i64, _>(0)
    );
    let total = counted.first().copied().unwrap_or(0);
    let page = filters.page.unwrap_or(1).max(1);
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM adrs WHERE {filter} ORDER BY {order} LIMIT 50 OFFSET {}",
        (page - 1) * 50
    );
    let items = fetch!(&pool, sqlx::AssertSqlSafe(sql.as_str()), &binds, |row| {
        summary(row)
    });
    let mut rows = String::new();
    for item in &items {
        rows.push_str(&format!(
            "<tr><td><a href=\"/projects/{project}/decisions/{n}\">{d}</a></td>\
             <td><a href=\"/projects/{project}/decisions/{n}\">{t}</a></td>\
             <td><span class=\"status status-{s}\">{s}</span></td><td>{date}</td><td>{m}</td></tr>",
            n = item.number,
            d = item.display_number,
            t = escape(&item.title),
            s = escape(&item.status),
            date = item.decision_date,
            m = escape(&item.decision_makers.join(", ")),
        ));
    }
    let data = serde_json::to_string(&items).unwrap_or_default();
    let body = format!(
        "<h1>Decision log</h1><form method=\"GET\" class=\"filters\" role=\"search\">\
         <input name=\"q\" type=\"search\" value=\"{q}\"><select name=\"status\">{options}</select>\
         <button>Filter</button></form><p>{total} decisions · page {page} of {pages}</p>\
         <table><thead><tr><th>Number</th><th>Title</th><th>Status</th><th>Date</th>\
         <th>Decision-makers</th></tr></thead><tbody>{rows}</tbody></table>",
        q = escape(&filters.q),
        options = status_options(&filters.status),
        pages = ((total + 49) / 50).max(1),
    );
    Ok(document(&member, "Decision log", &body, &data))
}

async fn adr_page(
    State(pool): State<Pool>,
    Path((project, number)): Path<(i64, i64)>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let member = member(&pool, &headers, project).await?;
    let binds = [
        Bind::Int(member.team_id),
        Bind::Int(project),
        Bind::Int(number),
    ];
    let found = fetch!(
        &pool,
        "SELECT id, context_html, drivers_html, options_html, outcome_html, consequences_html, \
         confirmation_html, more_info_html, title, status, version \
         FROM adrs WHERE team_id = $1 AND project_id = $2 AND number = $3",
        &binds,
        |row| {
            let mut sections = Vec::new();
            for column in 1..8 {
                sections.push(row.try_get::<String, _>(column)?);
            }
            let id: i32 = row.try_get(0)?;
            let title: String = row.try_get(8)?;
            let status: String = row.try_get(9)?;
            let version: i32 = row.try_get(10)?;
            Ok((id, sections, title, status, version))
        }
    );
    let (id, sections, title, status, version) = found
        .into_iter()
        .next()
        .ok_or(Failure(StatusCode::NOT_FOUND))?;
    let links = fetch!(
        &pool,
        "SELECT l.kind, a.number, a.title FROM adr_links l JOIN adrs a \
         ON a.id = CASE WHEN l.from_adr_id = $2 THEN l.to_adr_id ELSE l.from_adr_id END \
         WHERE l.team_id = $1 AND (l.from_adr_id = $3 OR l.to_adr_id = $4) ORDER BY l.id",
        &[
            Bind::Int(member.team_id),
            Bind::Int(id.into()),
            Bind::Int(id.into()),
            Bind::Int(id.into()),
        ],
        |row| Ok((
            row.try_get::<String, _>(0)?,
            row.try_get::<i32, _>(1)?,
            row.try_get::<String, _>(2)?
        ))
    );
    let mut body = format!(
        "<h1>{}: {}</h1><p><span class=\"status\">{}</span> version {version}</p>",
        display_number(number as i32),
        escape(&title),
        escape(&status)
    );
    for (kind, other, other_title) in &links {
        body.push_str(&format!(
            "<p>{kind} <a href=\"/projects/{project}/decisions/{other}\">{}</a></p>",
            escape(other_title)
        ));
    }
    for html in &sections {
        body.push_str(&format!("<section>{html}</section>"));
    }
    let data = serde_json::to_string(&(&title, &status, &sections)).unwrap_or_default();
    Ok(document(&member, &title, &body, &data))
}

fn status_options(selected: &str) -> String {
    [
        "proposed",
        "accepted",
        "rejected",
        "deprecated",
        "superseded",
    ]
    .iter()
    .map(|s| {
        let mark = if *s == selected { " selected" } else { "" };
        format!("<option value=\"{s}\"{mark}>{s}</option>")
    })
    .collect()
}

fn document(member: &Member, title: &str, body: &str, data: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} · Groundwork\
         </title><link rel=\"stylesheet\" href=\"/pkg/groundwork.css\"></head><body>\
         <header class=\"site-header\"><a href=\"/\">Groundwork</a><span>Signed in as {} ({})\
         </span></header><main>{body}</main><script type=\"application/json\">{}</script>\
         </body></html>",
        escape(title),
        escape(&member.display_name),
        member.role,
        data.replace("</", "<\\/")
    );
    Html(html).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("a database URL");
    let port: u16 = args.next().and_then(|p| p.parse().ok()).expect("a port");
    let pool = if url.starts_with("postgres") {
        Pool::Postgres(PgPool::connect(&url).await.expect("PostgreSQL answers"))
    } else {
        Pool::Sqlite(
            SqlitePool::connect(&url)
                .await
                .expect("the SQLite file opens"),
        )
    };
    let app = Router::new()
        .route("/projects/{project}/decisions", get(log_page))
        .route("/projects/{project}/decisions/{number}", get(adr_page))
        .with_state(pool);
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .expect("the port is free");
    axum::serve(listener, app).await.expect("it serves");
}
