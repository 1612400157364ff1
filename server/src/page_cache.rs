//! Rendered decision-log pages kept for a second, per session and URL, so that a team that keeps
//! the log open (or a log of 10,000 ADRs under load) costs a lookup instead of a render.
//!
//! Why a cached page is never wrong for long:
//! - an entry belongs to one session cookie: nobody else is ever served it, and it holds only
//!   what that session's render produced (its member, role and team);
//! - any state-changing request (anything but GET, HEAD and OPTIONS) this process serves
//!   invalidates every entry once it has been answered, and a render that overlapped the change
//!   is not kept: sign-out, a removed member, an edited ADR show on the next page load;
//! - entries live one second, so a change made elsewhere (another replica, the command line) or
//!   a session timing out shows within a second; when an entry's second is up, one request
//!   renders the page again while the others are still served the old copy for at most half a
//!   second more (so that a busy log is not rendered by every open connection at once);
//! - only complete 200 pages that set no cookie are kept, and the per-response CSP nonce is
//!   put back into the page each time it is served.
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc, RwLock,
    },
    time::{Duration, Instant},
};

use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::security::CspNonce;

/// How long a rendered page is served again without asking the database.
const FRESH_FOR: Duration = Duration::from_secs(1);
/// How much longer the old copy may be served while one request renders the page again.
const REFRESH_GRACE: Duration = Duration::from_millis(500);
/// At most this many pages are kept; when full, the cache starts again empty.
const MAX_ENTRIES: usize = 1024;
/// A log page shows one window of rows, so it never comes near this.
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

pub struct PageCache {
    /// The session cookie's name, whose value keys the entries.
    cookie_name: &'static str,
    /// Moves on at every state change this process serves; entries from before are stale.
    epoch: AtomicU64,
    entries: RwLock<HashMap<String, Arc<Entry>>>,
}

struct Entry {
    epoch: u64,
    stored_at: Instant,
    /// Set once a request has gone to render the page again.
    refreshing: AtomicBool,
    headers: HeaderMap,
    /// The page cut where its nonce was; served with the new nonce between the parts.
    parts: Vec<Bytes>,
}

impl PageCache {
    pub fn new(cookie_name: &'static str) -> Self {
        Self {
            cookie_name,
            epoch: AtomicU64::new(0),
            entries: RwLock::new(HashMap::new()),
        }
    }

    /// The copy to serve, or `None` when the caller should render the page (and keep it).
    fn fresh(&self, key: &str) -> Option<Arc<Entry>> {
        let entries = self.entries.read().ok()?;
        let entry = entries.get(key)?;
        if entry.epoch != self.epoch.load(Ordering::Acquire) {
            return None;
        }
        let age = entry.stored_at.elapsed();
        let serve = age < FRESH_FOR
            || (age < FRESH_FOR + REFRESH_GRACE && entry.refreshing.swap(true, Ordering::AcqRel));
        serve.then(|| entry.clone())
    }

    /// The render that was to replace `key`'s copy gave nothing to keep (it set a cookie, say):
    /// the next request tries, rather than every request once the grace is over.
    fn refresh_abandoned(&self, key: &str) {
        if let Some(entry) = self
            .entries
            .read()
            .ok()
            .and_then(|entries| entries.get(key).cloned())
        {
            entry.refreshing.store(false, Ordering::Release);
        }
    }

    fn invalidate(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut entries) = self.entries.write() {
            entries.clear();
        }
    }

    fn store(&self, key: String, entry: Entry) {
        if entry.epoch != self.epoch.load(Ordering::Acquire) {
            return;
        }
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, Arc::new(entry));
        }
    }
}

/// The middleware: serves fresh copies of cacheable pages, keeps new renders of them, and
/// invalidates everything after each state-changing request.
pub async fn serve_cached_pages(
    State(cache): State<Arc<PageCache>>,
    request: Request,
    next: Next,
) -> Response {
    if !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        let response = next.run(request).await;
        cache.invalidate();
        return response;
    }
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let (Some(key), Some(CspNonce(nonce))) = (
        cache_key(&request, cache.cookie_name),
        request.extensions().get::<CspNonce>().cloned(),
    ) else {
        return next.run(request).await;
    };
    if let Some(entry) = cache.fresh(&key) {
        return entry.response(&nonce);
    }
    let epoch = cache.epoch.load(Ordering::Acquire);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        cache.refresh_abandoned(&key);
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(page) = to_bytes(body, MAX_PAGE_BYTES).await else {
        cache.refresh_abandoned(&key);
        tracing::error!("a rendered decision log was cut off or beyond {MAX_PAGE_BYTES} bytes");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let entry = Entry {
        epoch,
        stored_at: Instant::now(),
        refreshing: AtomicBool::new(false),
        headers: parts.headers.clone(),
        parts: split_at_nonce(&page, &nonce),
    };
    cache.store(key, entry);
    Response::from_parts(parts, Body::from(page))
}

impl Entry {
    fn response(&self, nonce: &str) -> Response {
        let length = self.parts.iter().map(Bytes::len).sum::<usize>()
            + nonce.len() * self.parts.len().saturating_sub(1);
        let mut page = Vec::with_capacity(length);
        for (index, part) in self.parts.iter().enumerate() {
            if index > 0 {
                page.extend_from_slice(nonce.as_bytes());
            }
            page.extend_from_slice(part);
        }
        let mut response = Response::new(Body::from(page));
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// Which requests are kept: a signed-in visitor's decision log (`/projects/{id}/decisions`,
/// any filters). The key is the session cookie and the URL.
fn cache_key(request: &Request, cookie_name: &str) -> Option<String> {
    let path = request.uri().path();
    let project = path
        .strip_prefix("/projects/")?
        .strip_suffix("/decisions")?;
    if project.is_empty() || !project.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let session = session_cookie(request.headers(), cookie_name)?;
    let url = request.uri().path_and_query()?.as_str();
    Some(format!("{session} {url}"))
}

/// The one session cookie of the request. With two or more of that name, which one the session
/// layer reads is its own business, so such a request is neither served from nor kept in the
/// cache.
fn session_cookie<'a>(headers: &'a HeaderMap, cookie_name: &str) -> Option<&'a str> {
    let mut values = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == cookie_name)
        .map(|(_, value)| value);
    let only = values.next()?;
    if values.next().is_some() || only.is_empty() {
        return None;
    }
    Some(only)
}

fn split_at_nonce(page: &Bytes, nonce: &str) -> Vec<Bytes> {
    let needle = nonce.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while !needle.is_empty() && at + needle.len() <= page.len() {
        if &page[at..at + needle.len()] == needle {
            parts.push(page.slice(start..at));
            at += needle.len();
            start = at;
        } else {
            at += 1;
        }
    }
    parts.push(page.slice(start..));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_cut_at_each_nonce_and_put_back_with_another() {
        let page = Bytes::from_static(b"<script nonce=\"abc\">1</script><link nonce=\"abc\">end");
        let parts = split_at_nonce(&page, "abc");
        assert_eq!(parts.len(), 3);
        let entry = Entry {
            epoch: 0,
            stored_at: Instant::now(),
            refreshing: AtomicBool::new(false),
            headers: HeaderMap::new(),
            parts,
        };
        let body = entry.response("XYZ").into_body();
        let served = block_on(to_bytes(body, usize::MAX)).unwrap();
        assert_eq!(
            &served[..],
            b"<script nonce=\"XYZ\">1</script><link nonce=\"XYZ\">end"
        );
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    const NAME: &str = "groundwork_session";

    fn cache_key_of(request: &Request) -> Option<String> {
        cache_key(request, NAME)
    }

    #[test]
    fn a_request_with_two_session_cookies_is_never_cached() {
        let twice = "groundwork_session=aaa; groundwork_session=bbb";
        assert_eq!(
            cache_key_of(&request("/projects/7/decisions", Some(twice))),
            None
        );
        let mut split = Request::builder()
            .uri("/projects/7/decisions")
            .header(header::COOKIE, "groundwork_session=aaa")
            .header(header::COOKIE, "groundwork_session=bbb")
            .body(Body::empty())
            .unwrap();
        assert_eq!(cache_key_of(&split), None);
        split.headers_mut().remove(header::COOKIE);
        split.headers_mut().insert(
            header::COOKIE,
            "other=1; groundwork_session=aaa".parse().unwrap(),
        );
        assert_eq!(
            cache_key_of(&split).as_deref(),
            Some("aaa /projects/7/decisions")
        );
    }

    fn request(uri: &str, cookie: Option<&str>) -> Request {
        let mut builder = Request::builder().uri(uri);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_a_signed_in_decision_log_is_kept_and_per_session() {
        let signed_in = Some("theme=dark; groundwork_session=s1");
        assert_eq!(
            cache_key_of(&request("/projects/7/decisions?status=accepted", signed_in)).as_deref(),
            Some("s1 /projects/7/decisions?status=accepted")
        );
        assert_ne!(
            cache_key_of(&request(
                "/projects/7/decisions",
                Some("groundwork_session=s2")
            )),
            cache_key_of(&request("/projects/7/decisions", signed_in))
        );
        assert_eq!(cache_key_of(&request("/projects/7/decisions", None)), None);
        assert_eq!(
            cache_key_of(&request(
                "/projects/7/decisions",
                Some("groundwork_session=")
            )),
            None
        );
        for other in [
            "/projects/7/decisions/3",
            "/projects/7",
            "/projects//decisions",
            "/projects/x/decisions",
        ] {
            assert_eq!(cache_key_of(&request(other, signed_in)), None, "{other}");
        }
    }

    #[test]
    fn a_change_makes_every_entry_stale_and_a_render_that_overlapped_it_is_not_kept() {
        let cache = PageCache::new(NAME);
        let entry = |epoch| Entry {
            epoch,
            stored_at: Instant::now(),
            refreshing: AtomicBool::new(false),
            headers: HeaderMap::new(),
            parts: vec![Bytes::from_static(b"page")],
        };
        cache.store("k".into(), entry(0));
        assert!(cache.fresh("k").is_some());
        cache.invalidate();
        assert!(cache.fresh("k").is_none());
        // Began before the change (epoch 0), finished after it: not kept.
        cache.store("k".into(), entry(0));
        assert!(cache.fresh("k").is_none());
        cache.store("k".into(), entry(1));
        assert!(cache.fresh("k").is_some());
    }

    #[test]
    fn after_its_second_one_request_renders_again_while_the_others_get_the_old_copy() {
        let cache = PageCache::new(NAME);
        cache.store(
            "k".into(),
            Entry {
                epoch: 0,
                stored_at: Instant::now() - FRESH_FOR,
                refreshing: AtomicBool::new(false),
                headers: HeaderMap::new(),
                parts: vec![],
            },
        );
        assert!(cache.fresh("k").is_none(), "the first renders");
        assert!(cache.fresh("k").is_some(), "the next are served meanwhile");
        assert!(cache.fresh("k").is_some());
        cache.refresh_abandoned("k");
        assert!(
            cache.fresh("k").is_none(),
            "the render kept nothing: the next one tries"
        );
        assert!(cache.fresh("k").is_some());
        cache.invalidate();
        assert!(cache.fresh("k").is_none(), "never after a change");
    }

    #[test]
    fn an_entry_goes_stale_after_a_second_and_its_grace() {
        let cache = PageCache::new(NAME);
        cache.store(
            "k".into(),
            Entry {
                epoch: 0,
                stored_at: Instant::now() - FRESH_FOR - REFRESH_GRACE,
                refreshing: AtomicBool::new(false),
                headers: HeaderMap::new(),
                parts: vec![],
            },
        );
        assert!(cache.fresh("k").is_none());
    }
}
