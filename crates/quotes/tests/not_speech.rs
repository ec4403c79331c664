//! Scare quotes, terms, nicknames and titles are not quotations.

mod common;
use common::*;

#[test]
fn so_called_term() {
    check(
        "The so-called \"peace plan\" was rejected by both sides.",
        &[],
    );
}

#[test]
fn resolution_calling_for_a_short_phrase() {
    check(
        "The Security Council adopted a resolution calling for an “immediate ceasefire” in Gaza.",
        &[],
    );
}

#[test]
fn film_title() {
    check(
        "She starred in \"Everything Everywhere All at Once\" last year.",
        &[],
    );
}

#[test]
fn book_title_with_naming_word() {
    check(
        "His novel \"The Long Road Home from the War and Back\" sold well.",
        &[],
    );
}

#[test]
fn nickname() {
    check("Dwayne \"The Rock\" Johnson visited the school.", &[]);
}

#[test]
fn scare_quote_inside_a_sentence() {
    check("The agency's \"reforms\" changed nothing at all.", &[]);
}

#[test]
fn scare_quote_inside_reported_speech_makes_it_mixed() {
    let q = quotes("The critics said the agency's \"reforms\" changed nothing.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        (q[0].kind, q[0].text.as_str()),
        (Mixed, "the agency's \"reforms\" changed nothing")
    );
    assert_eq!(q[0].mention.as_deref(), Some("The critics"));
}

#[test]
fn short_quote_with_cue_is_speech() {
    check(
        "\"Never,\" said Ben Miller.",
        &[(Direct, "Never", Some("Ben Miller"))],
    );
}

#[test]
fn scare_quote_next_to_real_quote() {
    check(
        "The \"reform\" failed. \"It was a disaster from day one,\" said Ben Miller.",
        &[(Direct, "It was a disaster from day one", Some("Ben Miller"))],
    );
}

#[test]
fn nobody_else_quoted_in_plain_report() {
    check(
        "Israeli Prime Minister Benjamin Netanyahu canceled the trip. The USA abstained in the vote.",
        &[],
    );
}

#[test]
fn called_it_short_phrase_is_not_a_quote() {
    check("Ethan Hawke has called it \"childish\" in the past.", &[]);
}

#[test]
fn calling_a_long_phrase_is_the_subjects_quote() {
    check(
        "State Rep. Steve Xiarhos weighed in, calling the incident \"not just an attack on a police dog but an affront to our values.\"",
        &[(Direct, "not just an attack on a police dog but an affront to our values.", Some("Steve Xiarhos"))],
    );
}

#[test]
fn short_phrase_with_period_inside_a_sentence() {
    check("The residents should be treated as “human-animals.”", &[]);
}

#[test]
fn capitalized_name_is_not_a_cue() {
    check(
        "Paul Miller, who played for Keene State until 2019, now coaches in Ohio.",
        &[],
    );
}

#[test]
fn noun_use_of_a_cue_word_is_not_speech() {
    check(
        "The second recall covers two million cars sold since 2012.",
        &[],
    );
}

#[test]
fn unattributed_quote_inside_a_sentence_is_not_speech() {
    check(
        "For the council the levy is \"a fair contribution from every household in town.\" It passed.",
        &[],
    );
}

#[test]
fn quote_after_a_colon_with_no_speaker_is_not_speech() {
    check(
        "Example: \"Our synergy empowers every stakeholder across the value chain.\"",
        &[],
    );
}
