//! Speakers: continuation over sentences and paragraphs, descriptions that stand for a named
//! person, pronouns after a quote, long appositives between a quote and its cue.

mod common;
use common::*;

#[test]
fn bare_quote_after_a_sentence_about_a_person() {
    check(
        "Ben Miller talked about the long season. “We were lucky today.”",
        &[(Direct, "We were lucky today.", Some("Ben Miller"))],
    );
}

#[test]
fn bare_quote_paragraph_after_a_paragraph_about_a_person() {
    check(
        "At the club dinner, Anna Berg spoke out against rough play.\n\n“It has to stop. Somebody will get hurt.”",
        &[(Direct, "It has to stop. Somebody will get hurt.", Some("Anna Berg"))],
    );
}

#[test]
fn bare_quote_continues_the_speaker_of_the_previous_paragraph() {
    check(
        "“We are proud,” said coach Ben Miller.\n\nThe players left the pitch slowly. “Nobody expected this.”",
        &[
            (Direct, "We are proud", Some("Ben Miller")),
            (Direct, "Nobody expected this.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn bare_quote_does_not_continue_when_someone_else_is_named_after() {
    check(
        "“We are proud,” said coach Ben Miller. Later the team met Tom Harris.\n\nThe players left the pitch slowly. “Nobody expected this.”",
        &[
            (Direct, "We are proud", Some("Ben Miller")),
            (Direct, "Nobody expected this.", None),
        ],
    );
}

#[test]
fn naming_word_of_the_previous_sentence_does_not_make_a_title() {
    check(
        "Ben Miller spoke about the film. “I loved making it, every single day of it.”",
        &[(
            Direct,
            "I loved making it, every single day of it.",
            Some("Ben Miller"),
        )],
    );
}

#[test]
fn the_director_is_the_named_director() {
    check(
        "The film was directed by Sara Lind.\n\n“It took us ten years to finish,” the director explains.",
        &[(Direct, "It took us ten years to finish", Some("Sara Lind"))],
    );
}

#[test]
fn an_age_description_is_the_last_named_person() {
    check(
        "Jakob Brenner was in the library when the alarm went off.\n\n“Everyone ran for the stairs,” the 25-year-old told reporters.",
        &[(Direct, "Everyone ran for the stairs", Some("Jakob Brenner"))],
    );
}

#[test]
fn a_description_introduced_with_a_stays_unnamed() {
    check(
        "Ben Miller was stopped by an officer near the station.\n\n“Show me your papers,” the officer said.",
        &[(Direct, "Show me your papers", Some("officer"))],
    );
}

#[test]
fn the_company_is_the_company_just_named() {
    check(
        "Acme Corp. has cut 300 jobs this year.\n\n“We had no other choice,” the company said in a statement.",
        &[(Direct, "We had no other choice", Some("Acme Corp."))],
    );
}

#[test]
fn pronoun_after_a_newly_named_person_is_not_the_old_speaker() {
    check(
        "“It is a sad day,” said Tom Harris.\n\nThe school's principal, Anna Berg, was among the mourners. “We are shaken,” she told reporters.",
        &[
            (Direct, "It is a sad day", Some("Tom Harris")),
            (Direct, "We are shaken", Some("Anna Berg")),
        ],
    );
}

#[test]
fn long_appositive_between_quote_and_cue() {
    check(
        "“We will appeal,” Mark Rowe, a partner at the law firm that represents the family, said in a statement.",
        &[(Direct, "We will appeal", Some("Mark Rowe"))],
    );
}

#[test]
fn role_before_name_and_appositives_before_cue() {
    check(
        "“It was very loud,” tourist Anna Berg, 24, from Leeds, England, told the BBC.",
        &[(Direct, "It was very loud", Some("Anna Berg"))],
    );
}

#[test]
fn credentials_after_the_name() {
    check(
        "“Eat more beans,” Kelly Brown MS, RD, a sports dietitian told Health.",
        &[(Direct, "Eat more beans", Some("Kelly Brown"))],
    );
}

#[test]
fn a_noun_report_is_not_a_cue() {
    check(
        "This article is part of “The Long Road,” a special report on rural roads.",
        &[],
    );
}

#[test]
fn short_quote_after_an_article_is_a_title() {
    let q = quotes("On Monday, the “Blue Moon” singer announced that her tour would go on.");
    assert!(q.iter().all(|q| q.text != "Blue Moon"), "{q:#?}");
}

#[test]
fn capitalized_cue_sentence_with_comma_introduces_the_next_quote() {
    check(
        "Anna Berg spoke first. “We won.” Ben Miller then said, “Next year too.”",
        &[
            (Direct, "We won.", Some("Anna Berg")),
            (Direct, "Next year too.", Some("Ben Miller")),
        ],
    );
}

#[test]
fn captioned_is_a_cue() {
    check(
        "“Back home at last! Thank you all,” Anna Berg captioned the photo.",
        &[(
            Direct,
            "Back home at last! Thank you all",
            Some("Anna Berg"),
        )],
    );
}

#[test]
fn title_case_quote_with_a_cue_is_a_title() {
    check("“The Long Road” tells the story of farmer Tom Harris.", &[]);
}

#[test]
fn title_case_paragraph_with_exclamation_is_a_title() {
    check(
        "The show returns in December.\n\n‘Winter Lights: Live in Leeds!’\n\nTickets go on sale on Friday.",
        &[],
    );
}

#[test]
fn short_term_inside_a_sentence_is_not_attributed() {
    let q = quotes("In opening the second session on “trust,” Anna Berg urged members to listen.");
    assert!(q.iter().all(|q| q.text != "trust"), "{q:#?}");
}

#[test]
fn example_in_parentheses_is_not_speech() {
    check(
        "On the site, users can ask questions (“Will it rain on Sunday?”) and get answers.",
        &[],
    );
}

#[test]
fn asked_of_is_not_a_cue() {
    check(
        "The question asked of the panel is: “Who pays for the new bridge?”",
        &[],
    );
}

#[test]
fn naming_verb_with_a_one_word_sentence_quote() {
    check("Ben Miller called the referee a “clown.”", &[]);
}

#[test]
fn perception_verb_before_a_participle_cue() {
    check(
        "Anna Berg played two new songs on Monday.\n\nIn a video shared online, the singer can be heard telling fans, “I missed you all so much.”",
        &[(Direct, "I missed you all so much.", Some("Anna Berg"))],
    );
}
