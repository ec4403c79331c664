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
    // a month well before the article month is next year's when the sentence looks ahead,
    // last year's otherwise
    let dec = Some("2023-12-22");
    let l = one("Chile will meet with Peru on March 1.", dec);
    assert_eq!(l[0].split(' ').next(), Some("2024-03-01"));
    let l = one("Chile praised Peru on March 1.", dec);
    assert_eq!(l[0].split(' ').next(), Some("2023-03-01"));
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

#[test]
fn common_noun_actors_take_the_country_of_context() {
    // a nationality modifier
    let l = one("Chinese police arrested dozens of students.", None);
    assert!(l.iter().any(|x| x.contains("CHNCOP COERCE")), "{l:?}");
    // a place the sentence puts them in
    let l = one("Police in Texas arrested the suspect on Friday.", None);
    assert!(l.iter().any(|x| x.contains("USACOP COERCE")), "{l:?}");
    // the article's dominant country, and a bare noun that refers back to a group
    let l = one(
        "Kenyan farmers protested in Nairobi. Later the farmers demanded subsidies from the government.",
        None,
    );
    assert!(
        l.iter().any(|x| x.contains("KENCVL REQUEST KENGOV")),
        "{l:?}"
    );
}

#[test]
fn persons_without_a_country_take_the_dominant_one() {
    let doc = run_dated(
        "Canadian lawmakers debated the budget in Ottawa. Senator Jane Smithers criticized Canada's finance minister.",
        None,
    );
    let a = doc
        .actors
        .iter()
        .find(|a| a.name.contains("Smithers"))
        .expect("the senator");
    assert_eq!(
        doc.actor_codes[a.id.0 as usize].country.as_deref(),
        Some("CAN")
    );
}

#[test]
fn rejecting_needs_an_actor_or_a_policy_object() {
    assert!(one(
        "The spokesman rejected several questions about the report.",
        None
    )
    .is_empty());
    let l = one("Hungary rejected the proposal.", None);
    assert_eq!(l, vec!["- HUN REJECT - [rejected]"]);
}

#[test]
fn abstaining_targets_the_voting_body() {
    let l = one(
        "The UN Security Council adopted the resolution. China abstained.",
        None,
    );
    assert!(
        l.contains(&"- CHN CONCEDE IGOUNO [abstained]".to_string()),
        "{l:?}"
    );
}

#[test]
fn a_nominalisation_restating_an_event_is_merged() {
    let l = one(
        "Brazil canceled a visit to Argentina. Brazil's cancellation of the visit surprised diplomats.",
        None,
    );
    assert_eq!(
        l.iter().filter(|x| x.contains("SANCTION")).count(),
        1,
        "{l:?}"
    );
}

#[test]
fn a_repeated_plan_is_one_event() {
    let l = one(
        "Turkey is planning an offensive in Syria. Analysts said Turkey was preparing an offensive in northern Syria.",
        None,
    );
    let plans: Vec<_> = l.iter().filter(|x| x.contains("ASSAULT")).collect();
    assert_eq!(plans.len(), 1, "{l:?}");
    assert!(plans[0].contains("TUR ASSAULT SYR planned"), "{l:?}");
}

#[test]
fn commissive_verbs_and_request_content() {
    // the noun after `vowed` is the event
    let l = one("Iran vowed support for Syria.", None);
    assert_eq!(l, vec!["- IRN SUPPORT SYR [support]"]);
    // what was asked for is no event of its own
    let l = one("Germany urged Poland to release the prisoners.", None);
    assert_eq!(l, vec!["- DEU REQUEST POL [urged]"]);
    // `warned X to do Y` is a demand
    let l = one("The United States warned Iran to stop the attacks.", None);
    assert!(l.iter().any(|x| x.contains("USA REQUEST IRN")), "{l:?}");
}

#[test]
fn civilians_blocking_roads_protest() {
    let l = one("Polish truckers blocked the border crossings.", None);
    assert!(l.iter().any(|x| x.contains("POLCVL PROTEST")), "{l:?}");
}

#[test]
fn the_subject_of_a_relative_clause_and_after_one() {
    let l = one(
        "Britain, which has a large navy, blocked the proposal.",
        None,
    );
    assert!(l.iter().any(|x| x.contains("GBR REJECT")), "{l:?}");
    let l = one(
        "Japan criticized Vietnam, which also condemned China.",
        None,
    );
    assert!(l.iter().any(|x| x.contains("VNM ACCUSE CHN")), "{l:?}");
}

#[test]
fn more_inflected_triggers() {
    let l = one("Spain extradited the suspect to France.", None);
    assert!(l.iter().any(|x| x.contains("ESP COERCE")), "{l:?}");
    let l = one("Mexico pleaded guilty.", None);
    assert!(l.iter().any(|x| x.contains("MEX CONCEDE")), "{l:?}");
    let l = one(
        "Chile voted against the resolution of the UN General Assembly.",
        None,
    );
    assert!(l.iter().any(|x| x.contains("CHL REJECT")), "{l:?}");
}

#[test]
fn nouns_that_look_like_verbs() {
    assert!(one("A federal appeals court heard the case.", None).is_empty());
    assert!(one("Colombia cannot win through attacks.", None).is_empty());
    assert!(one("Peru has other charges pending.", None).is_empty());
}

#[test]
fn plural_pronouns_reported_addressees_and_subordinate_subjects() {
    // `they` stands for the group named before it
    let l = one(
        "Greek truckers said they would suspend the blockade on Sunday.",
        None,
    );
    assert!(l.iter().any(|x| x.contains("GRCCVL CONCEDE")), "{l:?}");
    // the addressee of a demand stands in the reported clause the demand introduces
    let l = one("The protesters demanded that the European Union act.", None);
    assert!(l.iter().any(|x| x.contains("REQUEST IGOEUR")), "{l:?}");
    // `after` opens a clause whose subject is the target of an agentless charge
    let l = one(
        "Lawyers in Peru spoke after three ministers were charged.",
        None,
    );
    assert!(
        l.iter().any(|x| x.contains("PERGOV ACCUSE PERGOV")),
        "{l:?}"
    );
}

#[test]
fn coordinated_sources_and_targets_each_get_an_event() {
    let l = one("France and Germany condemned Iran on Monday.", None);
    assert!(
        l.contains(&"- FRA ACCUSE IRN [condemned]".to_string()),
        "{l:?}"
    );
    assert!(
        l.contains(&"- DEU ACCUSE IRN [condemned]".to_string()),
        "{l:?}"
    );
    let l = one("Brazil criticized Chile, Peru and other neighbours.", None);
    assert!(
        l.contains(&"- BRA ACCUSE CHL [criticized]".to_string()),
        "{l:?}"
    );
    assert!(
        l.contains(&"- BRA ACCUSE PER [criticized]".to_string()),
        "{l:?}"
    );
}

#[test]
fn joined_verb_phrases_share_the_subject() {
    let l = one(
        "Kenya rejected the proposal from Uganda but will meet with Tanzania.",
        None,
    );
    assert!(
        l.iter().any(|x| x.starts_with("- KEN CONSULT TZA")),
        "{l:?}"
    );
}

#[test]
fn event_nouns_take_the_subject_of_their_verb() {
    let l = one("Syrian forces committed massacres in Aleppo.", None);
    assert!(
        l.iter().any(|x| x.contains("SYR") && x.contains("ASSAULT")),
        "{l:?}"
    );
    let l = one(
        "Greece, which is in talks with Cyprus, sent aid to Lebanon.",
        None,
    );
    assert!(l.iter().any(|x| x.contains("GRC CONSULT CYP")), "{l:?}");
}

#[test]
fn reported_speech_pronoun_is_the_speaker() {
    let l = one("Hezbollah said that it had attacked Israel.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("LBN") && x.contains("ASSAULT ISR")),
        "{l:?}"
    );
}

#[test]
fn well_known_people_match_without_middle_initials() {
    let l = one("Vladimir V. Putin criticized Finland.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("RUS") && x.contains("ACCUSE FIN")),
        "{l:?}"
    );
}

#[test]
fn gerund_after_for_has_the_accused_as_subject() {
    let l = one("Germany lashed out at Iran for having attacked Iraq.", None);
    assert!(
        l.contains(&"- DEU ACCUSE IRN [lashed out at]".to_string()),
        "{l:?}"
    );
    assert!(
        l.contains(&"- IRN ASSAULT IRQ [attacked]".to_string()),
        "{l:?}"
    );
}

#[test]
fn of_phrase_of_an_act_is_its_target() {
    let l = one("Russia resumed its bombardment of Kyiv.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("RUS") && x.contains("ASSAULT UKR")),
        "{l:?}"
    );
}

#[test]
fn conditions_and_hypothetical_descriptions_are_no_events() {
    let l = one("Spain will meet France unless Syria attacks Iraq.", None);
    assert!(!l.iter().any(|x| x.contains("[attacks]")), "{l:?}");
    assert!(l.iter().any(|x| x.contains("ESP CONSULT FRA")), "{l:?}");
    let l = one(
        "Qatar backed a plan which could end the blockade of Yemen.",
        None,
    );
    assert!(!l.iter().any(|x| x.contains("[end]")), "{l:?}");
}

#[test]
fn common_news_verbs_of_cameo_dictionaries() {
    let l = one("Iran vowed to retaliate against Israel.", None);
    assert!(
        l.contains(&"- IRN THREATEN ISR [vowed to retaliate]".to_string()),
        "{l:?}"
    );
    let l = one("Turkey lambasted Sweden over the burning.", None);
    assert!(
        l.contains(&"- TUR ACCUSE SWE [lambasted]".to_string()),
        "{l:?}"
    );
    let l = one(
        "Russian soldiers opened fire on Ukraine's border guards.",
        None,
    );
    assert!(
        l.iter()
            .any(|x| x.contains("RUSMIL ASSAULT UKR [opened fire on]")),
        "{l:?}"
    );
    let l = one("Germany granted asylum to the Syrian dissident.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("DEU AID") && x.contains("[granted asylum]")),
        "{l:?}"
    );
    let l = one("Israel pulled back from Lebanon on Friday.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("ISR RETREAT LBN [pulled back]")),
        "{l:?}"
    );
    let l = one("France paid tribute to Ukraine.", None);
    assert!(
        l.contains(&"- FRA SUPPORT UKR [paid tribute to]".to_string()),
        "{l:?}"
    );
    let l = one("Hungary repudiated the agreement with Serbia.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("HUN REJECT") && x.contains("[repudiated]")),
        "{l:?}"
    );
    let l = one("Egypt apprehended Sudan's envoy.", None);
    assert!(
        l.iter().any(|x| x.contains("EGY COERCE SDN [apprehended]")),
        "{l:?}"
    );
}

#[test]
fn more_common_news_phrases() {
    let l = one(
        "India rendered assistance to Sri Lanka after the floods.",
        None,
    );
    assert!(
        l.iter()
            .any(|x| x.contains("IND AID LKA [rendered assistance]")),
        "{l:?}"
    );
    let l = one("Chile brushed off Bolivia's demand.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("CHL REJECT") && x.contains("[brushed off]")),
        "{l:?}"
    );
    let l = one("Russia revoked the visas of Estonia's diplomats.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("RUS SANCTION") && x.contains("[revoked]")),
        "{l:?}"
    );
    let l = one("Pakistan issued an appeal for help to China.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("PAK REQUEST") && x.contains("[appeal for]")),
        "{l:?}"
    );
    let l = one("Mexico sent its congratulations to Brazil.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("MEX SUPPORT BRA [congratulations]")),
        "{l:?}"
    );
    let l = one("Armenia reported gunfire from Azerbaijan overnight.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("ASSAULT") && x.contains("[gunfire]")),
        "{l:?}"
    );
}

#[test]
fn cooperation_grievance_and_force_phrases() {
    let l = one("Israel normalized relations with Morocco.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("ISR COOPERATE MAR [normalized relations]")),
        "{l:?}"
    );
    let l = one("Kenya joined forces with Uganda against the rebels.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("KEN COOPERATE UGA [joined forces with]")),
        "{l:?}"
    );
    let l = one("Ireland expressed outrage at Israel.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("IRL ACCUSE") && x.contains("[expressed outrage]")),
        "{l:?}"
    );
    let l = one("China harassed Philippine fishermen.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("COERCE") && x.contains("[harassed]")),
        "{l:?}"
    );
    let l = one("Russia waged war against Ukraine.", None);
    assert!(
        l.iter().any(|x| x.contains("RUS ASSAULT UKR [waged war]")),
        "{l:?}"
    );
    let l = one("Serbian students took to the streets in Belgrade.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("PROTEST") && x.contains("[took to the streets]")),
        "{l:?}"
    );
    let l = one("China and Russia held joint exercises.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("MOBILIZE") && x.contains("[joint exercises]")),
        "{l:?}"
    );
    let l = one("Egypt airlifted food to Sudan.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("EGY AID") && x.contains("[airlifted]")),
        "{l:?}"
    );
}

#[test]
fn delivered_aid_and_a_veto_of_a_resolution() {
    let l = one("Qatar delivered aid to Sudan.", None);
    assert!(
        l.iter().any(|x| x.contains("QAT AID SDN [delivered aid]")),
        "{l:?}"
    );
    // as `read` runs it, with the learned tagger
    let l = lines(&common::run_with(
        "China cast a veto of the resolution on Myanmar.",
        None,
        true,
    ));
    assert!(
        l.iter()
            .any(|x| x.contains("CHN REJECT") && x.contains("[veto]")),
        "{l:?}"
    );
    // a veto with no political object near it is not coded as one
    let l = lines(&common::run_with(
        "Diplomats worked for days to avoid another Chinese veto.",
        None,
        true,
    ));
    assert!(!l.iter().any(|x| x.contains("[veto]")), "{l:?}");
}

#[test]
fn abduction_nouns_and_held_hostage() {
    let l = one(
        "Police reported the kidnapping of a Chadian diplomat in Nigeria.",
        None,
    );
    assert!(
        l.iter()
            .any(|x| x.contains("ASSAULT") && x.contains("[kidnapping]")),
        "{l:?}"
    );
    let l = one(
        "Police reported the abduction of a Chadian diplomat in Nigeria.",
        None,
    );
    assert!(
        l.iter()
            .any(|x| x.contains("ASSAULT") && x.contains("[abduction]")),
        "{l:?}"
    );
    let l = one("Hamas held hostage dozens of Israelis.", None);
    assert!(
        l.iter()
            .any(|x| x.contains("ASSAULT") && x.contains("[held hostage]")),
        "{l:?}"
    );
}
