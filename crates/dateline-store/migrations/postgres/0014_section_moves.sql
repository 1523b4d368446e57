-- Sections and programmes that an editor renames, deletes and reorders.
--
-- A section's or programme's old slug keeps answering: the section page and
-- its feeds, the programme page and its podcast feed redirect (301) to the
-- current address of the section or programme the row names. A renamed
-- section's articles move to new paths and keep their old ones in
-- `redirects`, as any article whose path changes does.
CREATE TABLE section_redirects (
    language    TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    section_id  BIGINT  NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    PRIMARY KEY (language, slug)
);
CREATE INDEX section_redirects_section ON section_redirects (section_id);

CREATE TABLE programme_redirects (
    language      TEXT    NOT NULL,
    slug          TEXT    NOT NULL,
    programme_id  BIGINT  NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    PRIMARY KEY (language, slug)
);
CREATE INDEX programme_redirects_programme ON programme_redirects (programme_id);

-- Programmes get an order of their own, as sections have; until an editor
-- sets one, it is the order they were listed in (by name).
ALTER TABLE programmes ADD COLUMN position BIGINT NOT NULL DEFAULT 0;
UPDATE programmes SET position = 1 + (
    SELECT COUNT(*) FROM programmes o
    WHERE o.language = programmes.language
      AND (LOWER(o.name) < LOWER(programmes.name)
           OR (LOWER(o.name) = LOWER(programmes.name) AND o.id < programmes.id))
);
