//! What crosses the network: pages and the site's files compressed as the browser accepts, and
//! the site's files revalidated rather than downloaded again.
use reqwest::{header, StatusCode};

use crate::helpers::{new_client, spawn_app_configured, Backend, TestApp};

/// A site folder with a WASM-like file (repetitive, as compiled code is) and a script.
fn site_folder() -> std::path::PathBuf {
    let site = std::env::temp_dir().join(format!("groundwork_site_{}", std::process::id()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let wasm: Vec<u8> = (0..400_000u32)
        .map(|n| (n % 251) as u8 ^ (n / 4096) as u8)
        .collect();
    std::fs::write(pkg.join("groundwork.wasm"), wasm).unwrap();
    std::fs::write(
        pkg.join("groundwork.js"),
        "export function hydrate() {}\n".repeat(500),
    )
    .unwrap();
    site
}

async fn get(
    app: &TestApp,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> reqwest::Response {
    let mut request = new_client().get(app.url(path));
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn pages_and_site_files_are_compressed_and_revalidated() {
    let site = site_folder();
    let root = site.to_string_lossy().into_owned();
    let app = spawn_app_configured(Backend::Sqlite, |config| config.site_root = Some(root))
        .await
        .expect("SQLite always runs");

    let wasm = get(
        &app,
        "/pkg/groundwork.wasm",
        &[(header::ACCEPT_ENCODING, "br, gzip")],
    )
    .await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(wasm.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(wasm.headers()[header::CACHE_CONTROL], "public, no-cache");
    let last_modified = wasm.headers()[header::LAST_MODIFIED]
        .to_str()
        .unwrap()
        .to_owned();
    let compressed = wasm.bytes().await.unwrap().len();
    assert!(
        compressed < 400_000 / 4,
        "brotli: {compressed} bytes of 400,000"
    );

    let gzip = get(
        &app,
        "/pkg/groundwork.js",
        &[(header::ACCEPT_ENCODING, "gzip")],
    )
    .await;
    assert_eq!(gzip.headers()[header::CONTENT_ENCODING], "gzip");

    let plain = get(&app, "/pkg/groundwork.js", &[]).await;
    assert!(
        plain.headers().get(header::CONTENT_ENCODING).is_none(),
        "only when asked"
    );
    assert_eq!(plain.bytes().await.unwrap().len(), 29 * 500);

    // A repeat visit asks whether the file changed and downloads nothing.
    let again = get(
        &app,
        "/pkg/groundwork.wasm",
        &[
            (header::ACCEPT_ENCODING, "br"),
            (header::IF_MODIFIED_SINCE, &last_modified),
        ],
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.bytes().await.unwrap().is_empty());

    // Pages are compressed on the fly, and stay out of shared caches.
    let page = get(&app, "/sign-in", &[(header::ACCEPT_ENCODING, "gzip, br")]).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()[header::CONTENT_ENCODING], "br");
    assert_ne!(
        page.headers()
            .get(header::CACHE_CONTROL)
            .map(|v| v.to_str().unwrap()),
        Some("public, no-cache")
    );
    let _ = std::fs::remove_dir_all(&site);
}

#[tokio::test]
async fn precompressed_twins_are_written_once_and_sent_as_they_are() {
    let site = std::env::temp_dir().join(format!("groundwork_twins_{}", std::process::id()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let script = "export function hydrate() { return 'groundwork'; }\n".repeat(2_000);
    std::fs::write(pkg.join("groundwork.js"), &script).unwrap();
    std::fs::write(pkg.join("notes.txt"), "not a site file worth compressing").unwrap();
    let written = server::precompress::precompress(&pkg).unwrap();
    assert_eq!(written.len(), 1, "only WASM, JS, CSS and SVG: {written:?}");
    let twins = &written[0];
    assert!(
        twins.brotli < twins.gzip && twins.gzip < twins.original / 10,
        "{twins:?}"
    );
    let brotli_file = std::fs::read(pkg.join("groundwork.js.br")).unwrap();
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut brotli_file.as_slice(), &mut unpacked).unwrap();
    assert_eq!(unpacked, script.as_bytes(), "the twin holds the same file");

    let root = site.to_string_lossy().into_owned();
    let app = spawn_app_configured(Backend::Sqlite, |config| config.site_root = Some(root))
        .await
        .expect("SQLite always runs");
    let sent = get(
        &app,
        "/pkg/groundwork.js",
        &[(header::ACCEPT_ENCODING, "br, gzip")],
    )
    .await;
    assert_eq!(sent.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(
        sent.bytes().await.unwrap().as_ref(),
        brotli_file.as_slice(),
        "sent as written"
    );

    // A later build changes the file: the old twin would be sent, so the server will not start.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(pkg.join("groundwork.js"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    let mut config = server::Config::for_tests("sqlite::memory:");
    config.site_root = Some(site.to_string_lossy().into_owned());
    let refused = server::Application::build(&config)
        .await
        .err()
        .expect("refused");
    assert!(
        refused.to_string().contains("groundwork.js.br"),
        "{refused}"
    );
    let _ = std::fs::remove_dir_all(&site);
}
