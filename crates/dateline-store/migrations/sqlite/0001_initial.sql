-- The content model. Times are Unix seconds (UTC) in INTEGER columns: exact
-- ordering, and the same type on every engine.

CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    language    TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (language, slug)
);

CREATE TABLE authors (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    bio         TEXT
);

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    language    TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    UNIQUE (language, slug)
);

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    language        TEXT    NOT NULL,
    section_id      INTEGER NOT NULL REFERENCES sections (id),
    slug            TEXT    NOT NULL,
    headline        TEXT    NOT NULL,
    standfirst      TEXT,
    dateline_place  TEXT,
    dateline_date   TEXT,              -- YYYY-MM-DD, the day the dateline names
    dateline_agency TEXT,
    byline          TEXT,
    author_id       INTEGER REFERENCES authors (id),
    body_markdown   TEXT    NOT NULL,
    body_html       TEXT    NOT NULL,  -- rendered and sanitised from body_markdown on save
    status          TEXT    NOT NULL CHECK (status IN ('draft', 'scheduled', 'published', 'unpublished')),
    published_at    INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    story_key       TEXT,              -- links translations of one story
    source_key      TEXT UNIQUE,       -- identity of imported copy
    path            TEXT UNIQUE        -- public path once published; kept when unpublished (410)
);
CREATE INDEX articles_language_latest ON articles (language, status, published_at DESC);
CREATE INDEX articles_section_latest ON articles (section_id, status, published_at DESC);
CREATE INDEX articles_author_latest ON articles (author_id, status, published_at DESC);
CREATE INDEX articles_story ON articles (story_key);

CREATE TABLE article_tags (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags (id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

CREATE TABLE article_notes (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('correction', 'clarification', 'update')),
    body        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX article_notes_article ON article_notes (article_id, created_at);

-- Old public paths of articles whose slug, section or date changed: answered with 301.
CREATE TABLE redirects (
    path        TEXT    PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);

-- The change feed (outbox): every write that changes what readers see appends
-- a row in the same transaction. Page caches, search indexes and other nodes
-- follow it by id.
CREATE TABLE changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    entity      TEXT    NOT NULL,
    entity_id   INTEGER,
    at          INTEGER NOT NULL
);
