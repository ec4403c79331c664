//! A per-document view for the rules: paragraphs, tokens annotated with lexicon classes,
//! quoted regions, and mention look-ups.

use crate::direct::{self, Family, Problem, Region};
use crate::lexicon::{self as lx, Lexicon};
use newsgraph_core::{
    ActorId, ActorKind, BlockKind, Document, Mention, Pos, Span, TokenKind, Upos, Xpos,
};

/// No region.
pub const NONE: u32 = u32::MAX;

/// Token flags.
pub const WORD: u16 = 1;
pub const CAP: u16 = 2;
/// A sentence-final `.` `?` `!` token.
pub const BOUNDARY: u16 = 4;
pub const COMMA: u16 = 8;
pub const COLON: u16 = 16;
pub const DASH: u16 = 32;
pub const SEMI: u16 = 64;
pub const QUOTE: u16 = 128;
/// The sentence ends with this token (a word or closing mark; `U.S.` at the end).
pub const END: u16 = 256;

/// A token with what the rules need to know about it.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub class: u32,
    pub cue: u16,
    pub flags: u16,
    /// Index of the top-level region containing the token (marks included), or NONE.
    pub region: u32,
    /// The tagger's part-of-speech tags; `None` when the document has no POS layer (the
    /// rules then fall back to the word lists alone).
    pub pos: Option<Pos>,
}

/// A paragraph: a title, body or caption block.
#[derive(Debug, Clone, Copy)]
pub struct Para {
    pub span: Span,
    pub kind: BlockKind,
    /// Token range.
    pub t0: usize,
    pub t1: usize,
    /// Mention range (by start).
    pub m0: usize,
    pub m1: usize,
    /// Region range.
    pub r0: usize,
    pub r1: usize,
}

/// The document as the rules see it.
pub struct Ctx<'a> {
    pub lex: &'a Lexicon,
    pub doc: &'a Document,
    pub text: &'a str,
    pub paras: Vec<Para>,
    pub toks: Vec<Tok>,
    pub regions: Vec<Region>,
    /// Paragraph index of each region.
    pub region_para: Vec<u32>,
    /// Unclosed quote openings found while pairing.
    pub unclosed: Vec<Span>,
}

/// A speaker found next to a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subj {
    pub actor: Option<ActorId>,
    pub mention: Span,
    /// 0: not a pronoun; 1: he/she; 2: they/we; 3: other.
    pub pronoun: u8,
    /// First token of the subject phrase.
    pub first: usize,
    /// Last token of the subject phrase.
    pub last: usize,
}

impl<'a> Ctx<'a> {
    pub fn build(lex: &'a Lexicon, doc: &'a Document) -> Ctx<'a> {
        let text = doc.text.as_str();
        let mut spans: Vec<(Span, BlockKind)> = doc
            .blocks
            .iter()
            .filter(|b| {
                matches!(
                    b.kind,
                    BlockKind::Title | BlockKind::Body | BlockKind::Caption
                )
            })
            .map(|b| (b.span, b.kind))
            .collect();
        if doc.blocks.is_empty() {
            // No structure stage: every non-empty line is a paragraph.
            let mut pos = 0;
            for line in text.split_inclusive('\n') {
                let t = line.trim();
                if !t.is_empty() {
                    let s = pos + (t.as_ptr() as usize - line.as_ptr() as usize);
                    spans.push((Span::new(s, s + t.len()), BlockKind::Body));
                }
                pos += line.len();
            }
        }
        // Tokens.
        let mut toks = Vec::with_capacity(doc.tokens.len());
        let sents = &doc.sentences;
        let mut si = 0;
        // The tags are used only when they cover every token (`Document::validate` checks it).
        let tags = (doc.pos.len() == doc.tokens.len()).then_some(doc.pos.as_slice());
        for (ti, t) in doc.tokens.iter().enumerate() {
            let s = &text[t.span.range()];
            let mut flags = 0u16;
            let mut info = lx::WordInfo::default();
            match t.kind {
                TokenKind::Word => {
                    flags |= WORD;
                    if s.chars().next().is_some_and(|c| c.is_uppercase()) {
                        flags |= CAP;
                    }
                    info = lex.info(s);
                }
                TokenKind::Punct => match s {
                    "." | "?" | "!" | "?!" | "!?" | "!!" | "??" => flags |= BOUNDARY,
                    "," => flags |= COMMA,
                    ":" => flags |= COLON,
                    ";" => flags |= SEMI,
                    _ => {}
                },
                TokenKind::Dash => flags |= DASH,
                TokenKind::Quote => flags |= QUOTE,
                TokenKind::Number => {}
                _ => {}
            }
            while si < sents.len() && sents[si].end < t.span.end {
                si += 1;
            }
            if si < sents.len() && sents[si].end == t.span.end && flags & BOUNDARY == 0 {
                flags |= END;
            }
            toks.push(Tok {
                start: t.span.start,
                end: t.span.end,
                class: info.class,
                cue: info.cue,
                flags,
                region: NONE,
                pos: tags.map(|tags| tags[ti]),
            });
        }
        // Paragraphs, regions.
        let mut paras = Vec::with_capacity(spans.len());
        let mut regions = Vec::new();
        let mut region_para = Vec::new();
        let mut stack: Vec<(Family, char, u32)> = Vec::new();
        let mut problems: Vec<Problem> = Vec::new();
        for (pi, &(span, kind)) in spans.iter().enumerate() {
            let t0 = toks.partition_point(|t| t.start < span.start);
            let t1 = toks.partition_point(|t| t.start < span.end);
            let m0 = doc.mentions.partition_point(|m| m.span.start < span.start);
            let m1 = doc.mentions.partition_point(|m| m.span.start < span.end);
            let r0 = regions.len();
            direct::scan(
                text,
                span.start as usize,
                span.end as usize,
                &mut stack,
                &mut regions,
                &mut problems,
            );
            let r1 = regions.len();
            region_para.resize(r1, pi as u32);
            // Region index of tokens.
            let mut ti = t0;
            for (ri, r) in regions[r0..r1].iter().enumerate() {
                let end = r.end(span.end);
                while ti < t1 && toks[ti].start < r.open {
                    ti += 1;
                }
                while ti < t1 && toks[ti].start < end {
                    toks[ti].region = (r0 + ri) as u32;
                    ti += 1;
                }
            }
            paras.push(Para {
                span,
                kind,
                t0,
                t1,
                m0,
                m1,
                r0,
                r1,
            });
        }
        let unclosed = problems
            .iter()
            .map(|p| match *p {
                Problem::Unclosed(a, b) => Span { start: a, end: b },
            })
            .collect();
        Ctx {
            lex,
            doc,
            text,
            paras,
            toks,
            regions,
            region_para,
            unclosed,
        }
    }

    #[inline]
    pub fn tt(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.start as usize..t.end as usize]
    }

    /// The universal POS tag of token `i`, if the document was tagged.
    #[inline]
    pub fn upos(&self, i: usize) -> Option<Upos> {
        self.toks[i].pos.map(|p| p.upos)
    }

    /// The Penn Treebank tag of token `i`, if the document was tagged.
    #[inline]
    pub fn xpos(&self, i: usize) -> Option<Xpos> {
        self.toks[i].pos.map(|p| p.xpos)
    }

    #[inline]
    pub fn is(&self, i: usize, class: u32) -> bool {
        self.toks[i].class & class != 0
    }

    #[inline]
    pub fn flag(&self, i: usize, f: u16) -> bool {
        self.toks[i].flags & f != 0
    }

    #[inline]
    pub fn lower_is(&self, i: usize, w: &str) -> bool {
        self.tt(i).eq_ignore_ascii_case(w)
    }

    /// An adverb that may sit between subject and verb (`also`, `later`, `repeatedly`).
    pub fn is_adverb(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.class & lx::ADV != 0 {
            return true;
        }
        t.flags & WORD != 0
            && t.flags & CAP == 0
            && self.tt(i).ends_with("ly")
            && self.tt(i).len() > 4
    }

    pub fn actor_kind(&self, a: ActorId) -> ActorKind {
        self.doc.actor(a).kind
    }

    pub fn mentions(&self, p: &Para) -> &'a [Mention] {
        &self.doc.mentions[p.m0..p.m1]
    }

    /// The longest mention ending at byte `end` (starting at or after `min_start`).
    pub fn mention_ending_at(&self, p: &Para, end: u32, min_start: u32) -> Option<&'a Mention> {
        let mut best: Option<&Mention> = None;
        for m in self.mentions(p) {
            if m.span.end == end && m.span.start >= min_start {
                let better = match best {
                    None => true,
                    Some(b) => {
                        (m.actor.is_some() && b.actor.is_none())
                            || (m.actor.is_some() == b.actor.is_some()
                                && m.span.start < b.span.start)
                    }
                };
                if better {
                    best = Some(m);
                }
            }
        }
        best
    }

    /// Mentions lying inside `[a, b)`.
    pub fn mentions_within(
        &self,
        p: &Para,
        a: u32,
        b: u32,
    ) -> impl Iterator<Item = &'a Mention> + '_ {
        self.mentions(p)
            .iter()
            .filter(move |m| m.span.start >= a && m.span.end <= b)
    }

    /// Token index of the first token starting at or after byte `pos` within the paragraph.
    pub fn tok_at_or_after(&self, p: &Para, pos: u32) -> usize {
        p.t0 + self.toks[p.t0..p.t1].partition_point(|t| t.start < pos)
    }

    /// Index of the last token ending at or before byte `pos`, if any in the paragraph.
    pub fn tok_before(&self, p: &Para, pos: u32) -> Option<usize> {
        let n = self.toks[p.t0..p.t1].partition_point(|t| t.end <= pos);
        (n > 0).then(|| p.t0 + n - 1)
    }

    /// A person actor whose name's last word is the capitalized word `w` (the actor stage
    /// missed a mention). Only unambiguous matches.
    pub fn person_by_surname(&self, w: &str) -> Option<ActorId> {
        if w.len() < 2 || !w.chars().next().is_some_and(|c| c.is_uppercase()) {
            return None;
        }
        let mut found = None;
        for a in &self.doc.actors {
            if a.kind == ActorKind::Person && (a.name.rsplit(' ').next() == Some(w) || a.name == w)
            {
                if found.is_some() {
                    return None;
                }
                found = Some(a.id);
            }
        }
        found
    }

    fn subj_from_mention(&self, m: &Mention, first: usize, last: usize) -> Subj {
        let pronoun = if m.kind == newsgraph_core::MentionKind::Pronoun {
            self.pronoun_class(first)
        } else {
            0
        };
        Subj {
            actor: m.actor,
            mention: m.span,
            pronoun,
            first,
            last,
        }
    }

    fn pronoun_class(&self, i: usize) -> u8 {
        if self.is(i, lx::PRON_SG) {
            1
        } else if self.is(i, lx::PRON_PL) {
            2
        } else {
            3
        }
    }

    /// The subject phrase ending at token `k` (`Kirby`, `he`, `the spokesman`).
    pub fn subject_ending(&self, p: &Para, k: usize) -> Option<Subj> {
        let t = self.toks[k];
        if t.region != NONE {
            return None;
        }
        if let Some(m) = self.mention_ending_at(p, t.end, self.toks[p.t0].start) {
            let first = self.tok_at_or_after(p, m.span.start);
            // `a spokesperson for Patel`, `a lawyer for Smith`: the described person speaks
            // for the named one; the phrase is the speaker (an unnamed actor), not the name.
            let rep = self
                .representative_before(p, first.min(k))
                .or_else(|| self.head_noun_before(p, first.min(k)));
            if let Some(d) = rep {
                return Some(Subj {
                    actor: None,
                    mention: Span::new(self.toks[d].start as usize, t.end as usize),
                    pronoun: 0,
                    first: d,
                    last: k,
                });
            }
            return Some(self.subj_from_mention(m, first.min(k), k));
        }
        if t.class & (lx::PRON_SG | lx::PRON_PL) != 0
            || self.lower_is(k, "i")
            || self.lower_is(k, "it")
        {
            return Some(Subj {
                actor: None,
                mention: Span::new(t.start as usize, t.end as usize),
                pronoun: self.pronoun_class(k),
                first: k,
                last: k,
            });
        }
        if t.flags & WORD == 0
            || t.class
                & (lx::PREP
                    | lx::CONJ
                    | lx::DET
                    | lx::REL
                    | lx::NONSUBJ
                    | lx::PRON_OTHER
                    | lx::AUX
                    | lx::PASSIVE
                    | lx::NEG)
                != 0
            || t.cue != 0
        {
            return None;
        }
        // A noun phrase the actor stage did not mark: walk back over words to a determiner.
        let mut j = k;
        while j > p.t0 && k - j < 6 {
            let q = self.toks[j - 1];
            if q.region != NONE || q.flags & (BOUNDARY | END | COMMA | COLON | SEMI | DASH) != 0 {
                break;
            }
            let clitic = self.tt(j - 1) == "'s" || self.tt(j - 1) == "’s";
            if !clitic
                && (q.flags & WORD == 0
                    || q.class
                        & (lx::PREP
                            | lx::CONJ
                            | lx::REL
                            | lx::NONSUBJ
                            | lx::AUX
                            | lx::PASSIVE
                            | lx::NEG)
                        != 0
                    || q.cue != 0)
            {
                break;
            }
            j -= 1;
            if q.class & lx::DET != 0 && q.class & lx::THAT == 0 {
                break;
            }
        }
        // `a spokesman from the Golden Gate National Recreation Area`: the phrase before the
        // preposition is the head.
        if t.flags & CAP != 0 {
            if let Some(d) = self.head_noun_before(p, j) {
                return Some(Subj {
                    actor: None,
                    mention: Span::new(self.toks[d].start as usize, t.end as usize),
                    pronoun: 0,
                    first: d,
                    last: k,
                });
            }
        }
        let span = Span::new(self.toks[j].start as usize, t.end as usize);
        let mut actor = None;
        if t.flags & CAP != 0 {
            actor = self.person_by_surname(self.tt(k));
        }
        if actor.is_none() {
            // `Tom Harris's office`: the person's office speaks for the person.
            for q in j..k {
                if self.tt(q + 1) == "'s" || self.tt(q + 1) == "’s" {
                    if let Some(m) = self.mention_ending_at(p, self.toks[q].end, span.start) {
                        if m.actor
                            .is_some_and(|a| self.actor_kind(a) == ActorKind::Person)
                        {
                            actor = m.actor;
                        }
                    }
                }
            }
        }
        if actor.is_none() {
            // `Hamas officials`, `a Pentagon spokesman`: the organization speaks.
            for m in self.mentions_within(p, span.start, span.end) {
                if let Some(a) = m.actor {
                    if matches!(
                        self.actor_kind(a),
                        ActorKind::Organization | ActorKind::Country | ActorKind::Group
                    ) && m.kind != newsgraph_core::MentionKind::Pronoun
                    {
                        actor = Some(a);
                    }
                }
            }
        }
        Some(Subj {
            actor,
            mention: span,
            pronoun: 0,
            first: j,
            last: k,
        })
    }

    /// `a spokesperson for` right before token `f` (an indefinite determiner, a word for
    /// someone who speaks for others, `for`): the determiner's token.
    fn representative_before(&self, p: &Para, f: usize) -> Option<usize> {
        if f < p.t0 + 3 || !self.lower_is(f - 1, "for") {
            return None;
        }
        let role = matches!(
            self.tt(f - 2).to_ascii_lowercase().as_str(),
            "spokesperson" | "spokesman" | "spokeswoman" | "lawyer" | "attorney" | "representative"
        );
        let det = f - 3;
        (role && (self.lower_is(det, "a") || self.lower_is(det, "an"))).then_some(det)
    }

    /// With the tagger: a common-noun phrase and a preposition right before the name at
    /// token `f` (`an Israeli liaison officer with Gaza`, `a spokesman from the Golden Gate
    /// National Recreation Area`, `residents of Rafah`): the phrase's first token. The noun
    /// phrase is the subject; the name only modifies it.
    fn head_noun_before(&self, p: &Para, f: usize) -> Option<usize> {
        // The name's own determiner (`from the Golden Gate ...`) comes before it.
        let f = if f > p.t0 && self.upos(f - 1) == Some(Upos::Det) {
            f - 1
        } else {
            f
        };
        if f < p.t0 + 2 || self.upos(f - 1) != Some(Upos::Adp) || self.lower_is(f - 1, "by") {
            return None;
        }
        let mut h = f - 1;
        let head = h.checked_sub(1)?;
        if head < p.t0 || self.upos(head) != Some(Upos::Noun) || self.toks[head].region != NONE {
            return None;
        }
        h = head;
        while h > p.t0 && head - h < 5 {
            let q = h - 1;
            let t = self.toks[q];
            if t.region != NONE {
                break;
            }
            let inside = match self.upos(q) {
                Some(Upos::Adj | Upos::Noun | Upos::Num | Upos::Propn) => true,
                Some(Upos::Det) => {
                    h = q;
                    break;
                }
                Some(Upos::Pron) => matches!(self.xpos(q), Some(Xpos::PrpS)),
                Some(Upos::Part) => self.xpos(q) == Some(Xpos::Pos),
                _ => false,
            };
            if !inside {
                break;
            }
            h = q;
        }
        // The phrase opens its clause: a sentence start, a comma or a conjunction before it.
        // Not an appositive after a name (`Nilaya Varma, co-founder of Primus Partners,`).
        let opens = h == p.t0
            || self.toks[h - 1].flags & (BOUNDARY | END) != 0
            || self.toks[h - 1].flags & COMMA != 0
                && h >= p.t0 + 2
                && self.upos(h - 2) != Some(Upos::Propn)
            || matches!(self.upos(h - 1), Some(Upos::Cconj | Upos::Sconj));
        opens.then_some(h)
    }

    /// After a short parenthesis opening at token `j` (`(D-Del.)`): the token after its
    /// `)`; else `j`.
    pub fn skip_paren(&self, p: &Para, j: usize) -> usize {
        if j >= p.t1 || self.tt(j) != "(" {
            return j;
        }
        match (j + 2..p.t1.min(j + 8)).find(|&e| self.tt(e) == ")") {
            Some(e) if (j + 1..e).all(|i| self.toks[i].region == NONE && self.toks[i].cue == 0) => {
                e + 1
            }
            _ => j,
        }
    }

    /// The `(` of a short parenthesis (at most six tokens inside, no quote, no cue, no
    /// sentence end but an abbreviation's final period) closed by the `)` at token `k`.
    fn paren_open(&self, p: &Para, k: usize) -> Option<usize> {
        let lo = k.saturating_sub(8).max(p.t0);
        let mut m = k;
        while m > lo {
            m -= 1;
            if self.tt(m) == "(" {
                return (m < k - 1).then_some(m);
            }
            let q = self.toks[m];
            // An abbreviation's period (`R-Ky.`) may end a sentence to the splitter.
            let abbrev = q.flags & BOUNDARY != 0 && self.tt(m) == "." && m + 1 == k;
            if q.region != NONE
                || q.cue != 0
                || (q.flags & BOUNDARY != 0 && !abbrev)
                || self.tt(m) == ")"
            {
                return None;
            }
        }
        None
    }

    /// The subject of a cue verb at token `cue`, looking left (`Kirby said`, `Kirby, the
    /// company's CEO, said`, `Kirby, who ..., said`, `he also said`).
    pub fn subject_before(&self, p: &Para, cue: usize) -> Option<Subj> {
        let mut k = cue;
        let mut skipped_weekday = false;
        loop {
            if k <= p.t0 {
                return None;
            }
            k -= 1;
            let t = self.toks[k];
            // `Sen. Ann Lee (R-Ky.) said`: a short parenthesis after the subject.
            if self.tt(k) == ")" {
                if let Some(o) = self.paren_open(p, k) {
                    k = o;
                    continue;
                }
                return None;
            }
            if t.region != NONE || t.flags & (BOUNDARY | END) != 0 {
                return None;
            }
            if t.class & (lx::NEG | lx::TO | lx::PASSIVE) != 0 && t.class & lx::PREP == 0 {
                return None;
            }
            if self.lower_is(k, "to") {
                return None;
            }
            if t.class & lx::AUX != 0 || self.is_adverb(k) {
                continue;
            }
            if t.class & lx::WEEKDAY != 0 {
                skipped_weekday = true;
                continue;
            }
            if skipped_weekday && self.lower_is(k, "on") {
                skipped_weekday = false;
                continue;
            }
            break;
        }
        let t = self.toks[k];
        if t.flags & COMMA != 0 {
            // Appositive or relative clause between commas.
            let lo = k.saturating_sub(30).max(p.t0);
            let mut m = k;
            while m > lo {
                m -= 1;
                let q = self.toks[m];
                // `Ann Lee, D-Del., said`: an abbreviation's period right before the comma.
                let abbrev = m + 2 >= k && (self.tt(m) == "." || self.tt(m + 1) == ".");
                if q.region != NONE || q.flags & (BOUNDARY | END) != 0 && !abbrev || q.cue != 0 {
                    break;
                }
                if q.flags & COMMA != 0 {
                    if m > p.t0 {
                        if let Some(s) = self.subject_ending(p, m - 1) {
                            if s.pronoun != 3 {
                                return Some(s);
                            }
                        }
                    }
                    break;
                }
            }
            // `The company's CEO, John Smith, said`: a person inside the appositive.
            let a = self.toks[m].end;
            let b = self.toks[k].start;
            let mut best = None;
            for mm in self.mentions_within(p, a, b) {
                if let Some(id) = mm.actor {
                    if self.actor_kind(id) == ActorKind::Person {
                        best = Some(mm);
                    }
                }
            }
            if let Some(mm) = best {
                let first = self.tok_at_or_after(p, mm.span.start);
                let last = self.tok_before(p, mm.span.end).unwrap_or(first);
                return Some(self.subj_from_mention(mm, first, last));
            }
            return None;
        }
        if t.class & lx::REL != 0 && t.class & lx::THAT == 0 {
            if k > p.t0 && self.flag(k - 1, COMMA) {
                return if k > p.t0 + 1 {
                    self.subject_ending(p, k - 2)
                } else {
                    None
                };
            }
            return if k > p.t0 {
                self.subject_ending(p, k - 1)
            } else {
                None
            };
        }
        self.subject_ending(p, k)
    }

    /// The noun phrase after a cue (`said National Security Council Communications Director
    /// John Kirby`, `said the spokesman`, `said he`). Returns the speaker and the token after
    /// the phrase.
    pub fn np_after(&self, p: &Para, i: usize) -> Option<(Subj, usize)> {
        let mut j = i;
        while j < p.t1 && j - i < 12 {
            let t = self.toks[j];
            let after_det =
                j > i && (self.is(j - 1, lx::DET) || matches!(self.tt(j - 1), "'s" | "’s"));
            if t.region != NONE
                || t.flags & (BOUNDARY | COMMA | COLON | SEMI | DASH) != 0
                || t.cue != 0 && !after_det
                || t.class & (lx::REL | lx::NEG | lx::AUX) != 0
                || (t.class & lx::THAT != 0 && j > i)
            {
                break;
            }
            if t.class & lx::PREP != 0 && !(self.lower_is(j, "of") || self.lower_is(j, "for")) {
                break;
            }
            // With the tagger: a finite verb or an existential `there` starts a clause
            // (`told POLITICO there were ...`), past the end of the phrase (a capitalized
            // word is part of a name: `Rush Limbaugh`).
            if j > i
                && !after_det
                && t.flags & CAP == 0
                && matches!(
                    self.xpos(j),
                    Some(Xpos::Vbd | Xpos::Vbz | Xpos::Vbp | Xpos::Md | Xpos::Ex)
                )
            {
                break;
            }
            let word = t.flags & WORD != 0
                || self.tt(j) == "'s"
                || self.tt(j) == "’s"
                || self.tt(j) == "-";
            if !word && t.flags & WORD == 0 && !matches!(self.tt(j), "." | "&") {
                break;
            }
            j += 1;
            if t.class & (lx::PRON_SG | lx::PRON_PL) != 0 && j == i + 1 || t.flags & END != 0 {
                break;
            }
        }
        if j == i {
            return None;
        }
        let (a, b) = (self.toks[i].start, self.toks[j - 1].end);
        let mut person = None;
        let mut other = None;
        let mut first = None;
        for m in self.mentions_within(p, a, b) {
            if first.is_none() {
                first = Some(m);
            }
            if let Some(id) = m.actor {
                if self.actor_kind(id) == ActorKind::Person {
                    person = Some(m);
                } else {
                    other = Some(m);
                }
            }
        }
        // `said the spokesman for the ministry, Ahmed Said.`
        if person.is_none() && j < p.t1 && self.flag(j, COMMA) && j + 1 < p.t1 {
            let s = self.toks[j + 1].start;
            if let Some(m) = self.mentions(p).iter().find(|m| {
                m.span.start == s
                    && m.actor
                        .is_some_and(|x| self.actor_kind(x) == ActorKind::Person)
            }) {
                let last = self.tok_before(p, m.span.end).unwrap_or(j + 1);
                return Some((self.subj_from_mention(m, j + 1, last), last + 1));
            }
        }
        if let Some(m) = person.or(other).or(first) {
            let f = self.tok_at_or_after(p, m.span.start);
            return Some((self.subj_from_mention(m, f, j - 1), j));
        }
        let t = self.toks[i];
        if t.class & (lx::PRON_SG | lx::PRON_PL) != 0 {
            return Some((
                Subj {
                    actor: None,
                    mention: Span::new(t.start as usize, t.end as usize),
                    pronoun: self.pronoun_class(i),
                    first: i,
                    last: i,
                },
                j,
            ));
        }
        let mut actor = None;
        for q in (i..j).rev() {
            if self.flag(q, CAP) {
                actor = self.person_by_surname(self.tt(q));
                if actor.is_some() {
                    break;
                }
            }
        }
        Some((
            Subj {
                actor,
                mention: Span::new(a as usize, b as usize),
                pronoun: 0,
                first: i,
                last: j - 1,
            },
            j,
        ))
    }

    /// Skips adverbials after a cue (`on Monday`, `in a statement`, `late Tuesday`, `to
    /// reporters`) up to a `that`, a comma, a sentence end or a quote. Returns the new index.
    /// The token count of a date at `k` (`Sept. 12`, `May 5`): a month name, an optional
    /// abbreviation period, then a day number of one or two digits, not followed by a verb.
    fn date_len(&self, p: &Para, k: usize) -> Option<usize> {
        let month = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "aug",
            "sept",
            "sep",
            "oct",
            "nov",
            "dec",
        ]
        .iter()
        .any(|w| self.tt(k).trim_end_matches('.').eq_ignore_ascii_case(w));
        if !month || self.toks[k].flags & CAP == 0 {
            return None;
        }
        let d = if k + 1 < p.t1 && self.tt(k + 1) == "." {
            k + 2
        } else {
            k + 1
        };
        let day = d < p.t1
            && self.toks[d].region == NONE
            && (1..=2).contains(&self.tt(d).len())
            && self.tt(d).bytes().all(|b| b.is_ascii_digit());
        // `said March 12 was the deadline`: the date is the subject.
        let verb_next = d + 1 < p.t1 && self.toks[d + 1].class & (lx::AUX | lx::PASSIVE) != 0;
        (day && !verb_next).then_some(d + 1 - k)
    }

    /// Is token `k` an amount (`several`, `two`, `18`)?
    fn amount_at(&self, k: usize) -> bool {
        self.tt(k).starts_with(|c: char| c.is_ascii_digit())
            || [
                "several", "few", "many", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten",
            ]
            .iter()
            .any(|w| self.lower_is(k, w))
    }

    /// Is token `k` a time noun (`week`, `afternoon`) that no possessive follows?
    fn time_noun_at(&self, p: &Para, k: usize) -> bool {
        if k >= p.t1 || self.toks[k].region != NONE {
            return false;
        }
        let noun = [
            "week",
            "weekend",
            "month",
            "year",
            "morning",
            "afternoon",
            "evening",
            "night",
            "spring",
            "summer",
            "fall",
            "autumn",
            "winter",
        ]
        .iter()
        .any(|w| self.lower_is(k, w));
        noun && !(k + 1 < p.t1 && (self.tt(k + 1) == "'s" || self.tt(k + 1) == "’s"))
    }

    pub fn skip_adverbials(&self, p: &Para, mut j: usize) -> usize {
        let mut budget: usize = 10;
        while j < p.t1 && budget > 0 {
            let t = self.toks[j];
            if t.region != NONE || t.flags & (BOUNDARY | COMMA | COLON | SEMI) != 0 {
                break;
            }
            // `said Sept. 12 that ...`, `said May 5 the ...`: a date.
            if let Some(n) = self.date_len(p, j) {
                let end = self.toks[j + n - 1].flags & END != 0;
                j += n;
                budget = budget.saturating_sub(n);
                if end {
                    break;
                }
                continue;
            }
            // `this week`, `next month`: a time phrase (not `this week's vote`).
            if (self.lower_is(j, "this") || self.lower_is(j, "next"))
                && t.flags & END == 0
                && self.time_noun_at(p, j + 1)
            {
                j += 2;
                budget -= 1;
                if self.toks[j - 1].flags & END != 0 {
                    break;
                }
                continue;
            }
            // `several months after ...`, `two years ago`: a time span; `after ...` is
            // then skipped as a prepositional phrase.
            if j + 2 < p.t1 && self.amount_at(j) && t.flags & END == 0 {
                let unit = ["days", "weeks", "months", "years", "hours"]
                    .iter()
                    .any(|w| self.lower_is(j + 1, w));
                let after = self.toks[j + 1].flags & END == 0 && self.toks[j + 2].region == NONE;
                if unit && after {
                    if ["ago", "later", "earlier"]
                        .iter()
                        .any(|w| self.lower_is(j + 2, w))
                    {
                        let end = self.toks[j + 2].flags & END != 0;
                        j += 3;
                        budget = budget.saturating_sub(2);
                        if end {
                            break;
                        }
                        continue;
                    }
                    if self.lower_is(j + 2, "after") || self.lower_is(j + 2, "before") {
                        j += 2;
                        budget = budget.saturating_sub(2);
                        continue;
                    }
                }
            }
            // `last week`, `Thursday afternoon`: a time noun after a time word.
            if j > p.t0
                && self.time_noun_at(p, j)
                && self.toks[j - 1].class & (lx::TEMPORAL | lx::WEEKDAY) != 0
                && self.toks[j - 1].flags & END == 0
            {
                j += 1;
                budget -= 1;
                if t.flags & END != 0 {
                    break;
                }
                continue;
            }
            if t.class & lx::TEMPORAL != 0 && t.class & lx::ADV == 0 || self.is_adverb(j) {
                j += 1;
                budget -= 1;
                if t.flags & END != 0 {
                    break;
                }
                continue;
            }
            if t.class & lx::PREP != 0 && !self.lower_is(j, "of") && t.class & lx::THAT == 0 {
                // A prepositional phrase: skip to the next `that`, comma, or end.
                let mut k = j + 1;
                while k < p.t1 && k - j <= 8 {
                    let q = self.toks[k];
                    if q.region != NONE
                        || q.flags & (BOUNDARY | COMMA | COLON | SEMI | DASH) != 0
                        || q.class & lx::THAT != 0
                    {
                        break;
                    }
                    if q.flags & END != 0 {
                        k += 1;
                        break;
                    }
                    // A clause subject after a short PP (`said on Monday the ...`).
                    if k > j + 1 && q.class & (lx::PRON_SG | lx::PRON_PL) != 0 {
                        break;
                    }
                    k += 1;
                    // `on Sunday` ends the phrase; what follows may be the clause.
                    if k == j + 2 && q.class & lx::WEEKDAY != 0 && self.lower_is(j, "on") {
                        break;
                    }
                }
                if k - j > 8 {
                    return j;
                }
                budget = budget.saturating_sub(k - j);
                j = k;
                continue;
            }
            break;
        }
        j
    }

    /// Start of the sentence containing token `k` (first token after the previous boundary,
    /// a region that ends a sentence, or the paragraph start).
    pub fn sentence_start(&self, p: &Para, k: usize) -> usize {
        let mut j = k;
        while j > p.t0 {
            let q = self.toks[j - 1];
            if q.region != NONE {
                let r = &self.regions[q.region as usize];
                // A quote ending a sentence (`... that." It ...`).
                if r.close.is_some_and(|c| c.1 == q.end)
                    && self.region_ends_sentence(q.region as usize, p)
                {
                    return j;
                }
                j -= 1;
                continue;
            }
            if q.flags & (BOUNDARY | END) != 0 {
                return j;
            }
            j -= 1;
        }
        p.t0
    }

    /// Does the quoted region end with sentence punctuation and is followed by a new
    /// sentence (capital letter, or nothing)?
    pub fn region_ends_sentence(&self, r: usize, p: &Para) -> bool {
        let reg = &self.regions[r];
        let Some((c0, c1)) = reg.close else {
            return true;
        };
        // Closing marks of an inner quote (`... ‘A communion that radiates.’”`).
        let inner = self.text[reg.open_end as usize..c0 as usize]
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '’' | '\'' | '”' | '"'));
        if !inner.ends_with(['.', '?', '!', '…']) {
            return false;
        }
        let rest = self.text[c1 as usize..p.span.end as usize].trim_start();
        rest.is_empty()
            || rest.starts_with(|c: char| {
                c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '\'' | '«' | '„')
            })
    }

    /// Does a sentence (or the paragraph) end right before token `j`?
    pub fn ends_before(&self, p: &Para, j: usize) -> bool {
        j >= p.t1 || self.flag(j, BOUNDARY) || (j > p.t0 && self.flag(j - 1, END))
    }

    /// Content span of a region: inside the marks, trimmed, trailing `,` `:` `;` dropped.
    pub fn region_content(&self, r: usize) -> Span {
        let reg = &self.regions[r];
        let p = &self.paras[self.region_para[r] as usize];
        trim_content(
            self.text,
            reg.open_end as usize,
            reg.content_end(p.span.end) as usize,
        )
    }
}

/// Trims whitespace, and trailing `,` `:` `;` (the punctuation of the attribution).
pub fn trim_content(text: &str, a: usize, b: usize) -> Span {
    let s = &text[a..b];
    // Leading punctuation left by a dropped `that` (`explained that, though ...`).
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
            .len();
    let s = &s[lead..];
    let lead = lead + (s.len() - s.trim_start().len());
    let mut t = s.trim();
    loop {
        let u = t.trim_end_matches([',', ':', ';']).trim_end();
        if u.len() == t.len() {
            break;
        }
        t = u;
    }
    let start = a + lead;
    Span::new(start, start + t.len())
}
