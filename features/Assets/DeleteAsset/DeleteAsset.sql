-- Locks the asset, so that nothing starts using it meanwhile (see asset_uses), then deletes it
-- unless something uses it. No row: no such asset; in_use: refused; otherwise deleted.
WITH target AS (
    SELECT a.id,
        EXISTS (SELECT 1 FROM asset_uses AS u WHERE u.asset_id = a.id) AS in_use
    FROM assets AS a
    WHERE a.id = @Id
      AND a.deleted_at IS NULL
    FOR UPDATE OF a
), deleted AS (
    UPDATE assets
    SET deleted_at = @Now,
        updated_at = @Now
    FROM target
    WHERE assets.id = target.id
      AND NOT target.in_use
    RETURNING assets.id
)
SELECT in_use
FROM target
