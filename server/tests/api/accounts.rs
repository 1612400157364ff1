//! Accounts and sessions over HTTP: cookie attributes, session ids rotating at sign-in and dying
//! at sign-out and password change, timeouts, rate limits, cross-site refusals, headers.
use reqwest::{header, Client, StatusCode};
use serde_json::Value;

use crate::helpers::{
    csp_nonce, new_client, on_both_databases, spawn_app, spawn_app_configured, Backend, TestApp,
    TEST_PASSWORD,
};

on_both_databases!(
    the_session_cookie_is_http_only_same_site_lax_and_128_bits,
    the_session_cookie_is_secure_when_served_over_https,
    sign_in_issues_a_new_session_id_and_the_old_one_is_dead,
    a_signed_out_cookie_no_longer_works,
    plain_form_sign_up_and_sign_in_land_where_the_visitor_was_going,
    changing_the_password_ends_every_other_session,
    a_session_ends_after_the_absolute_timeout,
    a_session_ends_when_idle_too_long,
    unknown_email_and_wrong_password_get_the_same_answer,
    sign_in_is_rate_limited_per_account_with_retry_after,
    sign_in_is_rate_limited_per_client_address,
    a_trusted_proxy_header_names_the_client_only_when_configured,
    cross_site_writes_are_refused_and_change_nothing,
    every_page_carries_the_security_headers_and_a_script_nonce,
    a_removed_member_loses_access_at_once,
    bad_account_input_is_named_at_its_field,
);

const COOKIE: &str = "groundwork_session";

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&format!("{COOKIE}=")))
        .map(str::to_owned)
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, value)| value.to_owned())
        .unwrap()
}

async fn sign_in(app: &TestApp, client: &Client, email: &str, password: &str) -> reqwest::Response {
    app.call_as(
        client,
        "sign_in",
        &[("email", email), ("password", password)],
    )
    .await
}

/// Who a bare cookie value belongs to, asked by a client with no other state.
async fn who_has(app: &TestApp, cookie: &str) -> Value {
    Client::new()
        .post(app.url("/api/who_am_i"))
        .header("Accept", "application/json")
        .header(header::COOKIE, format!("{COOKIE}={cookie}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn the_session_cookie_is_http_only_same_site_lax_and_128_bits(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = sign_in(&app, &new_client(), "owner@example.com", TEST_PASSWORD).await;
    let cookie = session_cookie(&response).expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http must not set Secure: {cookie}"
    );
    // tower-sessions ids are 128 random bits, base64url without padding: 22 characters.
    assert_eq!(cookie_value(&cookie).len(), 22, "{cookie}");
}

async fn the_session_cookie_is_secure_when_served_over_https(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, |config| {
        config.public_url = "https://groundwork.example.com".into();
    })
    .await
    else {
        return;
    };
    let response = sign_in(&app, &new_client(), "owner@example.com", TEST_PASSWORD).await;
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&format!("__Host-{COOKIE}=")))
        .expect("a host-only session cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
}

async fn sign_in_issues_a_new_session_id_and_the_old_one_is_dead(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = new_client();
    let first = session_cookie(&sign_in(&app, &client, "owner@example.com", TEST_PASSWORD).await)
        .map(|c| cookie_value(&c))
        .unwrap();
    let second = session_cookie(&sign_in(&app, &client, "owner@example.com", TEST_PASSWORD).await)
        .map(|c| cookie_value(&c))
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(who_has(&app, &first).await, Value::Null);
    assert_eq!(who_has(&app, &second).await["email"], "owner@example.com");
}

/// Posts `form` to `function` the way a browser without JavaScript does, from `referer`.
async fn plain_form_post(
    app: &TestApp,
    client: &Client,
    function: &str,
    referer: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/{function}")))
        .header("Accept", "text/html")
        .header(header::REFERER, app.url(referer))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// A form posted before the page has hydrated (or without JavaScript) must sign the visitor in
/// and take them on, not back to the form they just filled in.
async fn plain_form_sign_up_and_sign_in_land_where_the_visitor_was_going(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = new_client();
    let signed_up = plain_form_post(
        &app,
        &client,
        "sign_up",
        "/sign-up",
        &[("email", "plain@example.com"), ("password", TEST_PASSWORD)],
    )
    .await;
    assert_eq!(signed_up.status(), StatusCode::FOUND);
    assert_eq!(signed_up.headers()[header::LOCATION], "/");
    let cookie = session_cookie(&signed_up)
        .map(|c| cookie_value(&c))
        .unwrap();
    assert_eq!(who_has(&app, &cookie).await["email"], "plain@example.com");

    let signed_in = plain_form_post(
        &app,
        &new_client(),
        "sign_in",
        "/sign-in?next=%2Faccount",
        &[
            ("email", "plain@example.com"),
            ("password", TEST_PASSWORD),
            ("next", "/account"),
        ],
    )
    .await;
    assert_eq!(signed_in.status(), StatusCode::FOUND);
    assert_eq!(signed_in.headers()[header::LOCATION], "/account");

    // A failure still goes back to the form, with the error and the e-mail kept.
    let refused = plain_form_post(
        &app,
        &new_client(),
        "sign_in",
        "/sign-in",
        &[
            ("email", "plain@example.com"),
            ("password", "not the password"),
        ],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FOUND);
    let location = refused.headers()[header::LOCATION].to_str().unwrap();
    assert!(location.contains("/sign-in?"), "{location}");
    assert!(location.contains("__err="), "{location}");
    assert!(
        location.contains("form.email=plain%40example.com"),
        "{location}"
    );
    assert!(session_cookie(&refused).is_none());
}

async fn a_signed_out_cookie_no_longer_works(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let client = new_client();
    let cookie = session_cookie(&sign_in(&app, &client, "owner@example.com", TEST_PASSWORD).await)
        .map(|c| cookie_value(&c))
        .unwrap();
    assert_eq!(who_has(&app, &cookie).await["email"], "owner@example.com");
    assert_eq!(
        app.call_as(&client, "sign_out", &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(who_has(&app, &cookie).await, Value::Null);
    let replayed = Client::new()
        .post(app.url("/api/list_my_teams"))
        .header("Accept", "application/json")
        .header(header::COOKIE, format!("{COOKIE}={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replayed.status(), StatusCode::UNAUTHORIZED);
}

async fn changing_the_password_ends_every_other_session(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let laptop = new_client();
    let laptop_cookie =
        session_cookie(&sign_in(&app, &laptop, "owner@example.com", TEST_PASSWORD).await)
            .map(|c| cookie_value(&c))
            .unwrap();
    let phone = new_client();
    sign_in(&app, &phone, "owner@example.com", TEST_PASSWORD).await;

    let changed = app
        .call_as(
            &laptop,
            "change_password",
            &[
                ("current_password", TEST_PASSWORD),
                ("new_password", "an entirely new passphrase"),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    // The phone's session is over; the laptop goes on under a new id.
    assert_eq!(
        app.call_as(&phone, "list_my_teams", &[]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.call_as(&laptop, "list_my_teams", &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(who_has(&app, &laptop_cookie).await, Value::Null);
    // And only the new password signs in.
    let old = sign_in(&app, &new_client(), "owner@example.com", TEST_PASSWORD).await;
    assert_eq!(old.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let new = sign_in(
        &app,
        &new_client(),
        "owner@example.com",
        "an entirely new passphrase",
    )
    .await;
    assert_eq!(new.status(), StatusCode::OK);
}

async fn a_session_ends_after_the_absolute_timeout(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, |config| config.session_max_hours = 0).await
    else {
        return;
    };
    let client = new_client();
    sign_in(&app, &client, "owner@example.com", TEST_PASSWORD).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(
        app.call_as(&client, "list_my_teams", &[]).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn a_session_ends_when_idle_too_long(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, |config| config.session_idle_minutes = 0).await
    else {
        return;
    };
    let response = sign_in(&app, &new_client(), "owner@example.com", TEST_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = cookie_value(&session_cookie(&response).expect("a session cookie"));
    // Even a client that ignores the cookie's Max-Age gets nothing from the server.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(who_has(&app, &cookie).await, Value::Null);
}

async fn unknown_email_and_wrong_password_get_the_same_answer(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let unknown = sign_in(&app, &new_client(), "nobody@example.com", TEST_PASSWORD).await;
    let wrong = sign_in(&app, &new_client(), "owner@example.com", "not the password").await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.status(), wrong.status());
    assert!(session_cookie(&wrong).is_none());
    assert_eq!(unknown.text().await.unwrap(), wrong.text().await.unwrap());
}

async fn sign_in_is_rate_limited_per_account_with_retry_after(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, |config| {
        config.sign_in_attempts_per_account = 3;
    })
    .await
    else {
        return;
    };
    // The set-up that made the owner was the account's first attempt.
    for _ in 0..2 {
        let response = sign_in(&app, &new_client(), "owner@example.com", "wrong guess 1").await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right password is refused until the wait is over.
    let limited = sign_in(&app, &new_client(), "OWNER@example.com", TEST_PASSWORD).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = limited.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=60).contains(&retry_after),
        "Retry-After: {retry_after}"
    );
    assert!(session_cookie(&limited).is_none());
}

async fn sign_in_is_rate_limited_per_client_address(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, |config| {
        config.sign_in_attempts_per_address = 4;
    })
    .await
    else {
        return;
    };
    // The set-up that made the owner was this address's first attempt.
    for n in 0..3 {
        let email = format!("guess{n}@example.com");
        let response = sign_in(&app, &new_client(), &email, TEST_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = sign_in(&app, &new_client(), "guess9@example.com", TEST_PASSWORD).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    // Sign-up counts against the same allowance.
    let sign_up = app
        .call_as(
            &new_client(),
            "sign_up",
            &[("email", "fresh@example.com"), ("password", TEST_PASSWORD)],
        )
        .await;
    assert_eq!(sign_up.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn attempt_from(app: &TestApp, forwarded_for: &str, email: &str) -> StatusCode {
    new_client()
        .post(app.url("/api/sign_in"))
        .header("Accept", "application/json")
        .header("X-Forwarded-For", forwarded_for)
        .form(&[("email", email), ("password", "wrong guess 2")])
        .send()
        .await
        .unwrap()
        .status()
}

async fn a_trusted_proxy_header_names_the_client_only_when_configured(backend: Backend) {
    let Some(proxied) = spawn_app_configured(backend, |config| {
        config.sign_in_attempts_per_address = 2;
        config.trusted_proxy_header = Some("x-forwarded-for".into());
    })
    .await
    else {
        return;
    };
    // The proxy appends the real client last; what the client itself sent comes first.
    for n in 0..2 {
        let status = attempt_from(
            &proxied,
            "198.51.100.7, 203.0.113.1",
            &format!("a{n}@example.com"),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(
        attempt_from(&proxied, "198.51.100.8, 203.0.113.1", "a9@example.com").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt_from(&proxied, "203.0.113.2", "a9@example.com").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let Some(direct) = spawn_app_configured(backend, |config| {
        config.sign_in_attempts_per_address = 2;
    })
    .await
    else {
        return;
    };
    // Without a trusted proxy the header is the client's own say-so, and ignored. The set-up
    // that made the owner was this address's first attempt.
    for n in 0..1 {
        let status = attempt_from(
            &direct,
            &format!("203.0.113.{n}"),
            &format!("b{n}@example.com"),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(
        attempt_from(&direct, "203.0.113.99", "b9@example.com").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

async fn cross_site_writes_are_refused_and_change_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let host = app.address.trim_start_matches("http://").to_owned();
    let attempt = |headers: Vec<(&'static str, String)>, name: &'static str| {
        let mut request = app
            .client
            .post(app.url("/api/create_project"))
            .header("Accept", "application/json")
            .form(&[
                ("team_id", app.team_id.as_str()),
                ("name", name),
                ("description", ""),
            ]);
        for (key, value) in headers {
            request = request.header(key, value);
        }
        request.send()
    };
    let foreign_origin = attempt(vec![("Origin", "http://evil.example".into())], "Evil one")
        .await
        .unwrap();
    assert_eq!(foreign_origin.status(), StatusCode::FORBIDDEN);
    let cross_site = attempt(vec![("Sec-Fetch-Site", "cross-site".into())], "Evil two")
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let same_site_other_origin = attempt(
        vec![
            ("Sec-Fetch-Site", "same-site".into()),
            ("Origin", format!("http://{host}")),
        ],
        "Evil three",
    )
    .await
    .unwrap();
    assert_eq!(same_site_other_origin.status(), StatusCode::FORBIDDEN);
    let listed: Vec<Value> = app
        .call("list_projects", &[("team_id", &app.team_id)])
        .await
        .json()
        .await
        .unwrap();
    assert!(listed.is_empty(), "a cross-site request created {listed:?}");

    let own = attempt(
        vec![
            ("Origin", format!("http://{host}")),
            ("Sec-Fetch-Site", "same-origin".into()),
        ],
        "Ours",
    )
    .await
    .unwrap();
    assert_eq!(own.status(), StatusCode::OK);
}

async fn every_page_carries_the_security_headers_and_a_script_nonce(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for path in ["/sign-in", "/", "/healthz", "/no/such/page"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        let headers = response.headers().clone();
        let csp = headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(
            !csp.contains("'unsafe-inline' 'unsafe-eval'"),
            "{path}: {csp}"
        );
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin", "{path}");
        if path == "/" {
            let nonce = csp_nonce(&headers);
            let html = response.text().await.unwrap();
            assert!(
                html.contains(&format!("nonce=\"{nonce}\"")),
                "the page's scripts lack the nonce"
            );
        }
    }
}

async fn a_removed_member_loses_access_at_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let editor = app.member("ed@example.com", "editor").await;
    let team = [("team_id", app.team_id.as_str())];
    assert_eq!(
        app.call_as(&editor, "list_projects", &team).await.status(),
        StatusCode::OK
    );
    app.remove_member(&editor).await;
    assert_eq!(
        app.call_as(&editor, "list_projects", &team).await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn bad_account_input_is_named_at_its_field(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let cases: [(&[(&str, &str)], &str); 4] = [
        (
            &[("email", "not-an-email"), ("password", TEST_PASSWORD)],
            "email",
        ),
        (
            &[("email", "short@example.com"), ("password", "short")],
            "password",
        ),
        (
            &[("email", "common@example.com"), ("password", "password1")],
            "password",
        ),
        (
            &[
                ("email", "long@example.com"),
                ("password", TEST_PASSWORD),
                ("display_name", &"n".repeat(81)),
            ],
            "display_name",
        ),
    ];
    for (form, field) in cases {
        let response = app.call_as(&new_client(), "sign_up", form).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{form:?}"
        );
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["Validation"]["field"], field, "{form:?}");
    }
    let long_email = format!("{}@example.com", "a".repeat(250));
    let response = app
        .call_as(
            &new_client(),
            "sign_up",
            &[("email", &long_email), ("password", TEST_PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The last owner cannot be demoted; nothing changes.
    let me: Value = app.call("who_am_i", &[]).await.json().await.unwrap();
    let demote = app
        .call(
            "change_member_role",
            &[
                ("team_id", &app.team_id),
                ("user_id", &me["id"].to_string()),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(demote.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let team: Value = app
        .call("get_team", &[("team_id", &app.team_id)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(team["my_role"], "owner");

    // A used invitation is refused the second time.
    let path = app.invitation("editor").await;
    let token = path.rsplit('/').next().unwrap().to_owned();
    let first = app.sign_up("first@example.com").await;
    let second = app.sign_up("second@example.com").await;
    assert_eq!(
        app.call_as(&first, "accept_invitation", &[("token", &token)])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.call_as(&second, "accept_invitation", &[("token", &token)])
            .await
            .status(),
        StatusCode::CONFLICT
    );
}
