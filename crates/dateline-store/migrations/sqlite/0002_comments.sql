-- Reader comments, their moderation, and the site settings they read.

ALTER TABLE articles ADD COLUMN comments_open INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sections ADD COLUMN comments_open INTEGER NOT NULL DEFAULT 1;

CREATE TABLE comments (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    email           TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
    spam_reason     TEXT,
    address_hash    TEXT    NOT NULL,  -- salted hash of the address; the salt rotates daily
    duplicate_key   TEXT    NOT NULL UNIQUE,  -- a double submit finds its first copy
    created_at      INTEGER NOT NULL,
    moderated_at    INTEGER
);
CREATE INDEX comments_article ON comments (article_id, status, created_at);
CREATE INDEX comments_queue ON comments (status, created_at);
CREATE INDEX comments_email ON comments (email, status);
CREATE INDEX comments_address ON comments (address_hash, created_at);

CREATE TABLE commenter_blocks (
    id              INTEGER PRIMARY KEY,
    email           TEXT,
    address_hash    TEXT,
    created_at      INTEGER NOT NULL
);
CREATE INDEX commenter_blocks_email ON commenter_blocks (email);
CREATE INDEX commenter_blocks_address ON commenter_blocks (address_hash);

-- Site settings: key and text value; the newsroom and `dateline settings` write them.
CREATE TABLE settings (
    key             TEXT    PRIMARY KEY,
    value           TEXT    NOT NULL
);

-- Daily salts for address hashes; a salt is deleted two days after its day,
-- so old hashes can no longer be linked to an address.
CREATE TABLE address_salts (
    day             TEXT    PRIMARY KEY,
    salt            TEXT    NOT NULL
);
