//! Acceptance on the seed article (../shared/seed/EXPECTED.md, events table), dated
//! 2024-03-26 as `newsgraph read --date 2024-03-26` does.

mod common;
use newsgraph_core::{EventType, Modality};

fn seed() -> Option<String> {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/golden/seed/input.txt"
    );
    Some(std::fs::read_to_string(p).expect("tests/golden/seed/input.txt is in the repository"))
}

#[test]
fn seed_events() {
    seed_events_with(false);
}

/// The same must events from the pipeline `newsgraph read` runs, with the learned tagger.
#[test]
fn seed_events_tagged() {
    seed_events_with(true);
}

fn seed_events_with(tagger: bool) {
    let Some(text) = seed() else {
        eprintln!("seed article not found; skipped");
        return;
    };
    let doc = common::run_with(&text, Some("2024-03-26"), tagger);
    let lines = common::lines(&doc);
    for l in &lines {
        eprintln!("{l}");
    }
    let code =
        |a: Option<newsgraph_core::ActorId>| a.and_then(|a| doc.actor_codes[a.0 as usize].code());
    let country = |a: Option<newsgraph_core::ActorId>| {
        a.and_then(|a| doc.actor_codes[a.0 as usize].country.clone())
    };
    let name = |a: Option<newsgraph_core::ActorId>| {
        a.map(|a| doc.actor(a).name.clone()).unwrap_or_default()
    };
    // 1. UN Security Council REQUEST (ceasefire) on 2024-03-25
    assert!(
        doc.events.iter().any(|e| e.kind == EventType::Request
            && name(e.source) == "UN Security Council"
            && country(e.source).as_deref() == Some("IGO")
            && e.date.as_deref() == Some("2024-03-25")
            && !e.negated),
        "UNSC REQUEST: {lines:#?}"
    );
    // 3. Israel (Netanyahu) cancels the visit to the United States on 2024-03-25
    assert!(
        doc.events.iter().any(|e| e.kind == EventType::Sanction
            && country(e.source).as_deref() == Some("ISR")
            && country(e.target).as_deref() == Some("USA")
            && e.date.as_deref() == Some("2024-03-25")
            && doc.slice(e.trigger) == "canceled"),
        "cancellation: {lines:#?}"
    );
    // 5. United States REJECT the Rafah offensive, target Israel
    assert!(
        doc.events.iter().any(|e| e.kind == EventType::Reject
            && country(e.source).as_deref() == Some("USA")
            && country(e.target).as_deref() == Some("ISR")),
        "US rejects: {lines:#?}"
    );
    // 6. "we still support Israel": SUPPORT USA -> ISR from the quotation
    let support = doc
        .events
        .iter()
        .find(|e| e.kind == EventType::Support && doc.slice(e.trigger) == "support")
        .expect("SUPPORT event");
    assert_eq!(code(support.source).as_deref(), Some("USAGOV"));
    assert_eq!(country(support.target).as_deref(), Some("ISR"));
    let q = support.quote.expect("from a quotation") as usize;
    assert_eq!(
        doc.slice(doc.quotes[q].span),
        "Of course we still support Israel"
    );
    assert_eq!(support.modality, Modality::Asserted);
    // 7. no event claims that Biden and Netanyahu spoke
    for e in &doc.events {
        let (s, t) = (name(e.source), name(e.target));
        let pair = [s.as_str(), t.as_str()];
        if (pair.contains(&"Joe Biden") || pair.contains(&"Benjamin Netanyahu"))
            && e.kind == EventType::Consult
        {
            assert!(
                e.negated,
                "a non-negated CONSULT between Biden and Netanyahu: {lines:#?}"
            );
        }
    }
    // every actor of EXPECTED.md has the right country
    let want = [
        ("John Kirby", "USA"),
        ("Benjamin Netanyahu", "ISR"),
        ("Joe Biden", "USA"),
        ("Ron Dermer", "ISR"),
        ("Tzachi Hanegbi", "ISR"),
        ("United States", "USA"),
        ("Israel", "ISR"),
        ("UN Security Council", "IGO"),
        ("National Security Council", "USA"),
        ("Prime Minister's Office", "ISR"),
        ("Gaza Strip", "PSE"),
        ("Rafah", "PSE"),
    ];
    for (n, c) in want {
        let a = doc
            .actors
            .iter()
            .find(|a| a.name == n)
            .unwrap_or_else(|| panic!("actor {n}"));
        assert_eq!(
            doc.actor_codes[a.id.0 as usize].country.as_deref(),
            Some(c),
            "country of {n}"
        );
    }
    let code_of = |n: &str| {
        doc.actor_codes[doc.actors.iter().find(|a| a.name == n).unwrap().id.0 as usize].code()
    };
    assert_eq!(code_of("Benjamin Netanyahu").as_deref(), Some("ISRGOV"));
    assert_eq!(code_of("John Kirby").as_deref(), Some("USAGOV"));
    assert_eq!(code_of("United States").as_deref(), Some("USAGOV"));
    assert_eq!(code_of("UN Security Council").as_deref(), Some("IGOUNO"));
}
