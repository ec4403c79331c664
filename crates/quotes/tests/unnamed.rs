//! Speakers the actor stage does not name get an actor named by their phrase.

mod common;
use common::*;
use newsgraph_core::ActorKind;

fn speaker_kind(text: &str, i: usize) -> (String, ActorKind) {
    let doc = run(text);
    let a = doc.quotes[i].speaker.expect("a speaker");
    (doc.actor(a).name.clone(), doc.actor(a).kind)
}

#[test]
fn the_spokesman_is_a_person() {
    check(
        "\"The plant will close in June,\" the spokesman said.",
        &[(Direct, "The plant will close in June", Some("spokesman"))],
    );
    let (name, kind) = speaker_kind("\"The plant will close in June,\" the spokesman said.", 0);
    assert_eq!((name.as_str(), kind), ("spokesman", ActorKind::Person));
}

#[test]
fn plural_officials_are_a_group() {
    let t = "Nine people were hurt in the fire, health officials said on Sunday.";
    check(
        t,
        &[(
            Indirect,
            "Nine people were hurt in the fire",
            Some("health officials"),
        )],
    );
    assert_eq!(speaker_kind(t, 0).1, ActorKind::Group);
}

#[test]
fn the_military_is_an_organization() {
    let t = "The army said that its troops had left the valley.";
    check(
        t,
        &[(Indirect, "its troops had left the valley", Some("army"))],
    );
    assert_eq!(speaker_kind(t, 0).1, ActorKind::Organization);
}

#[test]
fn same_phrase_reuses_one_actor() {
    let doc = run(
        "The army said its troops had left the valley. Later the army said the roads were open.",
    );
    assert_eq!(doc.quotes.len(), 2);
    assert_eq!(doc.quotes[0].speaker, doc.quotes[1].speaker);
    assert!(doc.quotes[0].speaker.is_some());
}

#[test]
fn continuation_keeps_the_unnamed_speaker() {
    check(
        "\"We saw the smoke first,\" a neighbor said. \"Then the roof came down.\"",
        &[
            (Direct, "We saw the smoke first", Some("neighbor")),
            (Direct, "Then the roof came down.", Some("neighbor")),
        ],
    );
}

#[test]
fn unresolved_pronoun_gets_no_actor() {
    check(
        "\"We will appeal,\" she said.",
        &[(Direct, "We will appeal", None)],
    );
}
