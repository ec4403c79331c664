//! Errors: I/O, bad input files, bad models or configuration. A badly written article is
//! not an error (see [`crate::Diagnostic`]).

use std::path::PathBuf;

/// What kind of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input could not be opened or read.
    Io,
    /// The input is not text (binary data, NUL bytes).
    Binary,
    /// The input is not valid UTF-8.
    Utf8,
    /// The input is empty or holds only whitespace.
    Empty,
    /// The input is larger than the configured limit.
    TooLarge,
    /// The input is malformed (bad JSON, truncated record).
    Malformed,
    /// A lexicon, model or configuration file is bad.
    Config,
    /// Part of an input is of a kind that is not read (a WARC record holding an image, a
    /// redirect): skipped, which is not a failure.
    Unsupported,
}

/// An error with the input it concerns and, when known, the byte offset in it.
#[derive(Debug)]
pub struct Error {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// The input (path, `-` for stdin).
    pub path: Option<PathBuf>,
    /// Byte offset in the input where it went wrong.
    pub offset: Option<u64>,
    /// What went wrong and how to fix it.
    pub message: String,
}

impl Error {
    /// A new error without a path.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: None,
            offset: None,
            message: message.into(),
        }
    }

    /// Adds the input's path.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }

    /// Adds a byte offset in the input.
    pub fn at(mut self, offset: u64) -> Error {
        self.offset = Some(offset);
        self
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{}", p.display())?;
            if let Some(o) = self.offset {
                write!(f, " (byte {o})")?;
            }
            write!(f, ": ")?;
        } else if let Some(o) = self.offset {
            write!(f, "byte {o}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
