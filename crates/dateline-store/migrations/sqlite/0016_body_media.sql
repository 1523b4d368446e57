-- The media library pictures an article's body shows, kept on every save,
-- so that a picture in a published body is served to readers (and one in a
-- draft is not) without reading any body.
CREATE TABLE body_media (
    article_id          INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    media_id            INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, media_id)
);
CREATE INDEX body_media_media ON body_media (media_id);
