SELECT EXISTS (
    SELECT 1
    FROM assets
    WHERE id = @Cursor
      AND deleted_at IS NULL
)
