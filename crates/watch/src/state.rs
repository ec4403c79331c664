//! What a watcher remembers between runs: each feed's validators (ETag, Last-Modified) and
//! each item it has dealt with, in a JSON file written atomically after every batch.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A feed's conditional-request validators, as the server last sent them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    /// `ETag` of the last full response, sent back as `If-None-Match`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// `Last-Modified` of the last full response, sent back as `If-Modified-Since`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemStatus {
    /// Fetched and stored.
    Stored,
    /// Failed for good (404, not HTML, too large, empty page) or after the last retry.
    Failed,
    /// Not fetched: robots.txt disallows it, or it has no link and no content.
    Skipped,
    /// Failed for a reason that may pass (timeout, 5xx): tried again at the next poll.
    Retry,
}

/// One item, keyed by its link (or id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemState {
    /// What happened.
    pub status: ItemStatus,
    /// Fetch attempts so far.
    pub attempts: u32,
}

/// The whole state file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Format version (1).
    pub version: u32,
    /// By feed URL.
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
    /// By item key (the item's link without its fragment, else its id).
    #[serde(default)]
    pub items: BTreeMap<String, ItemState>,
}

impl State {
    /// Whether an item needs no more work (stored, failed for good, skipped).
    pub fn done(&self, key: &str) -> bool {
        self.items
            .get(key)
            .is_some_and(|i| i.status != ItemStatus::Retry)
    }

    /// Attempts made so far for an item.
    pub fn attempts(&self, key: &str) -> u32 {
        self.items.get(key).map_or(0, |i| i.attempts)
    }
}

/// The state file next to a store: `<db>.watch.json` for a SQLite file, `newsgraph-watch.json`
/// in the current folder for a PostgreSQL URL.
pub fn default_path(db: &str) -> PathBuf {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") || db == ":memory:" {
        PathBuf::from("newsgraph-watch.json")
    } else {
        PathBuf::from(format!("{db}.watch.json"))
    }
}

/// Reads a state file; a missing file is an empty state. `Err` names the file and the
/// problem.
pub fn load(path: &Path) -> Result<State, String> {
    match std::fs::read(path) {
        Ok(b) => {
            let s: State = serde_json::from_slice(&b).map_err(|e| {
                format!(
                    "{}: not a newsgraph watch state file ({e}); move it away to start afresh",
                    path.display()
                )
            })?;
            if s.version != 1 {
                return Err(format!(
                    "{}: state file version {} is not supported (expected 1)",
                    path.display(),
                    s.version
                ));
            }
            Ok(s)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State {
            version: 1,
            ..State::default()
        }),
        Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
    }
}

/// Writes a state file atomically (a temporary file renamed over it), so a watcher killed
/// while saving leaves the previous state.
pub fn save(path: &Path, state: &State) -> Result<(), String> {
    let tmp = path.with_extension("json.tmp");
    let bytes = serde_json::to_vec_pretty(state).map_err(|e| format!("encoding state: {e}"))?;
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| format!("{}: cannot write the watch state: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_missing_file() {
        let dir = std::env::temp_dir().join(format!("ng-watch-state-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("s.json");
        let _ = std::fs::remove_file(&p);
        let mut s = load(&p).unwrap();
        assert_eq!(s.version, 1);
        assert!(!s.done("https://x.org/a"));
        s.feeds.insert(
            "https://x.org/feed".into(),
            FeedState {
                etag: Some("\"v1\"".into()),
                last_modified: None,
            },
        );
        s.items.insert(
            "https://x.org/a".into(),
            ItemState {
                status: ItemStatus::Stored,
                attempts: 1,
            },
        );
        s.items.insert(
            "https://x.org/b".into(),
            ItemState {
                status: ItemStatus::Retry,
                attempts: 2,
            },
        );
        save(&p, &s).unwrap();
        let back = load(&p).unwrap();
        assert_eq!(back, s);
        assert!(back.done("https://x.org/a") && !back.done("https://x.org/b"));
        assert_eq!(back.attempts("https://x.org/b"), 2);
        std::fs::write(&p, b"{not json").unwrap();
        let e = load(&p).unwrap_err();
        assert!(
            e.contains("s.json") && e.contains("not a newsgraph watch state"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn default_path_is_next_to_a_sqlite_store() {
        assert_eq!(
            default_path("x/news.db"),
            PathBuf::from("x/news.db.watch.json")
        );
        assert_eq!(
            default_path("postgres://u@h/db"),
            PathBuf::from("newsgraph-watch.json")
        );
    }
}
