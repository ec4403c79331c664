//! Watching RSS/Atom feeds over HTTP: [`Watcher::poll_once`] fetches each feed with a
//! conditional request (`If-None-Match` / `If-Modified-Since` from the last response's
//! `ETag` / `Last-Modified`), fetches the pages of items not seen before, politely (the
//! host's robots.txt is obeyed, requests to one host are spaced by a minimum interval or the
//! host's `Crawl-delay`, and the user agent names newsgraph; redirects are followed here, up
//! to five, each hop checked against its own host's rules), and hands them to a [`Sink`]
//! (the CLI's sink extracts them, runs the pipeline and stores them).
//!
//! What was done is remembered in a JSON [state file](state) written after every batch, so a
//! restart neither fetches a stored page again nor loses the items of a feed it was killed
//! in. A page that cannot be fetched or read is a [`Notice`] naming its URL and watching
//! goes on: 404, 410, non-HTML, too large and undecodable pages are given up at once;
//! timeouts, connection failures, 408, 429 and 5xx are tried again at the next polls, up to
//! [`Config::max_attempts`] times.
//!
//! ```no_run
//! use newsgraph_watch::{Config, Notice, Sink, SystemClock, Watcher};
//! use newsgraph_ingest::html::Pending;
//!
//! struct Print;
//! impl Sink for Print {
//!     fn store(&mut self, pages: Vec<Pending>) -> Result<Vec<newsgraph_core::Result<()>>, newsgraph_watch::Fatal> {
//!         Ok(pages.into_iter().map(|p| p.finish(Default::default()).map(|d| println!("{}", d.text))).collect())
//!     }
//! }
//! let mut w = Watcher::new(Config::default(), SystemClock::default(), None).unwrap();
//! w.poll_once(&["https://example.org/feed.xml".to_string()], &mut Print, &mut |n: Notice| eprintln!("{n}")).unwrap();
//! ```
#![deny(missing_docs)]

pub mod robots;
pub mod state;

use newsgraph_core::{Meta, Result as InputResult};
use newsgraph_ingest::feed::{feed_pages, parse_feed, FeedItem};
use newsgraph_ingest::html::{parse_date, HtmlPage, Pending};
use newsgraph_ingest::{looks_like_html, Limits};
use robots::Robots;
use state::{FeedState, ItemState, ItemStatus, State};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use url::Url;

/// The user agent sent by default: names the program and its version.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "newsgraph/",
    env!("CARGO_PKG_VERSION"),
    " (news article reader; obeys robots.txt)"
);

/// How a watcher behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// `User-Agent` header; its first product name is the robots.txt token.
    pub user_agent: String,
    /// Least time between two requests to one host.
    pub min_interval: Duration,
    /// Largest `Crawl-delay` from robots.txt that is honoured (a longer one is cut to this).
    pub max_crawl_delay: Duration,
    /// Whole-request timeout (connect, headers, body).
    pub timeout: Duration,
    /// Largest page; a feed may be 4 times this.
    pub limits: Limits,
    /// Pages handed to the sink at a time (and saved in the state file after).
    pub batch: usize,
    /// Attempts for an item whose fetch fails for a reason that may pass.
    pub max_attempts: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            min_interval: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(60),
            timeout: Duration::from_secs(30),
            limits: Limits::default(),
            batch: 16,
            max_attempts: 3,
        }
    }
}

/// Time as the watcher sees it: waiting for a host's turn goes through [`Clock::sleep`], so
/// tests can run the rate limit on a clock of their own.
pub trait Clock {
    /// Time since some fixed start.
    fn now(&self) -> Duration;
    /// Waits.
    fn sleep(&mut self, d: Duration);
}

/// The real clock.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock(Instant);

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock(Instant::now())
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
    fn sleep(&mut self, d: Duration) {
        std::thread::sleep(d)
    }
}

/// How serious a [`Notice`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Progress: a feed not modified, a page stored.
    Info,
    /// Not fetched on purpose (robots.txt).
    Skipped,
    /// A feed or page could not be fetched or read.
    Failed,
}

/// Something that happened to a feed or a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// How serious.
    pub kind: NoticeKind,
    /// The feed or page URL.
    pub url: String,
    /// What happened.
    pub message: String,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.url, self.message)
    }
}

/// An error that stops watching: the state file cannot be written, the sink (store) failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fatal(pub String);

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Fatal {}

/// Where fetched pages go.
pub trait Sink {
    /// Reads and stores the pages: one result per page, in order (`Err` for a page that
    /// cannot be read, which is reported and not fetched again). `Err(Fatal)` stops the
    /// watcher without marking the batch done.
    fn store(&mut self, pages: Vec<Pending>) -> Result<Vec<InputResult<()>>, Fatal>;
}

/// What one poll did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PollReport {
    /// Feeds fetched with a full response.
    pub feeds: usize,
    /// Feeds that answered 304 Not Modified.
    pub not_modified: usize,
    /// Feeds that could not be fetched or parsed.
    pub feed_failures: usize,
    /// Items not dealt with before.
    pub new_items: usize,
    /// Pages stored.
    pub stored: usize,
    /// Pages given up (fetch or read failed for good).
    pub failed: usize,
    /// Pages left for a later poll (timeouts, 5xx).
    pub retry: usize,
    /// Pages not fetched because of robots.txt.
    pub skipped: usize,
    /// HTTP requests made (robots.txt, feeds, pages).
    pub requests: usize,
}

struct RobotsEntry {
    robots: Robots,
    /// Valid until then; `None`: valid for the poll it was fetched in only.
    expires: Option<Duration>,
    poll: u64,
}

#[derive(Default)]
struct Host {
    /// When the last request to the host ended.
    last: Option<Duration>,
    /// Interval for this host: the minimum, or a longer Crawl-delay (which then also spaces
    /// the first page from the robots.txt request).
    delay: Duration,
    robots: Option<RobotsEntry>,
}

/// A response whose status was received; the body only for 2xx.
struct Got {
    status: u16,
    etag: Option<String>,
    last_modified: Option<String>,
    content_type: Option<String>,
    location: Option<String>,
    final_url: String,
    body: Vec<u8>,
}

/// Why a fetch failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// May pass (timeout, 5xx): tried again at a later poll.
    Transient,
    /// Will not pass (404, not HTML, too large).
    Permanent,
    /// robots.txt says no.
    Robots,
}

struct FetchError {
    why: Why,
    message: String,
}

impl FetchError {
    fn transient(message: impl Into<String>) -> Self {
        FetchError {
            why: Why::Transient,
            message: message.into(),
        }
    }
    fn permanent(message: impl Into<String>) -> Self {
        FetchError {
            why: Why::Permanent,
            message: message.into(),
        }
    }
}

const ACCEPT_FEED: &str =
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
const ACCEPT_HTML: &str = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";
/// Redirects followed for one fetch (RFC 9309 asks for at least five for robots.txt).
const MAX_REDIRECTS: usize = 5;
/// robots.txt bodies are read up to this (RFC 9309 asks for at least 500 KiB).
const ROBOTS_LIMIT: u64 = 512 << 10;
/// How long a fetched robots.txt is trusted (RFC 9309: no more than 24 hours).
const ROBOTS_TTL: Duration = Duration::from_secs(24 * 3600);

/// Polls feeds and fetches their new items.
pub struct Watcher<C: Clock> {
    cfg: Config,
    agent: ureq::Agent,
    clock: C,
    state: State,
    state_path: Option<PathBuf>,
    hosts: HashMap<String, Host>,
    token: String,
    poll: u64,
    requests: usize,
}

impl<C: Clock> Watcher<C> {
    /// A watcher; `state_path` is read now (missing: empty) and written after every batch
    /// (`None`: nothing is remembered across runs). `Err` names a state file that cannot be
    /// read.
    pub fn new(cfg: Config, clock: C, state_path: Option<PathBuf>) -> Result<Self, Fatal> {
        let state = match &state_path {
            Some(p) => state::load(p).map_err(Fatal)?,
            None => State {
                version: 1,
                ..State::default()
            },
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .user_agent(cfg.user_agent.as_str())
            // Statuses are looked at here: a 304 or a 404 is an answer, not an error.
            .http_status_as_error(false)
            .timeout_global(Some(cfg.timeout))
            // Redirects are followed in `fetch`, so that each hop is checked against its
            // host's robots.txt and waits for its host's turn.
            .max_redirects(0)
            .build()
            .into();
        let token = robots::token(&cfg.user_agent).to_string();
        Ok(Watcher {
            cfg,
            agent,
            clock,
            state,
            state_path,
            hosts: HashMap::new(),
            token,
            poll: 0,
            requests: 0,
        })
    }

    /// What the watcher remembers.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The clock (tests look at the time it reached).
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// Polls every feed once: conditional request, then each new item's page, stored through
    /// `sink` in batches. Problems with a feed or a page go to `notice` and the poll goes on;
    /// `Err` only when the state file cannot be written or the sink fails.
    pub fn poll_once(
        &mut self,
        feeds: &[String],
        sink: &mut dyn Sink,
        notice: &mut dyn FnMut(Notice),
    ) -> Result<PollReport, Fatal> {
        self.poll += 1;
        let requests_before = self.requests;
        let mut report = PollReport::default();
        for feed in feeds {
            self.poll_feed(feed, sink, notice, &mut report)?;
        }
        report.requests = self.requests - requests_before;
        Ok(report)
    }

    /// Polls every `interval` until the sink or the state file fails (or forever).
    pub fn run(
        &mut self,
        feeds: &[String],
        interval: Duration,
        sink: &mut dyn Sink,
        notice: &mut dyn FnMut(Notice),
        report: &mut dyn FnMut(&PollReport),
    ) -> Result<(), Fatal> {
        loop {
            let started = self.clock.now();
            let r = self.poll_once(feeds, sink, notice)?;
            report(&r);
            let spent = self.clock.now().saturating_sub(started);
            self.clock.sleep(interval.saturating_sub(spent));
        }
    }

    fn poll_feed(
        &mut self,
        feed: &str,
        sink: &mut dyn Sink,
        notice: &mut dyn FnMut(Notice),
        report: &mut PollReport,
    ) -> Result<(), Fatal> {
        let mut say = |kind, message: String| {
            notice(Notice {
                kind,
                url: feed.to_string(),
                message,
            })
        };
        let url = match Url::parse(feed) {
            Ok(u) if u.scheme() == "http" || u.scheme() == "https" => u,
            Ok(_) => {
                say(NoticeKind::Failed, "not an http:// or https:// URL".into());
                report.feed_failures += 1;
                return Ok(());
            }
            Err(e) => {
                say(NoticeKind::Failed, format!("not a URL: {e}"));
                report.feed_failures += 1;
                return Ok(());
            }
        };
        let known = self.state.feeds.get(feed).cloned().unwrap_or_default();
        let mut headers = Vec::new();
        if let Some(e) = &known.etag {
            headers.push(("If-None-Match", e.clone()));
        }
        if let Some(l) = &known.last_modified {
            headers.push(("If-Modified-Since", l.clone()));
        }
        let limit = 4 * self.cfg.limits.max_bytes as u64;
        let got = match self.fetch(&url, &headers, ACCEPT_FEED, limit, true) {
            Ok(g) => g,
            Err(e) if e.why == Why::Robots => {
                say(NoticeKind::Skipped, e.message);
                report.feed_failures += 1;
                return Ok(());
            }
            Err(e) => {
                say(
                    NoticeKind::Failed,
                    format!("feed not fetched: {}", e.message),
                );
                report.feed_failures += 1;
                return Ok(());
            }
        };
        if got.status == 304 {
            say(NoticeKind::Info, "not modified (304)".into());
            report.not_modified += 1;
            return Ok(());
        }
        if !(200..300).contains(&got.status) {
            say(
                NoticeKind::Failed,
                format!("feed not fetched: HTTP status {}", got.status),
            );
            report.feed_failures += 1;
            return Ok(());
        }
        let items = match parse_feed(&got.body) {
            Ok(i) => i,
            Err((at, msg)) => {
                say(
                    NoticeKind::Failed,
                    format!("{msg} at byte {at}; is it an RSS or Atom feed?"),
                );
                report.feed_failures += 1;
                return Ok(());
            }
        };
        report.feeds += 1;
        // Pages made of the feed's own content, for items without a link.
        let mut inline: Option<Vec<InputResult<Pending>>> = None;
        let base = Url::parse(&got.final_url).unwrap_or(url);
        // An item listed twice (same link) is fetched once.
        let mut listed = std::collections::HashSet::new();
        let work: Vec<(usize, String, Option<Url>)> = items
            .iter()
            .enumerate()
            .filter_map(|(n, it)| {
                let link = it.link.as_deref().and_then(|l| base.join(l.trim()).ok());
                let key = item_key(feed, it, link.as_ref());
                (!self.state.done(&key) && listed.insert(key.clone())).then_some((n, key, link))
            })
            .collect();
        report.new_items += work.len();
        for chunk in work.chunks(self.cfg.batch.max(1)) {
            let mut pages = Vec::new();
            let mut keys = Vec::new();
            for (n, key, link) in chunk {
                let item = &items[*n];
                let got = match link {
                    Some(l) if l.scheme() == "http" || l.scheme() == "https" => {
                        self.page(l, item, notice)
                    }
                    Some(l) => Err(FetchError::permanent(format!(
                        "item link {l} is not an http(s) URL"
                    ))),
                    None => {
                        let all = inline.get_or_insert_with(|| feed_pages(&got.body, feed));
                        match all.get_mut(*n).map(|p| std::mem::replace(p, Err(taken()))) {
                            Some(Ok(p)) => Ok(p),
                            _ => Err(FetchError::permanent(
                                "item has no link and no content in the feed",
                            )),
                        }
                    }
                };
                match got {
                    Ok(p) => {
                        pages.push(p);
                        keys.push(key.clone());
                    }
                    Err(e) if e.why == Why::Robots => {
                        notice(Notice {
                            kind: NoticeKind::Skipped,
                            url: key.clone(),
                            message: e.message,
                        });
                        report.skipped += 1;
                        self.mark(key, ItemStatus::Skipped);
                    }
                    Err(e) => self.failed(key, e, notice, report),
                }
            }
            if !pages.is_empty() {
                let results = sink.store(pages)?;
                for (key, r) in keys.iter().zip(results) {
                    match r {
                        Ok(()) => {
                            report.stored += 1;
                            self.mark(key, ItemStatus::Stored);
                            notice(Notice {
                                kind: NoticeKind::Info,
                                url: key.clone(),
                                message: "stored".into(),
                            });
                        }
                        Err(e) => {
                            self.failed(key, FetchError::permanent(e.message), notice, report)
                        }
                    }
                }
            }
            self.save()?;
        }
        // Keep the validators only when nothing of this feed waits for a retry: otherwise the
        // next poll would get a 304 and never see those items again.
        let pending_retry = items.iter().any(|it| {
            let link = it.link.as_deref().and_then(|l| base.join(l.trim()).ok());
            let key = item_key(feed, it, link.as_ref());
            self.state
                .items
                .get(&key)
                .is_some_and(|s| s.status == ItemStatus::Retry)
        });
        let validators = if pending_retry {
            FeedState::default()
        } else {
            FeedState {
                etag: got.etag,
                last_modified: got.last_modified,
            }
        };
        self.state.feeds.insert(feed.to_string(), validators);
        self.save()
    }

    fn failed(
        &mut self,
        key: &str,
        e: FetchError,
        notice: &mut dyn FnMut(Notice),
        report: &mut PollReport,
    ) {
        let attempts = self.state.attempts(key) + 1;
        let transient = e.why == Why::Transient;
        let (status, message) = if transient && attempts < self.cfg.max_attempts {
            report.retry += 1;
            (
                ItemStatus::Retry,
                format!(
                    "{}; will try again at the next poll (attempt {attempts} of {})",
                    e.message, self.cfg.max_attempts
                ),
            )
        } else if transient {
            report.failed += 1;
            (
                ItemStatus::Failed,
                format!("{}; given up after {attempts} attempts", e.message),
            )
        } else {
            report.failed += 1;
            (ItemStatus::Failed, e.message)
        };
        notice(Notice {
            kind: NoticeKind::Failed,
            url: key.to_string(),
            message,
        });
        self.state
            .items
            .insert(key.to_string(), ItemState { status, attempts });
    }

    fn mark(&mut self, key: &str, status: ItemStatus) {
        let attempts = self.state.attempts(key) + 1;
        self.state
            .items
            .insert(key.to_string(), ItemState { status, attempts });
    }

    fn save(&self) -> Result<(), Fatal> {
        match &self.state_path {
            Some(p) => state::save(p, &self.state).map_err(Fatal),
            None => Ok(()),
        }
    }

    /// Fetches an item's page and checks it is a readable HTML page.
    fn page(
        &mut self,
        link: &Url,
        item: &FeedItem,
        notice: &mut dyn FnMut(Notice),
    ) -> Result<Pending, FetchError> {
        let max = self.cfg.limits.max_bytes;
        let got = self.fetch(link, &[], ACCEPT_HTML, max as u64, true)?;
        let s = got.status;
        if !(200..300).contains(&s) {
            let msg = format!("HTTP status {s}");
            return Err(if s == 408 || s == 429 || s >= 500 {
                FetchError::transient(msg)
            } else {
                FetchError::permanent(msg)
            });
        }
        let (media, charset) = split_content_type(got.content_type.as_deref().unwrap_or(""));
        let html_type = media == "text/html" || media == "application/xhtml+xml";
        if !html_type
            && !((media.is_empty() || media.starts_with("text/")) && looks_like_html(&got.body))
        {
            return Err(FetchError::permanent(format!(
                "not an HTML page (Content-Type {})",
                if media.is_empty() { "missing" } else { &media }
            )));
        }
        let hint = match charset {
            Some(c) if encoding_rs::Encoding::for_label(c.trim().as_bytes()).is_none() => {
                notice(Notice {
                    kind: NoticeKind::Info,
                    url: got.final_url.clone(),
                    message: format!(
                        "unknown charset {c:?} in Content-Type; using the page's <meta> charset or UTF-8"
                    ),
                });
                None
            }
            c => c,
        };
        let (text, enc) = newsgraph_ingest::html::decode(&got.body, hint.as_deref());
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        // A few stray bytes are common; this many means the charset is wrong.
        if bad >= 16 && bad * 100 > text.chars().count() {
            return Err(FetchError::permanent(format!(
                "the page does not decode as {}: {bad} invalid byte sequences (wrong charset?)",
                enc.name()
            )));
        }
        drop(text);
        Ok(Pending::Html(Box::new(HtmlPage {
            source: got.final_url.clone(),
            path: got.final_url.clone(),
            offset: 0,
            context: String::new(),
            charset: hint,
            meta: Meta {
                id: link.as_str().to_string(),
                url: Some(got.final_url),
                fetched: Some(rfc3339_now()),
                ..Default::default()
            },
            date_fallback: item.date.as_deref().and_then(parse_date),
            bytes: got.body,
        })))
    }

    /// `Err(reason)` when the host's robots.txt disallows the URL (fetching robots.txt first
    /// when it is not known or has expired).
    fn robots_allow(&mut self, url: &Url) -> Result<(), String> {
        let origin = url.origin().ascii_serialization();
        let now = self.clock.now();
        let poll = self.poll;
        let fresh = self
            .hosts
            .get(&origin)
            .and_then(|h| h.robots.as_ref())
            .is_some_and(|r| r.expires.map_or(r.poll == poll, |e| now < e));
        if !fresh {
            let robots_url = format!("{origin}/robots.txt");
            let entry = match Url::parse(&robots_url) {
                Ok(ru) => match self.follow(&ru, &[], "text/plain", ROBOTS_LIMIT, false, false) {
                    Ok(g) if (200..300).contains(&g.status) => RobotsEntry {
                        robots: Robots::parse(&self.token, &g.body),
                        expires: Some(now + ROBOTS_TTL),
                        poll,
                    },
                    Ok(g) if (400..500).contains(&g.status) => RobotsEntry {
                        robots: Robots::AllowAll,
                        expires: Some(now + ROBOTS_TTL),
                        poll,
                    },
                    Ok(g) => RobotsEntry {
                        robots: Robots::DisallowAll(format!("HTTP status {}", g.status)),
                        expires: None,
                        poll,
                    },
                    Err(e) => RobotsEntry {
                        robots: Robots::DisallowAll(e.message),
                        expires: None,
                        poll,
                    },
                },
                Err(e) => RobotsEntry {
                    robots: Robots::DisallowAll(e.to_string()),
                    expires: None,
                    poll,
                },
            };
            let min = self.cfg.min_interval;
            let cap = self.cfg.max_crawl_delay;
            let host = self.hosts.entry(origin.clone()).or_default();
            host.delay = entry
                .robots
                .delay()
                .map(|d| Duration::from_secs_f32(d).min(cap).max(min))
                .unwrap_or(min);
            host.robots = Some(entry);
        }
        let r = &self.hosts[&origin]
            .robots
            .as_ref()
            .expect("set above")
            .robots;
        if r.allowed(url.as_str()) {
            return Ok(());
        }
        Err(match r {
            Robots::DisallowAll(why) => {
                format!("robots.txt of {origin} could not be fetched ({why}); not fetching from the host until it can")
            }
            _ => format!(
                "robots.txt of {origin} disallows {} for {}",
                url.path(),
                self.token
            ),
        })
    }

    /// A GET of a feed or page: [`Self::follow`] with every hop checked against robots.txt.
    fn fetch(
        &mut self,
        url: &Url,
        headers: &[(&str, String)],
        accept: &str,
        limit: u64,
        textual: bool,
    ) -> Result<Got, FetchError> {
        self.follow(url, headers, accept, limit, textual, true)
    }

    /// A GET that follows up to [`MAX_REDIRECTS`] redirects, each hop waiting for its host's
    /// turn and, with `robots`, allowed by its host's robots.txt first.
    fn follow(
        &mut self,
        url: &Url,
        headers: &[(&str, String)],
        accept: &str,
        limit: u64,
        textual: bool,
        robots: bool,
    ) -> Result<Got, FetchError> {
        let mut url = url.clone();
        for _ in 0..=MAX_REDIRECTS {
            if robots {
                self.robots_allow(&url).map_err(|message| FetchError {
                    why: Why::Robots,
                    message,
                })?;
            }
            let got = self.get(&url, headers, accept, limit, textual)?;
            if !matches!(got.status, 301 | 302 | 303 | 307 | 308) {
                return Ok(got);
            }
            let next = got
                .location
                .as_deref()
                .and_then(|l| url.join(l.trim()).ok());
            match next {
                Some(n) if n.scheme() == "http" || n.scheme() == "https" => url = n,
                Some(n) => {
                    return Err(FetchError::permanent(format!(
                        "redirected to {n}, not an http(s) URL"
                    )))
                }
                None => {
                    return Err(FetchError::permanent(format!(
                        "HTTP status {} without a usable Location header",
                        got.status
                    )))
                }
            }
        }
        Err(FetchError::permanent(format!(
            "more than {MAX_REDIRECTS} redirects"
        )))
    }

    /// One GET, after waiting for the host's turn. The body is read (up to `limit`) only for
    /// a 2xx status, and with `textual`, only when the Content-Type may be a page or a feed.
    fn get(
        &mut self,
        url: &Url,
        headers: &[(&str, String)],
        accept: &str,
        limit: u64,
        textual: bool,
    ) -> Result<Got, FetchError> {
        let origin = url.origin().ascii_serialization();
        let min = self.cfg.min_interval;
        let host = self.hosts.entry(origin.clone()).or_insert_with(|| Host {
            delay: min,
            ..Host::default()
        });
        let now = self.clock.now();
        if let Some(next) = host.last.map(|l| l + host.delay) {
            if next > now {
                self.clock.sleep(next - now);
            }
        }
        self.requests += 1;
        let mut req = self.agent.get(url.as_str()).header("Accept", accept);
        for (k, v) in headers {
            req = req.header(*k, v.as_str());
        }
        let result = req.call();
        let host = self.hosts.get_mut(&origin).expect("inserted above");
        host.last = Some(self.clock.now());
        let mut resp = result.map_err(|e| ureq_error(&e))?;
        use ureq::ResponseExt;
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let mut got = Got {
            status: resp.status().as_u16(),
            etag: header("etag"),
            last_modified: header("last-modified"),
            content_type: header("content-type"),
            location: header("location"),
            final_url: resp.get_uri().to_string(),
            body: Vec::new(),
        };
        if (200..300).contains(&got.status) {
            // Content types that cannot be pages or feeds are not downloaded.
            if let Some(ct) = got.content_type.as_ref().filter(|_| textual) {
                let media = split_content_type(ct).0;
                let textual = media.is_empty()
                    || media.starts_with("text/")
                    || media.contains("xml")
                    || media.contains("html");
                if !textual {
                    return Err(FetchError::permanent(format!(
                        "not an HTML page or feed (Content-Type {media})"
                    )));
                }
            }
            got.body = resp
                .body_mut()
                .with_config()
                .limit(limit)
                .read_to_vec()
                .map_err(|e| ureq_error(&e))?;
        }
        Ok(got)
    }
}

/// Placeholder left where an inline page was taken.
fn taken() -> newsgraph_core::Error {
    newsgraph_core::Error::new(newsgraph_core::ErrorKind::Empty, "taken")
}

fn ureq_error(e: &ureq::Error) -> FetchError {
    match e {
        ureq::Error::BodyExceedsLimit(n) => FetchError::permanent(format!(
            "larger than the limit of {n} bytes (raise --max-bytes to read it)"
        )),
        ureq::Error::Timeout(t) => FetchError::transient(format!("timed out ({t})")),
        ureq::Error::HostNotFound => FetchError::transient("host not found"),
        ureq::Error::ConnectionFailed => FetchError::transient("connection failed"),
        ureq::Error::Io(io) => FetchError::transient(format!("network error: {io}")),
        ureq::Error::BadUri(u) => FetchError::permanent(format!("bad URL: {u}")),
        ureq::Error::TooManyRedirects => FetchError::permanent("too many redirects"),
        other => FetchError::transient(other.to_string()),
    }
}

/// An item's key in the state: its link without the fragment, else its id, else its title.
fn item_key(feed: &str, item: &FeedItem, link: Option<&Url>) -> String {
    if let Some(l) = link {
        let mut l = l.clone();
        l.set_fragment(None);
        return l.to_string();
    }
    match (&item.id, &item.title) {
        (Some(id), _) => id.clone(),
        (None, Some(t)) => format!("{feed}#{t}"),
        (None, None) => format!("{feed}#{}", item.summary.as_deref().unwrap_or("")),
    }
}

/// `text/html; charset=ISO-8859-1` -> (`text/html`, `Some("ISO-8859-1")`).
fn split_content_type(ct: &str) -> (String, Option<String>) {
    let mut parts = ct.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    });
    (media, charset)
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ` (UTC), for `meta.fetched`.
fn rfc3339_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_711_448_100), "2024-03-26T10:15:00Z");
    }

    #[test]
    fn item_keys_drop_the_fragment_and_fall_back_to_id() {
        let it = FeedItem {
            id: Some("tag:x,1".into()),
            title: Some("T".into()),
            ..Default::default()
        };
        let l = Url::parse("https://x.org/a?b=1#comments").unwrap();
        assert_eq!(item_key("f", &it, Some(&l)), "https://x.org/a?b=1");
        assert_eq!(item_key("f", &it, None), "tag:x,1");
    }

    #[test]
    fn content_type_parts() {
        assert_eq!(
            split_content_type("Text/HTML; charset=\"ISO-8859-1\""),
            ("text/html".into(), Some("ISO-8859-1".into()))
        );
        assert_eq!(split_content_type(""), (String::new(), None));
    }
}
