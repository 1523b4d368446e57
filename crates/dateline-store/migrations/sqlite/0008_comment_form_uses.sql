-- Comment forms used: a digest of each form token and the reader who
-- posted with it, with the comments posted, so one page's form cannot be
-- replayed for comment after comment (at most a few per reader and token),
-- until the token would have expired anyway.
-- Derived and short-lived: not part of an archive.
CREATE TABLE comment_form_uses (
    digest      TEXT    PRIMARY KEY,
    uses        INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX comment_form_uses_expiry ON comment_form_uses (expires_at);
