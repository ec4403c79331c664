//! robots.txt rules for one host (RFC 9309), parsed by `texting_robots`.

/// What a host's robots.txt lets us do.
pub enum Robots {
    /// No robots.txt (4xx), or one that does not parse: everything is allowed (RFC 9309 2.3.1.3).
    AllowAll,
    /// robots.txt could not be fetched (5xx, network error): nothing is allowed until it can
    /// be (RFC 9309 2.3.1.4).
    DisallowAll(String),
    /// The host's rules for our user-agent token.
    Rules(Box<texting_robots::Robot>),
}

impl Robots {
    /// Parses a robots.txt body for the user-agent token (`newsgraph`).
    pub fn parse(token: &str, body: &[u8]) -> Robots {
        match texting_robots::Robot::new(token, body) {
            Ok(r) => Robots::Rules(Box::new(r)),
            Err(_) => Robots::AllowAll,
        }
    }

    /// Whether the URL may be fetched.
    pub fn allowed(&self, url: &str) -> bool {
        match self {
            Robots::AllowAll => true,
            Robots::DisallowAll(_) => false,
            Robots::Rules(r) => r.allowed(url),
        }
    }

    /// The Crawl-delay asked for, in seconds, if any.
    pub fn delay(&self) -> Option<f32> {
        match self {
            Robots::Rules(r) => r.delay.filter(|d| d.is_finite() && *d > 0.0),
            _ => None,
        }
    }
}

/// The robots.txt token of a user agent: its first product name (`newsgraph/0.1 (...)` ->
/// `newsgraph`).
pub fn token(user_agent: &str) -> &str {
    let t = user_agent
        .split(|c: char| c == '/' || c.is_whitespace())
        .next()
        .unwrap_or("");
    if t.is_empty() {
        "newsgraph"
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_our_token_and_the_default_group() {
        let txt = b"User-agent: *\nDisallow: /private/\n\nUser-agent: newsgraph\nDisallow: /no-bots/\nCrawl-delay: 2\n";
        let r = Robots::parse("newsgraph", txt);
        assert!(!r.allowed("http://h/no-bots/a.html"));
        // Our own group replaces the `*` group.
        assert!(r.allowed("http://h/private/a.html"));
        assert!(r.allowed("http://h/news/a.html"));
        assert_eq!(r.delay(), Some(2.0));
        let other = Robots::parse("otherbot", txt);
        assert!(!other.allowed("http://h/private/a.html"));
        assert!(other.allowed("http://h/no-bots/a.html"));
    }

    #[test]
    fn unreachable_robots_disallows_and_missing_allows() {
        assert!(!Robots::DisallowAll("HTTP 503".into()).allowed("http://h/a"));
        assert!(Robots::AllowAll.allowed("http://h/a"));
        assert!(Robots::parse("newsgraph", b"").allowed("http://h/a"));
    }

    #[test]
    fn token_is_the_first_product_name() {
        assert_eq!(token("newsgraph/0.1.0 (+news reader)"), "newsgraph");
        assert_eq!(token("MyBot"), "MyBot");
        assert_eq!(token(""), "newsgraph");
    }
}
