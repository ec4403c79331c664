//! The watcher against local HTTP servers (tiny_http on 127.0.0.1, port 0): conditional
//! requests, robots.txt, failures that do not stop the poll, and the per-host rate limit on
//! a clock of the test's own (the assertions look at the order of requests and at the
//! clock's waits, never at the wall clock).

use newsgraph_core::Document;
use newsgraph_ingest::html::Pending;
use newsgraph_ingest::Limits;
use newsgraph_watch::{Clock, Config, Fatal, Notice, NoticeKind, Sink, Watcher};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the servers saw and what the clock did, in order.
#[derive(Debug, Clone, PartialEq)]
enum Ev {
    Req {
        port: u16,
        path: String,
        headers: HashMap<String, String>,
    },
    Sleep(Duration),
}

type Log = Arc<Mutex<Vec<Ev>>>;

/// A canned response; `etag`/`last_modified` make the route answer conditional requests.
#[derive(Clone, Default)]
struct Route {
    status: u16,
    content_type: String,
    body: Vec<u8>,
    etag: Option<String>,
    last_modified: Option<String>,
    delay: Option<Duration>,
    location: Option<String>,
}

fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
    Route {
        status: 200,
        content_type: content_type.into(),
        body: body.into(),
        ..Route::default()
    }
}

fn status(code: u16) -> Route {
    Route {
        status: code,
        content_type: "text/html".into(),
        body: format!("<html><body><h1>Error {code}</h1></body></html>").into_bytes(),
        ..Route::default()
    }
}

struct Server {
    port: u16,
    routes: Arc<Mutex<HashMap<String, Route>>>,
}

impl Server {
    fn start(log: &Log) -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let (r, log) = (routes.clone(), log.clone());
        std::thread::spawn(move || {
            for req in server.incoming_requests() {
                let headers: HashMap<String, String> = req
                    .headers()
                    .iter()
                    .map(|h| {
                        (
                            h.field.as_str().as_str().to_ascii_lowercase(),
                            h.value.as_str().to_string(),
                        )
                    })
                    .collect();
                let path = req.url().to_string();
                log.lock().unwrap().push(Ev::Req {
                    port,
                    path: path.clone(),
                    headers: headers.clone(),
                });
                let route = r.lock().unwrap().get(&path).cloned().unwrap_or(Route {
                    status: 404,
                    content_type: "text/plain".into(),
                    body: b"not found".to_vec(),
                    ..Route::default()
                });
                // One thread per request: a slow page must not hold the others up.
                std::thread::spawn(move || respond(req, &headers, route));
            }
        });
        Server { port, routes }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }
}

fn respond(req: tiny_http::Request, headers: &HashMap<String, String>, route: Route) {
    if let Some(d) = route.delay {
        std::thread::sleep(d);
    }
    let header =
        |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap();
    let not_modified = route
        .etag
        .as_ref()
        .is_some_and(|e| headers.get("if-none-match") == Some(e))
        || route
            .last_modified
            .as_ref()
            .is_some_and(|l| headers.get("if-modified-since") == Some(l));
    let mut resp = if not_modified {
        tiny_http::Response::from_data(Vec::new()).with_status_code(304)
    } else {
        tiny_http::Response::from_data(route.body.clone())
            .with_status_code(route.status)
            .with_header(header("Content-Type", &route.content_type))
    };
    if let Some(e) = &route.etag {
        resp = resp.with_header(header("ETag", e));
    }
    if let Some(l) = &route.last_modified {
        resp = resp.with_header(header("Last-Modified", l));
    }
    if let Some(l) = &route.location {
        resp = resp.with_header(header("Location", l));
    }
    let _ = req.respond(resp);
}

/// A clock that only moves when the watcher sleeps, and logs each sleep.
struct TestClock {
    now: Duration,
    log: Log,
}

impl Clock for TestClock {
    fn now(&self) -> Duration {
        self.now
    }
    fn sleep(&mut self, d: Duration) {
        self.log.lock().unwrap().push(Ev::Sleep(d));
        self.now += d;
    }
}

/// Extracts the pages and keeps the documents.
#[derive(Default)]
struct Collect {
    docs: Vec<Document>,
}

impl Sink for Collect {
    fn store(&mut self, pages: Vec<Pending>) -> Result<Vec<newsgraph_core::Result<()>>, Fatal> {
        Ok(pages
            .into_iter()
            .map(|p| {
                let d = p.finish(Limits::default())?;
                self.docs.push(d);
                Ok(())
            })
            .collect())
    }
}

fn page(title: &str, sentence: &str) -> String {
    format!(
        "<!doctype html><html lang=en><head><title>{title} | Example News</title></head><body>\
         <nav><a href=/>Home</a></nav><article><h1>{title}</h1><p>{sentence}</p>\
         <p>The council will meet again next week to decide on the budget for the repairs, \
         officials said on Tuesday.</p></article></body></html>"
    )
}

fn rss(items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(title, link)| {
            format!(
                "<item><title>{title}</title><link>{link}</link>\
                 <pubDate>Tue, 26 Mar 2024 10:00:00 GMT</pubDate><description>teaser</description></item>"
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Example</title>{items}</channel></rss>")
}

fn config() -> Config {
    Config {
        min_interval: Duration::from_secs(2),
        timeout: Duration::from_secs(10),
        ..Config::default()
    }
}

fn temp_state(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ng-watch-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("state.json");
    let _ = std::fs::remove_file(&p);
    p
}

fn requests(log: &Log) -> Vec<(u16, String)> {
    log.lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            Ev::Req { port, path, .. } => Some((*port, path.clone())),
            Ev::Sleep(_) => None,
        })
        .collect()
}

fn clock(log: &Log) -> TestClock {
    TestClock {
        now: Duration::ZERO,
        log: log.clone(),
    }
}

#[test]
fn feed_items_are_fetched_once_and_the_feed_is_polled_conditionally() {
    let log = Log::default();
    let s = Server::start(&log);
    s.route("/robots.txt", ok("text/plain", "User-agent: *\nAllow: /\n"));
    let feed = rss(&[
        ("Bridge closed", &s.url("/news/bridge")),
        // A relative link is resolved against the feed's URL.
        ("Mayor speaks", "/news/mayor#comments"),
        // Listed twice: fetched once.
        ("Mayor speaks", "/news/mayor"),
    ]);
    s.route(
        "/feed.xml",
        Route {
            etag: Some("\"v1\"".into()),
            last_modified: Some("Tue, 26 Mar 2024 10:00:00 GMT".into()),
            ..ok("application/rss+xml", feed.clone())
        },
    );
    s.route(
        "/news/bridge",
        ok(
            "text/html; charset=utf-8",
            page(
                "Bridge closed",
                "\"The bridge is not safe,\" the engineer said on Monday.",
            ),
        ),
    );
    s.route(
        "/news/mayor",
        ok(
            "text/html",
            page("Mayor speaks", "\"We will rebuild it,\" the mayor said."),
        ),
    );
    let state = temp_state("once");
    let feeds = vec![s.url("/feed.xml")];
    let mut notices = Vec::new();
    let mut sink = Collect::default();
    let mut w = Watcher::new(config(), clock(&log), Some(state.clone())).unwrap();
    let r = w
        .poll_once(&feeds, &mut sink, &mut |n| notices.push(n))
        .unwrap();
    assert_eq!(
        (r.feeds, r.new_items, r.stored, r.failed),
        (1, 2, 2, 0),
        "{notices:?}"
    );
    let p = s.port;
    assert_eq!(
        requests(&log),
        [
            (p, "/robots.txt".to_string()),
            (p, "/feed.xml".into()),
            (p, "/news/bridge".into()),
            (p, "/news/mayor".into()),
        ]
    );
    let ua = log.lock().unwrap().iter().find_map(|e| match e {
        Ev::Req { headers, .. } => headers.get("user-agent").cloned(),
        _ => None,
    });
    assert!(ua.unwrap().starts_with("newsgraph/"));
    let d = &sink.docs[0];
    assert_eq!(d.meta.url.as_deref(), Some(s.url("/news/bridge").as_str()));
    assert_eq!(d.meta.date.as_deref(), Some("2024-03-26"));
    assert!(d.text.contains("The bridge is not safe"), "{}", d.text);
    assert!(d.meta.fetched.is_some());
    assert!(sink.docs[1].text.contains("We will rebuild it"));

    // A restart: a new watcher with the same state file asks conditionally and gets a 304.
    log.lock().unwrap().clear();
    let mut sink = Collect::default();
    let mut w = Watcher::new(config(), clock(&log), Some(state.clone())).unwrap();
    let r = w.poll_once(&feeds, &mut sink, &mut |_| {}).unwrap();
    assert_eq!((r.not_modified, r.stored, r.new_items), (1, 0, 0));
    let l = log.lock().unwrap().clone();
    let feed_req = l
        .iter()
        .find_map(|e| match e {
            Ev::Req { path, headers, .. } if path == "/feed.xml" => Some(headers.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        feed_req.get("if-none-match").map(String::as_str),
        Some("\"v1\"")
    );
    assert_eq!(
        feed_req.get("if-modified-since").map(String::as_str),
        Some("Tue, 26 Mar 2024 10:00:00 GMT")
    );
    assert_eq!(
        requests(&log),
        [(p, "/robots.txt".to_string()), (p, "/feed.xml".into())]
    );

    // A server that ignores validators sends the whole feed again: its items are known, so no
    // page is fetched again.
    s.route("/feed.xml", ok("application/rss+xml", feed));
    log.lock().unwrap().clear();
    let r = w.poll_once(&feeds, &mut sink, &mut |_| {}).unwrap();
    assert_eq!((r.feeds, r.new_items, r.stored), (1, 0, 0));
    assert_eq!(requests(&log), [(p, "/feed.xml".to_string())]);
    assert!(sink.docs.is_empty());
}

#[test]
fn robots_txt_disallow_is_obeyed() {
    let log = Log::default();
    let s = Server::start(&log);
    s.route(
        "/robots.txt",
        ok(
            "text/plain",
            "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n",
        ),
    );
    s.route(
        "/feed.xml",
        ok(
            "application/rss+xml",
            rss(&[
                ("Secret", &s.url("/private/memo")),
                ("Public", &s.url("/news/public")),
                // Redirected into the disallowed folder: the hop is checked too.
                ("Moved", &s.url("/news/moved")),
                // Redirected to an allowed page: stored under its new URL.
                ("Renamed", &s.url("/news/renamed")),
            ]),
        ),
    );
    s.route(
        "/private/memo",
        ok("text/html", page("Secret", "Nobody said anything.")),
    );
    s.route(
        "/news/renamed",
        Route {
            location: Some(s.url("/news/new-name")),
            ..status(302)
        },
    );
    s.route(
        "/news/new-name",
        ok(
            "text/html",
            page("Renamed", "\"New name,\" the editor said."),
        ),
    );
    s.route(
        "/news/moved",
        Route {
            location: Some("/private/memo".into()),
            ..status(301)
        },
    );
    s.route(
        "/news/public",
        ok(
            "text/html",
            page("Public", "\"All is well,\" the spokesman said."),
        ),
    );
    let mut notices = Vec::new();
    let mut sink = Collect::default();
    let mut w = Watcher::new(config(), clock(&log), None).unwrap();
    let r = w
        .poll_once(&[s.url("/feed.xml")], &mut sink, &mut |n| notices.push(n))
        .unwrap();
    assert_eq!((r.stored, r.skipped), (2, 2));
    let paths: Vec<String> = requests(&log).into_iter().map(|(_, p)| p).collect();
    assert_eq!(
        paths,
        [
            "/robots.txt",
            "/feed.xml",
            "/news/public",
            "/news/moved",
            "/news/renamed",
            "/news/new-name"
        ]
    );
    assert_eq!(sink.docs[1].meta.url, Some(s.url("/news/new-name")));
    assert_eq!(sink.docs[1].meta.id, s.url("/news/renamed"));
    let skipped: Vec<&Notice> = notices
        .iter()
        .filter(|n| n.kind == NoticeKind::Skipped)
        .collect();
    assert_eq!(skipped[0].url, s.url("/private/memo"));
    assert_eq!(skipped[1].url, s.url("/news/moved"));
    for n in skipped {
        assert!(
            n.message.contains("robots.txt") && n.message.contains("disallows"),
            "{n}"
        );
    }
    assert!(sink.docs[0].text.contains("All is well"));
}

#[test]
fn failed_pages_are_diagnostics_and_the_others_are_stored() {
    let log = Log::default();
    let s = Server::start(&log);
    s.route("/robots.txt", status(404));
    let paths = [
        "/e500", "/e404", "/pdf", "/big", "/charset", "/slow", "/good",
    ];
    let items: Vec<(String, String)> = paths.iter().map(|p| (p.to_string(), s.url(p))).collect();
    let items: Vec<(&str, &str)> = items
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    s.route(
        "/feed.xml",
        Route {
            etag: Some("\"f\"".into()),
            ..ok("application/rss+xml", rss(&items))
        },
    );
    s.route("/e500", status(500));
    s.route("/e404", status(404));
    s.route("/pdf", ok("application/pdf", b"%PDF-1.4 ...".to_vec()));
    s.route(
        "/big",
        ok("text/html", page("Big", &"word ".repeat(50_000))),
    );
    // Declared UTF-16, but the bytes are an 8-bit page: decoding gives nonsense.
    let mut latin = Vec::new();
    for _ in 0..200 {
        latin.extend_from_slice(b"caf\xe9 cr\xe8me br\xfbl\xe9e ");
    }
    s.route("/charset", ok("text/html; charset=utf-8", latin));
    s.route(
        "/slow",
        Route {
            delay: Some(Duration::from_secs(30)),
            ..ok("text/html", page("Slow", "Too late."))
        },
    );
    s.route(
        "/good",
        ok("text/html", page("Good", "\"It works,\" she said.")),
    );
    let cfg = Config {
        // Long enough for a loaded machine to answer the other pages, short beside /slow.
        timeout: Duration::from_secs(2),
        limits: Limits { max_bytes: 100_000 },
        ..config()
    };
    let state = temp_state("errors");
    let mut notices = Vec::new();
    let mut sink = Collect::default();
    let mut w = Watcher::new(cfg.clone(), clock(&log), Some(state.clone())).unwrap();
    let r = w
        .poll_once(&[s.url("/feed.xml")], &mut sink, &mut |n| notices.push(n))
        .unwrap();
    assert_eq!((r.stored, r.failed, r.retry), (1, 4, 2), "{notices:#?}");
    assert!(sink.docs[0].text.contains("It works"));
    let failed = |p: &str| -> String {
        notices
            .iter()
            .find(|n| n.kind == NoticeKind::Failed && n.url == s.url(p))
            .unwrap_or_else(|| panic!("no notice for {p}: {notices:#?}"))
            .message
            .clone()
    };
    assert!(failed("/e500").contains("HTTP status 500") && failed("/e500").contains("try again"));
    assert!(failed("/e404").contains("HTTP status 404"));
    assert!(failed("/pdf").contains("not an HTML page or feed (Content-Type application/pdf)"));
    assert!(failed("/big").contains("larger than the limit of 100000 bytes"));
    assert!(
        failed("/charset").contains("does not decode as UTF-8"),
        "{}",
        failed("/charset")
    );
    assert!(failed("/slow").contains("timed out") && failed("/slow").contains("try again"));

    // The next poll asks for the feed without validators (two items wait for a retry) and
    // fetches only those two again.
    log.lock().unwrap().clear();
    s.route(
        "/e500",
        ok(
            "text/html",
            page("Back", "\"We are back,\" the operator said."),
        ),
    );
    s.route(
        "/slow",
        ok("text/html", page("Slow", "\"Now on time,\" he said.")),
    );
    let mut w = Watcher::new(cfg, clock(&log), Some(state)).unwrap();
    let r = w
        .poll_once(&[s.url("/feed.xml")], &mut sink, &mut |_| {})
        .unwrap();
    assert_eq!((r.feeds, r.new_items, r.stored, r.failed), (1, 2, 2, 0));
    let paths: Vec<String> = requests(&log).into_iter().map(|(_, p)| p).collect();
    assert_eq!(paths, ["/robots.txt", "/feed.xml", "/e500", "/slow"]);
    let feed_req = log.lock().unwrap().iter().find_map(|e| match e {
        Ev::Req { path, headers, .. } if path == "/feed.xml" => Some(headers.clone()),
        _ => None,
    });
    assert_eq!(feed_req.unwrap().get("if-none-match"), None);
}

#[test]
fn requests_to_one_host_are_spaced_by_the_rate_limit_and_crawl_delay() {
    let log = Log::default();
    let a = Server::start(&log);
    let b = Server::start(&log);
    a.route(
        "/robots.txt",
        ok("text/plain", "User-agent: *\nDisallow:\n"),
    );
    // Host b asks for 10 s between requests.
    b.route(
        "/robots.txt",
        ok("text/plain", "User-agent: *\nCrawl-delay: 10\n"),
    );
    let links: Vec<String> = (0..3)
        .flat_map(|i| [a.url(&format!("/a{i}")), b.url(&format!("/b{i}"))])
        .collect();
    let items: Vec<(&str, &str)> = links.iter().map(|l| ("Story", l.as_str())).collect();
    a.route("/feed.xml", ok("application/rss+xml", rss(&items)));
    for i in 0..3 {
        a.route(
            &format!("/a{i}"),
            ok("text/html", page("A", "\"One,\" she said.")),
        );
        b.route(
            &format!("/b{i}"),
            ok("text/html", page("B", "\"Two,\" he said.")),
        );
    }
    let mut sink = Collect::default();
    let mut w = Watcher::new(config(), clock(&log), None).unwrap();
    let r = w
        .poll_once(&[a.url("/feed.xml")], &mut sink, &mut |_| {})
        .unwrap();
    assert_eq!((r.stored, r.requests), (6, 9));
    // Each request's time on the test clock: the sum of the waits before it.
    let mut t = Duration::ZERO;
    let mut at: HashMap<u16, Vec<(Duration, String)>> = HashMap::new();
    for e in log.lock().unwrap().iter() {
        match e {
            Ev::Sleep(d) => t += *d,
            Ev::Req { port, path, .. } => at.entry(*port).or_default().push((t, path.clone())),
        }
    }
    let paths = |port: u16| {
        at[&port]
            .iter()
            .map(|(_, p)| p.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        paths(a.port),
        ["/robots.txt", "/feed.xml", "/a0", "/a1", "/a2"]
    );
    assert_eq!(paths(b.port), ["/robots.txt", "/b0", "/b1", "/b2"]);
    for (port, gap) in [(a.port, 2), (b.port, 10)] {
        for w in at[&port].windows(2) {
            assert!(
                w[1].0 - w[0].0 >= Duration::from_secs(gap),
                "requests {} and {} to port {port} are {:?} apart, below {gap} s",
                w[0].1,
                w[1].1,
                w[1].0 - w[0].0
            );
        }
    }
    // Nothing waits longer than needed: 3 pages on b need 3 x 10 s after its robots.txt.
    assert!(
        t <= Duration::from_secs(3 * 10 + 2 * 2),
        "waited {t:?} in all"
    );
}

#[test]
fn a_bad_feed_is_a_diagnostic_and_the_next_feed_is_polled() {
    let log = Log::default();
    let s = Server::start(&log);
    s.route("/robots.txt", status(404));
    s.route(
        "/broken.xml",
        ok(
            "application/rss+xml",
            "<rss><channel><item><title>x</titl></item>",
        ),
    );
    s.route("/gone.xml", status(410));
    s.route(
        "/feed.xml",
        ok("application/rss+xml", rss(&[("Good", &s.url("/good"))])),
    );
    s.route(
        "/good",
        ok("text/html", page("Good", "\"Fine,\" she said.")),
    );
    let feeds = [
        s.url("/broken.xml"),
        s.url("/gone.xml"),
        "ftp://example.org/feed".to_string(),
        s.url("/feed.xml"),
    ];
    let mut notices = Vec::new();
    let mut sink = Collect::default();
    let mut w = Watcher::new(config(), clock(&log), None).unwrap();
    let r = w
        .poll_once(&feeds, &mut sink, &mut |n| notices.push(n))
        .unwrap();
    assert_eq!(
        (r.feed_failures, r.feeds, r.stored),
        (3, 1, 1),
        "{notices:#?}"
    );
    let msg = |u: &str| notices.iter().find(|n| n.url == u).unwrap().to_string();
    assert!(msg(&feeds[0]).contains("broken XML"), "{}", msg(&feeds[0]));
    assert!(msg(&feeds[1]).contains("HTTP status 410"));
    assert!(msg(&feeds[2]).contains("not an http"));
    assert!(notices
        .iter()
        .all(|n| n.kind != NoticeKind::Failed || n.url != feeds[3]));
    let _: &Notice = &notices[0];
}

/// Stores the first batch and then adds an item to the feed; stops the watcher at the second.
struct StopAfterTwo {
    calls: usize,
    server_routes: Arc<Mutex<HashMap<String, Route>>>,
    next_feed: String,
}

impl Sink for StopAfterTwo {
    fn store(&mut self, pages: Vec<Pending>) -> Result<Vec<newsgraph_core::Result<()>>, Fatal> {
        self.calls += 1;
        if self.calls == 2 {
            return Err(Fatal("stop".into()));
        }
        self.server_routes.lock().unwrap().insert(
            "/feed.xml".into(),
            Route {
                etag: Some("\"v2\"".into()),
                ..ok("application/rss+xml", self.next_feed.clone())
            },
        );
        Ok(pages.into_iter().map(|_| Ok(())).collect())
    }
}

#[test]
fn run_polls_again_after_the_interval_and_stops_on_a_fatal_error() {
    let log = Log::default();
    let s = Server::start(&log);
    s.route("/robots.txt", status(404));
    s.route(
        "/feed.xml",
        Route {
            etag: Some("\"v1\"".into()),
            ..ok("application/rss+xml", rss(&[("One", &s.url("/one"))]))
        },
    );
    s.route("/one", ok("text/html", page("One", "\"First,\" she said.")));
    s.route("/two", ok("text/html", page("Two", "\"Second,\" he said.")));
    let mut sink = StopAfterTwo {
        calls: 0,
        server_routes: s.routes.clone(),
        next_feed: rss(&[("One", &s.url("/one")), ("Two", &s.url("/two"))]),
    };
    let mut w = Watcher::new(config(), clock(&log), None).unwrap();
    let mut polls = Vec::new();
    let r = w.run(
        &[s.url("/feed.xml")],
        Duration::from_secs(600),
        &mut sink,
        &mut |_| {},
        &mut |r| polls.push(*r),
    );
    assert_eq!(r, Err(Fatal("stop".into())));
    assert_eq!(polls.len(), 1);
    assert_eq!(polls[0].stored, 1);
    let paths: Vec<String> = requests(&log).into_iter().map(|(_, p)| p).collect();
    // The second poll fetches only the new item (robots.txt is still fresh).
    assert_eq!(
        paths,
        ["/robots.txt", "/feed.xml", "/one", "/feed.xml", "/two"]
    );
    // Between the polls the watcher waited out the interval (less the time the poll took).
    let slept: Duration = log
        .lock()
        .unwrap()
        .iter()
        .map(|e| match e {
            Ev::Sleep(d) => *d,
            _ => Duration::ZERO,
        })
        .sum();
    assert!(slept >= Duration::from_secs(600), "slept {slept:?}");
    assert!(w.clock().now >= Duration::from_secs(600));
}
