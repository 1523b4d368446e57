-- Discovery: related articles pinned by editors, and reader view counts.

-- Related articles an editor chose by hand, shown before the computed ones.
CREATE TABLE related_pins (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    related_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (article_id, related_id)
);

-- Views per article per hour (Unix seconds / 3600): enough for "the last
-- 24 hours" to mean that, and small (at most 720 rows an article a month).
CREATE TABLE view_counts (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    hour        INTEGER NOT NULL,
    views       INTEGER NOT NULL,
    PRIMARY KEY (article_id, hour)
);
CREATE INDEX view_counts_hour ON view_counts (hour);

-- Who has been counted today, so a reader counts once per article per day
-- on every node: a salted hash of address, user agent and article (the
-- salt changes daily and is deleted, so no hash outlives its day's use).
CREATE TABLE view_visitors (
    day         INTEGER NOT NULL,
    visitor     TEXT    NOT NULL,
    PRIMARY KEY (day, visitor)
);

-- Followers read the change feed by id and, looking a few seconds back, by
-- time: both need an index on a feed that grows with every write.
CREATE INDEX changes_at ON changes (at);
