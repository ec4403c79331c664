//! Readers that turn input files into [`newsgraph_core::Document`]s with article structure.
//!
//! [`text_document`] checks raw bytes and makes a [`newsgraph_core::Document`];
//! [`TextStructure`] fills its blocks (title, body, captions, credits, datelines,
//! signature, boilerplate) from plain text.
#![deny(missing_docs)]

pub mod feed;
pub mod html;
pub mod input;
pub mod jsonl;
mod structure;
pub mod warc;

pub use html::{extract, html_document, looks_like_html, Extraction};
pub use input::{text_document, Limits};
pub use structure::TextStructure;
