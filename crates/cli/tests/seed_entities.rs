//! Issue 3's acceptance on the seed article, through `newsgraph read` (the default pipeline
//! with the learned tagger): who is a person, a place, an organization, a nationality.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const SEED: &str = "../../tests/golden/seed/input.txt";

/// The JSON `newsgraph read` prints for the seed article.
fn read_seed() -> Value {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .arg("read")
        .arg(&input)
        .output()
        .expect("newsgraph runs");
    assert!(
        out.status.success(),
        "newsgraph read {}: {}",
        input.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("newsgraph read prints one JSON document")
}

/// (actor kind, mention kind) of every mention whose text is `text`.
fn kinds_of(doc: &Value, text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for a in doc["actors"].as_array().expect("actors") {
        for m in a["mentions"].as_array().expect("mentions") {
            if m["text"] == text {
                out.push((
                    a["kind"].as_str().unwrap().to_string(),
                    m["kind"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    out
}

fn assert_kind(doc: &Value, text: &str, allowed: &[&str]) {
    let kinds = kinds_of(doc, text);
    assert!(!kinds.is_empty(), "{text:?} is not a mention of any actor");
    for (actor, _) in &kinds {
        assert!(
            allowed.contains(&actor.as_str()),
            "{text:?} is a mention of a {actor}, expected {allowed:?} (all: {kinds:?})"
        );
    }
}

#[test]
fn r3_seed_persons_places_organizations_nationality() {
    let doc = read_seed();
    for name in [
        "Ron Dermer",
        "Tzachi Hanegbi",
        "Jacquelyn Martin",
        "John Kirby",
        "Joe Biden",
        "Benjamin Netanyahu",
    ] {
        assert_kind(&doc, name, &["person"]);
    }
    assert_kind(&doc, "Rafah", &["place"]);
    assert_kind(&doc, "the Gaza Strip", &["place"]);
    // `Washington` is the seat of the US government here (`Washington has ...`): a mention of
    // the country, a geo-political place.
    assert_kind(&doc, "Washington", &["place", "country"]);
    assert_kind(&doc, "National Security Council", &["organization"]);
    assert!(
        kinds_of(&doc, "National Security Council Communications").is_empty()
            && kinds_of(&doc, "National Security Council Communications Director").is_empty(),
        "the council's name stops before the title"
    );
    assert_kind(&doc, "AP", &["organization"]);
    assert_kind(&doc, "dpa", &["organization"]);
    let israeli = kinds_of(&doc, "Israeli");
    assert!(
        !israeli.is_empty() && israeli.iter().all(|(_, m)| m == "nationality"),
        "Israeli: {israeli:?}"
    );
}

/// The tagger's own entity layer on the same article, as the default pipeline fills it.
#[test]
fn r3_seed_entities_from_the_tagger() {
    use newsgraph_core::EntityLabel::*;
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED))
        .expect("the seed article is in the repository");
    let doc = newsgraph::read_str(&text);
    assert_eq!(doc.pos.len(), doc.tokens.len(), "a tag pair per token");
    let label_of = |want: &str| -> Vec<newsgraph_core::EntityLabel> {
        doc.entities
            .iter()
            .filter(|e| doc.slice(e.span) == want)
            .map(|e| e.label)
            .collect()
    };
    let check = |want: &str, label| {
        let got = label_of(want);
        assert!(
            !got.is_empty() && got.iter().all(|&l| l == label),
            "{want:?}: {got:?}, expected {label:?}"
        );
    };
    // The photo credit (`Photo: Jacquelyn Martin / AP`) and the agency signature (`dpa`) are
    // credit blocks, not sentences: the actor stage reads their parts (checked above), the
    // tagger sees sentences only.
    for name in [
        "Ron Dermer",
        "Tzachi Hanegbi",
        "John Kirby",
        "Joe Biden",
        "Benjamin Netanyahu",
    ] {
        check(name, Person);
    }
    for place in ["Rafah", "Gaza Strip", "Washington"] {
        check(place, Location);
    }
    check("National Security Council", Organization);
    check("Israeli", Nationality);
    assert!(
        !doc.entities
            .iter()
            .any(|e| doc.slice(e.span).starts_with("National Security Council ")),
        "the council's entity stops before the title"
    );
}
