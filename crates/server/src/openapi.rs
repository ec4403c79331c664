//! The OpenAPI 3.1 description served at `/openapi.json`.

use serde_json::{json, Value};

fn param(name: &str, inn: &str, ty: &str, desc: &str) -> Value {
    json!({"name": name, "in": inn, "required": inn == "path", "schema": {"type": ty}, "description": desc})
}

fn page_params() -> Vec<Value> {
    vec![
        param(
            "limit",
            "query",
            "integer",
            "Rows per page, 1 to 500 (default 50).",
        ),
        param(
            "offset",
            "query",
            "integer",
            "Rows to skip (the previous page's next_offset).",
        ),
    ]
}

fn ok(desc: &str, schema: Value) -> Value {
    json!({"description": desc, "content": {"application/json": {"schema": schema}}})
}

fn err(desc: &str) -> Value {
    json!({"description": desc, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn paged(item: &str) -> Value {
    json!({"type": "object", "required": ["items", "limit", "offset", "next_offset"], "properties": {
        "items": {"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}},
        "limit": {"type": "integer"}, "offset": {"type": "integer"},
        "next_offset": {"type": ["integer", "null"], "description": "Offset of the next page, null on the last."}}})
}

/// The OpenAPI description of every route in [`crate::API_ROUTES`].
pub fn openapi() -> Value {
    let id = param("id", "path", "integer", "Store id.");
    let mut quotes_params = vec![
        param("speaker", "query", "string", "Speaker by any name or alias the articles use (case-insensitive substring)."),
        param("actor", "query", "integer", "Speaker by store actor id."),
        param("about", "query", "string", "Words the quotation contains, all of them (full-text search; operators are searched as text)."),
        param("article", "query", "integer", "Only this article."),
        param("since", "query", "string", "Articles dated on or after, YYYY-MM-DD."),
        param("until", "query", "string", "Articles dated on or before, YYYY-MM-DD."),
    ];
    quotes_params.extend(page_params());
    let mut actors_params = vec![param(
        "search",
        "query",
        "string",
        "Name or alias contains (case-insensitive).",
    )];
    actors_params.extend(page_params());
    let mut pair_articles_params = vec![
        param("id", "path", "integer", "Store id of one actor."),
        param("other", "path", "integer", "Store id of the other actor."),
        param(
            "since",
            "query",
            "string",
            "Articles dated on or after, YYYY-MM-DD.",
        ),
        param(
            "until",
            "query",
            "string",
            "Articles dated on or before, YYYY-MM-DD.",
        ),
    ];
    pair_articles_params.extend(page_params());
    let mut co_actors_params = vec![param("id", "path", "integer", "Store id.")];
    co_actors_params.extend(page_params());
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "newsgraph",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Who said what across stored news articles. Errors are {\"error\": {\"code\", \"message\"}}; codes: bad_parameter, bad_query, invalid_json, unsupported_media_type, payload_too_large, missing_token, bad_token, writes_disabled, empty_article, bad_date, unreadable_article, not_found, no_route, method_not_allowed, store_error, internal."
        },
        "paths": {
            "/api/quotes": {"get": {
                "summary": "Quotations, newest article first",
                "parameters": quotes_params,
                "responses": {"200": ok("A page of quotations", paged("Quote")), "400": err("A bad parameter")}
            }},
            "/api/actors": {"get": {
                "summary": "Actors across articles, most quoted first",
                "parameters": actors_params,
                "responses": {"200": ok("A page of actors", paged("Actor")), "400": err("A bad parameter")}
            }},
            "/api/actors/{id}": {"get": {
                "summary": "One actor: aliases, titles with dates, counts",
                "parameters": [id],
                "responses": {"200": ok("The actor", json!({"$ref": "#/components/schemas/Actor"})), "404": err("No such actor")}
            }},
            "/api/actors/{id}/timeline": {"get": {
                "summary": "Quotations by and articles mentioning an actor per day, week or month, from the first dated article to the last (every bucket, zero when none)",
                "parameters": [param("id", "path", "integer", "Store id."),
                    param("by", "query", "string", "auto (default: day up to 62 days, week up to two years, else month), day, week (labelled by its Monday) or month.")],
                "responses": {"200": ok("The timeline", json!({"type": "object", "properties": {
                    "actor": {"type": "integer"}, "by": {"type": "string"},
                    "points": {"type": "array", "items": {"type": "object", "properties": {
                        "period": {"type": "string"}, "start": {"type": "string"}, "end": {"type": "string"},
                        "quotes": {"type": "integer"}, "mentions": {"type": "integer"}}}}}})),
                    "400": err("A bad parameter"), "404": err("No such actor")}
            }},
            "/api/actors/{id}/co-actors": {"get": {
                "summary": "Actors mentioned in the same articles as this one, most shared articles first",
                "parameters": co_actors_params,
                "responses": {"200": ok("A page of actors with the number of shared articles", paged("CoActor")),
                    "400": err("A bad parameter"), "404": err("No such actor")}
            }},
            "/api/actors/{id}/co-mentions/{other}": {"get": {
                "summary": "How many articles mention both actors, per day, week or month (every bucket of the range, zero when none)",
                "parameters": [
                    param("id", "path", "integer", "Store id of one actor."),
                    param("other", "path", "integer", "Store id of the other actor."),
                    param("by", "query", "string", "auto (default: day up to 62 days, week up to two years, else month), day, week (labelled by its Monday) or month."),
                    param("since", "query", "string", "First day of the range, YYYY-MM-DD (default: the first article mentioning both)."),
                    param("until", "query", "string", "Last day of the range, YYYY-MM-DD (default: the last article mentioning both)."),
                ],
                "responses": {"200": ok("The co-mention timeline", json!({"type": "object",
                    "required": ["actor", "other", "actor_name", "other_name", "by", "articles", "points"], "properties": {
                    "actor": {"type": "integer"}, "other": {"type": "integer"},
                    "actor_name": {"type": "string"}, "other_name": {"type": "string"},
                    "by": {"type": "string", "enum": ["day", "week", "month"]},
                    "articles": {"type": "integer", "description": "Dated articles mentioning both in the range."},
                    "points": {"type": "array", "items": {"type": "object", "properties": {
                        "period": {"type": "string", "description": "YYYY-MM-DD (day, or a week's Monday) or YYYY-MM"},
                        "start": {"type": "string", "description": "First day of the bucket, YYYY-MM-DD"},
                        "end": {"type": "string", "description": "Last day of the bucket, YYYY-MM-DD"},
                        "articles": {"type": "integer"}}}}}})),
                    "400": err("A bad parameter: dates, by, the same actor twice, or a range of more than 1000 buckets"),
                    "404": err("No such actor")}
            }},
            "/api/actors/{id}/co-mentions/{other}/articles": {"get": {
                "summary": "The articles that mention both actors, newest first",
                "parameters": pair_articles_params,
                "responses": {"200": ok("A page of articles", paged("ArticleSummary")),
                    "400": err("A bad parameter: dates, paging, the same actor twice"), "404": err("No such actor")}
            }},
            "/api/articles": {
                "get": {
                    "summary": "Articles, newest first",
                    "parameters": page_params(),
                    "responses": {"200": ok("A page of articles", paged("ArticleSummary")), "400": err("A bad parameter")}
                },
                "post": {
                    "summary": "Read an article and store it (an article with the same URL or text is replaced)",
                    "security": [{"bearer": []}],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {
                        "type": "object", "required": ["text"], "additionalProperties": false, "properties": {
                            "text": {"type": "string"}, "url": {"type": "string"}, "date": {"type": "string", "description": "YYYY-MM-DD"},
                            "title": {"type": "string"}, "source": {"type": "string"}}}}}},
                    "responses": {
                        "201": ok("Stored as a new article", json!({"type": "object", "properties": {"id": {"type": "integer"}, "inserted": {"type": "boolean"}, "quotes": {"type": "integer"}}})),
                        "200": ok("Replaced a stored article", json!({"type": "object"})),
                        "400": err("Malformed JSON"), "401": err("Missing or wrong token"),
                        "413": err("Body above the size limit"), "415": err("Not JSON"), "422": err("Empty or unreadable article")}
                }
            },
            "/api/articles/{id}": {"get": {
                "summary": "One article: the JSON contract of the document plus store ids of its actors and speakers",
                "parameters": [id],
                "responses": {"200": ok("The article", json!({"$ref": "#/components/schemas/Article"})), "404": err("No such article")}
            }},
            "/api/stats": {"get": {
                "summary": "Row counts",
                "responses": {"200": ok("Counts", json!({"type": "object", "properties": {
                    "articles": {"type": "integer"}, "actors": {"type": "integer"}, "mentions": {"type": "integer"},
                    "quotes": {"type": "integer"}, "events": {"type": "integer"}}}))}
            }},
            "/openapi.json": {"get": {
                "summary": "This description",
                "responses": {"200": ok("OpenAPI 3.1", json!({"type": "object"}))}
            }}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
                    "code": {"type": "string"}, "message": {"type": "string"}}}}},
                "Quote": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "article_id": {"type": "integer"}, "index": {"type": "integer"},
                    "kind": {"type": "string", "enum": ["direct", "indirect", "mixed"]}, "text": {"type": "string"},
                    "start": {"type": "integer"}, "end": {"type": "integer"},
                    "speaker_id": {"type": ["integer", "null"]}, "speaker": {"type": ["string", "null"]},
                    "cue": {"type": ["string", "null"]}, "date": {"type": ["string", "null"]},
                    "title": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]}, "source": {"type": "string"}}},
                "Actor": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"}, "kind": {"type": "string"},
                    "country": {"type": ["string", "null"]}, "aliases": {"type": "array", "items": {"type": "string"}},
                    "titles": {"type": "array", "items": {"type": "object", "properties": {
                        "title": {"type": "string"}, "first_seen": {"type": ["string", "null"]},
                        "last_seen": {"type": ["string", "null"]}, "articles": {"type": "integer"}}}},
                    "articles": {"type": "integer"}, "quotes": {"type": "integer"},
                    "first_seen": {"type": ["string", "null"]}, "last_seen": {"type": ["string", "null"]}}},
                "CoActor": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"}, "kind": {"type": "string"},
                    "country": {"type": ["string", "null"]},
                    "articles": {"type": "integer", "description": "Articles mentioning both actors."}}},
                "ArticleSummary": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "source": {"type": "string"}, "url": {"type": ["string", "null"]},
                    "date": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]}, "quotes": {"type": "integer"}}},
                "Article": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "source": {"type": "string"}, "url": {"type": ["string", "null"]},
                    "date": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]}, "hash": {"type": "string"},
                    "quote_speakers": {"type": "array", "items": {"type": ["integer", "null"]}, "description": "Store actor id of each document quotation's speaker."},
                    "actor_ids": {"type": "array", "items": {"type": "integer"}, "description": "Store actor id of each document actor."},
                    "document": {"type": "object", "description": "The JSON contract of `newsgraph read` (text, structure, actors, quotes, events, diagnostics)."}}}
            }
        }
    })
}
