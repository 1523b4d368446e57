-- The newsroom: accounts and sessions, the article workflow's 'submitted'
-- status and edit versions, revisions, media and the audit log.

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    email               TEXT    NOT NULL UNIQUE,   -- lowercase
    name                TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('contributor', 'editor', 'admin')),
    password_hash       TEXT,                      -- Argon2id; NULL until a setup or reset link is used
    totp_secret         TEXT,                      -- base32; NULL without two-factor login
    totp_last_step      INTEGER,                   -- a TOTP code's step is accepted once
    disabled            INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

-- Sessions live in the database so that every node knows them; the cookie
-- holds a random token and only its SHA-256 digest is stored here.
CREATE TABLE sessions (
    token_digest        TEXT    PRIMARY KEY,
    user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    stage               TEXT    NOT NULL CHECK (stage IN ('full', 'totp')),
    created_at          INTEGER NOT NULL,
    last_seen_at        INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- One-time links: the first administrator's setup link and password resets.
CREATE TABLE user_links (
    token_digest        TEXT    PRIMARY KEY,
    user_id             INTEGER REFERENCES users (id) ON DELETE CASCADE,
    purpose             TEXT    NOT NULL CHECK (purpose IN ('setup', 'reset')),
    created_at          INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL,
    used_at             INTEGER
);

-- Failed and successful logins, for the rate limits (per account and per
-- hashed address); rows older than a day are deleted.
CREATE TABLE login_attempts (
    id                  INTEGER PRIMARY KEY,
    email               TEXT    NOT NULL,
    address_hash        TEXT    NOT NULL,
    succeeded           INTEGER NOT NULL,
    at                  INTEGER NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_address ON login_attempts (address_hash, at);

-- Uploaded images and audio; their bytes (original and renditions) are in
-- media_files, in the database, so that every node serves them.
CREATE TABLE media (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT    NOT NULL CHECK (kind IN ('image', 'audio')),
    content_type        TEXT    NOT NULL,
    file_name           TEXT    NOT NULL,
    alt_text            TEXT,
    caption             TEXT,
    credit              TEXT,
    width               INTEGER,
    height              INTEGER,
    duration_ms         INTEGER,
    byte_size           INTEGER NOT NULL,
    uploaded_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at          INTEGER NOT NULL
);

CREATE TABLE media_files (
    media_id            INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    variant             TEXT    NOT NULL,          -- 'original' or 'w640' and the like
    width               INTEGER,
    content_type        TEXT    NOT NULL,
    bytes               BLOB    NOT NULL,
    PRIMARY KEY (media_id, variant)
);

ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;  -- bumped by every save; a save names the version it edited
ALTER TABLE articles ADD COLUMN created_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN image_id INTEGER REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN audio_id INTEGER REFERENCES media (id) ON DELETE SET NULL;

-- The workflow's 'submitted' status. SQLite cannot change a CHECK constraint
-- with ALTER TABLE, and rebuilding `articles` would need foreign keys off,
-- which cannot be switched inside the transaction a migration runs in. So the
-- constraint is widened by SQLite's documented procedure for loosening one:
-- the table's stored definition is edited (the on-disk format is unchanged),
-- and the DDL below bumps the schema version so other connections re-read it.
-- `Store::open` reconnects after migrating, so this process does too. (The
-- columns above are added first: ADD COLUMN edits the stored text by offsets
-- of the definition this connection parsed.)
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (status IN (''draft'', ''scheduled'', ''published'', ''unpublished''))',
                          'CHECK (status IN (''draft'', ''submitted'', ''scheduled'', ''published'', ''unpublished''))')
 WHERE type = 'table' AND name = 'articles';
PRAGMA writable_schema = OFF;

CREATE INDEX articles_due ON articles (status, published_at);
CREATE INDEX articles_updated ON articles (updated_at);

-- Every saved version of an article, as JSON of its editable content.
-- kind: 'save', 'conflict' (a save refused because someone saved first,
-- kept so nothing is lost), 'restore', 'autosave' (one per article and user,
-- replaced as the writer types).
CREATE TABLE revisions (
    id                  INTEGER PRIMARY KEY,
    article_id          INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version             INTEGER NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('save', 'conflict', 'restore', 'autosave')),
    user_id             INTEGER REFERENCES users (id) ON DELETE SET NULL,
    content             TEXT    NOT NULL,
    created_at          INTEGER NOT NULL
);
CREATE INDEX revisions_article ON revisions (article_id, id);

-- Who did what to which article, comment, user or setting, and when.
CREATE TABLE audit_log (
    id                  INTEGER PRIMARY KEY,
    at                  INTEGER NOT NULL,
    user_id             INTEGER REFERENCES users (id) ON DELETE SET NULL,
    user_email          TEXT,                       -- kept when the account goes
    action              TEXT    NOT NULL,
    entity              TEXT    NOT NULL,
    entity_id           INTEGER,
    detail              TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
