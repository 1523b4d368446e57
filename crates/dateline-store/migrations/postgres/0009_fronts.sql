-- Fronts edited by the newsroom. A pin puts a published story of the
-- language at a place: the language's front page (place '') at position 0
-- (the lead) or 1.. (the featured stories, in order), or a section page
-- (place: the section's slug) at position 0, its lead. What nobody pinned
-- falls back to newest first.
CREATE TABLE front_pins (
    language    TEXT    NOT NULL,
    place       TEXT    NOT NULL,
    position    BIGINT  NOT NULL CHECK (position >= 0),
    article_id  BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (language, place, position),
    UNIQUE (language, place, article_id)
);

-- The breaking-news line of a language: at the top of every page of that
-- language until it ends (ends_at, Unix seconds; NULL: until removed).
CREATE TABLE breaking_news (
    language    TEXT    PRIMARY KEY,
    text        TEXT    NOT NULL,
    link        TEXT,
    ends_at     BIGINT,
    updated_at  BIGINT  NOT NULL,
    updated_by  BIGINT  REFERENCES users (id) ON DELETE SET NULL
);
