//! Quote marks: classifying each mark as opening, closing or an apostrophe, and pairing
//! them into top-level quoted regions per paragraph. Inner quotes (`‘...’` inside `“...”`)
//! stay part of their outer region.

/// Quote-mark families: a closing mark only closes an opening mark of its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `"`, `“ ”`, `„ “`.
    Double,
    /// `'`, `‘ ’`.
    Single,
    /// `« »` (and `» «`).
    Guillemet,
    /// `‹ ›`.
    SingleGuillemet,
}

/// A top-level quoted region of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Byte offset of the opening mark.
    pub open: u32,
    /// Byte offset just after the opening mark.
    pub open_end: u32,
    /// The closing mark `(start, end)`, or `None` when the paragraph ends inside the quote.
    pub close: Option<(u32, u32)>,
    /// Family of the opening mark.
    pub family: Family,
}

impl Region {
    /// Byte offset where the region (marks included) ends.
    pub fn end(&self, para_end: u32) -> u32 {
        self.close.map_or(para_end, |c| c.1)
    }
    /// Byte offset where the content ends (before the closing mark or at paragraph end).
    pub fn content_end(&self, para_end: u32) -> u32 {
        self.close.map_or(para_end, |c| c.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open(Family),
    Close(Family),
    /// ASCII `"` that flanking does not decide: closes an open double quote, else opens.
    EitherDouble,
    /// ASCII `'` or `’` that closes an open single quote, else is an apostrophe.
    CloseOrApos,
    Apos,
}

/// Is this char a quote mark we pair? Returns its byte length.
#[inline]
fn is_mark_lead(b: u8) -> bool {
    b == b'"' || b == b'\'' || b == 0xE2 || b == 0xC2
}

#[inline]
fn opening_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | '„' | '‹' | '»'
    )
}

#[inline]
fn closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '—'
            | '–'
            | '-'
            | '…'
            | '/'
            | '”'
            | '’'
            | '"'
            | '\''
            | '»'
            | '«'
            | '›'
            | '“'
    )
}

/// Words that an apostrophe opens (`'em`, `'til`, `'90s` is handled as a digit).
fn elided_word(rest: &str) -> bool {
    let w: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(6)
        .flat_map(|c| c.to_lowercase())
        .collect::<String>();
    matches!(
        w.as_str(),
        "em" | "til" | "tis" | "twas" | "cause" | "n" | "bout" | "round"
    )
}

/// Is there a right-flanking `’` or `'` later in the paragraph?
fn later_single_close(rest: &str) -> bool {
    let b = rest.as_bytes();
    for (i, c) in rest.char_indices() {
        if c == '’' || c == '\'' {
            let prev_ok = i > 0 && !b[i - 1].is_ascii_whitespace();
            let next = rest[i + c.len_utf8()..].chars().next();
            if prev_ok && next.is_none_or(|n| !n.is_alphanumeric()) {
                return true;
            }
        }
    }
    false
}

fn classify(text: &str, i: usize, c: char, stack: &[(Family, char, u32)]) -> Mark {
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    let lf = match next {
        Some(n) if !n.is_whitespace() => prev.is_none_or(|p| p.is_whitespace() || opening_punct(p)),
        _ => false,
    };
    let rf = match prev {
        Some(p) if !p.is_whitespace() => next.is_none_or(|n| n.is_whitespace() || closing_punct(n)),
        _ => false,
    };
    let open_of = |f: Family| stack.iter().any(|s| s.0 == f);
    let opened_by = |ch: char| stack.iter().any(|s| s.1 == ch);
    let alnum = |o: Option<char>| o.is_some_and(|c| c.is_alphanumeric());
    match c {
        '"' => {
            if lf && !rf {
                Mark::Open(Family::Double)
            } else if rf && !lf {
                Mark::Close(Family::Double)
            } else {
                Mark::EitherDouble
            }
        }
        '“' => {
            // Closes `„`; closes `“` when used as both marks (`“...“`).
            if opened_by('„') || (rf && !lf && opened_by('“')) {
                Mark::Close(Family::Double)
            } else {
                Mark::Open(Family::Double)
            }
        }
        '”' => {
            if open_of(Family::Double) || !lf || rf {
                Mark::Close(Family::Double)
            } else {
                Mark::Open(Family::Double)
            }
        }
        '„' => Mark::Open(Family::Double),
        '«' => {
            if opened_by('»') {
                Mark::Close(Family::Guillemet)
            } else {
                Mark::Open(Family::Guillemet)
            }
        }
        '»' => {
            if opened_by('«') || !lf || rf {
                Mark::Close(Family::Guillemet)
            } else {
                Mark::Open(Family::Guillemet)
            }
        }
        '‹' => Mark::Open(Family::SingleGuillemet),
        '›' => Mark::Close(Family::SingleGuillemet),
        '‘' | '’' | '\'' => {
            if alnum(prev) && alnum(next) {
                return Mark::Apos;
            }
            let rest = &text[i + c.len_utf8()..];
            // `’s` / `'s` after a word or a closing mark: a clitic, never a quote.
            let mut r = rest.chars();
            if matches!(r.next(), Some('s' | 'S'))
                && !alnum(r.next())
                && prev.is_some_and(|p| !p.is_whitespace())
            {
                return Mark::Apos;
            }
            if c == '‘' {
                if rf && !lf && open_of(Family::Single) {
                    Mark::Close(Family::Single)
                } else if lf {
                    Mark::Open(Family::Single)
                } else {
                    Mark::Apos
                }
            } else if rf {
                // `the workers’ money` inside a single quote: a plural possessive when the
                // word after is lowercase and a later mark can close the quote.
                if matches!(prev, Some('s' | 'S'))
                    && rest.starts_with(' ')
                    && rest[1..].starts_with(|c: char| c.is_lowercase())
                    && later_single_close(rest)
                {
                    return Mark::Apos;
                }
                Mark::CloseOrApos
            } else if lf
                && c == '\''
                && !next.is_some_and(|n| n.is_ascii_digit())
                && !elided_word(rest)
            {
                Mark::Open(Family::Single)
            } else {
                Mark::Apos
            }
        }
        _ => Mark::Apos,
    }
}

/// What [`scan`] found besides regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A top-level quote reopened before it was closed: the earlier opening mark (start, end).
    Unclosed(u32, u32),
}

/// Pairs the quote marks of one paragraph `text[start..end]` into top-level regions.
/// A region still open at the paragraph's end has `close == None`, except single-quote
/// regions (most likely a misread apostrophe), which are dropped.
pub fn scan(
    text: &str,
    start: usize,
    end: usize,
    stack: &mut Vec<(Family, char, u32)>,
    out: &mut Vec<Region>,
    problems: &mut Vec<Problem>,
) {
    stack.clear();
    let bytes = text.as_bytes();
    let mut top: Option<Region> = None;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if !is_mark_lead(b) {
            i += 1;
            continue;
        }
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = c.len_utf8();
        if !matches!(
            c,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '„' | '«' | '»' | '‹' | '›'
        ) {
            i += len;
            continue;
        }
        // `name="value"`: an ASCII `"` right after `=` opens a markup or code attribute
        // value, not a quotation; skip to its closing `"` when the paragraph has one.
        if c == '"' && i > start && bytes[i - 1] == b'=' {
            if let Some(k) = text[i + 1..end].find('"') {
                i += 1 + k + 1;
                continue;
            }
        }
        // Classification looks at neighbours inside the paragraph only.
        let mark = classify(&text[..end], i, c, stack);
        let pos = i as u32;
        i += len;
        let close_family = |stack: &mut Vec<(Family, char, u32)>, f: Family| -> Option<usize> {
            stack.iter().rposition(|s| s.0 == f)
        };
        let mut do_open =
            |f: Family, stack: &mut Vec<(Family, char, u32)>, top: &mut Option<Region>| {
                if stack.is_empty() {
                    *top = Some(Region {
                        open: pos,
                        open_end: pos + len as u32,
                        close: None,
                        family: f,
                    });
                    stack.push((f, c, pos));
                } else if stack.len() == 1 && stack[0].0 == f && f == Family::Double {
                    // A double quote opening while the top-level double quote is open: the
                    // earlier one was never closed (nested doubles are rarer than a lost mark).
                    let t = top.take().unwrap();
                    problems.push(Problem::Unclosed(t.open, t.open_end));
                    stack.clear();
                    *top = Some(Region {
                        open: pos,
                        open_end: pos + len as u32,
                        close: None,
                        family: f,
                    });
                    stack.push((f, c, pos));
                } else if stack.len() < 8 {
                    stack.push((f, c, pos));
                }
            };
        let mut do_close =
            |k: usize, stack: &mut Vec<(Family, char, u32)>, top: &mut Option<Region>| {
                stack.truncate(k);
                if k == 0 {
                    if let Some(mut t) = top.take() {
                        t.close = Some((pos, pos + len as u32));
                        out.push(t);
                    }
                }
            };
        match mark {
            Mark::Open(f) => do_open(f, stack, &mut top),
            Mark::Close(f) => {
                if let Some(k) = close_family(stack, f) {
                    do_close(k, stack, &mut top);
                }
                // A closing mark with nothing to close: an inch mark, a stray; ignored.
            }
            Mark::EitherDouble => {
                if let Some(k) = close_family(stack, Family::Double) {
                    do_close(k, stack, &mut top);
                } else {
                    do_open(Family::Double, stack, &mut top);
                }
            }
            Mark::CloseOrApos => {
                if let Some(k) = close_family(stack, Family::Single) {
                    do_close(k, stack, &mut top);
                }
            }
            Mark::Apos => {}
        }
    }
    if let Some(t) = top {
        out.push(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = Vec::new();
        let mut problems = Vec::new();
        scan(s, 0, s.len(), &mut stack, &mut out, &mut problems);
        out.iter()
            .map(|r| {
                let e = r.content_end(s.len() as u32) as usize;
                let t = &s[r.open_end as usize..e];
                if r.close.is_some() {
                    t.to_string()
                } else {
                    format!("{t}…OPEN")
                }
            })
            .collect()
    }

    #[test]
    fn styles() {
        assert_eq!(regions(r#"He said "yes," and left."#), vec!["yes,"]);
        assert_eq!(regions("He said “yes” and ‘no’."), vec!["yes", "no"]);
        assert_eq!(
            regions("Er sagte „ja“ und «non» und »nein«."),
            vec!["ja", "non", "nein"]
        );
    }

    #[test]
    fn nested_and_apostrophes() {
        assert_eq!(
            regions("“He told me ‘don’t go’ and I didn’t,” she said."),
            vec!["He told me ‘don’t go’ and I didn’t,"]
        );
        assert_eq!(
            regions("The players' union isn't 'happy' about the '90s."),
            vec!["happy"]
        );
        assert_eq!(
            regions("“Oppenheimer”’s director said ‘we’re done’."),
            vec!["Oppenheimer", "we’re done"]
        );
        assert_eq!(
            regions(r#""Oppenheimer"'s run was long."#),
            vec!["Oppenheimer"]
        );
        assert_eq!(regions("the Israelis’ plan and the ‘plan’"), vec!["plan"]);
    }

    #[test]
    fn unclosed() {
        assert_eq!(
            regions(r#"He said "we will go on"#),
            vec!["we will go on…OPEN"]
        );
        let s = r#""We will win, said Kirby. "We always do," he added."#;
        assert_eq!(regions(s), vec!["We always do,"]);
        assert_eq!(regions("a 15\" screen"), Vec::<String>::new());
    }

    #[test]
    fn attribute_values() {
        let s = r#"<note lang="en" by="staff">Ada said "we left."</note>"#;
        assert_eq!(regions(s), vec!["we left."]);
        assert_eq!(regions(r#"set color="blue" and "go""#), vec!["go"]);
    }
}
