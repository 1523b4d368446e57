-- Replies written in the newsroom, shown to readers as the site's own, and
-- comments a moderator edited (when, so the queue can say so).
ALTER TABLE comments ADD COLUMN staff BIGINT NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN edited_at BIGINT;
