use super::*;
use newsgraph_core::{assert_span, Block};

fn seg() -> Segmenter {
    Segmenter::default()
}

/// Token texts of `text` tokenized alone.
fn toks(text: &str) -> Vec<String> {
    seg()
        .tokenize(text)
        .iter()
        .map(|t| text[t.span.range()].to_string())
        .collect()
}

/// (text, kind) pairs.
fn kinds(text: &str) -> Vec<(String, TokenKind)> {
    seg()
        .tokenize(text)
        .iter()
        .map(|t| (text[t.span.range()].to_string(), t.kind))
        .collect()
}

fn kind_of(text: &str, token: &str) -> TokenKind {
    kinds(text)
        .into_iter()
        .find(|(t, _)| t == token)
        .unwrap_or_else(|| panic!("no token {token:?} in {:?}", toks(text)))
        .1
}

/// Sentence texts of `text` as one body block.
fn sents(text: &str) -> Vec<String> {
    let mut doc = Document::new(text);
    doc.blocks
        .push(Block::new(BlockKind::Body, Span::new(0, text.len())));
    seg().run(&mut doc);
    check_invariants(&doc);
    doc.sentences
        .iter()
        .map(|&s| doc.slice(s).to_string())
        .collect()
}

/// Checks every invariant the segmenter promises.
fn check_invariants(doc: &Document) {
    doc.validate()
        .unwrap_or_else(|e| panic!("invalid: {e} in {:?}", doc.text));
    let blocks: Vec<Span> = if doc.blocks.is_empty() {
        paragraphs(&doc.text)
    } else {
        doc.blocks
            .iter()
            .filter(|b| {
                matches!(
                    b.kind,
                    BlockKind::Title | BlockKind::Body | BlockKind::Caption
                )
            })
            .map(|b| b.span)
            .collect()
    };
    for (i, &s) in doc.sentences.iter().enumerate() {
        assert!(!s.is_empty(), "empty sentence {i} in {:?}", doc.text);
        let st = doc.slice(s);
        assert_eq!(st, st.trim(), "untrimmed sentence {st:?}");
        assert!(
            blocks.iter().any(|b| b.contains(s)),
            "sentence {st:?} not inside one block in {:?}",
            doc.text
        );
        if i > 0 {
            assert!(doc.sentences[i - 1].end <= s.start);
        }
        // Every non-whitespace char is inside a token.
        let ts = doc.tokens_in(s);
        let mut covered = s.start as usize;
        let mut k = 0;
        for (off, c) in st.char_indices() {
            let pos = s.start as usize + off;
            while k < ts.len() && (ts[k].span.end as usize) <= pos {
                k += 1;
            }
            if !c.is_whitespace() {
                assert!(
                    k < ts.len() && ts[k].span.contains_offset(pos),
                    "char {c:?} at {pos} not in a token; text {:?}; tokens {:?}",
                    doc.text,
                    ts.iter().map(|t| doc.slice(t.span)).collect::<Vec<_>>()
                );
            }
            covered = pos;
        }
        let _ = covered;
    }
    for t in &doc.tokens {
        assert!(!t.span.is_empty(), "empty token");
        assert!(
            doc.sentence_index_at(t.span.start as usize)
                .is_some_and(|i| doc.sentences[i].contains(t.span)),
            "token {:?} outside sentences in {:?}",
            doc.slice(t.span),
            doc.text
        );
        // Tokens hold no whitespace.
        assert!(
            !doc.slice(t.span).chars().any(char::is_whitespace),
            "token with whitespace {:?}",
            doc.slice(t.span)
        );
    }
}

/// Reads the `articleBody` strings of a JSON file without a JSON dependency (the test only
/// needs string values: escapes `\n \" \\ \/ \t \r \b \f \uXXXX` with surrogate pairs).
fn article_bodies(json: &str) -> Vec<String> {
    let key = "\"articleBody\"";
    let mut out = Vec::new();
    let mut rest = json;
    while let Some(k) = rest.find(key) {
        rest = &rest[k + key.len()..];
        let q = rest.find('"').expect("string value");
        let mut chars = rest[q + 1..].char_indices();
        let mut s = String::new();
        let mut end = 0;
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    end = q + 1 + i + 1;
                    break;
                }
                '\\' => {
                    let (_, e) = chars.next().unwrap();
                    match e {
                        'n' => s.push('\n'),
                        't' => s.push('\t'),
                        'r' => s.push('\r'),
                        'b' => s.push('\u{8}'),
                        'f' => s.push('\u{c}'),
                        'u' => {
                            let hex = |chars: &mut std::str::CharIndices| {
                                let h: String = (0..4).map(|_| chars.next().unwrap().1).collect();
                                u32::from_str_radix(&h, 16).unwrap()
                            };
                            let mut u = hex(&mut chars);
                            if (0xD800..0xDC00).contains(&u) {
                                chars.next();
                                chars.next();
                                let lo = hex(&mut chars);
                                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                            }
                            s.push(char::from_u32(u).unwrap_or('\u{FFFD}'));
                        }
                        other => s.push(other),
                    }
                }
                c => s.push(c),
            }
        }
        out.push(s);
        rest = &rest[end..];
    }
    out
}

fn naeb_bodies() -> Option<Vec<String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/extraction/naeb/articles.json"
    );
    let json = std::fs::read_to_string(path).ok()?;
    Some(article_bodies(&json))
}

/// Throughput over the 424 NAEB bodies. Run with
/// `cargo test -p newsgraph-nlp --release -- --ignored --nocapture throughput`.
#[test]
#[ignore]
fn throughput() {
    let Some(bodies) = naeb_bodies() else {
        eprintln!("NAEB articles not found; skipping");
        return;
    };
    let s = seg();
    let mut docs: Vec<Document> = bodies.into_iter().map(Document::new).collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    for d in &mut docs {
        s.run(d);
        check_invariants(d);
    }
    // Best of 7 runs of 5 rounds each: the machine is shared.
    let rounds = 5;
    let mb = (bytes * rounds) as f64 / 1e6;
    let mut best = f64::MAX;
    let mut tokens = 0;
    for _ in 0..7 {
        let t = std::time::Instant::now();
        tokens = 0;
        for _ in 0..rounds {
            for d in &mut docs {
                s.run(d);
                tokens += d.tokens.len();
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    eprintln!(
        "segmenter: {} docs, {:.2} MB x {rounds} in {best:.3}s = {:.1} MB/s ({} tokens/round)",
        docs.len(),
        bytes as f64 / 1e6,
        mb / best,
        tokens / rounds
    );
    // Tokenizer alone.
    let mut out = Vec::with_capacity(1 << 16);
    let mut best = f64::MAX;
    for _ in 0..7 {
        let t = std::time::Instant::now();
        for _ in 0..rounds {
            for d in &docs {
                out.clear();
                s.tokenize_into(&d.text, 0, &mut out);
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let secs = best;
    eprintln!("tokenizer alone: {:.1} MB/s", mb / secs);
}

/// Diagnostic: token and sentence-boundary listing over NAEB (`SHOW=1`, `SENTS=1`,
/// `CTX="tok Kind,..."`). `cargo test -p newsgraph-nlp --release -- --ignored explore_naeb --nocapture`
#[test]
#[ignore]
fn explore_naeb() {
    let Some(bodies) = naeb_bodies() else { return };
    let s = seg();
    let mut dotted = std::collections::BTreeMap::<String, usize>::new();
    for b in bodies {
        let mut d = Document::new(b);
        s.run(&mut d);
        for (i, t) in d.tokens.iter().enumerate() {
            let x = token_text(&d, t);
            if (x.len() > 1 && x.contains('.'))
                || x.contains('@')
                || x.contains('\'')
                || x.contains('’')
                || t.kind == TokenKind::Symbol
            {
                *dotted.entry(format!("{x} {:?}", t.kind)).or_default() += 1;
            }
            if let Ok(want) = std::env::var("CTX") {
                if want.split(',').any(|w| format!("{x} {:?}", t.kind) == w) {
                    let a = d.text[..t.span.start as usize]
                        .char_indices()
                        .rev()
                        .nth(30)
                        .map_or(0, |p| p.0);
                    let e = t.span.end as usize;
                    let b = d.text[e..]
                        .char_indices()
                        .nth(30)
                        .map_or(d.text.len(), |p| e + p.0);
                    println!("CTX {:?}", &d.text[a..b]);
                }
            }
            let _ = i;
        }
        for w in d.sentences.windows(2) {
            let a = d.slice(w[0]);
            let b = d.slice(w[1]);
            let tail: String = a
                .chars()
                .rev()
                .take(25)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let head: String = b.chars().take(25).collect();
            if std::env::var("SHOW").is_ok() {
                println!("{tail} ||| {head}");
            }
            if std::env::var("SENTS").is_ok() {
                println!("SENT {:?}", a);
            }
        }
    }
    for (k, v) in dotted {
        println!("{v}\t{k}");
    }
}

// ---------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------

#[test]
fn clitics_split_ptb_style() {
    assert_eq!(toks("don't"), ["do", "n't"]);
    assert_eq!(toks("can’t won't"), ["ca", "n’t", "wo", "n't"]);
    assert_eq!(toks("Israel's"), ["Israel", "'s"]);
    assert_eq!(toks("Israel’s"), ["Israel", "’s"]);
    assert_eq!(
        toks("we're they'll I've I'm he'd"),
        ["we", "'re", "they", "'ll", "I", "'ve", "I", "'m", "he", "'d"]
    );
    assert_eq!(toks("WE'RE"), ["WE", "'RE"]);
    assert_eq!(kind_of("it's", "'s"), TokenKind::Word);
}

#[test]
fn inner_apostrophes_stay() {
    assert_eq!(
        toks("O'Brien O’Neill's y'all o'clock"),
        ["O'Brien", "O’Neill", "'s", "y'all", "o'clock"]
    );
    assert_eq!(toks("d’Estaing"), ["d’Estaing"]);
}

#[test]
fn possessive_apostrophe_after_plural_is_not_a_quote() {
    let k = kinds("the players' union and the Jets’ loss");
    assert!(k.contains(&("'".into(), TokenKind::Punct)), "{k:?}");
    assert!(k.contains(&("’".into(), TokenKind::Punct)), "{k:?}");
    assert!(!k.iter().any(|(_, k)| *k == TokenKind::Quote));
}

#[test]
fn decades_are_numbers() {
    assert_eq!(
        kinds("the '90s"),
        [
            ("the".into(), TokenKind::Word),
            ("'90s".into(), TokenKind::Number)
        ]
    );
    assert_eq!(kind_of("in the ’80s and ‘76", "’80s"), TokenKind::Number);
    assert_eq!(kind_of("in the ’80s and ‘76", "‘76"), TokenKind::Number);
}

#[test]
fn single_quotes_as_quotes() {
    let k = kinds("He said 'Leave it to Beaver' yesterday.");
    let quotes: Vec<_> = k
        .iter()
        .filter(|(_, k)| *k == TokenKind::Quote)
        .map(|(t, _)| t.as_str())
        .collect();
    assert_eq!(quotes, ["'", "'"]);
    // Closing after a plural while a quote is open.
    let k = kinds("call them ‘friends’ now");
    assert_eq!(k[2], ("‘".into(), TokenKind::Quote));
    assert_eq!(k[4], ("’".into(), TokenKind::Quote));
    // After punctuation.
    assert_eq!(kind_of("'It was over.' Then", "'"), TokenKind::Quote);
    assert_eq!(toks("'It was over.'"), ["'", "It", "was", "over", ".", "'"]);
}

#[test]
fn elisions_keep_apostrophe() {
    assert_eq!(toks("get 'em 'til dawn"), ["get", "'em", "'til", "dawn"]);
    assert_eq!(toks("rock 'n' roll"), ["rock", "'n'", "roll"]);
}

#[test]
fn all_quote_styles_are_quote_tokens() {
    for q in ["\"", "“", "”", "‘", "«", "»", "„", "‚", "‹", "›"] {
        let text = format!("a {q}b c");
        assert_eq!(kind_of(&text, q), TokenKind::Quote, "{q}");
    }
    assert_eq!(
        toks("„Wir schaffen das“"),
        ["„", "Wir", "schaffen", "das", "“"]
    );
    assert_eq!(toks("«Bonjour»"), ["«", "Bonjour", "»"]);
    assert_eq!(
        toks("\"We don't have that.\""),
        ["\"", "We", "do", "n't", "have", "that", ".", "\""]
    );
}

#[test]
fn hyphenated_words_are_one_token() {
    assert_eq!(
        toks("a well-known 10-year-old state-of-the-art COVID-19 F-35"),
        [
            "a",
            "well-known",
            "10-year-old",
            "state-of-the-art",
            "COVID-19",
            "F-35"
        ]
    );
    assert_eq!(kind_of("a 10-year-old", "10-year-old"), TokenKind::Word);
    assert_eq!(toks("non‑breaking‐hyphen"), ["non‑breaking‐hyphen"]);
}

#[test]
fn dashes() {
    assert_eq!(
        kinds("Israel - and"),
        [
            ("Israel".into(), TokenKind::Word),
            ("-".into(), TokenKind::Dash),
            ("and".into(), TokenKind::Word)
        ]
    );
    assert_eq!(toks("word--word"), ["word", "--", "word"]);
    assert_eq!(toks("a – b — c"), ["a", "–", "b", "—", "c"]);
    assert_eq!(toks("Rafah—a plan"), ["Rafah", "—", "a", "plan"]);
    for d in ["--", "–", "—", "-"] {
        assert_eq!(kind_of(&format!("x {d} y"), d), TokenKind::Dash);
    }
    assert_eq!(toks("pre- and post-war"), ["pre", "-", "and", "post-war"]);
}

#[test]
fn ellipses() {
    assert_eq!(
        kinds("you...we're"),
        [
            ("you".into(), TokenKind::Word),
            ("...".into(), TokenKind::Ellipsis),
            ("we".into(), TokenKind::Word),
            ("'re".into(), TokenKind::Word)
        ]
    );
    assert_eq!(kind_of("wait… what", "…"), TokenKind::Ellipsis);
    assert_eq!(toks("end...."), ["end", "...."]);
    assert_eq!(toks("U.S..."), ["U.S", "..."]);
}

#[test]
fn title_abbreviations_keep_period() {
    assert_eq!(
        toks("Gen. Sen. Rep. Gov. Dr. Mr. Mrs. Ms. St. Louis"),
        ["Gen.", "Sen.", "Rep.", "Gov.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Louis"]
    );
}

#[test]
fn general_abbreviations_keep_period() {
    assert_eq!(
        toks("Apple Inc. Corp. Ltd. Co. Jr. vs. etc."),
        ["Apple", "Inc.", "Corp.", "Ltd.", "Co.", "Jr.", "vs.", "etc."]
    );
    assert_eq!(
        toks("Jan. Feb. Mar. Apr. Aug. Sept. Oct. Nov. Dec. 5"),
        ["Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "5"]
    );
}

#[test]
fn dotted_acronyms_and_times() {
    assert_eq!(
        toks("the U.S. and U.N. at 10 a.m. or 5 p.m."),
        ["the", "U.S.", "and", "U.N.", "at", "10", "a.m.", "or", "5", "p.m."]
    );
    assert_eq!(
        toks("e.g., i.e. Ph.D. U.S.A."),
        ["e.g.", ",", "i.e.", "Ph.D.", "U.S.A."]
    );
    assert_eq!(toks("U.S.-led talks"), ["U.S.-led", "talks"]);
    assert_eq!(toks("the U.S.'s role"), ["the", "U.S.", "'s", "role"]);
}

#[test]
fn initials() {
    assert_eq!(
        toks("John F. Kennedy and J. R. R. Tolkien"),
        ["John", "F.", "Kennedy", "and", "J.", "R.", "R.", "Tolkien"]
    );
    assert_eq!(toks("J.K. Rowling"), ["J.K.", "Rowling"]);
}

#[test]
fn number_abbreviation_only_before_number() {
    assert_eq!(toks("No. 10 Downing"), ["No.", "10", "Downing"]);
    assert_eq!(toks("He said No. Then"), ["He", "said", "No", ".", "Then"]);
    assert_eq!(toks("No.\u{a0}1"), ["No.", "1"]);
}

#[test]
fn ordinary_words_do_not_keep_period() {
    assert_eq!(toks("was ill. It"), ["was", "ill", ".", "It"]);
    assert_eq!(toks("in 2024."), ["in", "2024", "."]);
    assert_eq!(toks("end.The"), ["end", ".", "The"]);
}

#[test]
fn numbers() {
    let cases = [
        ("1,000", "1,000"),
        ("3.5", "3.5"),
        ("2024-03-25", "2024-03-25"),
        ("9/11", "9/11"),
        ("10:30", "10:30"),
        ("1,234,567.89", "1,234,567.89"),
    ];
    for (text, tok) in cases {
        assert_eq!(
            kinds(text),
            [(tok.to_string(), TokenKind::Number)],
            "{text}"
        );
    }
    assert_eq!(
        kinds("0.3%"),
        [
            ("0.3".into(), TokenKind::Number),
            ("%".into(), TokenKind::Symbol)
        ]
    );
    assert_eq!(
        kinds("$5"),
        [
            ("$".into(), TokenKind::Symbol),
            ("5".into(), TokenKind::Number)
        ]
    );
    assert_eq!(toks("€1.5bn and £20"), ["€", "1.5bn", "and", "£", "20"]);
    assert_eq!(toks("1,000, 2,000."), ["1,000", ",", "2,000", "."]);
    assert_eq!(toks("the 1990s"), ["the", "1990s"]);
}

#[test]
fn urls_emails_handles_hashtags() {
    assert_eq!(
        toks("see https://example.com/a/b?x=1&y=2."),
        ["see", "https://example.com/a/b?x=1&y=2", "."]
    );
    assert_eq!(toks("(www.dpa.de)"), ["(", "www.dpa.de", ")"]);
    assert_eq!(
        toks("(https://en.wikipedia.org/wiki/Foo_(bar))"),
        ["(", "https://en.wikipedia.org/wiki/Foo_(bar)", ")"]
    );
    assert_eq!(
        toks("mail john.smith@example.co.uk."),
        ["mail", "john.smith@example.co.uk", "."]
    );
    assert_eq!(toks("j_doe+news@nyt.com"), ["j_doe+news@nyt.com"]);
    assert_eq!(
        toks("@POTUS #Gaza #MeToo2024"),
        ["@POTUS", "#Gaza", "#MeToo2024"]
    );
    assert_eq!(kind_of("@POTUS said", "@POTUS"), TokenKind::Word);
    assert_eq!(
        kind_of("see https://x.org", "https://x.org"),
        TokenKind::Word
    );
    assert_eq!(toks("Amazon.com"), ["Amazon.com"]);
}

#[test]
fn punctuation_and_symbols() {
    assert_eq!(
        kinds("Why?!"),
        [
            ("Why".into(), TokenKind::Word),
            ("?!".into(), TokenKind::Punct)
        ]
    );
    assert_eq!(
        toks("(AP) [1] {x};:"),
        ["(", "AP", ")", "[", "1", "]", "{", "x", "}", ";", ":"]
    );
    assert_eq!(kind_of("a & b", "&"), TokenKind::Symbol);
    assert_eq!(toks("AT&T S&P"), ["AT&T", "S&P"]);
    assert_eq!(kind_of("50°C", "°"), TokenKind::Symbol);
}

#[test]
fn unicode_words() {
    assert_eq!(
        toks("François Hollande, José Martí and Björn Höcke in Zürich"),
        [
            "François",
            "Hollande",
            ",",
            "José",
            "Martí",
            "and",
            "Björn",
            "Höcke",
            "in",
            "Zürich"
        ]
    );
    // Combining acute accent (NFD) stays inside the word.
    assert_eq!(toks("Jose\u{301} said"), ["Jose\u{301}", "said"]);
    assert_eq!(toks("Владимир Путин"), ["Владимир", "Путин"]);
    assert_eq!(toks("Selenskyj’s"), ["Selenskyj", "’s"]);
}

#[test]
fn non_breaking_spaces_separate_tokens() {
    assert_eq!(
        toks("10\u{a0}000 Euro\u{202f}!"),
        ["10", "000", "Euro", "!"]
    );
    assert_eq!(toks("Mr.\u{a0}Biden"), ["Mr.", "Biden"]);
}

#[test]
fn emoji_sequences_are_one_symbol() {
    assert_eq!(toks("ok 👍🏽 🇺🇸 👨‍👩‍👧"), ["ok", "👍🏽", "🇺🇸", "👨‍👩‍👧"]);
    assert_eq!(kind_of("ok 👍🏽", "👍🏽"), TokenKind::Symbol);
}

#[test]
fn token_offsets_are_exact() {
    let text = "«Still behind Israel» – said Kirby’s aide.";
    let doc = {
        let mut d = Document::new(text);
        seg().run(&mut d);
        d
    };
    assert_span!(doc, doc.tokens[0].span, "«");
    assert_span!(doc, doc.tokens[1].span, "Still");
    assert_span!(doc, doc.tokens[4].span, "»");
    assert_span!(doc, doc.tokens[5].span, "–");
    assert_span!(doc, doc.tokens[7].span, "Kirby");
    assert_span!(doc, doc.tokens[8].span, "’s");
    assert_eq!(doc.tokens[8].span, Span::new(38, 42));
    assert_span!(doc, doc.tokens[10].span, ".");
}

// ---------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------

#[test]
fn basic_sentences() {
    assert_eq!(
        sents("One. Two? Three! Four"),
        ["One.", "Two?", "Three!", "Four"]
    );
    assert_eq!(
        sents("It rose 3.5 percent. Then it fell."),
        ["It rose 3.5 percent.", "Then it fell."]
    );
    assert_eq!(
        sents("It cost $5. 10 people came."),
        ["It cost $5.", "10 people came."]
    );
}

#[test]
fn lowercase_after_period_continues() {
    assert_eq!(
        sents("at 10 a.m. on Monday. Then"),
        ["at 10 a.m. on Monday.", "Then"]
    );
    assert_eq!(sents("the est. value is high"), ["the est. value is high"]);
}

#[test]
fn title_abbreviations_never_split() {
    assert_eq!(
        sents("They met Gen. Smith and Sen. Jones. Mr. Brown left."),
        ["They met Gen. Smith and Sen. Jones.", "Mr. Brown left."]
    );
    assert_eq!(sents("Ask Dr. The Dentist."), ["Ask Dr. The Dentist."]);
}

#[test]
fn initials_do_not_split() {
    assert_eq!(
        sents("John F. Kennedy was shot. George W. Bush won."),
        ["John F. Kennedy was shot.", "George W. Bush won."]
    );
    assert_eq!(
        sents("He fought in World War I. The war ended."),
        ["He fought in World War I.", "The war ended."]
    );
}

#[test]
fn us_at_sentence_end_uses_starters() {
    assert_eq!(
        sents("the U.S. side had changed."),
        ["the U.S. side had changed."]
    );
    assert_eq!(
        sents("He flew to the U.S. He landed."),
        ["He flew to the U.S.", "He landed."]
    );
    assert_eq!(
        sents("He met U.S. Army officials."),
        ["He met U.S. Army officials."]
    );
    assert_eq!(
        sents("He met the U.S. But it failed."),
        ["He met the U.S.", "But it failed."]
    );
    assert_eq!(
        sents("in the U.S. \"We care,\" he said."),
        ["in the U.S.", "\"We care,\" he said."]
    );
    assert_eq!(
        sents("a system for the U.N. \"to monitor\" aid"),
        ["a system for the U.N. \"to monitor\" aid"]
    );
}

#[test]
fn general_abbreviations_need_a_starter() {
    assert_eq!(
        sents("Apple Inc. said profits rose."),
        ["Apple Inc. said profits rose."]
    );
    assert_eq!(
        sents("He works at Apple Inc. The firm is big."),
        ["He works at Apple Inc.", "The firm is big."]
    );
    assert_eq!(sents("On Jan. 5 it began."), ["On Jan. 5 it began."]);
    assert_eq!(sents("No. 10 is here."), ["No. 10 is here."]);
}

#[test]
fn final_abbreviations_split_before_capitals() {
    assert_eq!(
        sents("the stoppage of Errol Spence Jr. Crawford showed"),
        ["the stoppage of Errol Spence Jr.", "Crawford showed"]
    );
    assert_eq!(
        sents("cars, trucks, etc. Differences remain."),
        ["cars, trucks, etc.", "Differences remain."]
    );
    assert_eq!(
        sents("Martin Luther King Jr., the leader"),
        ["Martin Luther King Jr., the leader"]
    );
}

#[test]
fn closing_quote_belongs_to_its_sentence() {
    assert_eq!(
        sents("\"We don't have that.\" It also seems"),
        ["\"We don't have that.\"", "It also seems"]
    );
    assert_eq!(sents("„Wir gehen.“ Dann"), ["„Wir gehen.“", "Dann"]);
    assert_eq!(sents("“We go.” Then"), ["“We go.”", "Then"]);
    assert_eq!(sents("He said: 'Go.' Then"), ["He said: 'Go.'", "Then"]);
    assert_eq!(sents("(See below.) Next"), ["(See below.)", "Next"]);
}

#[test]
fn quote_then_said_continues() {
    assert_eq!(
        sents("\"Is it over?\" he asked."),
        ["\"Is it over?\" he asked."]
    );
    assert_eq!(sents("\"Stop!\" she shouted."), ["\"Stop!\" she shouted."]);
    assert_eq!(
        sents("\"I have to tell you...we're pretty perplexed,\" said John Kirby."),
        ["\"I have to tell you...we're pretty perplexed,\" said John Kirby."]
    );
}

#[test]
fn opening_quote_after_period_splits() {
    assert_eq!(
        sents("It is irritating. \"I have to tell you.\""),
        ["It is irritating.", "\"I have to tell you.\""]
    );
    assert_eq!(
        sents("It ended. “Never again,” he said."),
        ["It ended.", "“Never again,” he said."]
    );
}

#[test]
fn ellipsis_splits_only_before_space_and_capital() {
    assert_eq!(sents("you...we're fine"), ["you...we're fine"]);
    assert_eq!(
        sents("I don't know… The thing is"),
        ["I don't know…", "The thing is"]
    );
    assert_eq!(sents("and then... and then"), ["and then... and then"]);
}

#[test]
fn colons_semicolons_do_not_split() {
    assert_eq!(
        sents("He added: That is it; We go."),
        ["He added: That is it; We go."]
    );
}

#[test]
fn newlines_inside_block_do_not_split() {
    assert_eq!(
        sents("The talks\ncontinued on\nMonday. Then"),
        ["The talks\ncontinued on\nMonday.", "Then"]
    );
    assert_eq!(sents("One line\nTwo line"), ["One line\nTwo line"]);
}

#[test]
fn blank_line_inside_block_splits() {
    assert_eq!(
        sents("Headline without period\n\nBody starts here."),
        ["Headline without period", "Body starts here."]
    );
}

#[test]
fn list_blocks_split_per_line() {
    assert_eq!(
        sents("- first item\n- second item\n- third"),
        ["- first item", "- second item", "- third"]
    );
    assert_eq!(
        sents("1. Buy milk\n2. Sell eggs"),
        ["1. Buy milk", "2. Sell eggs"]
    );
    assert_eq!(sents("• a\n• b"), ["• a", "• b"]);
}

#[test]
fn numbers_do_not_split() {
    assert_eq!(
        sents("It grew 3.5% in Q1. Prices rose 0.3 percent."),
        ["It grew 3.5% in Q1.", "Prices rose 0.3 percent."]
    );
    assert_eq!(sents("Version 2.0 Is Out"), ["Version 2.0 Is Out"]);
}

#[test]
fn unicode_sentence_starts() {
    assert_eq!(
        sents("Il est parti. Élysée a dit."),
        ["Il est parti.", "Élysée a dit."]
    );
    assert_eq!(
        sents("It ended.\u{a0}Then we left."),
        ["It ended.", "Then we left."]
    );
}

#[test]
fn sentences_never_cross_blocks() {
    let text = "Headline Without Period\nThe body starts here. And ends.";
    let mut doc = Document::new(text);
    doc.blocks
        .push(Block::new(BlockKind::Title, Span::new(0, 23)));
    doc.blocks
        .push(Block::new(BlockKind::Body, Span::new(24, text.len())));
    seg().run(&mut doc);
    check_invariants(&doc);
    let s: Vec<&str> = doc.sentences.iter().map(|&s| doc.slice(s)).collect();
    assert_eq!(
        s,
        [
            "Headline Without Period",
            "The body starts here.",
            "And ends."
        ]
    );
}

#[test]
fn only_title_body_caption_blocks_are_segmented() {
    let text =
        "Enlarge image\n\nKirby spoke. He left.\n\nPhoto: Jacquelyn Martin / AP\n\nA caption here.";
    let mut doc = Document::new(text);
    let span = |s: &str| {
        let a = text.find(s).unwrap();
        Span::new(a, a + s.len())
    };
    doc.blocks
        .push(Block::new(BlockKind::Boilerplate, span("Enlarge image")));
    doc.blocks
        .push(Block::new(BlockKind::Body, span("Kirby spoke. He left.")));
    doc.blocks.push(Block::new(
        BlockKind::Credit,
        span("Photo: Jacquelyn Martin / AP"),
    ));
    doc.blocks
        .push(Block::new(BlockKind::Caption, span("A caption here.")));
    seg().run(&mut doc);
    check_invariants(&doc);
    let s: Vec<&str> = doc.sentences.iter().map(|&s| doc.slice(s)).collect();
    assert_eq!(s, ["Kirby spoke.", "He left.", "A caption here."]);
    assert!(doc.tokens.iter().all(|t| token_text(&doc, t) != "Enlarge"));
}

#[test]
fn no_blocks_means_blank_line_paragraphs() {
    let text = "  First para. Still first\nline two.\n \t\nSecond para.\n\n\n";
    let p = paragraphs(text);
    let ps: Vec<&str> = p.iter().map(|s| &text[s.range()]).collect();
    assert_eq!(ps, ["First para. Still first\nline two.", "Second para."]);
    let mut doc = Document::new(text);
    seg().run(&mut doc);
    check_invariants(&doc);
    assert!(
        doc.blocks.is_empty(),
        "the segmenter does not invent blocks"
    );
    let s: Vec<&str> = doc.sentences.iter().map(|&s| doc.slice(s)).collect();
    assert_eq!(s, ["First para.", "Still first\nline two.", "Second para."]);
}

#[test]
fn run_is_idempotent_and_handles_empty_and_bad_blocks() {
    let mut doc = Document::new("");
    seg().run(&mut doc);
    assert!(doc.sentences.is_empty() && doc.tokens.is_empty());
    let mut doc = Document::new("   \n\n  ");
    seg().run(&mut doc);
    assert!(doc.sentences.is_empty() && doc.tokens.is_empty());
    // A block off a char boundary and one out of bounds are skipped, not panicked on.
    let mut doc = Document::new("é is fine. Yes.");
    doc.blocks
        .push(Block::new(BlockKind::Body, Span::new(1, 5)));
    doc.blocks
        .push(Block::new(BlockKind::Body, Span::new(6, 90)));
    seg().run(&mut doc);
    assert!(doc.sentences.is_empty() && doc.tokens.is_empty());
    let mut doc = Document::new("One. Two.");
    seg().run(&mut doc);
    let first = (doc.sentences.clone(), doc.tokens.clone());
    seg().run(&mut doc);
    assert_eq!(first, (doc.sentences.clone(), doc.tokens.clone()));
}

fn seed_doc() -> Option<Document> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/golden/seed/input.txt"
    ))
    .expect("tests/golden/seed/input.txt is in the repository");
    let mut doc = Document::new(text);
    seg().run(&mut doc);
    check_invariants(&doc);
    Some(doc)
}

#[test]
fn seed_article_sentences() {
    let Some(doc) = seed_doc() else {
        eprintln!("seed article not found; skipping");
        return;
    };
    let s: Vec<&str> = doc.sentences.iter().map(|&s| doc.slice(s)).collect();
    assert!(s.contains(&"\"I have to tell you...we're pretty perplexed,\" said National Security Council Communications Director John Kirby."));
    assert!(s.contains(&"\"We don't have that.\""));
    assert!(s.iter().any(|x| x.starts_with("It also seems as if")));
    assert!(s
        .iter()
        .any(|x| x.starts_with("Kirby said the prime minister's office")
            && x.contains("the U.S. side had changed course toward Israel.")));
    assert!(s.contains(&"\"Of course we still support Israel,\" he emphasized."));
    assert!(s.contains(&"However, he added: \"That doesn't mean we agree on everything, and my goodness, we don't.\""));
    assert!(s.contains(&"That is not the case."));
    assert_eq!(s.len(), 26, "{s:#?}");
}

#[test]
fn seed_article_tokens() {
    let Some(doc) = seed_doc() else { return };
    let words: Vec<&str> = doc.tokens.iter().map(|t| token_text(&doc, t)).collect();
    let find = |seq: &[&str]| words.windows(seq.len()).any(|w| w == seq);
    assert!(find(&[
        "you",
        "...",
        "we",
        "'re",
        "pretty",
        "perplexed",
        ",",
        "\""
    ]));
    assert!(find(&["the", "U.S.", "side"]));
    assert!(find(&["We", "do", "n't", "have", "that", ".", "\""]));
    assert!(find(&["an", "“", "immediate", "ceasefire", "”", "in"]));
    assert!(find(&["Israel", "'s", "military"]));
    assert!(find(&["lpz", "/", "dpa"]));
    let dash = doc
        .tokens
        .iter()
        .find(|t| token_text(&doc, t) == "-")
        .unwrap();
    assert_eq!(dash.kind, TokenKind::Dash);
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

#[test]
fn helper_predicates() {
    assert!(is_capitalized("Kirby") && is_capitalized("Élysée") && is_capitalized("U.S."));
    assert!(!is_capitalized("kirby") && !is_capitalized("") && !is_capitalized("1990"));
    assert!(
        is_all_caps("NATO") && is_all_caps("U.S.") && !is_all_caps("Nato") && !is_all_caps("123")
    );
    assert!(is_quote_char('„') && is_quote_char('\'') && !is_quote_char('-'));
    for c in [
        "'s", "’s", "n't", "N'T", "n’t", "'re", "'LL", "’ve", "'m", "'d",
    ] {
        assert!(is_clitic(c), "{c}");
    }
    assert!(!is_clitic("s") && !is_clitic("'x") && !is_clitic("don't"));
    let s = seg();
    assert_eq!(s.abbreviation("Gen."), Some(Abbreviation::Title));
    assert_eq!(s.abbreviation("Inc"), Some(Abbreviation::General));
    assert_eq!(s.abbreviation("U.S."), Some(Abbreviation::General));
    assert_eq!(s.abbreviation("No."), Some(Abbreviation::Numeric));
    assert_eq!(s.abbreviation("F."), Some(Abbreviation::Initial));
    assert_eq!(s.abbreviation("ill."), None);
    assert!(s.is_sentence_starter("The") && !s.is_sentence_starter("Kirby"));
}

#[test]
fn helper_quote_roles_and_possessives() {
    let mut doc = Document::new("He said \"Israel's players' ‘best’ year\" and „so“.");
    seg().run(&mut doc);
    let roles: Vec<(&str, QuoteRole)> = (0..doc.tokens.len())
        .filter_map(|i| quote_role(&doc, i).map(|r| (token_text(&doc, &doc.tokens[i]), r)))
        .collect();
    assert_eq!(
        roles,
        [
            ("\"", QuoteRole::Opening),
            ("‘", QuoteRole::Opening),
            ("’", QuoteRole::Closing),
            ("\"", QuoteRole::Closing),
            ("„", QuoteRole::Opening),
            ("“", QuoteRole::Closing)
        ]
    );
    let poss: Vec<&str> = doc
        .tokens
        .iter()
        .filter(|t| is_possessive(&doc, t))
        .map(|t| token_text(&doc, t))
        .collect();
    assert_eq!(poss, ["'s", "'"]);
    assert_eq!(quote_role(&doc, 0), None);
    assert_eq!(sentence_tokens(&doc, 0).len(), doc.tokens.len());
    assert!(sentence_tokens(&doc, 5).is_empty());
}

#[test]
fn sentences_helper_and_tokenize_offsets() {
    let s = seg();
    let text = "One. Two.";
    let spans: Vec<&str> = s.sentences(text).iter().map(|x| &text[x.range()]).collect();
    assert_eq!(spans, ["One.", "Two."]);
    let mut out = Vec::new();
    s.tokenize_into("ab cd", 100, &mut out);
    assert_eq!(out[1].span, Span::new(103, 105));
}

#[test]
fn segmenter_is_send_sync_and_a_stage() {
    fn check<T: Send + Sync + Stage + Clone + Default>() {}
    check::<Segmenter>();
    let p = newsgraph_core::PipelineBuilder::new()
        .stage(Segmenter::new())
        .build();
    assert!(p.is_err(), "requires blocks");
}

#[test]
fn word_lists_parse() {
    let lex = Lexicon::default();
    assert!(lex.title.contains("Gen") && lex.title.contains("Mr"));
    assert!(lex.general.contains("Inc") && lex.general.contains("Dec"));
    assert!(lex.numeric.contains("No"));
    assert!(lex.final_.contains("etc"));
    assert!(lex.starters.contains("The"));
    assert!(!lex
        .title
        .iter()
        .chain(&lex.general)
        .any(|w| w.ends_with('.') || w.contains(' ')));
}

// ---------------------------------------------------------------------------------------
// Property test: invariants hold, nothing panics, over generated text.
// ---------------------------------------------------------------------------------------

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "the",
    "The",
    "U.S.",
    "U.S",
    "Gen.",
    "Mr.",
    "J.",
    "No.",
    "No",
    "Inc.",
    "etc.",
    "a.m.",
    "don't",
    "Israel's",
    "players'",
    "'90s",
    "’80s",
    "'em",
    "'n'",
    "can’t",
    "O'Brien",
    "well-known",
    "1,000",
    "3.5",
    "0.3%",
    "$5",
    "2024-03-25",
    "9/11",
    "10:30",
    "https://x.org/a(b)",
    "www.dpa.de",
    "a@b.co",
    "@user",
    "#tag",
    "#",
    "@",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "?!",
    "...",
    "…",
    "..",
    "-",
    "--",
    "–",
    "—",
    "‐",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "‚",
    "‹",
    "›",
    "`",
    "(",
    ")",
    "[",
    "]",
    "é",
    "É",
    "Zürich",
    "José",
    "e\u{301}",
    "Владимир",
    "日本",
    "👍🏽",
    "🇺🇸",
    "👨‍👩‍👧",
    "\u{200d}",
    "\u{301}",
    "\u{ad}",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\u{7}",
    "½",
    "²",
    "٣",
    "&",
    "AT&T",
    "_",
    "x",
    "I",
    "He",
    "It",
    "said",
    "Kirby",
];
const SPACES: &[&str] = &[
    " ", " ", " ", "", "", "\n", "\n\n", "\u{a0}", "\u{202f}", "\t", "\r\n", " \n \n", "\u{2028}",
    "\u{3000}",
];

fn generate(rng: &mut Rng) -> String {
    let n = (rng.next() % 40) as usize;
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(PIECES));
        s.push_str(rng.pick(SPACES));
    }
    s
}

#[test]
fn property_invariants_hold_on_generated_text() {
    let s = seg();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..4000 {
        let text = generate(&mut rng);
        // Whole text as one body block, as blank-line paragraphs, and as random blocks.
        let mut doc = Document::new(text.clone());
        s.run(&mut doc);
        check_invariants(&doc);
        if !text.is_empty() {
            let mut doc = Document::new(text.clone());
            doc.blocks
                .push(Block::new(BlockKind::Body, Span::new(0, text.len())));
            s.run(&mut doc);
            check_invariants(&doc);
            // Random blocks on char boundaries, trimmed, of random kinds.
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let mut cuts: Vec<usize> = (0..3)
                .map(|_| bounds[(rng.next() % bounds.len() as u64) as usize])
                .collect();
            cuts.sort();
            cuts.dedup();
            let mut doc = Document::new(text.clone());
            let mut prev = 0;
            for (k, &c) in cuts.iter().enumerate() {
                let piece = &text[prev..c];
                let lead = piece.len() - piece.trim_start().len();
                let a = prev + lead;
                let b = a + piece.trim().len();
                if b > a {
                    let kind = [
                        BlockKind::Title,
                        BlockKind::Body,
                        BlockKind::Caption,
                        BlockKind::Credit,
                    ][(k + round) % 4];
                    doc.blocks.push(Block::new(kind, Span::new(a, b)));
                }
                prev = c;
            }
            s.run(&mut doc);
            check_invariants(&doc);
        }
    }
}

#[test]
fn property_random_bytes_as_text() {
    // Arbitrary (valid UTF-8) character soup, including every ASCII byte.
    let s = seg();
    let mut rng = Rng(42);
    let alphabet: Vec<char> = (0u8..128)
        .map(char::from)
        .chain("éÉ’‘“”„«»…—–‐\u{a0}\u{301}\u{200d}👍🇺日".chars())
        .collect();
    for _ in 0..3000 {
        let n = (rng.next() % 60) as usize;
        let text: String = (0..n)
            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
            .collect();
        let mut doc = Document::new(text);
        s.run(&mut doc);
        check_invariants(&doc);
    }
}

#[test]
fn naeb_invariants_if_available() {
    let Some(bodies) = naeb_bodies() else { return };
    let s = seg();
    for b in bodies.into_iter().take(60) {
        let mut d = Document::new(b);
        s.run(&mut d);
        check_invariants(&d);
    }
}
