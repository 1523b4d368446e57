-- Programmes: named audio series in one language (a weekly newscast, an
-- interview show). An article that carries audio may be an episode of one;
-- each programme has its page and a podcast feed.
CREATE TABLE programmes (
    id                  INTEGER PRIMARY KEY,
    language            TEXT    NOT NULL,
    slug                TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    description         TEXT,
    author              TEXT,              -- itunes:author: the presenter or the station
    category            TEXT,              -- itunes:category text, e.g. News
    explicit            INTEGER NOT NULL DEFAULT 0,
    cover_id            INTEGER REFERENCES media (id) ON DELETE SET NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    UNIQUE (language, slug)
);

ALTER TABLE articles ADD COLUMN programme_id INTEGER REFERENCES programmes (id) ON DELETE SET NULL;
CREATE INDEX articles_programme ON articles (programme_id, status, published_at DESC);
