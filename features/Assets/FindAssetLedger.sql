SELECT id, ledger, settlement_account_id
FROM assets
WHERE id = @Id
  AND deleted_at IS NULL
