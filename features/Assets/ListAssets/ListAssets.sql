SELECT id, code, scale, ledger, settlement_account_id, withdrawal_threshold,
    liquidity_threshold, created_at
FROM assets
WHERE deleted_at IS NULL
  AND (@Code::text IS NULL OR (code = @Code AND scale = @Scale))
  AND (@Cursor::uuid IS NULL
       OR (@Ascending AND id > @Cursor)
       OR (NOT @Ascending AND id < @Cursor))
ORDER BY
    CASE WHEN @Ascending THEN id END ASC,
    id DESC
LIMIT @Limit
