-- Moving in from WordPress (`dateline import wordpress`). Expand only: two
-- new tables, nothing else changes.

-- What each thing of a WordPress site became here, so that importing the
-- same export again updates rather than duplicates: the site (its address),
-- the kind of thing (post, page, attachment, comment, category, tag,
-- author) and its WordPress identity (an id, or a slug or login where the
-- export gives no id) lead to the local row's id.
CREATE TABLE wordpress_ids (
    site        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    wp_key      TEXT    NOT NULL,
    local_id    BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (site, kind, wp_key)
);

-- The old site's addresses, each answered with a 301 where this site would
-- otherwise answer 404: a path (percent-escapes in lowercase, no trailing
-- slash) or the site root with one query (`/?p=12`). An article or a page
-- is named by its id, so that the redirect follows it when its own path
-- moves; anything else (a section, a tag, an author, a feed) by its path.
CREATE TABLE wordpress_links (
    path        TEXT    PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('article', 'page', 'path')),
    local_id    BIGINT,
    target      TEXT,
    created_at  BIGINT  NOT NULL
);
