//! The baseline for `bench/decision-log.sh`: a bare axum handler that answers every GET with
//! the bytes of one file, held in memory. Usage: static_page <file> <port>
use std::{net::SocketAddr, sync::Arc};

use axum::{http::header, response::IntoResponse, routing::get, Router};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("a file to serve");
    let port: u16 = args.next().and_then(|p| p.parse().ok()).expect("a port");
    let body: Arc<[u8]> = std::fs::read(&file).expect("the file reads").into();
    let page = move || {
        let body = Arc::clone(&body);
        async move {
            (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                body.to_vec(),
            )
                .into_response()
        }
    };
    let app = Router::new().fallback(get(page));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .expect("the port is free");
    axum::serve(listener, app).await.expect("it serves");
}
