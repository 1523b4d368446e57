-- A file's bytes may live outside the database: in the file store (the
-- data directory's media folder, or an S3-compatible bucket), named by the
-- upload's token and the variant. 0 keeps them in media_chunks, as before,
-- so a release that knows nothing of this column serves what it wrote
-- (expand only: nothing is dropped).
ALTER TABLE media_variants ADD COLUMN in_files BIGINT NOT NULL DEFAULT 0;
