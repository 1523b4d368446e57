-- Pages: what the site says of itself (About, Contact, Privacy, the
-- corrections policy), per language, at /{lang}/page/{slug}; listed in the
-- footer by position and in the sitemap; translations share a story key.
CREATE TABLE pages (
    id          INTEGER PRIMARY KEY,
    language    TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    body_markdown TEXT  NOT NULL,
    body_html   TEXT    NOT NULL,
    story_key   TEXT,
    position    INTEGER NOT NULL DEFAULT 0,
    published   INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (language, slug)
);
CREATE INDEX pages_story ON pages (story_key);
