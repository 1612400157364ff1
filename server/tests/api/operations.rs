use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

use axum::{routing::get, Router};
use reqwest::StatusCode;
use tokio::{net::TcpListener, task::JoinSet};

use crate::helpers::{on_both_databases, spawn_app, spawn_app_with, Backend};

on_both_databases!(
    health_and_readiness_answer_200,
    an_unknown_address_is_a_404_page,
    a_panicking_handler_gives_a_500_page_and_the_app_keeps_serving,
);

async fn health_and_readiness_answer_200(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for path in ["/healthz", "/readyz"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
    }
}

async fn an_unknown_address_is_a_404_page(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app
        .client
        .get(app.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("There is no page at this address."));
}

async fn a_panicking_handler_gives_a_500_page_and_the_app_keeps_serving(backend: Backend) {
    async fn boom() -> &'static str {
        panic!("secret detail")
    }
    let routes = Router::new().route("/boom", get(boom));
    let Some(app) = spawn_app_with(backend, routes, str::to_owned).await else {
        return;
    };
    let response = app.client.get(app.url("/boom")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = response.text().await.unwrap();
    assert!(body.contains("Something went wrong"));
    assert!(!body.contains("secret detail"));
    let after = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(after.status(), StatusCode::OK);
}

#[tokio::test]
async fn readiness_is_503_while_postgres_is_unreachable_and_200_once_it_is_back() {
    let proxy = TcpProxy::start("127.0.0.1:5432").await;
    let proxy_port = proxy.port;
    let rewrite =
        move |url: &str| url.replace("127.0.0.1:5432", &format!("127.0.0.1:{proxy_port}"));
    let Some(app) = spawn_app_with(Backend::Postgres, Router::new(), rewrite).await else {
        return;
    };
    let ready = || async {
        app.client
            .get(app.url("/readyz"))
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(ready().await, StatusCode::OK);

    proxy.set_reachable(false).await;
    assert_eq!(ready().await, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        app.client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    proxy.set_reachable(true).await;
    let mut status = ready().await;
    for _ in 0..20 {
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        status = ready().await;
    }
    assert_eq!(status, StatusCode::OK);
}

/// A TCP forwarder that can cut every connection and refuse new ones, to take the database away.
struct TcpProxy {
    port: u16,
    reachable: Arc<AtomicBool>,
    connections: Arc<tokio::sync::Mutex<JoinSet<()>>>,
}

impl TcpProxy {
    async fn start(upstream: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let reachable = Arc::new(AtomicBool::new(true));
        let connections = Arc::new(tokio::sync::Mutex::new(JoinSet::new()));
        let (flag, set) = (reachable.clone(), connections.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !flag.load(Ordering::SeqCst) {
                    continue; // dropping the socket closes it
                }
                set.lock().await.spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
            }
        });
        Self {
            port,
            reachable,
            connections,
        }
    }

    async fn set_reachable(&self, reachable: bool) {
        self.reachable.store(reachable, Ordering::SeqCst);
        if !reachable {
            self.connections.lock().await.abort_all();
        }
    }
}
