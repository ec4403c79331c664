//! `newsgraph ingest` / `quotes` / `actors` / `article` end to end, and crash safety: a
//! SIGKILLed ingest leaves a consistent store, and rerunning it stores every article once.

use newsgraph_store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles/kirby-israel.txt")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-cli-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "newsgraph {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn counts(db: &Path) -> newsgraph_store::Counts {
    SqliteStore::open(db.to_str().unwrap())
        .unwrap()
        .counts()
        .unwrap()
}

#[test]
fn ingest_then_ask() {
    let dir = temp_dir("ask");
    let db = dir.join("news.db");
    let db = db.to_str().unwrap();
    let seed = seed();
    let seed = seed.to_str().unwrap();
    run(&["ingest", "--db", db, "--date", "2024-03-05", seed]);
    let first = counts(Path::new(db));
    assert_eq!(first.articles, 1);
    // Twice: the same article is updated, not duplicated.
    run(&["ingest", "--db", db, "--date", "2024-03-05", seed]);
    assert_eq!(counts(Path::new(db)), first);

    let json = run(&[
        "quotes",
        "--db",
        db,
        "--speaker",
        "Kirby",
        "--format",
        "json",
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 10, "the seed's ten quotations");
    assert!(rows
        .iter()
        .all(|r| r["speaker"] == "John Kirby" && r["article_id"] == 1));

    let json = run(&[
        "quotes",
        "--db",
        db,
        "--speaker",
        "Kirby",
        "--about",
        "Rafah",
        "--since",
        "2024-03-01",
        "--format",
        "json",
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r["text"].as_str().unwrap().contains("Rafah")));
    let json = run(&[
        "quotes",
        "--db",
        db,
        "--speaker",
        "Kirby",
        "--since",
        "2024-04-01",
        "--format",
        "json",
    ]);
    assert_eq!(json.trim(), "[]");

    let csv = run(&[
        "quotes",
        "--db",
        db,
        "--speaker",
        "Kirby",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.lines().count(), 11, "{csv}");
    assert!(csv.starts_with("id,article,date,speaker,"));

    let table = run(&["actors", "--db", db, "--search", "Netanyahu"]);
    assert!(table.contains("Benjamin Netanyahu"), "{table}");
    let json = run(&[
        "actors", "--db", db, "--search", "kirby", "--format", "json",
    ]);
    let actors: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(actors[0]["name"], "John Kirby");
    assert_eq!(actors[0]["quotes"], 10);
    assert_eq!(actors[0]["first_seen"], "2024-03-05");
    assert!(!actors[0]["titles"].as_array().unwrap().is_empty());

    let text = run(&["article", "--db", db, "1"]);
    assert!(text.contains("Who said what (10 quotations)"), "{text}");
    let json = run(&["article", "--db", db, "1", "--format", "json"]);
    let art: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(art["document"]["quotes"].as_array().unwrap().len(), 10);
    // The store keeps the document without the text of its spans and puts them back: what
    // it returns is what `read` prints.
    let read: serde_json::Value =
        serde_json::from_str(&run(&["read", "--date", "2024-03-05", seed])).unwrap();
    assert_eq!(art["document"], read);
    let missing = Command::new(BIN)
        .args(["article", "--db", db, "99"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

/// Kill `newsgraph ingest` with SIGKILL while it stores, rerun it: every article once, and
/// SQLite's integrity check passes.
#[test]
fn sigkill_mid_ingest_then_rerun() {
    // A small input can be stored completely between the test's last look at the store and
    // the kill; then the run did not test a kill mid-run, so try again with more articles.
    for n in [200, 1000, 4000] {
        if sigkill_attempt(n) {
            return;
        }
    }
    panic!("ingest always finished before it could be killed");
}

/// One crash-and-rerun round over `n` articles; false when ingest had stored them all before
/// it was killed (nothing was tested), true when the kill hit mid-run and every check passed.
fn sigkill_attempt(n: i64) -> bool {
    let dir = temp_dir(&format!("crash{n}"));
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    for i in 0..n {
        // Distinct texts (distinct content hashes), each a full article.
        std::fs::write(
            inputs.join(format!("a{i:04}.txt")),
            format!("Report number {i} of the day.\n\n{seed_text}"),
        )
        .unwrap();
    }
    let db = dir.join("news.db");
    let args = [
        "ingest",
        "--quiet",
        "--batch",
        "4",
        "--db",
        db.to_str().unwrap(),
        inputs.to_str().unwrap(),
    ];
    let mut child = Command::new(BIN)
        .args(args)
        .env("RAYON_NUM_THREADS", "1")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill.
    let t = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(5));
        if db.exists() {
            if let Ok(mut s) = SqliteStore::open(db.to_str().unwrap()) {
                if s.counts().map(|c| c.articles >= 8).unwrap_or(false) {
                    break;
                }
            }
        }
        assert!(
            t.elapsed() < Duration::from_secs(120),
            "ingest stored nothing"
        );
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let mut s = SqliteStore::open(db.to_str().unwrap()).unwrap();
    let partial = s.counts().unwrap();
    assert!(s.check().unwrap().is_empty(), "{:?}", s.check());
    if partial.articles >= n {
        return false;
    }
    assert!(partial.articles >= 8, "{partial:?}");
    drop(s);

    run(&args);
    let mut s = SqliteStore::open(db.to_str().unwrap()).unwrap();
    let full = s.counts().unwrap();
    assert_eq!(full.articles, n);
    assert!(s.check().unwrap().is_empty(), "{:?}", s.check());
    // Every article exactly once, each with all of its quotations.
    let per = full.quotes / n;
    assert_eq!(full.quotes, per * n);
    assert_eq!(s.articles(0, 0).unwrap().len() as i64, n);
    drop(s);
    run(&args);
    assert_eq!(counts(&db), full, "a third run changes nothing");
    true
}

/// Two workers share one PostgreSQL store through the job table: every article once, both
/// did part of the work; a worker killed mid-run leaves its jobs to the other. Runs when
/// NEWSGRAPH_TEST_POSTGRES names a database the test may empty.
#[test]
fn postgres_two_workers_share_the_jobs() {
    let Ok(url) = std::env::var("NEWSGRAPH_TEST_POSTGRES") else {
        eprintln!("NEWSGRAPH_TEST_POSTGRES is not set: skipping the two-worker test");
        return;
    };
    let dir = temp_dir("workers");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let n = 80i64;
    for i in 0..n {
        std::fs::write(
            inputs.join(format!("a{i:03}.txt")),
            format!("Report number {i} of the day.\n\n{seed_text}"),
        )
        .unwrap();
    }
    let args = |claim: &str| -> Vec<String> {
        [
            "ingest",
            "--db",
            &url,
            "--claim",
            claim,
            inputs.to_str().unwrap(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let pg_counts = || newsgraph_store::open(&url).unwrap().counts().unwrap();

    // Both run to the end.
    newsgraph_store::PgStore::reset_for_tests(&url).unwrap();
    let a = Command::new(BIN)
        .args(args("2"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let b = Command::new(BIN)
        .args(args("2"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success());
    let c = pg_counts();
    assert_eq!(c.articles, n);
    let mut s = newsgraph_store::open(&url).unwrap();
    assert!(s.check().unwrap().is_empty(), "{:?}", s.check());
    let mut jobs = newsgraph_store::JobQueue::open(&url, "test").unwrap();
    let (states, workers) = jobs.summary().unwrap();
    assert_eq!(states, [("done".to_string(), n)]);
    assert_eq!(
        workers.len(),
        2,
        "both workers did part of the work: {workers:?}"
    );
    assert!(workers.iter().all(|(_, k)| *k > 0));

    // One is killed mid-run; the other takes over its jobs.
    newsgraph_store::PgStore::reset_for_tests(&url).unwrap();
    let mut a = Command::new(BIN)
        .args(args("2"))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while pg_counts().articles < 6 {
        std::thread::sleep(Duration::from_millis(20));
        assert!(
            t.elapsed() < Duration::from_secs(120),
            "worker a stored nothing"
        );
    }
    let b = Command::new(BIN)
        .args(args("2"))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    a.kill().unwrap();
    a.wait().unwrap();
    let b = b.wait_with_output().unwrap();
    assert!(b.status.success());
    let c = pg_counts();
    assert_eq!(c.articles, n, "every article stored once");
    let (states, _) = jobs.summary().unwrap();
    assert_eq!(states, [("done".to_string(), n)]);
    let mut s = newsgraph_store::open(&url).unwrap();
    assert!(s.check().unwrap().is_empty(), "{:?}", s.check());
}
