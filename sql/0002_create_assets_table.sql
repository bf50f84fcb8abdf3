-- Assets: a currency code and scale, each on a ledger of its own with a liquidity account (id =
-- the asset's id) and a settlement account (settlement_account_id) in the ledger tables.

-- TigerBeetle ledgers are u32 and zero is reserved.
CREATE SEQUENCE asset_ledger_seq AS bigint MINVALUE 1 MAXVALUE 4294967295 NO CYCLE;

CREATE TABLE assets (
    id uuid PRIMARY KEY,
    code text NOT NULL CHECK (code ~ '^[A-Z]{3}$'),
    scale smallint NOT NULL CHECK (scale BETWEEN 0 AND 255),
    ledger bigint NOT NULL DEFAULT nextval('asset_ledger_seq'),
    settlement_account_id uuid NOT NULL,
    withdrawal_threshold numeric(20, 0)
        CHECK (withdrawal_threshold BETWEEN 0 AND 18446744073709551615),
    liquidity_threshold numeric(20, 0)
        CHECK (liquidity_threshold BETWEEN 0 AND 18446744073709551615),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    -- Deleted rows keep their code and scale: creating the pair again brings the asset (and the
    -- liquidity still on its ledger) back, as Rafiki does.
    CONSTRAINT assets_code_scale_key UNIQUE (code, scale),
    CONSTRAINT assets_ledger_key UNIQUE (ledger),
    CONSTRAINT assets_settlement_account_id_key UNIQUE (settlement_account_id)
);

-- Everything that refers to an asset and so keeps it from being deleted: one row per use.
-- Nothing does yet. The migration that creates peers or wallet addresses replaces this view with
-- a UNION ALL over its table (CREATE OR REPLACE VIEW asset_uses AS SELECT asset_id, 'peer' ...),
-- and inserts into that table lock the asset row FOR SHARE, so that a delete, which locks it
-- FOR UPDATE, never misses a use made at the same moment.
CREATE VIEW asset_uses (asset_id, used_by) AS
SELECT NULL::uuid, NULL::text
WHERE false;
