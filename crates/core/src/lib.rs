//! The newsgraph data model.
//!
//! A [`Document`] owns one article's text, which never changes once read, and holds one
//! sorted layer of byte [`Span`]s per kind of fact: [`Block`]s of article structure,
//! sentences, [`Token`]s, [`Mention`]s of [`Actor`]s, and [`Quote`]s. [`Stage`]s fill the
//! layers; a [`Pipeline`] built by [`PipelineBuilder`] runs them in a checked order.
//! [`json::to_json`] serializes a document to the JSON contract.
//!
//! ```
//! use newsgraph_core::{Document, Span, assert_span};
//! let doc = Document::new("Kirby said: \"We don't have that.\"");
//! let quote = Span::new(13, 32);
//! assert_span!(doc, quote, "We don't have that.");
//! assert!(doc.validate().is_ok());
//! ```
#![deny(missing_docs)]

pub mod day;
mod document;
mod error;
pub mod json;
mod prf;
mod span;
mod stage;

pub use document::{
    Actor, ActorCode, ActorId, ActorKind, Block, BlockKind, Diagnostic, Document, Entity,
    EntityLabel, Event, EventType, Invalid, Mention, MentionKind, Meta, Modality, Pos, Quote,
    QuoteKind, SourceMap, Token, TokenKind, Upos, Xpos,
};
pub use error::{Error, ErrorKind, Result};
pub use prf::Prf;
pub use span::Span;
pub use stage::{Layer, MissingLayer, Pipeline, PipelineBuilder, Stage};
