//! Hand-written sentences for each kind of pattern, negation, modality and dates.

mod common;
use common::{lines, run_dated};

fn one(text: &str, date: Option<&str>) -> Vec<String> {
    let doc = run_dated(text, date);
    lines(&doc)
}

#[test]
fn verb_with_subject_and_object() {
    let l = one(
        "Germany criticized Russia over the arrests of opposition leaders.",
        None,
    );
    assert_eq!(l, vec!["- DEU ACCUSE RUS [criticized]"]);
}

#[test]
fn particle_pattern_and_place_target() {
    let l = one(
        "The European Union called for a truce in Sudan on Friday.",
        Some("2024-05-08"),
    );
    assert!(
        l.contains(&"2024-05-03 IGOEUR REQUEST SDN [called for]".to_string()),
        "{l:?}"
    );
}

#[test]
fn passive_agent_is_the_source() {
    let l = one("Ukraine was attacked by Russia overnight.", None);
    assert_eq!(l, vec!["- RUS ASSAULT UKR [attacked]"]);
}

#[test]
fn negation_and_claimed() {
    let l = one(
        "The minister said President Emmanuel Macron and Chancellor Olaf Scholz had not met with each other.",
        None,
    );
    assert!(
        l.iter().any(|x| x.contains("CONSULT") && x.contains("NEG")),
        "{l:?}"
    );
    let l = one("Poland refused to support Hungary.", None);
    // `refused` is a REJECT of its own; the refused action is negated
    assert!(
        l.contains(&"- POL SUPPORT HUN NEG [support]".to_string()),
        "{l:?}"
    );
}

#[test]
fn modality_planned_and_hypothetical() {
    let l = one("Japan will impose sanctions on North Korea.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("SANCTION") && x.contains("planned")),
        "{l:?}"
    );
    let l = one("Egypt could withdraw from Libya.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("RETREAT") && x.contains("hypothetical")),
        "{l:?}"
    );
    let l = one("Kenyan officials were scheduled to visit Ethiopia.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("CONSULT") && x.contains("planned")),
        "{l:?}"
    );
}

#[test]
fn first_person_inside_a_quote_is_the_speaker() {
    let l = one(
        "\"We stand with Ukraine,\" said French President Emmanuel Macron.",
        None,
    );
    assert!(
        l.iter().any(|x| x.starts_with("- FRAGOV SUPPORT UKR")),
        "{l:?}"
    );
}

#[test]
fn nouns_with_possessive_source() {
    let l = one("Turkey's withdrawal from Syria surprised analysts.", None);
    assert!(l.iter().any(|x| x.contains("TUR RETREAT SYR")), "{l:?}");
}

#[test]
fn dates_resolve_against_the_article_date() {
    // 2024-03-26 is a Tuesday
    let d = Some("2024-03-26");
    let l = one("Brazil condemned Venezuela yesterday.", d);
    assert_eq!(l[0].split(' ').next(), Some("2024-03-25"));
    let l = one("On Friday, Chile praised Peru.", d);
    assert_eq!(l[0].split(' ').next(), Some("2024-03-22"));
    let l = one("Chile praised Peru on March 3.", d);
    assert_eq!(l[0].split(' ').next(), Some("2024-03-03"));
    let l = one("Chile praised Peru last week.", d);
    assert_eq!(l[0].split(' ').next(), Some("2024-03-18/2024-03-24"));
    let l = one("Chile will meet with Peru in the coming days.", d);
    assert_eq!(l[0].split(' ').next(), Some("2024-03-27/2024-04-02"));
    let l = one("Chile will meet with Peru next Monday.", d);
    assert_eq!(l[0].split(' ').next(), Some("2024-04-01"));
    // no article date: relative expressions stay unresolved
    let l = one("Brazil condemned Venezuela yesterday.", None);
    assert_eq!(l[0].split(' ').next(), Some("-"));
}

#[test]
fn narrative_date_carries_to_past_tense_events_of_the_paragraph() {
    let l = one(
        "On Monday, Chile praised Peru. Bolivia then criticized Chile.",
        Some("2024-03-26"),
    );
    assert_eq!(l.len(), 2, "{l:?}");
    assert!(l.iter().all(|x| x.starts_with("2024-03-25")), "{l:?}");
}

#[test]
fn words_that_only_look_like_triggers() {
    assert!(one("The press reported on the free market.", None).is_empty());
    assert!(one("Officials discussed the planned visit.", None)
        .iter()
        .all(|x| !x.contains("visit]")));
}
