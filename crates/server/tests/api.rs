//! The HTTP API over a real socket: reads, writes with and without the token, malformed
//! and oversized bodies, SQL-injection attempts in every parameter, and the OpenAPI
//! description against the routes.

use newsgraph_server::API_ROUTES;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;

mod common;
use common::{record_with, seed_record, start, start_with, Server, TOKEN};

struct Resp {
    status: u16,
    headers: String,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }
    fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }
}

fn request(s: &Server, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut c = TcpStream::connect(s.addr).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    c.write_all(head.as_bytes()).unwrap();
    // The server may answer (413, 401) before reading the whole body and close.
    let _ = c.write_all(body);
    let mut raw = Vec::new();
    let _ = c.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).to_string();
    let (h, b) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = h
        .split(' ')
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    let body = if h
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(b)
    } else {
        b.to_string()
    };
    Resp {
        status,
        headers: h.to_string(),
        body,
    }
}

fn dechunk(mut b: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = b.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        b = &rest[n + 2..];
    }
    out
}

fn get(s: &Server, path: &str) -> Resp {
    request(s, "GET", path, &[], b"")
}

fn post(s: &Server, token: Option<&str>, ctype: &str, body: &[u8]) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut h = vec![("Content-Type", ctype)];
    if let Some(a) = &auth {
        h.push(("Authorization", a.as_str()));
    }
    request(s, "POST", "/api/articles", &h, body)
}

#[test]
fn reads() {
    let s = start(Some(TOKEN));
    let r = get(&s, "/api/quotes?speaker=kirby&about=rafah&since=2024-03-01");
    assert_eq!(r.status, 200, "{}", r.body);
    let j = r.json();
    assert_eq!(j["items"].as_array().unwrap().len(), 1);
    assert_eq!(j["items"][0]["speaker"], "John Kirby");
    assert_eq!(j["next_offset"], Value::Null);
    let actor = j["items"][0]["speaker_id"].as_i64().unwrap();
    let a = get(&s, &format!("/api/actors/{actor}")).json();
    assert_eq!(a["name"], "John Kirby");
    assert_eq!(a["quotes"], 1);
    // One dated article: auto buckets by day; by month on request.
    let tl = get(&s, &format!("/api/actors/{actor}/timeline")).json();
    assert_eq!(tl["by"], "day");
    assert_eq!(tl["points"][0]["period"], "2024-03-05");
    assert_eq!(tl["points"][0]["quotes"], 1);
    let tl = get(&s, &format!("/api/actors/{actor}/timeline?by=month")).json();
    assert_eq!(tl["points"][0]["period"], "2024-03");
    assert_eq!(tl["points"][0]["end"], "2024-03-31");
    let art = get(&s, "/api/articles/1").json();
    assert_eq!(art["quote_speakers"][0], actor);
    assert!(art["document"]["text"]
        .as_str()
        .unwrap()
        .contains("<script>"));
    assert_eq!(get(&s, "/api/articles").json()["items"][0]["id"], 1);
    assert_eq!(
        get(&s, "/api/actors?search=Kirby").json()["items"][0]["id"],
        actor
    );
    assert_eq!(get(&s, "/api/stats").json()["articles"], 1);
    // Pagination: one row per page.
    let p = get(&s, "/api/actors?limit=1").json();
    assert_eq!(p["items"].as_array().unwrap().len(), 1);
    // Errors are JSON with stable codes.
    let r = get(&s, "/api/articles/99");
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
    let r = get(&s, "/api/articles/abc");
    assert_eq!((r.status, r.code().as_str()), (400, "bad_parameter"));
    let r = get(&s, "/api/quotes?limit=100000");
    assert_eq!((r.status, r.code().as_str()), (400, "bad_parameter"));
    let r = get(&s, "/api/quotes?nonsense=1");
    assert_eq!((r.status, r.code().as_str()), (400, "bad_parameter"));
    let r = get(&s, "/api/nothing");
    assert_eq!((r.status, r.code().as_str()), (404, "no_route"));
    let r = request(&s, "DELETE", "/api/articles/1", &[], b"");
    assert_eq!((r.status, r.code().as_str()), (405, "method_not_allowed"));
    let r = get(&s, "/api/actors/1/timeline?by=year");
    assert_eq!((r.status, r.code().as_str()), (400, "bad_parameter"));
}

#[test]
fn co_mention_timeline() {
    let s = start_with(
        None,
        vec![
            seed_record(),
            record_with(
                "John Kirby met Benjamin Netanyahu.",
                "https://example.com/a",
                "2024-03-05",
                &["John Kirby", "Benjamin Netanyahu"],
            ),
            record_with(
                "Benjamin Netanyahu called John Kirby.",
                "https://example.com/b",
                "2024-03-20",
                &["John Kirby", "Benjamin Netanyahu"],
            ),
            record_with(
                "Benjamin Netanyahu thanked Sara Netanyahu.",
                "https://example.com/c",
                "2024-04-01",
                &["Benjamin Netanyahu", "Sara Netanyahu"],
            ),
        ],
    );
    let id = |name: &str| -> i64 {
        let j = get(&s, &format!("/api/actors?search={}", enc(name))).json();
        j["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap_or_else(|| panic!("no actor {name}"))["id"]
            .as_i64()
            .unwrap()
    };
    let (kirby, bibi, sara) = (
        id("John Kirby"),
        id("Benjamin Netanyahu"),
        id("Sara Netanyahu"),
    );
    // Who appears with Kirby, paginated.
    let co = get(&s, &format!("/api/actors/{kirby}/co-actors")).json();
    assert_eq!(co["items"].as_array().unwrap().len(), 1, "{co}");
    assert_eq!(co["items"][0]["id"], bibi);
    assert_eq!(co["items"][0]["articles"], 2);
    let co = get(&s, &format!("/api/actors/{bibi}/co-actors?limit=1")).json();
    assert_eq!(
        co["items"][0]["id"], kirby,
        "two shared articles before one"
    );
    assert_eq!(co["next_offset"], 1);
    let co = get(
        &s,
        &format!("/api/actors/{bibi}/co-actors?limit=1&offset=1"),
    )
    .json();
    assert_eq!(co["items"][0]["id"], sara);

    // One actor's timeline fills the weeks between its dated articles with zeros.
    let j = get(&s, &format!("/api/actors/{bibi}/timeline?by=week")).json();
    let weeks: Vec<(&str, i64)> = j["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap(),
                p["mentions"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        weeks,
        [
            ("2024-03-04", 1),
            ("2024-03-11", 0),
            ("2024-03-18", 1),
            ("2024-03-25", 0),
            ("2024-04-01", 1)
        ]
    );
    let j = get(&s, &format!("/api/actors/{bibi}/timeline")).json();
    assert_eq!(
        (j["by"].as_str(), j["points"].as_array().unwrap().len()),
        (Some("day"), 28)
    );

    let tl = |q: &str| get(&s, &format!("/api/actors/{kirby}/co-mentions/{bibi}{q}"));
    let points = |j: &Value| -> Vec<(String, i64)> {
        j["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["period"].as_str().unwrap().to_string(),
                    p["articles"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    // 16 days: by day, every day present.
    let j = tl("").json();
    assert_eq!(
        (j["by"].as_str(), j["articles"].as_i64()),
        (Some("day"), Some(2))
    );
    assert_eq!(
        (j["actor_name"].as_str(), j["other_name"].as_str()),
        (Some("John Kirby"), Some("Benjamin Netanyahu"))
    );
    let p = points(&j);
    assert_eq!(p.len(), 16);
    assert_eq!(p[0], ("2024-03-05".to_string(), 1));
    assert_eq!(p[1], ("2024-03-06".to_string(), 0));
    assert_eq!(p[15], ("2024-03-20".to_string(), 1));
    // Weeks start on Monday (2024-03-04).
    assert_eq!(
        points(&tl("?by=week").json()),
        [
            ("2024-03-04".to_string(), 1),
            ("2024-03-11".to_string(), 0),
            ("2024-03-18".to_string(), 1)
        ]
    );
    assert_eq!(
        points(&tl("?by=month").json()),
        [("2024-03".to_string(), 2)]
    );
    // The other way round gives the same counts.
    let j = get(
        &s,
        &format!("/api/actors/{bibi}/co-mentions/{kirby}?by=month"),
    )
    .json();
    assert_eq!(points(&j), [("2024-03".to_string(), 2)]);
    // A range: every bucket of it, zero where no article.
    let j = tl("?since=2024-03-10&until=2024-04-30&by=week").json();
    assert_eq!(j["articles"], 1);
    assert_eq!(points(&j).len(), 9, "weeks of 03-04 .. 04-29");
    assert_eq!(points(&j)[0], ("2024-03-04".to_string(), 0));
    // A long range picks a coarser bucket by itself.
    let j = tl("?since=2020-01-01&until=2024-12-31").json();
    assert_eq!((j["by"].as_str(), points(&j).len()), (Some("month"), 60));
    // Each point knows its days.
    let j = tl("?by=month").json();
    assert_eq!(
        (
            j["points"][0]["start"].as_str(),
            j["points"][0]["end"].as_str()
        ),
        (Some("2024-03-01"), Some("2024-03-31"))
    );
    // The articles behind the bars, newest first, paginated and by range.
    let arts = |q: &str| {
        get(
            &s,
            &format!("/api/actors/{kirby}/co-mentions/{bibi}/articles{q}"),
        )
    };
    let urls = |j: &Value| -> Vec<String> {
        j["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["url"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        urls(&arts("").json()),
        ["https://example.com/b", "https://example.com/a"]
    );
    let j = arts("?limit=1").json();
    assert_eq!((urls(&j).len(), j["next_offset"].as_i64()), (1, Some(1)));
    assert_eq!(
        urls(&arts("?since=2024-03-01&until=2024-03-10").json()),
        ["https://example.com/a"]
    );
    for (q, status, code) in [
        ("?since=2024-02-30", 400, "bad_parameter"),
        ("?limit=0", 400, "bad_parameter"),
        ("?by=day", 400, "bad_parameter"),
    ] {
        let r = arts(q);
        assert_eq!(
            (r.status, r.code().as_str()),
            (status, code),
            "{q}: {}",
            r.body
        );
    }
    let r = get(&s, &format!("/api/actors/{kirby}/co-mentions/999/articles"));
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
    // Never together: no point.
    let j = get(&s, &format!("/api/actors/{kirby}/co-mentions/{sara}")).json();
    assert_eq!((j["articles"].as_i64(), points(&j).len()), (Some(0), 0));

    // Errors: JSON with stable codes.
    for (q, status, code) in [
        ("?by=year", 400, "bad_parameter"),
        ("?since=2024-02-30", 400, "bad_parameter"),
        ("?since=2024-03-10&until=2024-03-01", 400, "bad_parameter"),
        ("?by=day&since=1900-01-01", 400, "bad_parameter"),
        ("?color=red", 400, "bad_parameter"),
    ] {
        let r = tl(q);
        assert_eq!(
            (r.status, r.code().as_str()),
            (status, code),
            "{q}: {}",
            r.body
        );
    }
    for path in [
        format!("/api/actors/{kirby}/co-mentions/{kirby}"),
        format!("/api/actors/{kirby}/co-mentions/x"),
    ] {
        let r = get(&s, &path);
        assert_eq!(
            (r.status, r.code().as_str()),
            (400, "bad_parameter"),
            "{path}"
        );
    }
    for path in [
        format!("/api/actors/{kirby}/co-mentions/999"),
        format!("/api/actors/999/co-mentions/{kirby}"),
        "/api/actors/999/co-actors".to_string(),
    ] {
        let r = get(&s, &path);
        assert_eq!((r.status, r.code().as_str()), (404, "not_found"), "{path}");
    }
}

#[test]
fn writes_need_the_token() {
    let s = start(Some(TOKEN));
    let body = br#"{"text": "Jane Doe said the port reopened.", "url": "https://example.com/new", "date": "2024-03-06"}"#;
    let r = post(&s, None, "application/json", body);
    assert_eq!((r.status, r.code().as_str()), (401, "missing_token"));
    assert!(r
        .headers
        .to_ascii_lowercase()
        .contains("www-authenticate: bearer"));
    let r = post(&s, Some("wrong"), "application/json", body);
    assert_eq!((r.status, r.code().as_str()), (401, "bad_token"));
    assert_eq!(
        get(&s, "/api/stats").json()["articles"],
        1,
        "nothing stored"
    );
    let r = post(&s, Some(TOKEN), "application/json", body);
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    // The same URL again: replaced, not duplicated.
    let r = post(&s, Some(TOKEN), "application/json", body);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["id"], id);
    assert_eq!(get(&s, "/api/stats").json()["articles"], 2);

    // A server without a token refuses every write.
    let closed = start(None);
    let r = post(&closed, Some(TOKEN), "application/json", body);
    assert_eq!((r.status, r.code().as_str()), (401, "writes_disabled"));
}

#[test]
fn bad_bodies() {
    let s = start(Some(TOKEN));
    for (body, code) in [
        (&b"{\"text\": "[..], "invalid_json"),
        (&b"not json at all"[..], "invalid_json"),
        (&b"[1, 2, 3]"[..], "invalid_json"),
        (&b"{\"txt\": \"typo\"}"[..], "invalid_json"),
        (&b"{\"text\": 5}"[..], "invalid_json"),
        (&b"\xff\xfe{\"text\": \"x\"}"[..], "invalid_json"),
    ] {
        let r = post(&s, Some(TOKEN), "application/json", body);
        assert_eq!(
            (r.status, r.code()),
            (400, code.to_string()),
            "{:?}",
            String::from_utf8_lossy(body)
        );
    }
    let r = post(&s, Some(TOKEN), "text/plain", b"{\"text\": \"x\"}");
    assert_eq!(
        (r.status, r.code().as_str()),
        (415, "unsupported_media_type")
    );
    let r = post(&s, Some(TOKEN), "application/json", br#"{"text": "   "}"#);
    assert_eq!((r.status, r.code().as_str()), (422, "empty_article"));
    let r = post(
        &s,
        Some(TOKEN),
        "application/json",
        br#"{"text": "x", "date": "yesterday"}"#,
    );
    assert_eq!((r.status, r.code().as_str()), (422, "bad_date"));
    let r = post(
        &s,
        Some(TOKEN),
        "application/json",
        b"{\"text\": \"a\\u0000b\"}",
    );
    assert_eq!((r.status, r.code().as_str()), (422, "unreadable_article"));
    // Oversized: refused before storing anything.
    let big = format!("{{\"text\": \"{}\"}}", "a".repeat(200 * 1024));
    let r = post(&s, Some(TOKEN), "application/json", big.as_bytes());
    assert_eq!((r.status, r.code().as_str()), (413, "payload_too_large"));
    assert_eq!(get(&s, "/api/stats").json()["articles"], 1);
    // The server still answers.
    assert_eq!(get(&s, "/api/stats").status, 200);
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn injection_attempts_are_text() {
    let s = start(Some(TOKEN));
    let evil = [
        "'; DROP TABLE quotes; --",
        "1 OR 1=1",
        "kirby' OR '1'='1",
        "\" OR \"\"=\"",
        "%",
        "_",
        "Rafah\" OR \"x",
        "NEAR(Rafah concerned)",
        "1; DELETE FROM articles",
        "') UNION SELECT name, sql FROM sqlite_master --",
    ];
    for e in evil {
        let e = enc(e);
        for (path, param) in [
            ("/api/quotes", "speaker"),
            ("/api/quotes", "about"),
            ("/api/quotes", "since"),
            ("/api/quotes", "until"),
            ("/api/quotes", "actor"),
            ("/api/quotes", "article"),
            ("/api/quotes", "limit"),
            ("/api/quotes", "offset"),
            ("/api/actors", "search"),
            ("/api/actors", "limit"),
            ("/api/articles", "offset"),
        ] {
            let r = get(&s, &format!("{path}?{param}={e}"));
            assert!(
                r.status == 200 || r.status == 400,
                "{path}?{param}={e}: {} {}",
                r.status,
                r.body
            );
            if r.status == 200 {
                // Matched as text: nothing, or at most the one real quotation for `about`.
                assert!(
                    r.json()["items"].as_array().unwrap().len() <= 1,
                    "{path}?{param}={e}: {}",
                    r.body
                );
            } else {
                assert!(!r.code().is_empty());
            }
        }
        for q in [
            format!("/api/actors/1/co-actors?limit={e}"),
            format!("/api/actors/1/co-actors?offset={e}"),
            format!("/api/actors/1/co-mentions/2?by={e}"),
            format!("/api/actors/1/co-mentions/2?since={e}"),
            format!("/api/actors/1/co-mentions/2?until={e}"),
            format!("/api/actors/1/co-mentions/{e}"),
            format!("/api/actors/{e}/co-mentions/1"),
            format!("/api/actors/{e}/co-actors"),
            format!("/api/actors/1/co-mentions/2/articles?since={e}"),
            format!("/api/actors/1/co-mentions/2/articles?until={e}"),
            format!("/api/actors/1/co-mentions/2/articles?limit={e}"),
            format!("/api/actors/1/co-mentions/{e}/articles"),
        ] {
            let r = get(&s, &q);
            assert!(
                matches!(r.status, 400 | 404) && !r.code().is_empty(),
                "{q}: {} {}",
                r.status,
                r.body
            );
        }
        for path in ["/api/articles/", "/api/actors/"] {
            let r = get(&s, &format!("{path}{e}"));
            assert!(
                r.status == 400 || r.status == 404,
                "{path}{e}: {}",
                r.status
            );
        }
    }
    let st = get(&s, "/api/stats").json();
    assert_eq!(
        (st["articles"].as_i64(), st["quotes"].as_i64()),
        (Some(1), Some(1))
    );
}

#[test]
fn openapi_describes_every_route() {
    let s = start(Some(TOKEN));
    let doc = get(&s, "/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for (m, p) in API_ROUTES {
        assert!(
            paths.get(*p).and_then(|x| x.get(*m)).is_some(),
            "{m} {p} is not described"
        );
    }
    let mut described = 0;
    for (p, ops) in paths {
        for (m, op) in ops.as_object().unwrap() {
            described += 1;
            assert!(
                API_ROUTES.contains(&(m.as_str(), p.as_str())),
                "{m} {p} is described but not served"
            );
            assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()));
            // Each described path answers with something other than `no_route`.
            let concrete = p.replace("{id}", "1").replace("{other}", "2");
            let r = request(
                &s,
                &m.to_uppercase(),
                &concrete,
                &[("Content-Type", "application/json")],
                b"{}",
            );
            assert!(r.status != 404 || r.code() != "no_route", "{m} {p}");
        }
    }
    assert_eq!(described, API_ROUTES.len());
}

#[test]
fn page_and_assets() {
    let s = start(Some(TOKEN));
    let r = get(&s, "/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<title>newsgraph</title>"));
    assert!(r
        .headers
        .to_ascii_lowercase()
        .contains("content-security-policy"));
    for p in ["/static/app.js", "/static/app.css", "/static/chart.umd.js"] {
        assert_eq!(get(&s, p).status, 200, "{p}");
    }
    // The page puts article text into the DOM only as text.
    let js = get(&s, "/static/app.js").body;
    assert!(
        !js.contains("innerHTML")
            && !js.contains("insertAdjacentHTML")
            && !js.contains("document.write")
    );
}
