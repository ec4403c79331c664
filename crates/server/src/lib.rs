//! `newsgraph serve`: an HTTP JSON API and a web page over a [`newsgraph_store::Store`].
//!
//! [`router`] builds the axum application from an [`AppState`]: the store behind a mutex
//! (every store call runs on a blocking thread), the bearer token that write requests need,
//! and the function that reads a posted article (the CLI passes its pipeline, so this crate
//! does not depend on the stages). Every route is listed in [`API_ROUTES`] and described in
//! [`openapi`]; errors are JSON `{"error": {"code", "message"}}` with a stable `code`.
#![deny(missing_docs)]

mod api;
mod buckets;
mod openapi;

pub use api::{
    router, serve, serve_blocking, AppState, PostedArticle, ReadFn, API_ROUTES, MAX_BODY_BYTES,
};
pub use openapi::openapi;
