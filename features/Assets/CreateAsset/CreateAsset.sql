INSERT INTO assets (id, code, scale, settlement_account_id, withdrawal_threshold,
    liquidity_threshold, created_at, updated_at)
VALUES (@Id, @Code, @Scale, @SettlementAccountId, @WithdrawalThreshold,
    @LiquidityThreshold, @Now, @Now)
RETURNING id, code, scale, ledger, settlement_account_id, withdrawal_threshold,
    liquidity_threshold, created_at
