SELECT id, code, scale, ledger, settlement_account_id, withdrawal_threshold,
    liquidity_threshold, created_at
FROM assets
WHERE id = @Id
  AND deleted_at IS NULL
