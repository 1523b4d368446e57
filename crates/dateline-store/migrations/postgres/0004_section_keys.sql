-- A section's key links it to its versions in other languages ("world",
-- "mundo"); without one, sections of one slug are one section.
ALTER TABLE sections ADD COLUMN key TEXT;
CREATE INDEX sections_key ON sections (key);
