-- Media files in pieces, and an unguessable name for each upload.
--
-- A file's bytes were one BLOB in media_files, so a one-byte range of a
-- 150 MB episode read all 150 MB (SQLite's substr() loads the whole value
-- first). They now live in media_chunks, 256 KiB a row: a range or a
-- streamed download reads only the pieces it needs, on both engines, and
-- media_variants says what each file is and how long, without a blob in the
-- row. `Store::open` moves the rows of media_files into the new tables, one
-- file at a time, and empties it; a later release drops it (expand, then
-- contract).
--
-- media.token names an upload in readers' URLs (/media/{token}/...), so that
-- files cannot be enumerated by their sequential ids. `Store::open` gives
-- each existing upload one (random, from the operating system).

ALTER TABLE media ADD COLUMN token TEXT;
CREATE UNIQUE INDEX media_token ON media (token);

CREATE TABLE media_variants (
    media_id            BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    variant             TEXT    NOT NULL,          -- 'original' or 'w640' and the like
    width               BIGINT,
    content_type        TEXT    NOT NULL,
    byte_size           BIGINT  NOT NULL,
    PRIMARY KEY (media_id, variant)
);

CREATE TABLE media_chunks (
    media_id            BIGINT  NOT NULL,
    variant             TEXT    NOT NULL,
    seq                 BIGINT  NOT NULL,          -- bytes seq × 262144 onwards
    bytes               BYTEA   NOT NULL,
    PRIMARY KEY (media_id, variant, seq),
    FOREIGN KEY (media_id, variant) REFERENCES media_variants (media_id, variant) ON DELETE CASCADE
);

-- Whether a file belongs to published content is asked on every request
-- for it.
CREATE INDEX articles_image ON articles (image_id);
CREATE INDEX articles_audio ON articles (audio_id);
CREATE INDEX programmes_cover ON programmes (cover_id);
