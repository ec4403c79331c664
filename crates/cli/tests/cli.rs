//! The `newsgraph` binary as a user runs it: real files in a temporary directory, stdout,
//! stderr and the exit code. Bad inputs must each be reported by name (and byte offset
//! where there is one) while the good article next to them is still read, and the run
//! must exit 1. Needs nothing outside the repository.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A made-up article with straight and curly quotes, a dateline and multi-byte characters,
/// so that byte offsets differ from char offsets.
const GOOD: &str = "Kirby: \u{201c}No plan for Gaza\u{201d}\n\n\
WASHINGTON (AP) -- White House spokesman John Kirby said on Tuesday that talks with \
Israel would go on. \u{201c}We don\u{2019}t have that,\u{201d} Kirby told reporters. \
\"It is not there yet,\" he added.\n\n\
Israeli Prime Minister Benjamin Netanyahu met Ron Dermer, Israel's strategic affairs \
minister, in J\u{e9}rusalem caf\u{e9}s.\n";

/// A directory under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "newsgraph-cli-{}-{}-{name}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, content).unwrap();
        p
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn newsgraph(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the newsgraph binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every line of stdout parsed as one JSON object (JSON Lines).
fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {l:.200}"));
            assert!(v.is_object(), "not an object: {l:.200}");
            v
        })
        .collect()
}

/// Checks every span in a document's JSON against its `text`: each object holding numeric
/// `start`/`end` and a string `text` (blocks, their parts, mentions, quotes, speaker
/// mentions), and each quote's `cue_start`/`cue_end`/`cue`. Returns how many it checked.
fn check_offsets(doc: &Value) -> usize {
    fn slice<'a>(text: &'a str, start: &Value, end: &Value, what: &Value) -> &'a str {
        let (a, b) = (
            start.as_u64().unwrap() as usize,
            end.as_u64().unwrap() as usize,
        );
        text.get(a..b)
            .unwrap_or_else(|| panic!("{a}..{b} is out of bounds or off a char boundary in {what}"))
    }
    fn walk(text: &str, v: &Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                if let (Some(a), Some(b), Some(Value::String(t))) =
                    (m.get("start"), m.get("end"), m.get("text"))
                {
                    if a.is_u64() && b.is_u64() {
                        assert_eq!(slice(text, a, b, v), t, "span text differs in {v}");
                        *n += 1;
                    }
                }
                if let (Some(a), Some(b), Some(Value::String(t))) =
                    (m.get("cue_start"), m.get("cue_end"), m.get("cue"))
                {
                    assert_eq!(slice(text, a, b, v), t, "cue text differs in {v}");
                    *n += 1;
                }
                for (k, x) in m {
                    if k != "text" {
                        walk(text, x, n);
                    }
                }
            }
            Value::Array(xs) => xs.iter().for_each(|x| walk(text, x, n)),
            _ => {}
        }
    }
    let text = doc["text"].as_str().expect("a `text` field");
    let mut n = 0;
    for layer in ["structure", "actors", "quotes"] {
        assert!(doc.get(layer).is_some(), "no `{layer}` in the JSON");
        walk(text, &doc[layer], &mut n);
    }
    n
}

/// Runs `read <bad> <good>` and checks: exit 1, a message naming the bad file (and
/// `needle`), the good article still on stdout as the only JSON line.
fn bad_next_to_good(bad: &Path, good: &Path, needle: &str) -> String {
    let o = newsgraph(&["read", s(bad), s(good)], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "exit code; stderr: {err}");
    let line = err
        .lines()
        .find(|l| l.contains(s(bad)))
        .unwrap_or_else(|| panic!("no message naming {}: {err}", bad.display()));
    assert!(line.contains(needle), "{line:?} lacks {needle:?}");
    assert!(!err.contains(s(good)), "the good file was reported: {err}");
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 1, "only the good article is output");
    assert_eq!(docs[0]["source"], s(good));
    assert_eq!(docs[0]["text"], GOOD);
    line.to_string()
}

#[test]
fn empty_file_is_reported_and_the_good_one_read() {
    let d = TempDir::new("empty");
    let good = d.file("good.txt", GOOD.as_bytes());
    bad_next_to_good(&d.file("empty.txt", b""), &good, "empty");
    bad_next_to_good(&d.file("blank.txt", b"  \n\n\t\n"), &good, "empty");
}

#[test]
fn binary_file_is_reported_with_the_offset_of_its_nul_byte() {
    let d = TempDir::new("binary");
    let good = d.file("good.txt", GOOD.as_bytes());
    let bad = d.file("photo.jpg.txt", b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01");
    // The NUL check comes before the UTF-8 check: offset 4 is the first NUL.
    bad_next_to_good(&bad, &good, "(byte 4)");
    let bad = d.file("zip.txt", b"PK\x03\x04\x14\0\0\0");
    let line = bad_next_to_good(&bad, &good, "(byte 5)");
    assert!(line.contains("binary"), "{line}");
}

#[test]
fn invalid_utf8_is_reported_with_the_offset_of_the_first_bad_byte() {
    let d = TempDir::new("utf8");
    let good = d.file("good.txt", GOOD.as_bytes());
    let bad = d.file("latin1.txt", b"Le caf\xe9 est ferm\xe9.\n");
    let line = bad_next_to_good(&bad, &good, "(byte 6)");
    assert!(line.contains("UTF-8"), "{line}");
    // A truncated multi-byte character at the very end.
    let bad = d.file("cut.txt", "Caf\u{e9}".as_bytes().split_last().unwrap().1);
    bad_next_to_good(&bad, &good, "(byte 3)");
}

#[test]
fn fifty_megabyte_single_line_is_refused_before_it_is_read() {
    let d = TempDir::new("huge");
    let good = d.file("good.txt", GOOD.as_bytes());
    let bad = d.file("huge.txt", &vec![b'a'; 50 << 20]);
    // The size comes from the file's metadata (inputs::load), so the message gives the
    // file's exact size and the 50 MB are never read into memory.
    let line = bad_next_to_good(&bad, &good, "52428800 bytes");
    assert!(line.contains("limit"), "{line}");
}

#[test]
fn nonexistent_path_is_reported_and_the_good_one_read() {
    let d = TempDir::new("missing");
    let good = d.file("good.txt", GOOD.as_bytes());
    bad_next_to_good(&d.path("no-such-article.txt"), &good, "no such file");
}

#[test]
fn every_bad_input_at_once_is_reported_and_counted() {
    let d = TempDir::new("all");
    let good = d.file("good.txt", GOOD.as_bytes());
    let bad = [
        d.file("empty.txt", b""),
        d.file("bin.txt", b"ab\0cd"),
        d.file("latin1.txt", b"caf\xe9"),
        d.path("missing.txt"),
    ];
    let mut args = vec!["read", "--format", "jsonl"];
    args.extend(bad.iter().map(|p| s(p)));
    args.push(s(&good));
    let o = newsgraph(&args, None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for b in &bad {
        assert!(err.contains(s(b)), "{} not named: {err}", b.display());
    }
    assert!(err.contains("4 of 5"), "no count of failed inputs: {err}");
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"], s(&good));
}

#[test]
fn single_file_gives_one_pretty_object_whose_offsets_slice_its_text() {
    let d = TempDir::new("single");
    let good = d.file("kirby.txt", GOOD.as_bytes());
    let o = newsgraph(&["read", "--format", "json", s(&good)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.lines().count() > 1, "not pretty-printed: {out:.200}");
    let doc: Value = serde_json::from_str(&out).expect("stdout is one JSON value");
    assert!(doc.is_object());
    assert_eq!(doc["text"], GOOD);
    assert_eq!(doc["source"], s(&good));
    assert_eq!(doc["id"], "kirby.txt");
    for field in [
        "title",
        "body",
        "captions",
        "credits",
        "signature",
        "boilerplate",
    ] {
        assert!(
            doc["structure"].get(field).is_some(),
            "structure.{field} missing"
        );
    }
    // At least the body paragraphs have spans, so the check cannot pass on nothing.
    assert!(check_offsets(&doc) > 0, "no span to check");
    // The default format is json too.
    let o2 = newsgraph(&["read", s(&good)], None);
    assert_eq!(stdout(&o2), out);
}

#[test]
fn offset_check_catches_a_wrong_span() {
    // The checker itself: a span off by one, and one inside a multi-byte character.
    let ok: Value = serde_json::json!({"text": "caf\u{e9} ok", "structure": {"body": [
        {"start": 0, "end": 5, "text": "caf\u{e9}"}]}, "actors": [], "quotes": [
        {"start": 6, "end": 8, "text": "ok", "cue": null, "cue_start": null, "cue_end": null}]});
    assert_eq!(check_offsets(&ok), 2);
    let mut bad = ok.clone();
    bad["structure"]["body"][0]["end"] = 4.into();
    assert!(std::panic::catch_unwind(|| check_offsets(&bad)).is_err());
    let mut bad = ok.clone();
    bad["quotes"][0]["start"] = 5.into();
    assert!(std::panic::catch_unwind(|| check_offsets(&bad)).is_err());
}

#[test]
fn stdin_is_read_with_a_dash() {
    let o = newsgraph(&["read", "-"], Some(GOOD.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["text"], GOOD);
    assert_eq!(doc["source"], "-");
    check_offsets(&doc);
    // Bad bytes on stdin are reported as "-", with the offset.
    let o = newsgraph(&["read", "-"], Some(b"caf\xe9"));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("- (byte 3)"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn directory_is_walked_recursively_for_txt_files_in_order() {
    let d = TempDir::new("dir");
    let b = d.file("articles/b.txt", GOOD.as_bytes());
    let a = d.file(
        "articles/2023/a.txt",
        "Short article. \"Yes,\" she said.\n".as_bytes(),
    );
    d.file("articles/notes.md", b"# not an article");
    d.file("articles/image.png", b"\x89PNG\0\0");
    let o = newsgraph(&["read", s(&d.path("articles"))], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json_lines(&o);
    let sources: Vec<&str> = docs.iter().map(|v| v["source"].as_str().unwrap()).collect();
    assert_eq!(sources, [s(&a), s(&b)]);
    for doc in &docs {
        check_offsets(doc);
    }
}

#[test]
fn jsonl_gives_one_valid_object_per_line() {
    let d = TempDir::new("jsonl");
    let one = d.file("one.txt", GOOD.as_bytes());
    let two = d.file(
        "two.txt",
        "Der Minister sagte: \u{201e}Wir kommen.\u{201c}\n".as_bytes(),
    );
    let o = newsgraph(&["read", "--format", "jsonl", s(&one)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json_lines(&o).len(), 1, "one article, one line");
    let o = newsgraph(&["read", "--format", "jsonl", s(&one), s(&two)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 2);
    for (doc, p) in docs.iter().zip([&one, &two]) {
        assert_eq!(doc["source"], s(p));
        assert_eq!(
            doc["text"].as_str().unwrap(),
            std::fs::read_to_string(p).unwrap()
        );
        check_offsets(doc);
    }
    // Several articles in the default json format are JSON Lines too.
    let o2 = newsgraph(&["read", s(&one), s(&two)], None);
    assert_eq!(stdout(&o2), stdout(&o));
}

#[test]
fn text_format_prints_a_listing_not_json() {
    let d = TempDir::new("text");
    let good = d.file("good.txt", GOOD.as_bytes());
    let o = newsgraph(&["read", "--format", "text", s(&good)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.trim().is_empty());
    assert!(
        serde_json::from_str::<Value>(&out).is_err(),
        "text looks like JSON"
    );
    assert!(
        out.contains("good.txt"),
        "the listing names the article: {out}"
    );
}

#[test]
fn bench_measures_given_files_and_fails_on_an_empty_run() {
    let d = TempDir::new("bench");
    d.file("in/good.txt", GOOD.as_bytes());
    let o = newsgraph(
        &[
            "bench",
            "--no-naeb",
            "--input",
            s(&d.path("in")),
            "--seconds",
            "0",
            "--json",
        ],
        None,
    );
    let r: Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("bench --json: {e}; stderr: {}", stderr(&o)));
    assert_eq!(r["docs"], 1);
    assert_eq!(r["bytes"], GOOD.len());
    assert_eq!(r["words"], GOOD.split_whitespace().count());
    assert_eq!(r["threads"], 1);
    assert!(r["mb_per_s"].as_f64().unwrap() > 0.0);
    assert!(!r["stages"].as_array().unwrap().is_empty());
    // It must not report the speed of a run that found nothing as a success.
    let found = r["quotes"].as_u64().unwrap();
    assert_eq!(o.status.success(), found > 0, "{}", stderr(&o));
}
