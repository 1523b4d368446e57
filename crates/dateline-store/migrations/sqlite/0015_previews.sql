-- Previews: what a member had typed in the editor, shown as the whole
-- article page at an unguessable address for a day. Only the token's
-- SHA-256 is kept. Not archived: a preview is a moment's view, not content.
CREATE TABLE previews (
    id                  INTEGER PRIMARY KEY,
    token_digest        TEXT    NOT NULL UNIQUE,
    user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_id          INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    content             TEXT    NOT NULL,   -- the article's editable content, as JSON
    body_html           TEXT    NOT NULL,   -- its body, rendered and sanitised
    updated_at          INTEGER NOT NULL
);
CREATE INDEX previews_user ON previews (user_id, updated_at, id);
