//! Rules that read the tagger's part-of-speech tags, and the word-list fallback when a
//! document has no POS layer.

mod common;
use common::*;

#[test]
fn that_verb_with_a_noun_phrase_clause() {
    // `added` reports only `that` clauses by the word lists; the tags show a clause (a noun
    // phrase, then a finite verb) with `that` left out.
    let text = "Mayor Anna Keller added the bridge would reopen in May.";
    check(
        text,
        &[(
            Indirect,
            "the bridge would reopen in May",
            Some("Anna Keller"),
        )],
    );
    // Without tags, the word lists cannot tell the clause from an object: no quotation.
    assert_eq!(untagged_quotes(text), vec![]);
}

#[test]
fn that_verb_with_an_object_is_no_report() {
    check("Mayor Anna Keller announced the plan on Monday.", &[]);
    check(
        "Mayor Anna Keller confirmed the new schedule for the bridge.",
        &[],
    );
}

#[test]
fn object_with_a_reduced_relative_clause_is_no_report() {
    // `the comparisons critics have made`: a plural noun, then another noun phrase and a
    // verb, is a noun modified by a relative clause, not a clause.
    check(
        "Commentator Hugh Hewitt noted the comparisons critics have made between the two men.",
        &[],
    );
}

#[test]
fn reported_question_after_a_that_verb() {
    check(
        "Director Sean Durkin explained why he left the youngest brother out of the film.",
        &[(
            Indirect,
            "why he left the youngest brother out of the film",
            Some("Sean Durkin"),
        )],
    );
}

#[test]
fn noun_phrase_with_a_name_in_its_prepositional_phrase() {
    // The name after the preposition only modifies the speaker noun.
    check(
        "An Israeli liaison officer with Gaza claimed there is no food shortage in Gaza.",
        &[(
            Indirect,
            "there is no food shortage in Gaza",
            Some("Israeli liaison officer with Gaza"),
        )],
    );
    check(
        "Residents of Rafah said the strikes went on all night.",
        &[(
            Indirect,
            "the strikes went on all night",
            Some("Residents of Rafah"),
        )],
    );
    check(
        "But a spokesman from the Golden Gate National Recreation Area, which manages the \
         area, said there is a good reason for its removal.",
        &[(
            Indirect,
            "there is a good reason for its removal",
            Some("spokesman from the Golden Gate National Recreation Area"),
        )],
    );
}

#[test]
fn named_person_before_a_role_phrase_still_speaks() {
    // An appositive after a name is not the subject: the name is.
    check(
        "Nilaya Varma, co-founder of Primus Partners, said that partnerships are necessary.",
        &[(Indirect, "partnerships are necessary", Some("Nilaya Varma"))],
    );
}

#[test]
fn untagged_documents_keep_the_word_list_rules() {
    // The ordinary reports do not depend on the tags.
    let text = "Anna Keller said that the bridge would reopen in May. \"We will be ready,\" \
                she told reporters.";
    let tagged = quotes(text);
    let untagged = untagged_quotes(text);
    assert_eq!(tagged.len(), 2, "{tagged:#?}");
    assert_eq!(tagged, untagged);
    // With no tags, the name after the preposition is the speaker, as before.
    let q = untagged_quotes("Residents of Rafah said the strikes went on all night.");
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].text, "the strikes went on all night");
}

#[test]
fn finite_verb_ends_the_phrase_after_a_cue() {
    // `, told POLITICO there were ...` is not an inverted tail whose speaker phrase runs on
    // over the clause: the existential `there` and the verb start the report.
    check(
        "Following the decision, former tycoon Mikhail Khodorkovsky, who was jailed for his \
         opposition to Putin, told POLITICO there were now no legal protections for foreign \
         firms.",
        &[(
            Indirect,
            "there were now no legal protections for foreign firms",
            Some("Mikhail Khodorkovsky"),
        )],
    );
    // A capitalized word tagged as a verb is part of a name.
    check(
        "According to conservative talk radio host Rush Limbaugh, the move reeks of fear.",
        &[(Indirect, "the move reeks of fear", Some("Rush Limbaugh"))],
    );
}

#[test]
fn inverted_tail_needs_a_clause_before_it() {
    // `Name, title, lamented the world's inaction`: the words before the comma are the
    // subject and its title, not a report, and the noun phrase after the verb is its object.
    check(
        "Martin Griffiths, the U.N. humanitarian affairs chief, lamented the world's inaction.",
        &[],
    );
    // A report before the comma has a verb (here one the tagger takes for a plural noun
    // before a determiner).
    check(
        "This evidence highlights the potential benefits of a plant-based diet, told Health \
         researcher Sabrina Schlesinger.",
        &[(
            Indirect,
            "This evidence highlights the potential benefits of a plant-based diet",
            Some("Sabrina Schlesinger"),
        )],
    );
    // Without tags, the word-list rules take the first sentence as an inverted tail, as
    // before.
    let q = untagged_quotes(
        "Martin Griffiths, the U.N. humanitarian affairs chief, lamented the world's inaction.",
    );
    assert_eq!(q.len(), 1, "{q:#?}");
}
