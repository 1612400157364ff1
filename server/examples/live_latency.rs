//! Planning-session figures (issue 20), run by `bench/live-latency.sh` against two replicas on one
//! PostgreSQL database. In one run:
//! - vote-to-screen latency: a member votes through replica A; every participant's event stream,
//!   half on A and half on B, receives it. Latency runs from sending the vote to the event
//!   arriving at each stream: p50 and p99 over all streams and rounds, for each count of
//!   participants;
//! - the baseline: the round trip of a bare PostgreSQL `NOTIFY` to a `LISTEN`ing connection;
//! - the vote's own request (sent to answered), to show what the fan-out adds;
//! - memory per connected client: the growth of replica B's resident memory while the largest
//!   number of streams opens there (with two already open to warm it up), divided by their
//!   number. Measured once, first: the allocator keeps freed memory for reuse.
//!
//! Usage: live_latency <database-url> <replica-a-url> <replica-b-url> <replica-b-pid>
//!        <participants>...
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use sea_orm::sqlx::{postgres::PgListener, Connection, PgConnection};

const PASSWORD: &str = "a long bench password";
const ROUNDS: usize = 40;

type Arrivals = Arc<Mutex<HashMap<String, Vec<Instant>>>>;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

async fn call(
    client: &reqwest::Client,
    base: &str,
    function: &str,
    form: &[(&str, &str)],
) -> serde_json::Value {
    let response = client
        .post(format!("{base}/api/{function}"))
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .expect("the replica answers");
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    assert!(status.is_success(), "{function}: {status} {body}");
    serde_json::from_str(&body).unwrap_or(serde_json::Value::Null)
}

fn rss_kib(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Reads one stream, noting when each vote (by its comment) arrives.
async fn follow(mut response: reqwest::Response, arrivals: Arrivals) {
    let mut buffer = String::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        let now = Instant::now();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let Some(data) = block.lines().find_map(|l| l.strip_prefix("data:")) else {
                continue;
            };
            let Ok(event) = serde_json::from_str::<serde_json::Value>(data.trim()) else {
                continue;
            };
            if event["kind"] == "voted" {
                let round = event["comment"].as_str().unwrap_or_default().to_owned();
                arrivals.lock().unwrap().entry(round).or_default().push(now);
            }
        }
    }
}

/// p50 and p99 in milliseconds of the NOTIFY -> LISTEN round trip.
async fn bare_notify(url: &str) -> (f64, f64) {
    let mut listener = PgListener::connect(url).await.expect("a listener");
    listener.listen("bench_round_trip").await.expect("listen");
    let mut sender = PgConnection::connect(url).await.expect("a connection");
    let mut samples = Vec::new();
    for round in 0..ROUNDS * 5 {
        let started = Instant::now();
        sea_orm::sqlx::query("SELECT pg_notify('bench_round_trip', $1)")
            .bind(round.to_string())
            .execute(&mut sender)
            .await
            .expect("notify");
        listener.recv().await.expect("the notification");
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    samples.sort_by(f64::total_cmp);
    (percentile(&samples, 0.5), percentile(&samples, 0.99))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, database, a, b, b_pid, counts @ ..] = &args[..] else {
        eprintln!("usage: live_latency <database-url> <a-url> <b-url> <b-pid> <participants>...");
        std::process::exit(2);
    };
    let counts: Vec<usize> = counts.iter().map(|c| c.parse().expect("a count")).collect();
    let most = counts.iter().copied().max().unwrap_or(0);

    let owner = client();
    call(
        &owner,
        a,
        "set_up",
        &[
            ("email", "olive@example.com"),
            ("display_name", "Olive"),
            ("password", PASSWORD),
            ("team_name", "Bench"),
        ],
    )
    .await;
    let team = call(&owner, a, "list_my_teams", &[]).await[0]["id"].to_string();
    let project = call(
        &owner,
        a,
        "create_project",
        &[("team_id", &team), ("name", "Live"), ("description", "")],
    )
    .await["id"]
        .to_string();
    let session = call(
        &owner,
        a,
        "start_planning_session",
        &[("project_id", &project)],
    )
    .await
    .to_string();
    call(
        &owner,
        a,
        "move_planning_session",
        &[
            ("project_id", &project),
            ("session_id", &session),
            ("topic_id", "database"),
        ],
    )
    .await;
    let mut people = Vec::new();
    // Two more than the most, for the warm-up streams of the memory figure.
    for n in 0..most + 2 {
        let person = client();
        let email = format!("p{n}@example.com");
        call(
            &person,
            a,
            "sign_up",
            &[
                ("email", &email),
                ("display_name", &format!("P{n}")),
                ("password", PASSWORD),
            ],
        )
        .await;
        let invitation = call(
            &owner,
            a,
            "invite_member",
            &[("team_id", &team), ("role", "editor")],
        )
        .await;
        let token = invitation["path"]
            .as_str()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        call(&person, a, "accept_invitation", &[("token", &token)]).await;
        people.push(person);
    }

    let (notify_p50, notify_p99) = bare_notify(database).await;
    println!(
        "bare NOTIFY -> LISTEN round trip: p50 {notify_p50:.2} ms, p99 {notify_p99:.2} ms ({} round trips)",
        ROUNDS * 5
    );
    let streams = Streams {
        people: &people,
        a,
        b,
        project: &project,
        session: &session,
    };
    // Memory, on replica B (which hashed no passwords: the sign-ups went to A): two warm-up
    // streams stay open while the rest open.
    let warm = streams.open(0..2, Some(b), Arc::default()).await;
    let before = rss_kib(b_pid);
    let all = streams.open(2..most + 2, Some(b), Arc::default()).await;
    let after = rss_kib(b_pid);
    println!(
        "memory of replica B: {before} KiB with 2 streams open, {after} KiB with {}: {:.1} KiB per client",
        most + 2,
        after.saturating_sub(before) as f64 / most as f64
    );
    for reader in warm.into_iter().chain(all) {
        reader.abort();
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!();
    println!("| participants | streams on A / B | vote request p50 | vote-to-screen p50 | p99 | p50 / NOTIFY p50 | p99 / NOTIFY p99 |");
    println!("|---|---|---|---|---|---|---|");
    for count in counts {
        let arrivals: Arrivals = Arc::default();
        let readers = streams.open(0..count, None, arrivals.clone()).await;
        let mut requests = Vec::new();
        let mut samples = Vec::new();
        for round in 0..ROUNDS {
            let tag = format!("{count}-{round}");
            let value = if round % 2 == 0 {
                "postgresql"
            } else {
                "mysql"
            };
            let started = Instant::now();
            let form = [
                ("project_id", project.as_str()),
                ("session_id", session.as_str()),
                ("question_id", "database.product"),
                ("value", value),
                ("comment", tag.as_str()),
            ];
            call(&owner, a, "cast_session_vote", &form).await;
            requests.push(started.elapsed().as_secs_f64() * 1000.0);
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                let seen = arrivals.lock().unwrap().get(&tag).map_or(0, Vec::len);
                if seen >= count || Instant::now() > deadline {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            let arrived = arrivals
                .lock()
                .unwrap()
                .get(&tag)
                .cloned()
                .unwrap_or_default();
            assert_eq!(
                arrived.len(),
                count,
                "round {tag}: {} of {count} streams saw the vote",
                arrived.len()
            );
            samples.extend(
                arrived
                    .iter()
                    .map(|t| (*t - started).as_secs_f64() * 1000.0),
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        samples.sort_by(f64::total_cmp);
        requests.sort_by(f64::total_cmp);
        let (p50, p99) = (percentile(&samples, 0.5), percentile(&samples, 0.99));
        println!(
            "| {count} | {} / {} | {:.2} ms | {p50:.2} ms | {p99:.2} ms | {:.1}x | {:.1}x |",
            count.div_ceil(2),
            count / 2,
            percentile(&requests, 0.5),
            p50 / notify_p50,
            p99 / notify_p99,
        );
        for reader in readers {
            reader.abort();
        }
        // The replicas notice the closed streams and mark their holders as left.
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// Opens participants' streams: on `only` when given, else alternately on replica A and B.
struct Streams<'a> {
    people: &'a [reqwest::Client],
    a: &'a str,
    b: &'a str,
    project: &'a str,
    session: &'a str,
}

impl Streams<'_> {
    async fn open(
        &self,
        who: std::ops::Range<usize>,
        only: Option<&str>,
        arrivals: Arrivals,
    ) -> Vec<tokio::task::JoinHandle<()>> {
        let mut readers = Vec::new();
        for n in who {
            let base = only.unwrap_or(if n % 2 == 0 { self.a } else { self.b });
            let response = self.people[n]
                .get(format!(
                    "{base}/projects/{}/sessions/{}/events",
                    self.project, self.session
                ))
                .send()
                .await
                .expect("a stream");
            assert!(
                response.status().is_success(),
                "stream {n}: {}",
                response.status()
            );
            readers.push(tokio::spawn(follow(response, arrivals.clone())));
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        readers
    }
}
