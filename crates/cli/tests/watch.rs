//! `newsgraph watch --once` end to end against a local HTTP server (tiny_http on 127.0.0.1,
//! port 0): the seed article as a page is fetched, read and stored with its quotations; a
//! failing page is a diagnostic naming its URL and does not stop the others; a second run
//! asks for the feed conditionally and fetches only what failed before.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");

type Routes = Arc<Mutex<HashMap<String, (u16, String, Vec<u8>)>>>;
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// Serves the routes; answers `If-None-Match: "v1"` on /feed.xml with 304. Records each
/// request's path and If-None-Match.
fn server() -> (u16, Routes, Seen) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let routes = Routes::default();
    let seen = Seen::default();
    let (r, s) = (routes.clone(), seen.clone());
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let inm = req
                .headers()
                .iter()
                .find(|h| h.field.equiv("If-None-Match"))
                .map(|h| h.value.as_str().to_string());
            let path = req.url().to_string();
            s.lock().unwrap().push((path.clone(), inm.clone()));
            let etag = tiny_http::Header::from_bytes(&b"ETag"[..], &b"\"v1\""[..]).unwrap();
            let resp = if path == "/feed.xml" && inm.as_deref() == Some("\"v1\"") {
                tiny_http::Response::from_data(Vec::new())
                    .with_status_code(304)
                    .with_header(etag)
            } else {
                let (code, ct, body) = r.lock().unwrap().get(&path).cloned().unwrap_or((
                    404,
                    "text/plain".into(),
                    b"not found".to_vec(),
                ));
                let mut resp = tiny_http::Response::from_data(body)
                    .with_status_code(code)
                    .with_header(
                        tiny_http::Header::from_bytes(&b"Content-Type"[..], ct.as_bytes()).unwrap(),
                    );
                if path == "/feed.xml" {
                    resp = resp.with_header(etag);
                }
                resp
            };
            let _ = req.respond(resp);
        }
    });
    (port, routes, seen)
}

fn seed_page() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/seed-html/input.html"),
    )
    .expect("tests/golden/seed-html/input.html is in the repository")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-cli-watch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn watch(db: &str, feed: &str) -> (bool, String) {
    let out = Command::new(BIN)
        .args(["watch", "--db", db, "--once", "--rate", "1000", feed])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn watch_once_stores_the_feeds_pages_with_their_quotations() {
    let (port, routes, seen) = server();
    let url = |p: &str| format!("http://127.0.0.1:{port}{p}");
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
         <item><title>Kirby</title><link>{}</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>\
         <item><title>Down</title><link>{}</link></item></channel></rss>",
        url("/news/kirby"),
        url("/news/down")
    );
    {
        let mut r = routes.lock().unwrap();
        r.insert(
            "/feed.xml".into(),
            (200, "application/rss+xml".into(), feed.into_bytes()),
        );
        r.insert(
            "/robots.txt".into(),
            (
                200,
                "text/plain".into(),
                b"User-agent: *\nDisallow: /private/\n".to_vec(),
            ),
        );
        r.insert(
            "/news/kirby".into(),
            (200, "text/html; charset=utf-8".into(), seed_page()),
        );
        r.insert(
            "/news/down".into(),
            (503, "text/html".into(), b"<html>busy</html>".to_vec()),
        );
    }
    let dir = temp_dir("once");
    let db = dir.join("news.db");
    let db = db.to_str().unwrap();
    let (ok, err) = watch(db, &url("/feed.xml"));
    // The 503 makes the run fail, after storing the other page.
    assert!(!ok, "{err}");
    assert!(
        err.contains(&format!("{}: HTTP status 503", url("/news/down"))),
        "{err}"
    );
    assert!(err.contains("1 stored"), "{err}");
    assert!(Path::new(&format!("{db}.watch.json")).exists());

    let out = Command::new(BIN)
        .args([
            "quotes",
            "--db",
            db,
            "--speaker",
            "Kirby",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let quotes: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quotes = quotes.as_array().unwrap();
    assert!(!quotes.is_empty(), "no Kirby quotation stored");
    assert!(
        quotes
            .iter()
            .all(|q| q["url"].as_str() == Some(url("/news/kirby").as_str())),
        "{quotes:?}"
    );

    // Second run: the feed is asked for again without validators (an item waits for a retry),
    // only the failed page is fetched again, and now it works.
    routes.lock().unwrap().insert(
        "/news/down".into(),
        (
            200,
            "text/html".into(),
            b"<html><body><article><h1>Back up</h1><p>\"We are back,\" the operator said on Tuesday, after a long outage.</p></article></body></html>".to_vec(),
        ),
    );
    seen.lock().unwrap().clear();
    let (ok, err) = watch(db, &url("/feed.xml"));
    assert!(ok, "{err}");
    let paths: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(paths, ["/robots.txt", "/feed.xml", "/news/down"]);

    // Third run: nothing waits, so the feed is asked for with its ETag and answers 304.
    seen.lock().unwrap().clear();
    let (ok, err) = watch(db, &url("/feed.xml"));
    assert!(ok, "{err}");
    assert!(err.contains("not modified (304)"), "{err}");
    let s = seen.lock().unwrap().clone();
    assert_eq!(
        s,
        [
            ("/robots.txt".to_string(), None),
            ("/feed.xml".to_string(), Some("\"v1\"".to_string()))
        ]
    );
}
