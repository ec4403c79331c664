//! Routes, handlers and JSON errors.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::{Json, Router};
use newsgraph_store::{ActorQuery, ArticleRecord, DayCount, ErrorKind, QuoteQuery, Store};
use serde::Deserialize;
use serde_json::json;
use std::sync::{Arc, Mutex};

use crate::buckets::{self, Bucket};

/// Largest accepted request body by default (an article of a few hundred kB is large).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// An article sent to `POST /api/articles`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostedArticle {
    /// The article's plain text.
    pub text: String,
    /// Its URL: an article posted again with the same URL replaces the stored one.
    pub url: Option<String>,
    /// Publication date, YYYY-MM-DD.
    pub date: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Where it comes from (default `api`).
    pub source: Option<String>,
}

/// Reads a posted article into a record (checks the input, runs the pipeline); `Err` holds
/// a message for the client.
pub type ReadFn = Arc<dyn Fn(PostedArticle) -> Result<ArticleRecord, String> + Send + Sync>;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The store; calls run on blocking threads, one at a time.
    pub store: Arc<Mutex<Box<dyn Store>>>,
    /// Bearer token for writes; `None` refuses every write.
    pub token: Option<String>,
    /// Reads posted articles.
    pub read: ReadFn,
    /// Largest accepted request body, bytes.
    pub max_body: usize,
}

impl AppState {
    /// A state over a store.
    pub fn new(store: Box<dyn Store>, token: Option<String>, read: ReadFn) -> Self {
        AppState {
            store: Arc::new(Mutex::new(store)),
            token: token.filter(|t| !t.is_empty()),
            read,
            max_body: MAX_BODY_BYTES,
        }
    }
}

/// A JSON error with a stable code.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (
            self.status,
            Json(json!({"error": {"code": self.code, "message": self.message}})),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"newsgraph\""),
            );
        }
        r
    }
}

impl From<newsgraph_store::Error> for ApiError {
    fn from(e: newsgraph_store::Error) -> Self {
        match e.kind {
            ErrorKind::BadQuery => ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.message),
            _ => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "store_error", e.message),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_parameter", e.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(e: PathRejection) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_parameter",
            format!("{}; ids are whole numbers", e.body_text()),
        )
    }
}

impl From<JsonRejection> for ApiError {
    fn from(e: JsonRejection) -> Self {
        match e.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "the request body is above the size limit; send one article per request",
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the article as JSON with Content-Type: application/json",
            ),
            _ => ApiError::new(StatusCode::BAD_REQUEST, "invalid_json", e.body_text()),
        }
    }
}

type ApiResult = Result<Response, ApiError>;

/// Runs a store call on a blocking thread.
async fn with_store<T: Send + 'static>(
    st: &AppState,
    f: impl FnOnce(&mut dyn Store) -> newsgraph_store::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let store = st.store.clone();
    tokio::task::spawn_blocking(move || {
        let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
        f(guard.as_mut())
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?
    .map_err(ApiError::from)
}

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 500;

fn page(limit: Option<u32>, offset: Option<u32>) -> Result<(u32, u32), ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_parameter",
            format!("limit must be between 1 and {MAX_LIMIT}"),
        ));
    }
    Ok((limit, offset.unwrap_or(0)))
}

fn paged<T: serde::Serialize>(items: Vec<T>, limit: u32, offset: u32) -> Response {
    // One row more than asked tells whether a next page exists.
    let more = items.len() > limit as usize;
    let items: Vec<T> = items.into_iter().take(limit as usize).collect();
    let next = more.then_some(offset + limit);
    Json(json!({"items": items, "limit": limit, "offset": offset, "next_offset": next}))
        .into_response()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotesParams {
    speaker: Option<String>,
    actor: Option<i64>,
    about: Option<String>,
    article: Option<i64>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

async fn get_quotes(
    State(st): State<AppState>,
    q: Result<Query<QuotesParams>, QueryRejection>,
) -> ApiResult {
    let Query(p) = q?;
    let (limit, offset) = page(p.limit, p.offset)?;
    let query = QuoteQuery {
        speaker: p.speaker.filter(|s| !s.trim().is_empty()),
        actor_id: p.actor,
        about: p.about.filter(|s| !s.trim().is_empty()),
        article_id: p.article,
        since: p.since.filter(|s| !s.is_empty()),
        until: p.until.filter(|s| !s.is_empty()),
        limit: limit + 1,
        offset,
    };
    let rows = with_store(&st, move |s| s.quotes(&query)).await?;
    Ok(paged(rows, limit, offset))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorsParams {
    search: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

async fn get_actors(
    State(st): State<AppState>,
    q: Result<Query<ActorsParams>, QueryRejection>,
) -> ApiResult {
    let Query(p) = q?;
    let (limit, offset) = page(p.limit, p.offset)?;
    let query = ActorQuery {
        search: p.search.filter(|s| !s.trim().is_empty()),
        limit: limit + 1,
        offset,
    };
    let rows = with_store(&st, move |s| s.actors(&query)).await?;
    Ok(paged(rows, limit, offset))
}

fn not_found(what: &str, id: i64) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("no {what} {id}"),
    )
}

async fn get_actor(State(st): State<AppState>, id: Result<Path<i64>, PathRejection>) -> ApiResult {
    let Path(id) = id?;
    match with_store(&st, move |s| s.actor(id)).await? {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(not_found("actor", id)),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineParams {
    by: Option<String>,
}

async fn get_timeline(
    State(st): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<TimelineParams>, QueryRejection>,
) -> ApiResult {
    let Path(id) = id?;
    let Query(p) = q?;
    let by = bucket_param(&p.by)?;
    let actor = with_store(&st, move |s| s.actor(id)).await?;
    if actor.is_none() {
        return Err(not_found("actor", id));
    }
    let days = with_store(&st, move |s| s.timeline(id, true)).await?;
    let series = |f: fn(&newsgraph_store::TimelinePoint) -> i64| -> Vec<DayCount> {
        days.iter()
            .map(|d| DayCount {
                date: d.period.clone(),
                articles: f(d),
            })
            .collect()
    };
    let (quotes, mentions) = (series(|d| d.quotes), series(|d| d.mentions));
    let dated: Vec<i64> = days
        .iter()
        .filter_map(|d| buckets::parse_day(&d.period))
        .collect();
    let (by, points) = match (dated.iter().min(), dated.iter().max()) {
        (Some(&from), Some(&to)) => {
            let by = checked_bucket(by, from, to)?;
            let q = buckets::fill(&quotes, by, from, to);
            let m = buckets::fill(&mentions, by, from, to);
            let points: Vec<_> = q
                .into_iter()
                .zip(m)
                .map(|(q, m)| {
                    json!({"period": q.period, "start": buckets::format_day(q.start),
                        "end": buckets::format_day(q.end), "quotes": q.count, "mentions": m.count})
                })
                .collect();
            (by, points)
        }
        _ => (by.unwrap_or(Bucket::Day), Vec::new()),
    };
    Ok(Json(json!({"actor": id, "by": by.name(), "points": points})).into_response())
}

/// The `by` query parameter of a timeline: `None` for auto.
fn bucket_param(by: &Option<String>) -> Result<Option<Bucket>, ApiError> {
    match by.as_deref() {
        None | Some("") | Some("auto") => Ok(None),
        Some("day") => Ok(Some(Bucket::Day)),
        Some("week") => Ok(Some(Bucket::Week)),
        Some("month") => Ok(Some(Bucket::Month)),
        Some(other) => Err(bad_parameter(format!(
            "by must be auto, day, week or month, got {other:?}"
        ))),
    }
}

/// The bucket for the days `from..=to` (`by`, or the one that suits the span), refused
/// when the range would need more than [`buckets::MAX_BUCKETS`] of them.
fn checked_bucket(by: Option<Bucket>, from: i64, to: i64) -> Result<Bucket, ApiError> {
    let by = by.unwrap_or_else(|| Bucket::for_span(to - from + 1));
    let n = buckets::bucket_count(by, from, to);
    if n > buckets::MAX_BUCKETS {
        return Err(bad_parameter(format!(
            "the range gives {n} {}s, above {}; use a larger by (week, month) or a shorter since..until",
            by.name(),
            buckets::MAX_BUCKETS
        )));
    }
    Ok(by)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageParams {
    limit: Option<u32>,
    offset: Option<u32>,
}

async fn get_articles(
    State(st): State<AppState>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult {
    let Query(p) = q?;
    let (limit, offset) = page(p.limit, p.offset)?;
    let rows = with_store(&st, move |s| s.articles(limit + 1, offset)).await?;
    Ok(paged(rows, limit, offset))
}

async fn get_article(
    State(st): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult {
    let Path(id) = id?;
    match with_store(&st, move |s| s.article(id)).await? {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(not_found("article", id)),
    }
}

async fn get_co_actors(
    State(st): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult {
    let Path(id) = id?;
    let Query(p) = q?;
    let (limit, offset) = page(p.limit, p.offset)?;
    if with_store(&st, move |s| s.actor(id)).await?.is_none() {
        return Err(not_found("actor", id));
    }
    let rows = with_store(&st, move |s| s.co_actors(id, limit + 1, offset)).await?;
    Ok(paged(rows, limit, offset))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CoMentionParams {
    by: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

fn bad_parameter(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "bad_parameter", message)
}

/// A `YYYY-MM-DD` query parameter as a day number (empty: not given).
fn day_param(name: &str, v: &Option<String>) -> Result<Option<i64>, ApiError> {
    match v.as_deref() {
        None | Some("") => Ok(None),
        Some(d) => buckets::parse_day(d).map(Some).ok_or_else(|| {
            bad_parameter(format!(
                "{name} must be a date written YYYY-MM-DD, got {d:?}"
            ))
        }),
    }
}

/// Checks a pair of actors and a date range: two different actors that exist (their names
/// are returned), `since` and `until` dates in order (as day numbers).
async fn pair_checks(
    st: &AppState,
    a: i64,
    b: i64,
    since: &Option<String>,
    until: &Option<String>,
) -> Result<(Option<i64>, Option<i64>, Vec<String>), ApiError> {
    if a == b {
        return Err(bad_parameter(
            "the two actors are the same; name another actor after /co-mentions/",
        ));
    }
    let since = day_param("since", since)?;
    let until = day_param("until", until)?;
    if let (Some(s), Some(u)) = (since, until) {
        if s > u {
            return Err(bad_parameter("since is after until"));
        }
    }
    let mut names = Vec::new();
    for id in [a, b] {
        match with_store(st, move |s| s.actor(id)).await? {
            Some(x) => names.push(x.name),
            None => return Err(not_found("actor", id)),
        }
    }
    Ok((since, until, names))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PairArticlesParams {
    since: Option<String>,
    until: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

async fn get_co_mention_articles(
    State(st): State<AppState>,
    ids: Result<Path<(i64, i64)>, PathRejection>,
    q: Result<Query<PairArticlesParams>, QueryRejection>,
) -> ApiResult {
    let Path((a, b)) = ids?;
    let Query(p) = q?;
    let (limit, offset) = page(p.limit, p.offset)?;
    pair_checks(&st, a, b, &p.since, &p.until).await?;
    let (qs, qu) = (
        p.since.filter(|x| !x.is_empty()),
        p.until.filter(|x| !x.is_empty()),
    );
    let rows = with_store(&st, move |s| {
        s.co_mention_articles(a, b, qs.as_deref(), qu.as_deref(), limit + 1, offset)
    })
    .await?;
    Ok(paged(rows, limit, offset))
}

async fn get_co_mentions(
    State(st): State<AppState>,
    ids: Result<Path<(i64, i64)>, PathRejection>,
    q: Result<Query<CoMentionParams>, QueryRejection>,
) -> ApiResult {
    let Path((a, b)) = ids?;
    let Query(p) = q?;
    let by = bucket_param(&p.by)?;
    let (since, until, names) = pair_checks(&st, a, b, &p.since, &p.until).await?;
    let (qs, qu) = (
        p.since.filter(|x| !x.is_empty()),
        p.until.filter(|x| !x.is_empty()),
    );
    let days = with_store(&st, move |s| {
        s.co_mentions(a, b, qs.as_deref(), qu.as_deref())
    })
    .await?;
    let dated: Vec<i64> = days
        .iter()
        .filter_map(|d| buckets::parse_day(&d.date))
        .collect();
    let from = since.or_else(|| dated.iter().min().copied());
    let to = until.or_else(|| dated.iter().max().copied());
    let (by, points) = match (from, to) {
        (Some(from), Some(to)) => {
            let by = checked_bucket(by, from, to)?;
            (by, buckets::fill(&days, by, from, to))
        }
        _ => (by.unwrap_or(Bucket::Day), Vec::new()),
    };
    let total: i64 = points.iter().map(|p| p.count).sum();
    let points: Vec<_> = points
        .into_iter()
        .map(|p| {
            json!({"period": p.period, "start": buckets::format_day(p.start),
                "end": buckets::format_day(p.end), "articles": p.count})
        })
        .collect();
    Ok(Json(json!({
        "actor": a, "other": b, "actor_name": names[0], "other_name": names[1],
        "by": by.name(), "articles": total, "points": points,
    }))
    .into_response())
}

/// Compares without stopping at the first differing byte.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn authorize(st: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &st.token else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writes_disabled",
            "this server has no write token; start it with --token or NEWSGRAPH_TOKEN",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match given {
        Some(g) if same_secret(g.trim().as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "bad_token",
            "the bearer token is wrong",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing_token",
            "writes need an Authorization: Bearer <token> header",
        )),
    }
}

async fn post_article(State(st): State<AppState>, req: axum::extract::Request) -> ApiResult {
    use axum::extract::FromRequest;
    // The token is checked before the body is read or parsed.
    authorize(&st, req.headers())?;
    let Json(a) = Json::<PostedArticle>::from_request(req, &st).await?;
    if a.text.trim().is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty_article",
            "text is empty; send the article's text",
        ));
    }
    newsgraph_store::check_date("date", &a.date)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_date", e.message))?;
    let read = st.read.clone();
    let rec = tokio::task::spawn_blocking(move || read(a))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?
        .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "unreadable_article", m))?;
    let quotes = rec.quotes.len();
    let out = with_store(&st, move |s| s.put_batch(&[rec])).await?;
    let o = out[0];
    let status = if o.inserted {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(json!({"id": o.id, "inserted": o.inserted, "quotes": quotes})),
    )
        .into_response())
}

async fn get_stats(State(st): State<AppState>) -> ApiResult {
    let c = with_store(&st, |s| s.counts()).await?;
    Ok(Json(c).into_response())
}

async fn get_openapi() -> Response {
    Json(crate::openapi()).into_response()
}

async fn fallback(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no_route",
        format!("no route {method} {}; see /openapi.json", uri.path()),
    )
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{method} is not allowed on {}; see /openapi.json",
            uri.path()
        ),
    )
}

fn page_response(body: &'static str, ctype: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(ctype)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'",
                ),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body,
    )
        .into_response()
}

/// Every route: method and path (axum syntax). [`router`] serves exactly these and
/// `/openapi.json` describes them (a test checks both).
pub const API_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/quotes"),
    ("get", "/api/actors"),
    ("get", "/api/actors/{id}"),
    ("get", "/api/actors/{id}/timeline"),
    ("get", "/api/actors/{id}/co-actors"),
    ("get", "/api/actors/{id}/co-mentions/{other}"),
    ("get", "/api/actors/{id}/co-mentions/{other}/articles"),
    ("get", "/api/articles"),
    ("post", "/api/articles"),
    ("get", "/api/articles/{id}"),
    ("get", "/api/stats"),
    ("get", "/openapi.json"),
];

fn handler(method: &str, path: &str) -> MethodRouter<AppState> {
    use axum::routing::post;
    match (method, path) {
        ("get", "/api/quotes") => get(get_quotes),
        ("get", "/api/actors") => get(get_actors),
        ("get", "/api/actors/{id}") => get(get_actor),
        ("get", "/api/actors/{id}/timeline") => get(get_timeline),
        ("get", "/api/actors/{id}/co-actors") => get(get_co_actors),
        ("get", "/api/actors/{id}/co-mentions/{other}") => get(get_co_mentions),
        ("get", "/api/actors/{id}/co-mentions/{other}/articles") => get(get_co_mention_articles),
        ("get", "/api/articles") => get(get_articles),
        ("post", "/api/articles") => post(post_article),
        ("get", "/api/articles/{id}") => get(get_article),
        ("get", "/api/stats") => get(get_stats),
        ("get", "/openapi.json") => get(get_openapi),
        _ => panic!("API_ROUTES names {method} {path} but no handler serves it"),
    }
}

/// The application: API routes, the web page and JSON errors for everything else.
pub fn router(state: AppState) -> Router {
    let max_body = state.max_body;
    let mut by_path: Vec<(&str, MethodRouter<AppState>)> = Vec::new();
    for (m, p) in API_ROUTES {
        let h = handler(m, p);
        match by_path.iter_mut().find(|(q, _)| q == p) {
            Some((_, r)) => *r = std::mem::take(r).merge(h),
            None => by_path.push((p, h)),
        }
    }
    let mut r = Router::new();
    for (p, h) in by_path {
        r = r.route(p, h.fallback(method_not_allowed));
    }
    r = crate::api::web_routes(r);
    r.fallback(fallback)
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}

/// The web page's files, compiled in.
pub(crate) fn web_routes(r: Router<AppState>) -> Router<AppState> {
    r.route(
        "/",
        get(|| async {
            page_response(
                include_str!("../static/index.html"),
                "text/html; charset=utf-8",
            )
        }),
    )
    .route(
        "/static/app.js",
        get(|| async {
            page_response(
                include_str!("../static/app.js"),
                "text/javascript; charset=utf-8",
            )
        }),
    )
    .route(
        "/static/app.css",
        get(|| async {
            page_response(include_str!("../static/app.css"), "text/css; charset=utf-8")
        }),
    )
    .route(
        "/static/chart.umd.js",
        get(|| async {
            page_response(
                include_str!("../static/chart.umd.js"),
                "text/javascript; charset=utf-8",
            )
        }),
    )
}

/// Serves until the process is stopped.
pub async fn serve(state: AppState, addr: std::net::SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    if let Ok(c) = with_store(&state, |s| s.counts()).await {
        eprintln!(
            "newsgraph: the store holds {} article(s), {} quotation(s), {} actor(s)",
            c.articles, c.quotes, c.actors
        );
    }
    eprintln!(
        "newsgraph: serving http://{}/ (open it in a browser; API under /api, description at /openapi.json; Ctrl-C stops)",
        listener.local_addr()?
    );
    axum::serve(listener, router(state)).await
}

/// Serves on a new multi-threaded runtime until the process is stopped (for callers
/// without a runtime, like the CLI).
pub fn serve_blocking(state: AppState, addr: std::net::SocketAddr) -> std::io::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(state, addr))
}
