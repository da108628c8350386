-- migrate:up
-- Why a figure's image could not be used although the import's quick check
-- (header, trailer) passed it: the full decode for its thumbnail failed
-- (corrupt compressed data, say). The figure is then kept caption-only
-- (image_hash NULL, image_missing true), as the import does with an absent
-- image, and its import lists it with this reason.
ALTER TABLE figure ADD COLUMN image_error text;

-- migrate:down
ALTER TABLE figure DROP COLUMN image_error;
