//! Shared by the server tests: a store with hand-made articles behind a real socket.
#![allow(dead_code)]

use newsgraph_core::{
    Actor, ActorId, ActorKind, Document, Mention, MentionKind, Quote, QuoteKind, Span,
};
use newsgraph_server::{router, AppState, PostedArticle, ReadFn};
use newsgraph_store::{ArticleRecord, SqliteStore, Store};
use std::net::SocketAddr;
use std::sync::Arc;

pub const TOKEN: &str = "s3cret-token";

pub fn seed_record() -> ArticleRecord {
    let text = "John Kirby said \"We are concerned about Rafah.\" <script>alert(1)</script>";
    let mut d = Document::new(text);
    d.meta.source = "test".into();
    d.meta.url = Some("https://example.com/kirby".into());
    d.meta.date = Some("2024-03-05".into());
    d.actors = vec![Actor {
        id: ActorId(0),
        name: "John Kirby".into(),
        kind: ActorKind::Person,
        titles: vec!["spokesman".into()],
        country: Some("USA".into()),
    }];
    d.mentions = vec![Mention {
        span: Span::new(0, 10),
        kind: MentionKind::Name,
        actor: Some(ActorId(0)),
    }];
    let q = text.find("We are").unwrap();
    d.quotes = vec![Quote {
        kind: QuoteKind::Direct,
        span: Span::new(q, q + "We are concerned about Rafah.".len()),
        speaker: Some(ActorId(0)),
        speaker_mention: None,
        cue: Some(Span::new(11, 15)),
    }];
    ArticleRecord::from_document(&d)
}

/// Reads a posted article without the pipeline: text and metadata only.
pub fn plain_read() -> ReadFn {
    Arc::new(|a: PostedArticle| {
        if a.text.contains('\0') {
            return Err("the text holds NUL bytes".into());
        }
        let mut d = Document::new(a.text);
        d.meta.source = a.source.unwrap_or_else(|| "api".into());
        d.meta.url = a.url;
        d.meta.date = a.date;
        d.meta.title = a.title;
        Ok(ArticleRecord::from_document(&d))
    })
}

pub struct Server {
    pub addr: SocketAddr,
    _rt: tokio::runtime::Runtime,
}

/// An article mentioning `names` (persons, by their first occurrence in `text`).
pub fn record_with(text: &str, url: &str, date: &str, names: &[&str]) -> ArticleRecord {
    let mut d = Document::new(text);
    d.meta.source = "test".into();
    d.meta.url = Some(url.into());
    d.meta.date = Some(date.into());
    for (i, n) in names.iter().enumerate() {
        d.actors.push(Actor {
            id: ActorId(i as u32),
            name: n.to_string(),
            kind: ActorKind::Person,
            titles: vec![],
            country: None,
        });
        let at = text.find(n).expect("the name is in the text");
        d.mentions.push(Mention {
            span: Span::new(at, at + n.len()),
            kind: MentionKind::Name,
            actor: Some(ActorId(i as u32)),
        });
    }
    d.mentions.sort_by_key(|m| m.span.start);
    ArticleRecord::from_document(&d)
}

pub fn start(token: Option<&str>) -> Server {
    start_with(token, vec![seed_record()])
}

/// A server over a store holding `records`.
pub fn start_with(token: Option<&str>, records: Vec<ArticleRecord>) -> Server {
    let mut store = SqliteStore::open(":memory:").unwrap();
    store.put_batch(&records).unwrap();
    let mut state = AppState::new(Box::new(store), token.map(str::to_string), plain_read());
    state.max_body = 64 * 1024;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move { axum::serve(listener, router(state)).await });
    Server { addr, _rt: rt }
}
