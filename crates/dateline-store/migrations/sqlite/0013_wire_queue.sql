-- The wire desk's incoming queue: agency copy as it arrived (pasted or
-- uploaded on the desk, or `dateline import wire --draft`), waiting for a
-- member to take it (it becomes their draft) or spike it (kept, restorable,
-- purged after a while). `story_key` is the copy's identity (language,
-- agency, day, headline; the importer's `source_key`): copy with a key
-- already taken arrives as an update of that item (`update_of`).
-- `content_hash` (SHA-256 of the normalised text) keeps one item per text.
CREATE TABLE wire_items (
    id              INTEGER PRIMARY KEY,
    language        TEXT    NOT NULL,
    agency          TEXT,
    headline        TEXT    NOT NULL,
    dateline        TEXT,
    first_lines     TEXT    NOT NULL,
    story_key       TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL UNIQUE,
    copy            TEXT    NOT NULL,
    file_name       TEXT    NOT NULL,
    source          TEXT    NOT NULL CHECK (source IN ('paste', 'upload', 'command')),
    default_section TEXT,
    year            INTEGER,
    arrived_at      INTEGER NOT NULL,
    arrived_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    update_of       INTEGER REFERENCES wire_items (id) ON DELETE SET NULL,
    state           TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'taken', 'spiked')),
    taken_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    taken_at        INTEGER,
    article_id      INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    spiked_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    spiked_at       INTEGER
);
CREATE INDEX wire_items_queue ON wire_items (state, arrived_at);
CREATE INDEX wire_items_story ON wire_items (story_key);

-- The desk's lists read only the rows they show: submitted stories by
-- their latest change, and drafts from the wire by theirs.
CREATE INDEX articles_status_updated ON articles (status, updated_at);
CREATE INDEX articles_from_wire ON articles (updated_at)
    WHERE source_key IS NOT NULL AND status IN ('draft', 'submitted');
