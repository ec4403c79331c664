//! Training on tiny hand-made corpora, model files (round trip, corruption), determinism,
//! scoring, and the pipeline stage with the embedded models.

use newsgraph_core::{Document, EntityLabel, Stage};
use newsgraph_tagger::corpus::{read_conll2003, read_conllu, NerDocument, PosSentence};
use newsgraph_tagger::eval::{chunks, NerScore};
use newsgraph_tagger::pos::Scratch;
use newsgraph_tagger::{NerConfig, NerModel, PosConfig, PosModel};

const CONLLU: &str = "\
# text = The cat sat on the mat.
1\tThe\tthe\tDET\tDT\t_\t_\t_\t_\t_
2\tcat\tcat\tNOUN\tNN\t_\t_\t_\t_\t_
3\tsat\tsit\tVERB\tVBD\t_\t_\t_\t_\t_
4\ton\ton\tADP\tIN\t_\t_\t_\t_\t_
5\tthe\tthe\tDET\tDT\t_\t_\t_\t_\t_
6\tmat\tmat\tNOUN\tNN\t_\t_\t_\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t_\t_\t_\t_

# text = Dogs can run fast.
1\tDogs\tdog\tNOUN\tNNS\t_\t_\t_\t_\t_
2\tcan\tcan\tAUX\tMD\t_\t_\t_\t_\t_
3\trun\trun\tVERB\tVB\t_\t_\t_\t_\t_
4\tfast\tfast\tADV\tRB\t_\t_\t_\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t_\t_\t_\t_

# text = She doesn't like the run.
1\tShe\tshe\tPRON\tPRP\t_\t_\t_\t_\t_
2-3\tdoesn't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdoes\tdo\tAUX\tVBZ\t_\t_\t_\t_\t_
3\tn't\tnot\tPART\tRB\t_\t_\t_\t_\t_
4\tlike\tlike\tVERB\tVB\t_\t_\t_\t_\t_
5\tthe\tthe\tDET\tDT\t_\t_\t_\t_\t_
6\trun\trun\tNOUN\tNN\t_\t_\t_\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t_\t_\t_\t_

# text = Mary saw a fast cat in Paris.
1\tMary\tMary\tPROPN\tNNP\t_\t_\t_\t_\t_
2\tsaw\tsee\tVERB\tVBD\t_\t_\t_\t_\t_
3\ta\ta\tDET\tDT\t_\t_\t_\t_\t_
4\tfast\tfast\tADJ\tJJ\t_\t_\t_\t_\t_
5\tcat\tcat\tNOUN\tNN\t_\t_\t_\t_\t_
6\tin\tin\tADP\tIN\t_\t_\t_\t_\t_
7\tParis\tParis\tPROPN\tNNP\t_\t_\t_\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t_\t_\t_\t_
";

const CONLL2003: &str = "\
-DOCSTART- -X- -X- O

John NNP B-NP B-PER
Smith NNP I-NP I-PER
visited VBD B-VP O
Paris NNP B-NP B-LOC
with IN B-PP O
Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
. . O O

The DT B-NP O
German JJ I-NP B-MISC
team NN I-NP O
met VBD B-VP O
Smith NNP B-NP B-PER
in IN B-PP O
Berlin NNP B-NP B-LOC
. . O O

-DOCSTART- -X- -X- O

Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
hired VBD B-VP O
Mary NNP B-NP B-PER
Jones NNP I-NP I-PER
in IN B-PP O
London NNP B-NP B-LOC
. . O O
";

/// A few word-list entries (as `wordlist::read` gives them), so that the models carry one.
fn word_list() -> Vec<(String, u16)> {
    use newsgraph_tagger::wordlist::*;
    vec![
        ("cat".into(), NOUN | DICT_LOWER),
        ("run".into(), NOUN | VERB),
        ("zebra".into(), NOUN | DICT_LOWER),
        ("tokyo".into(), PROPER | DICT_CAP),
    ]
}

fn pos_cfg(seed: u64) -> PosConfig {
    PosConfig {
        epochs: 10,
        seed,
        bits: 10,
        two_pass: false,
        lex_folds: 1,
        ensemble: 1,
        words: word_list(),
        ..PosConfig::default()
    }
}

fn ner_cfg(seed: u64) -> NerConfig {
    NerConfig {
        epochs: 10,
        seed,
        bits: 10,
        ..NerConfig::default()
    }
}

fn pos_data() -> Vec<PosSentence> {
    read_conllu(CONLLU, "test.conllu").unwrap()
}

fn ner_data() -> Vec<NerDocument> {
    read_conll2003(CONLL2003, "test.conll").unwrap()
}

fn small_pos() -> PosModel {
    PosModel::train(&pos_data(), None, &pos_cfg(1)).unwrap()
}

fn small_ner(pos: &PosModel) -> NerModel {
    let gaz = vec![(newsgraph_tagger::ner::GAZ_NAT, "German".to_string())];
    NerModel::train(&ner_data(), None, pos, gaz, &ner_cfg(1)).unwrap()
}

#[test]
fn conllu_reader_skips_multiword_lines() {
    let s = pos_data();
    assert_eq!(s.len(), 4);
    assert_eq!(
        s[2].words,
        ["She", "does", "n't", "like", "the", "run", "."]
    );
    assert_eq!(s[2].upos[2], "PART");
}

#[test]
fn pos_learns_a_tiny_corpus() {
    let data = pos_data();
    let m = small_pos();
    let score = m.evaluate(&data);
    assert_eq!(score.upos_ok, score.tokens, "UPOS on the training data");
    assert_eq!(score.xpos_ok, score.tokens, "XPOS on the training data");
    // `run` and `fast` are ambiguous: context decides.
    let mut sc = Scratch::default();
    let tags = m.tag(&["Dogs", "can", "run", "fast", "."], &mut sc);
    assert_eq!(tags[2].upos.as_str(), "VERB");
    assert_eq!(tags[3].upos.as_str(), "ADV");
}

#[test]
fn two_pass_pos_learns_a_tiny_corpus() {
    // Each sentence four times in a row, so that every jackknife fold sees every sentence.
    let data: Vec<PosSentence> = pos_data().into_iter().flat_map(|s| vec![s; 4]).collect();
    let cfg = PosConfig {
        two_pass: true,
        ..pos_cfg(1)
    };
    let m = PosModel::train(&data, None, &cfg).unwrap();
    let score = m.evaluate(&pos_data());
    assert_eq!(score.upos_ok, score.tokens);
    assert_eq!(score.xpos_ok, score.tokens);
    let back = PosModel::from_bytes(&m.to_bytes(), "two-pass.ngt").unwrap();
    assert_eq!(back.to_bytes(), m.to_bytes());
}

#[test]
fn default_settings_learn_a_tiny_corpus() {
    // Jackknifed ambiguity classes (10 folds), 3 perceptrons, two passes: each sentence ten
    // times in a row, so that every fold sees every sentence.
    let data: Vec<PosSentence> = pos_data().into_iter().flat_map(|s| vec![s; 10]).collect();
    let cfg = PosConfig {
        epochs: 10,
        bits: 10,
        words: word_list(),
        ..PosConfig::default()
    };
    assert_eq!((cfg.lex_folds, cfg.ensemble), (10, 3));
    let m = PosModel::train(&data, None, &cfg).unwrap();
    let score = m.evaluate(&pos_data());
    assert_eq!(score.upos_ok, score.tokens);
    assert_eq!(score.xpos_ok, score.tokens);
    let back = PosModel::from_bytes(&m.to_bytes(), "default.ngt").unwrap();
    assert_eq!(back.to_bytes(), m.to_bytes());
}

#[test]
fn ner_learns_a_tiny_corpus() {
    let pos = small_pos();
    let ner = small_ner(&pos);
    let s = ner.evaluate(&pos, &ner_data());
    assert_eq!(s.all.tp, s.all.gold, "{}", s.report());
    assert_eq!(s.all.pred, s.all.gold, "{}", s.report());
}

#[test]
fn save_and_load_round_trip() {
    let pos = small_pos();
    let bytes = pos.to_bytes();
    let back = PosModel::from_bytes(&bytes, "pos.ngt").unwrap();
    assert_eq!(back.to_bytes(), bytes);
    let mut sc = Scratch::default();
    let words = ["Mary", "saw", "the", "cat", "."];
    assert_eq!(pos.tag(&words, &mut sc), back.tag(&words, &mut sc));

    let ner = small_ner(&pos);
    let bytes = ner.to_bytes();
    let back = NerModel::from_bytes(&bytes, "ner.ngt").unwrap();
    assert_eq!(back.to_bytes(), bytes);
    let sents = vec![vec!["John", "Smith", "visited", "London", "."]];
    assert_eq!(
        ner.tag_document(&pos, &sents),
        back.tag_document(&pos, &sents)
    );
}

#[test]
fn corrupt_or_truncated_models_are_clear_errors() {
    let pos = small_pos();
    let good = pos.to_bytes();
    let err = |b: &[u8]| {
        PosModel::from_bytes(b, "models/x.ngt")
            .unwrap_err()
            .to_string()
    };
    // Every truncation.
    for n in 0..good.len() {
        let e = err(&good[..n]);
        assert!(e.contains("models/x.ngt"), "{e}");
        assert!(e.contains("truncated"), "length {n}: {e}");
    }
    // A flipped byte anywhere in the body.
    for at in (21..good.len() - 8).step_by(7) {
        let mut b = good.clone();
        b[at] ^= 0x5a;
        let e = err(&b);
        assert!(e.contains("checksum"), "{e}");
    }
    let mut b = good.clone();
    b[0] = b'X';
    assert!(err(&b).contains("magic"));
    let mut b = good.clone();
    b[8] = 99;
    assert!(err(&b).contains("version"));
    let mut b = good.clone();
    b.push(0);
    assert!(err(&b).contains("trailing"));
    // The wrong kind of model.
    let ner = small_ner(&pos).to_bytes();
    assert!(err(&ner).contains("named-entity"));
    let e = NerModel::from_bytes(&good, "models/y.ngt")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("models/y.ngt") && e.contains("part-of-speech"),
        "{e}"
    );
    // A body that passes the checksum but lies about its sizes.
    let mut body = vec![];
    body.extend_from_slice(&[0u8, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    let file = newsgraph_tagger::model::envelope(newsgraph_tagger::model::Kind::Pos, &body);
    let e = err(&file);
    assert!(e.contains("class count"), "{e}");
}

#[test]
fn training_is_deterministic() {
    let a = PosModel::train(&pos_data(), None, &pos_cfg(7))
        .unwrap()
        .to_bytes();
    let b = PosModel::train(&pos_data(), None, &pos_cfg(7))
        .unwrap()
        .to_bytes();
    assert_eq!(a, b);
    let pos = small_pos();
    let gaz = || vec![(0u8, "John".to_string())];
    let a = NerModel::train(&ner_data(), None, &pos, gaz(), &ner_cfg(3))
        .unwrap()
        .to_bytes();
    let b = NerModel::train(&ner_data(), None, &pos, gaz(), &ner_cfg(3))
        .unwrap()
        .to_bytes();
    assert_eq!(a, b);
}

#[test]
fn conlleval_chunks_and_scores() {
    let tags = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "O"];
    assert_eq!(
        chunks(&tags),
        vec![
            ("PER".to_string(), 0, 2),
            ("LOC".to_string(), 3, 4),
            ("LOC".to_string(), 4, 5),
            ("ORG".to_string(), 5, 6)
        ]
    );
    let mut s = NerScore::default();
    s.add(
        &["B-PER", "I-PER", "O", "B-LOC"],
        &["B-PER", "O", "O", "B-LOC"],
    );
    assert_eq!((s.all.tp, s.all.pred, s.all.gold), (1, 2, 2));
    assert!((s.all.f1() - 0.5).abs() < 1e-9);
}

#[test]
fn embedded_models_parse_and_the_stage_fills_valid_layers() {
    newsgraph_tagger::embedded_pos().unwrap();
    newsgraph_tagger::embedded_ner().unwrap();
    let mut doc = Document::new(
        "Israeli Prime Minister Benjamin Netanyahu canceled a trip to Washington.\n\nJohn Kirby said the United Nations met on Monday.",
    );
    newsgraph_nlp::Segmenter::default().run(&mut doc);
    newsgraph_tagger::Tagger::default().run(&mut doc);
    doc.validate().unwrap();
    assert_eq!(doc.pos.len(), doc.tokens.len());
    let ents: Vec<(&str, EntityLabel)> = doc
        .entities
        .iter()
        .map(|e| (doc.slice(e.span), e.label))
        .collect();
    assert!(
        ents.contains(&("Benjamin Netanyahu", EntityLabel::Person)),
        "{ents:?}"
    );
    assert!(
        ents.contains(&("Washington", EntityLabel::Location)),
        "{ents:?}"
    );
    assert!(
        ents.contains(&("Israeli", EntityLabel::Nationality)),
        "{ents:?}"
    );
}

#[test]
fn the_stage_handles_empty_and_unsegmented_documents() {
    let tagger = newsgraph_tagger::Tagger::default();
    let mut doc = Document::new("");
    tagger.run(&mut doc);
    assert!(doc.pos.is_empty() && doc.entities.is_empty());
    // Tokens without sentences still get tags (the layer stays parallel to tokens).
    let mut doc = Document::new("Kirby said no.");
    let seg = newsgraph_nlp::Segmenter::default();
    doc.tokens = seg.tokenize(&doc.text);
    tagger.run(&mut doc);
    assert_eq!(doc.pos.len(), doc.tokens.len());
    doc.validate().unwrap();
}
