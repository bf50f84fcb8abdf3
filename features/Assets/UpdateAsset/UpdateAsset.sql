UPDATE assets
SET withdrawal_threshold = @WithdrawalThreshold,
    liquidity_threshold = @LiquidityThreshold,
    updated_at = @Now
WHERE id = @Id
  AND deleted_at IS NULL
RETURNING id, code, scale, ledger, settlement_account_id, withdrawal_threshold,
    liquidity_threshold, created_at
