-- When a CDN's purge for this change was claimed: the first node to set it
-- sends the purge, so a change is purged once however many nodes follow the
-- feed. NULL on every earlier row and on every row a release that knows
-- nothing of CDNs writes (expand only: nothing is dropped).
ALTER TABLE changes ADD COLUMN purge_claimed_at INTEGER;
