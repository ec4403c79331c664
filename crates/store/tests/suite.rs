//! The store test suite, run against every backend: SQLite always, PostgreSQL when
//! `NEWSGRAPH_TEST_POSTGRES=postgres://...` names a database the tests may empty.

use newsgraph_core::{
    Actor, ActorId, ActorKind, Document, Mention, MentionKind, Quote, QuoteKind, Span,
};
use newsgraph_store::{ActorQuery, ArticleRecord, QuoteQuery, SqliteStore, Store};

/// A hand-made article: actors `(name, kind, country, titles)`, name mentions
/// `(text, actor)` and quotations `(text, speaker)`, found by their first occurrence.
struct Art<'a> {
    text: &'a str,
    url: Option<&'a str>,
    date: &'a str,
    actors: Vec<(&'a str, ActorKind, Option<&'a str>, Vec<&'a str>)>,
    mentions: Vec<(&'a str, u32)>,
    quotes: Vec<(&'a str, Option<u32>)>,
}

fn span_of(text: &str, s: &str) -> Span {
    let i = text
        .find(s)
        .unwrap_or_else(|| panic!("{s:?} is not in the text"));
    Span::new(i, i + s.len())
}

fn record(a: &Art) -> ArticleRecord {
    let mut d = Document::new(a.text);
    d.meta.source = format!("test:{}", a.url.unwrap_or("none"));
    d.meta.url = a.url.map(str::to_string);
    d.meta.date = Some(a.date.to_string());
    d.actors = a
        .actors
        .iter()
        .enumerate()
        .map(|(i, (name, kind, country, titles))| Actor {
            id: ActorId(i as u32),
            name: name.to_string(),
            kind: *kind,
            titles: titles.iter().map(|t| t.to_string()).collect(),
            country: country.map(str::to_string),
        })
        .collect();
    d.mentions = a
        .mentions
        .iter()
        .map(|(t, actor)| Mention {
            span: span_of(a.text, t),
            kind: MentionKind::Name,
            actor: Some(ActorId(*actor)),
        })
        .collect();
    d.mentions.sort_by_key(|m| m.span.start);
    d.quotes = a
        .quotes
        .iter()
        .map(|(t, s)| Quote {
            kind: QuoteKind::Direct,
            span: span_of(a.text, t),
            speaker: s.map(ActorId),
            speaker_mention: None,
            cue: Some(span_of(a.text, "said")),
        })
        .collect();
    ArticleRecord::from_document(&d)
}

fn kirby1() -> Art<'static> {
    Art {
        text: "John Kirby said \"We are concerned about Rafah.\" Kirby said \"No comment.\"",
        url: Some("https://example.com/1"),
        date: "2024-03-05",
        actors: vec![(
            "John Kirby",
            ActorKind::Person,
            Some("USA"),
            vec!["National Security Council spokesman"],
        )],
        mentions: vec![("John Kirby", 0), ("Kirby said \"No", 0)],
        quotes: vec![
            ("We are concerned about Rafah.", Some(0)),
            ("No comment.", Some(0)),
        ],
    }
}

fn kirby2() -> Art<'static> {
    Art {
        text: "Kirby, the White House national security spokesman, said \"Talks go on.\" \
               Benjamin Netanyahu said \"Rafah will be entered.\" Sara Netanyahu said \"Thanks.\" \
               Robert Kirby said \"I coach football.\"",
        url: Some("https://example.com/2"),
        date: "2024-02-10",
        actors: vec![
            (
                "John Kirby",
                ActorKind::Person,
                None,
                vec!["White House national security spokesman"],
            ),
            (
                "Benjamin Netanyahu",
                ActorKind::Person,
                Some("ISR"),
                vec!["prime minister"],
            ),
            ("Sara Netanyahu", ActorKind::Person, Some("ISR"), vec![]),
            ("Robert Kirby", ActorKind::Person, None, vec!["coach"]),
        ],
        mentions: vec![
            ("Kirby,", 0),
            ("Benjamin Netanyahu", 1),
            ("Sara Netanyahu", 2),
            ("Robert Kirby", 3),
        ],
        quotes: vec![
            ("Talks go on.", Some(0)),
            ("Rafah will be entered.", Some(1)),
            ("Thanks.", Some(2)),
            ("I coach football.", Some(3)),
        ],
    }
}

fn no_url() -> Art<'static> {
    Art {
        text: "A plain article without a URL. Nobody said anything.",
        url: None,
        date: "2024-01-01",
        actors: vec![],
        mentions: vec![],
        quotes: vec![],
    }
}

fn texts(rows: &[newsgraph_store::QuoteRow]) -> Vec<&str> {
    rows.iter().map(|r| r.text.as_str()).collect()
}

fn fill(s: &mut dyn Store) {
    let out = s
        .put_batch(&[record(&kirby1()), record(&kirby2()), record(&no_url())])
        .unwrap();
    assert!(out.iter().all(|o| o.inserted));
}

fn quotes_by_speaker_topic_and_date(s: &mut dyn Store) {
    fill(s);
    let q = |speaker: Option<&str>, about: Option<&str>, since: Option<&str>| QuoteQuery {
        speaker: speaker.map(str::to_string),
        about: about.map(str::to_string),
        since: since.map(str::to_string),
        ..Default::default()
    };
    // Both John Kirby articles, plus Robert Kirby: the speaker filter is by alias text.
    let all_kirby = s.quotes(&q(Some("kirby"), None, None)).unwrap();
    assert_eq!(all_kirby.len(), 4, "{:?}", texts(&all_kirby));
    let rafah = s.quotes(&q(None, Some("rafah"), None)).unwrap();
    assert_eq!(
        texts(&rafah),
        ["We are concerned about Rafah.", "Rafah will be entered."]
    );
    let kirby_rafah = s
        .quotes(&q(Some("Kirby"), Some("Rafah"), Some("2024-03-01")))
        .unwrap();
    assert_eq!(texts(&kirby_rafah), ["We are concerned about Rafah."]);
    assert_eq!(kirby_rafah[0].speaker.as_deref(), Some("John Kirby"));
    assert_eq!(kirby_rafah[0].date.as_deref(), Some("2024-03-05"));
    assert!(s
        .quotes(&q(Some("Kirby"), Some("Rafah"), Some("2024-04-01")))
        .unwrap()
        .is_empty());
    // Pagination.
    let page = s
        .quotes(&QuoteQuery {
            limit: 2,
            offset: 1,
            ..Default::default()
        })
        .unwrap();
    let every = s.quotes(&QuoteQuery::default()).unwrap();
    assert_eq!(every.len(), 6);
    assert_eq!(page, every[1..3]);
    // Quotes of one article, in order.
    let one = s
        .quotes(&QuoteQuery {
            article_id: Some(
                all_kirby
                    .iter()
                    .find(|r| r.date.as_deref() == Some("2024-03-05"))
                    .unwrap()
                    .article_id,
            ),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        texts(&one),
        ["We are concerned about Rafah.", "No comment."]
    );
}

fn actors_merge_across_articles(s: &mut dyn Store) {
    fill(s);
    let kirbys = s
        .actors(&ActorQuery {
            search: Some("Kirby".into()),
            ..Default::default()
        })
        .unwrap();
    let names: Vec<&str> = kirbys.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["John Kirby", "Robert Kirby"],
        "never merged on a surname"
    );
    let john = &kirbys[0];
    assert_eq!(john.quotes, 3);
    assert_eq!(john.articles, 2);
    assert_eq!(john.country.as_deref(), Some("USA"));
    assert_eq!(john.first_seen.as_deref(), Some("2024-02-10"));
    assert_eq!(john.last_seen.as_deref(), Some("2024-03-05"));
    assert!(john.aliases.iter().any(|a| a == "Kirby,"));
    let titles: Vec<(&str, Option<&str>)> = john
        .titles
        .iter()
        .map(|t| (t.title.as_str(), t.first_seen.as_deref()))
        .collect();
    assert_eq!(
        titles,
        [
            (
                "White House national security spokesman",
                Some("2024-02-10")
            ),
            ("National Security Council spokesman", Some("2024-03-05"))
        ]
    );
    let net = s
        .actors(&ActorQuery {
            search: Some("Netanyahu".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(net.len(), 2, "Benjamin and Sara stay two people");
    assert_eq!(s.actor(john.id).unwrap().unwrap(), *john);
    assert!(s.actor(-1).unwrap().is_none());
    let tl = s.timeline(john.id, false).unwrap();
    let tl: Vec<(&str, i64, i64)> = tl
        .iter()
        .map(|p| (p.period.as_str(), p.quotes, p.mentions))
        .collect();
    assert_eq!(tl, [("2024-02", 1, 1), ("2024-03", 2, 1)]);
}

fn reingest_updates(s: &mut dyn Store) {
    fill(s);
    let before = s.counts().unwrap();
    assert_eq!(before.articles, 3);
    assert_eq!(before.quotes, 6);
    // Twice the same: all updated, same ids, same counts.
    let again = s
        .put_batch(&[record(&kirby1()), record(&kirby2()), record(&no_url())])
        .unwrap();
    assert!(again.iter().all(|o| !o.inserted));
    assert_eq!(s.counts().unwrap(), before);
    // Same URL, edited text: updated in place.
    let mut edited = kirby1();
    edited.text =
        "John Kirby said \"We are concerned about Rafah.\" Kirby said \"No comment at all.\"";
    edited.quotes[1].0 = "No comment at all.";
    let out = s.put_batch(&[record(&edited)]).unwrap();
    assert!(!out[0].inserted);
    assert_eq!(out[0].id, again[0].id);
    assert_eq!(s.counts().unwrap(), before);
    let found = s
        .quotes(&QuoteQuery {
            about: Some("all".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        texts(&found),
        ["No comment at all."],
        "the full-text index follows"
    );
    // Same text under a new URL: the same article.
    let mut moved = kirby2();
    moved.url = Some("https://example.com/2-moved");
    assert!(!s.put_batch(&[record(&moved)]).unwrap()[0].inserted);
    assert_eq!(s.counts().unwrap(), before);
    let art = s.article(again[1].id).unwrap().unwrap();
    assert_eq!(art.url.as_deref(), Some("https://example.com/2-moved"));
    assert_eq!(art.document["text"], kirby2().text);
    assert_eq!(art.quote_speakers.len(), 4);
    assert!(s.check().unwrap().is_empty());
}

fn injection_is_text(s: &mut dyn Store) {
    fill(s);
    let before = s.counts().unwrap();
    for evil in [
        "'; DROP TABLE quotes; --",
        "\" OR 1=1 --",
        "%' OR '1'='1",
        "Kirby') UNION SELECT * FROM articles --",
        "NEAR(\"a\" \"b\")",
        "*",
        "\\",
        "_",
    ] {
        let q = QuoteQuery {
            speaker: Some(evil.into()),
            ..Default::default()
        };
        assert!(s.quotes(&q).unwrap().is_empty(), "{evil}");
        let q = QuoteQuery {
            about: Some(evil.into()),
            ..Default::default()
        };
        // Either no word to search (a BadQuery error) or a search for the words as text.
        if let Ok(rows) = s.quotes(&q) {
            assert!(rows.len() <= 1, "{evil}: {:?}", texts(&rows));
        }
        let a = ActorQuery {
            search: Some(evil.into()),
            ..Default::default()
        };
        assert!(s.actors(&a).unwrap().is_empty(), "{evil}");
        let bad_date = QuoteQuery {
            since: Some(evil.into()),
            ..Default::default()
        };
        assert!(s.quotes(&bad_date).is_err());
    }
    assert_eq!(s.counts().unwrap(), before);
}

fn countries_keep_actors_apart(s: &mut dyn Store) {
    let mut a = kirby1();
    a.actors[0].2 = Some("GBR");
    a.url = Some("https://example.com/uk");
    a.text =
        "John Kirby said \"We are concerned about Rafah.\" Kirby said \"No comment, from London.\"";
    a.quotes[1].0 = "No comment, from London.";
    s.put_batch(&[record(&kirby1()), record(&a)]).unwrap();
    let k = s
        .actors(&ActorQuery {
            search: Some("John Kirby".into()),
            ..Default::default()
        })
        .unwrap();
    let mut countries: Vec<_> = k.iter().map(|a| a.country.clone().unwrap()).collect();
    countries.sort();
    assert_eq!(countries, ["GBR", "USA"]);
}

fn batch_is_atomic(s: &mut dyn Store) {
    // The same URL twice in one batch is one article.
    let out = s
        .put_batch(&[record(&kirby1()), record(&kirby1())])
        .unwrap();
    assert_eq!(out[0].id, out[1].id);
    assert_eq!(s.counts().unwrap().articles, 1);
    assert!(s.check().unwrap().is_empty());
}

/// Two actors mentioned together: which actors share articles, and on which dates.
fn co_mentions_by_date(s: &mut dyn Store) {
    fill(s);
    // Different texts: an article with the text of a stored one replaces it.
    let both = |url: &'static str, date: &'static str, text: &'static str| Art {
        text,
        url: Some(url),
        date,
        actors: vec![
            ("John Kirby", ActorKind::Person, Some("USA"), vec![]),
            ("Benjamin Netanyahu", ActorKind::Person, Some("ISR"), vec![]),
        ],
        mentions: vec![("John Kirby", 0), ("Benjamin Netanyahu", 1)],
        quotes: vec![("Fine.", Some(0))],
    };
    s.put_batch(&[
        record(&both(
            "https://example.com/3",
            "2024-03-05",
            "John Kirby met Benjamin Netanyahu. Kirby said \"Fine.\"",
        )),
        record(&both(
            "https://example.com/4",
            "2024-03-20",
            "John Kirby called Benjamin Netanyahu. Kirby said \"Fine.\"",
        )),
        record(&both(
            "https://example.com/5",
            "2024-03-20",
            "John Kirby wrote to Benjamin Netanyahu. Kirby said \"Fine.\"",
        )),
    ])
    .unwrap();
    let id = |s: &mut dyn Store, name: &str| {
        s.actors(&ActorQuery {
            search: Some(name.into()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no actor {name}"))
        .id
    };
    let john = id(s, "John Kirby");
    let bibi = id(s, "Benjamin Netanyahu");
    let sara = id(s, "Sara Netanyahu");
    let days =
        |s: &mut dyn Store, a, b, since: Option<&str>, until: Option<&str>| -> Vec<(String, i64)> {
            s.co_mentions(a, b, since, until)
                .unwrap()
                .into_iter()
                .map(|d| (d.date, d.articles))
                .collect()
        };
    let all = [
        ("2024-02-10".to_string(), 1),
        ("2024-03-05".to_string(), 1),
        ("2024-03-20".to_string(), 2),
    ];
    assert_eq!(days(s, john, bibi, None, None), all);
    assert_eq!(days(s, bibi, john, None, None), all, "symmetric");
    assert_eq!(
        days(s, john, bibi, Some("2024-03-01"), Some("2024-03-19")),
        [("2024-03-05".to_string(), 1)]
    );
    assert_eq!(
        days(s, john, sara, None, None),
        [("2024-02-10".to_string(), 1)]
    );
    assert!(days(s, john, -1, None, None).is_empty());
    assert!(s
        .co_mentions(john, bibi, Some("2024-03' OR 1=1"), None)
        .is_err());

    let co: Vec<(String, i64)> = s
        .co_actors(john, 0, 0)
        .unwrap()
        .into_iter()
        .map(|a| (a.name, a.articles))
        .collect();
    assert_eq!(co[0], ("Benjamin Netanyahu".to_string(), 4), "{co:?}");
    assert_eq!(co.len(), 3, "Benjamin, Sara and Robert: {co:?}");
    assert!(co.iter().all(|(n, _)| n != "John Kirby"), "not itself");
    // The articles themselves, newest first, paginated.
    let urls = |s: &mut dyn Store, since: Option<&str>, limit: u32, offset: u32| -> Vec<String> {
        s.co_mention_articles(john, bibi, since, None, limit, offset)
            .unwrap()
            .into_iter()
            .map(|a| {
                format!(
                    "{} {}",
                    a.date.unwrap_or_default(),
                    a.url.unwrap_or_default()
                )
            })
            .collect()
    };
    let all = urls(s, None, 0, 0);
    assert_eq!(all.len(), 4, "{all:?}");
    assert!(
        all[0].starts_with("2024-03-20") && all[1].starts_with("2024-03-20"),
        "{all:?}"
    );
    assert_eq!(all[2], "2024-03-05 https://example.com/3");
    assert_eq!(all[3], "2024-02-10 https://example.com/2");
    assert_eq!(urls(s, None, 2, 2), all[2..]);
    assert_eq!(urls(s, Some("2024-03-01"), 0, 0), all[..3]);
    assert!(s
        .co_mention_articles(sara, bibi, None, Some("x' OR 1=1"), 0, 0)
        .is_err());
    let page: Vec<i64> = s
        .co_actors(john, 1, 1)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(page.len(), 1);
    assert_ne!(page[0], bibi);
}

/// The stored document reads back as the JSON contract of `newsgraph read`: the store
/// leaves the span texts out and puts them back from the offsets.
fn document_round_trips(s: &mut dyn Store) {
    let a = kirby1();
    let mut d = Document::new(a.text);
    d.meta.source = "test:round-trip".into();
    d.meta.url = a.url.map(str::to_string);
    d.meta.date = Some(a.date.to_string());
    let mut dateline = newsgraph_core::Block::new(
        newsgraph_core::BlockKind::Dateline,
        span_of(a.text, "John Kirby said"),
    );
    dateline.place = Some(span_of(a.text, "John"));
    d.blocks = vec![dateline];
    d.actors = vec![Actor {
        id: ActorId(0),
        name: "John Kirby".into(),
        kind: ActorKind::Person,
        titles: vec!["spokesman".into()],
        country: Some("USA".into()),
    }];
    let second = span_of(a.text, "Kirby said \"No");
    d.mentions = vec![Mention {
        span: Span::new(second.start as usize, second.start as usize + 5),
        kind: MentionKind::Name,
        actor: Some(ActorId(0)),
    }];
    d.quotes = vec![Quote {
        kind: QuoteKind::Direct,
        span: span_of(a.text, "No comment."),
        speaker: Some(ActorId(0)),
        speaker_mention: d.mentions.first().map(|m| m.span),
        cue: Some(Span::new(
            second.start as usize + 6,
            second.start as usize + 10,
        )),
    }];
    let id = s.put_batch(&[ArticleRecord::from_document(&d)]).unwrap()[0].id;
    let art = s.article(id).unwrap().unwrap();
    assert_eq!(art.document, newsgraph_core::json::to_json(&d));
    assert_eq!(art.document["quotes"][0]["cue"], "said");
    assert_eq!(art.document["quotes"][0]["text"], "No comment.");
    assert_eq!(art.document["actors"][0]["mentions"][0]["text"], "Kirby");
    assert_eq!(
        art.document["structure"]["datelines"][0]["place"]["text"],
        "John"
    );
}

/// Storing an article again changes no count, even when its actor without a country
/// has since been given one by another article and a namesake with another country
/// exists (the article keeps the actor it was linked to).
fn reingest_keeps_ambiguous_actors(s: &mut dyn Store) {
    let art = |url: &'static str, country: Option<&'static str>| Art {
        text: "Pat Kirby said \"No.\"",
        url: Some(url),
        date: "2024-03-05",
        actors: vec![("Pat Kirby", ActorKind::Person, country, vec![])],
        mentions: vec![("Pat Kirby", 0)],
        quotes: vec![("No.", Some(0))],
    };
    let (a, b, c) = (
        art("https://example.com/a", None),
        art("https://example.com/b", Some("GBR")),
        art("https://example.com/c", Some("USA")),
    );
    // Distinct texts: the same text would be one article.
    let mut records: Vec<ArticleRecord> = [&a, &b, &c].iter().map(|x| record(x)).collect();
    for (i, r) in records.iter_mut().enumerate() {
        r.hash = format!("{}{i}", r.hash);
    }
    for r in &records {
        s.put_batch(std::slice::from_ref(r)).unwrap();
    }
    let first = s.counts().unwrap();
    assert_eq!(first.actors, 2, "{first:?}");
    s.put_batch(&records[..1]).unwrap();
    assert_eq!(s.counts().unwrap(), first);
    s.put_batch(&records).unwrap();
    assert_eq!(s.counts().unwrap(), first);
}

type Case = fn(&mut dyn Store);
const CASES: &[(&str, Case)] = &[
    (
        "quotes_by_speaker_topic_and_date",
        quotes_by_speaker_topic_and_date,
    ),
    ("actors_merge_across_articles", actors_merge_across_articles),
    ("reingest_updates", reingest_updates),
    ("injection_is_text", injection_is_text),
    ("countries_keep_actors_apart", countries_keep_actors_apart),
    ("batch_is_atomic", batch_is_atomic),
    ("co_mentions_by_date", co_mentions_by_date),
    ("document_round_trips", document_round_trips),
    (
        "reingest_keeps_ambiguous_actors",
        reingest_keeps_ambiguous_actors,
    ),
];

fn temp_db(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(format!("{name}.db"));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
    }
    p
}

#[test]
fn sqlite_suite() {
    for (name, case) in CASES {
        eprintln!("sqlite: {name}");
        let path = temp_db(name);
        let mut s = SqliteStore::open(path.to_str().unwrap()).unwrap();
        case(&mut s);
        assert!(s.check().unwrap().is_empty(), "{name}");
    }
}

#[test]
fn postgres_suite() {
    let Ok(url) = std::env::var("NEWSGRAPH_TEST_POSTGRES") else {
        eprintln!("NEWSGRAPH_TEST_POSTGRES is not set: skipping the PostgreSQL suite");
        return;
    };
    for (name, case) in CASES {
        eprintln!("postgres: {name}");
        newsgraph_store::PgStore::reset_for_tests(&url).unwrap();
        let mut s = newsgraph_store::open(&url).unwrap();
        case(s.as_mut());
        assert!(s.check().unwrap().is_empty(), "{name}");
    }
}

#[test]
fn sqlite_schema_is_versioned() {
    let path = temp_db("version");
    let p = path.to_str().unwrap();
    let s = SqliteStore::open(p).unwrap();
    assert_eq!(s.schema_version().unwrap(), newsgraph_store::SCHEMA_VERSION);
    drop(s);
    // Reopening migrates nothing.
    let s = SqliteStore::open(p).unwrap();
    assert_eq!(s.schema_version().unwrap(), newsgraph_store::SCHEMA_VERSION);
    drop(s);
    let c = rusqlite_free_bump(p);
    assert!(c.is_err());
    let e = c.err().unwrap();
    assert_eq!(e.kind, newsgraph_store::ErrorKind::TooNew, "{e}");
}

/// A store written by a newer newsgraph is refused, not damaged.
fn rusqlite_free_bump(p: &str) -> Result<SqliteStore, newsgraph_store::Error> {
    rusqlite::Connection::open(p)
        .unwrap()
        .execute("INSERT INTO schema_version (version) VALUES (999)", [])
        .unwrap();
    SqliteStore::open(p)
}
