UPDATE assets
SET deleted_at = NULL,
    withdrawal_threshold = @WithdrawalThreshold,
    liquidity_threshold = @LiquidityThreshold,
    updated_at = @Now
WHERE code = @Code
  AND scale = @Scale
  AND deleted_at IS NOT NULL
RETURNING id, code, scale, ledger, settlement_account_id, withdrawal_threshold,
    liquidity_threshold, created_at
