-- The ledger's store: TigerBeetle's accounts and transfers on PostgreSQL.
-- 128-bit ids are uuids in big-endian byte order, so that uuid order is numeric order.
-- Unsigned 128-bit quantities are numeric(39, 0) held inside [0, 2^128).

CREATE DOMAIN ledger_u128 AS numeric(39, 0)
    CHECK (VALUE >= 0 AND VALUE < 340282366920938463463374607431768211456);

CREATE TABLE ledger_accounts (
    id uuid PRIMARY KEY,
    debits_pending ledger_u128 NOT NULL,
    debits_posted ledger_u128 NOT NULL,
    credits_pending ledger_u128 NOT NULL,
    credits_posted ledger_u128 NOT NULL,
    user_data_128 uuid NOT NULL,
    user_data_64 numeric(20, 0) NOT NULL,
    user_data_32 bigint NOT NULL,
    ledger bigint NOT NULL CHECK (ledger > 0),
    code integer NOT NULL CHECK (code > 0),
    flags integer NOT NULL,
    timestamp bigint NOT NULL
);

-- pending_state: 0 for transfers that are not pending, then 1 pending, 2 posted, 3 voided,
-- 4 expired. It is the only column that changes after insert, and only under the locks of both
-- accounts.
CREATE TABLE ledger_transfers (
    id uuid PRIMARY KEY,
    debit_account_id uuid NOT NULL,
    credit_account_id uuid NOT NULL,
    amount ledger_u128 NOT NULL,
    pending_id uuid,
    user_data_128 uuid NOT NULL,
    user_data_64 numeric(20, 0) NOT NULL,
    user_data_32 bigint NOT NULL,
    timeout bigint NOT NULL,
    ledger bigint NOT NULL,
    code integer NOT NULL,
    flags integer NOT NULL,
    timestamp bigint NOT NULL,
    pending_state smallint NOT NULL DEFAULT 0,
    expires_at bigint
);

CREATE INDEX ledger_transfers_debit_account_idx
    ON ledger_transfers (debit_account_id, timestamp);
CREATE INDEX ledger_transfers_credit_account_idx
    ON ledger_transfers (credit_account_id, timestamp);
CREATE INDEX ledger_transfers_expiry_idx
    ON ledger_transfers (expires_at)
    WHERE pending_state = 1 AND expires_at IS NOT NULL;

-- Ids of transfers that failed with a transient status: retrying them answers id_already_failed.
CREATE TABLE ledger_failed_transfers (
    id uuid PRIMARY KEY,
    status integer NOT NULL
);

-- Balance history of accounts created with the history flag.
-- transfer_id names the transfer that moved the balance, or the pending transfer that expired.
CREATE TABLE ledger_account_balances (
    account_id uuid NOT NULL,
    timestamp bigint NOT NULL,
    transfer_id uuid NOT NULL,
    debits_pending ledger_u128 NOT NULL,
    debits_posted ledger_u128 NOT NULL,
    credits_pending ledger_u128 NOT NULL,
    credits_posted ledger_u128 NOT NULL,
    PRIMARY KEY (account_id, timestamp)
);
