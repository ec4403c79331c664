//! Golden tests: real articles under tests/golden/<name>/input.txt, read by the default
//! pipeline and compared with expected.json. `UPDATE_GOLDEN=1 cargo test --test golden`
//! rewrites the expected files; review the diff before committing.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn read_golden(name: &str) -> Value {
    let input = golden_dir().join(name).join("input.txt");
    let text =
        std::fs::read_to_string(&input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    let mut doc = newsgraph_core::Document::new(text);
    doc.meta.id = "input.txt".into();
    doc.meta.source = format!("tests/golden/{name}/input.txt");
    newsgraph::pipeline().run(&mut doc);
    doc.validate()
        .expect("the pipeline leaves a valid document");
    newsgraph_core::json::to_json(&doc)
}

fn check_golden(name: &str) {
    let got = read_golden(name);
    let path = golden_dir().join(name).join("expected.json");
    let pretty = serde_json::to_string_pretty(&got).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &pretty).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if want != pretty {
        let diff: Vec<String> = want
            .lines()
            .zip(pretty.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(20)
            .map(|(i, (a, b))| format!("line {}:\n  - {a}\n  + {b}", i + 1))
            .collect();
        panic!(
            "{} differs from the pipeline's output ({} vs {} lines); first differences:\n{}\n\
             If the change is intended, run UPDATE_GOLDEN=1 cargo test --test golden and review the diff.",
            path.display(),
            want.lines().count(),
            pretty.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn golden_seed() {
    check_golden("seed");
}

fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_default()
}

/// The **must** rows of ../shared/seed/EXPECTED.md, asserted directly so that a golden file
/// rewritten by mistake cannot hide a regression.
#[test]
fn seed_must_rows() {
    let v = read_golden("seed");
    let text = str_of(&v, "text");
    // Every span in the output slices the text it claims.
    let check_span = |o: &Value| {
        if let (Some(s), Some(e), Some(t)) =
            (o["start"].as_u64(), o["end"].as_u64(), o["text"].as_str())
        {
            assert_eq!(&text[s as usize..e as usize], t);
        }
    };
    let st = &v["structure"];
    for b in st["body"].as_array().unwrap() {
        check_span(b);
        assert!(!str_of(b, "text").contains("Enlarge image"));
        assert!(!str_of(b, "text").contains("Jacquelyn Martin"));
        assert!(!str_of(b, "text").contains("lpz/dpa"));
        assert!(!str_of(b, "text").contains("Still behind Israel"));
    }
    assert_eq!(st["body"].as_array().unwrap().len(), 7);
    assert_eq!(str_of(&st["boilerplate"][0], "text"), "Enlarge image");
    assert_eq!(
        str_of(&st["captions"][0], "text"),
        "National Security Council Communications Director John Kirby in the White House: \"Still behind Israel\""
    );
    let credit = &st["credits"][0];
    assert_eq!(str_of(&credit["who"], "text"), "Jacquelyn Martin");
    assert_eq!(str_of(&credit["agency"], "text"), "AP");
    let sig = &st["signature"];
    assert_eq!(str_of(sig, "text"), "lpz/dpa");
    assert_eq!(str_of(&sig["who"], "text"), "lpz");
    assert_eq!(str_of(&sig["agency"], "text"), "dpa");

    let want = [
        ("direct", "Still behind Israel", Some(":")),
        ("direct", "I have to tell you...we're pretty perplexed", Some("said")),
        (
            "indirect",
            "the prime minister's office seemed to indicate through its public statements that the U.S. side had changed course toward Israel",
            Some("said"),
        ),
        ("direct", "We don't have that.", None),
        ("direct", "Of course we still support Israel", Some("emphasized")),
        ("direct", "Israel remains a close ally and a friend.", None),
        ("direct", "That doesn't mean we agree on everything, and my goodness, we don't.", Some("added")),
        ("indirect", "Biden and Netanyahu had not spoken to each other on Monday", Some("said")),
        (
            "mixed",
            "there were no signs \"that the Israelis are immediately preparing to conduct a ground operation in Rafah\" and that this could happen in the coming days",
            Some("said"),
        ),
        ("direct", "It seems that they are still a long way from entering Rafah.", None),
    ];
    let quotes = v["quotes"].as_array().unwrap();
    let got: Vec<(&str, &str, Option<&str>)> = quotes
        .iter()
        .map(|q| (str_of(q, "kind"), str_of(q, "text"), q["cue"].as_str()))
        .collect();
    assert_eq!(
        got,
        want.to_vec(),
        "the seed's ten quotations, and nothing else"
    );
    for q in quotes {
        assert_eq!(
            str_of(q, "speaker"),
            "John Kirby",
            "speaker of {}",
            q["text"]
        );
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], str_of(q, "text"));
        if let (Some(cs), Some(ce)) = (q["cue_start"].as_u64(), q["cue_end"].as_u64()) {
            assert_eq!(&text[cs as usize..ce as usize], str_of(q, "cue"));
        }
        let id = q["speaker_id"].as_u64().unwrap();
        assert_eq!(str_of(&v["actors"][id as usize], "name"), "John Kirby");
    }

    let actors = v["actors"].as_array().unwrap();
    let actor = |name: &str| {
        actors
            .iter()
            .find(|a| str_of(a, "name") == name)
            .unwrap_or_else(|| panic!("no actor {name}"))
    };
    for a in actors {
        for m in a["mentions"].as_array().unwrap() {
            check_span(m);
        }
    }
    let persons: Vec<&str> = actors
        .iter()
        .filter(|a| str_of(a, "kind") == "person")
        .map(|a| str_of(a, "name"))
        .collect();
    for p in [
        "John Kirby",
        "Benjamin Netanyahu",
        "Joe Biden",
        "Ron Dermer",
        "Tzachi Hanegbi",
        "Jacquelyn Martin",
    ] {
        assert!(persons.contains(&p), "person {p} missing from {persons:?}");
    }
    assert_eq!(persons.len(), 6, "no other persons: {persons:?}");
    let mentions = |name: &str| -> Vec<String> {
        actor(name)["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| str_of(m, "text").to_string())
            .collect()
    };
    let kirby = mentions("John Kirby");
    for m in ["John Kirby", "Kirby", "he"] {
        assert!(
            kirby.iter().any(|k| k == m),
            "Kirby's mentions {kirby:?} lack {m}"
        );
    }
    assert!(actor("John Kirby")["titles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t.as_str().unwrap().contains("Communications Director")));
    assert!(actor("Jacquelyn Martin")["titles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "photographer"));
    let us = mentions("United States");
    for m in ["USA", "US", "U.S.", "United States"] {
        assert!(
            us.iter().any(|k| k.contains(m)),
            "United States mentions {us:?} lack {m}"
        );
    }
    assert_eq!(str_of(actor("United States"), "kind"), "country");
    assert_eq!(str_of(actor("UN Security Council"), "kind"), "organization");
    assert!(mentions("UN Security Council")
        .iter()
        .any(|m| m.contains("World Security Council")));
}
