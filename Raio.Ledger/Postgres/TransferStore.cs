using System.Numerics;
using Npgsql;
using NpgsqlTypes;

namespace Raio.Ledger.Postgres;

/// <summary>The reads and writes of one transfer batch, all inside the caller's transaction.</summary>
static class TransferStore
{
    /// <summary>
    /// Below this many new transfers, an INSERT travels with the balance updates in one round
    /// trip; from it on, binary COPY's cheaper rows outweigh its two extra round trips.
    /// </summary>
    const int CopyFrom = 1000;

    // Its own text, apart from the lookups' same query, so that it is prepared (and planned) only
    // under IndexScansSql.
    const string LoadTransfersSql = $"""
        SELECT {LedgerRows.TransferColumns}
        FROM ledger_transfers
        WHERE id = ANY($1)
        """;

    // Every statement of a batch finds its rows by primary key, and that stays the right plan.
    // The planner can think otherwise: a prepared statement's generic plan, made while a young
    // table was small and not yet analyzed, scans the table, and stays until the next ANALYZE;
    // a custom plan for thousands of ids can prefer a scan too. Either costs a pass over all the
    // transfers for every batch, so within a batch's transaction scans are ruled out.
    const string IndexScansSql = "SET LOCAL enable_seqscan = off";

    // Every writer takes its locks this way, in a single statement, so no two transactions can
    // each hold a lock the other waits for.
    const string LockAccountsSql = $"""
        SELECT {LedgerRows.AccountColumns}
        FROM ledger_accounts
        WHERE id = ANY($1)
        ORDER BY id
        FOR UPDATE
        """;

    const string LoadFailedIdsSql = "SELECT id FROM ledger_failed_transfers WHERE id = ANY($1)";

    /// <summary>
    /// Whether <see cref="LoadLockingFirstAsync"/> may serve the batch: only a post or void
    /// touches accounts that the events do not name, those of its pending transfer.
    /// </summary>
    public static bool CanLockFirst(IReadOnlyList<Transfer> events)
    {
        foreach (var t in events)
        {
            if ((t.Flags & (TransferFlags.PostPendingTransfer | TransferFlags.VoidPendingTransfer)) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Loads a batch that posts and voids nothing in one round trip: the accounts its events name
    /// are locked first, and the transfers and failed ids are read after, under those locks, so
    /// that what they say is already stable.
    /// </summary>
    /// <returns>
    /// Null when the batch names a stored pending transfer whose accounts are not all among those
    /// locked (a retry with other accounts): its state is only stable under its own accounts'
    /// locks, and taking them now would break the lock order. Roll back and use
    /// <see cref="LoadInOrderAsync"/>.
    /// </returns>
    public static async Task<LoadedBatch?> LoadLockingFirstAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IReadOnlyList<Transfer> events, CancellationToken cancellationToken)
    {
        var accountIds = AccountIds(events.SelectMany(t => new[] { t.DebitAccountId, t.CreditAccountId }));
        var ids = events.Select(t => t.Id).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(IndexScansSql),
                Command(LockAccountsSql, Guids(accountIds)),
                Command(LoadTransfersSql, Guids(TransferIds(ids))),
                Command(LoadFailedIdsSql, Guids(FailedIds(ids))),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var accounts = await ReadAccountsAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var transfers = await ReadTransfersAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var failedIds = await ReadIdsAsync(reader, cancellationToken);

        var locked = accountIds.ToHashSet();
        var covered = transfers.Values
            .Where(s => s.State != PendingState.None)
            .All(s => locked.Contains(s.Transfer.DebitAccountId)
                && locked.Contains(s.Transfer.CreditAccountId));
        return covered ? new LoadedBatch(transfers, accounts, failedIds) : null;
    }

    /// <summary>
    /// Loads any batch in four steps: the transfers it names (which tell the accounts of the
    /// pending transfers it posts or voids), then the locks on every account involved, then a
    /// second look at the pending states, which only change under those locks, then failed ids.
    /// </summary>
    public static async Task<LoadedBatch> LoadInOrderAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IReadOnlyList<Transfer> events, CancellationToken cancellationToken)
    {
        var pendingIds = events
            .Where(t => (t.Flags & (TransferFlags.PostPendingTransfer | TransferFlags.VoidPendingTransfer)) != 0)
            .Select(t => t.PendingId);
        var transfers = await LoadTransfersAsync(connection, transaction,
            events.Select(t => t.Id).Concat(pendingIds), cancellationToken);

        var accountIds = events
            .SelectMany(t => new[] { t.DebitAccountId, t.CreditAccountId })
            .Concat(transfers.Values
                .Where(s => s.State != PendingState.None)
                .SelectMany(s => new[] { s.Transfer.DebitAccountId, s.Transfer.CreditAccountId }));
        var accounts = await LockAccountsAsync(connection, transaction, accountIds, cancellationToken);
        await RefreshPendingStatesAsync(connection, transaction, transfers, cancellationToken);
        var failedIds = await LoadFailedIdsAsync(connection, transaction, events.Select(t => t.Id),
            cancellationToken);
        return new LoadedBatch(transfers, accounts, failedIds);
    }

    static async Task<Dictionary<UInt128, StoredTransfer>> LoadTransfersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<UInt128> ids,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(IndexScansSql),
                Command(LoadTransfersSql, Guids(TransferIds(ids))),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadTransfersAsync(reader, cancellationToken);
    }

    public static async Task<Dictionary<UInt128, StoredTransfer>> LoadDueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ulong now, int limit,
        CancellationToken cancellationToken)
    {
        var transfers = new Dictionary<UInt128, StoredTransfer>();

        // First in the expiry's transaction: its locks and writes share the batches' statements,
        // and so their plans.
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(IndexScansSql),
                Command($"""
                    SELECT {LedgerRows.TransferColumns}
                    FROM ledger_transfers
                    WHERE pending_state = 1 AND expires_at IS NOT NULL AND expires_at <= $1
                    ORDER BY expires_at
                    LIMIT $2
                    """, (long)now, limit),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = LedgerRows.ReadTransfer(reader);
            transfers[stored.Transfer.Id] = stored;
        }

        return transfers;
    }

    /// <summary>Locks the accounts in ascending id order.</summary>
    public static async Task<Dictionary<UInt128, Account>> LockAccountsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<UInt128> ids,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockAccountsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = Guids(AccountIds(ids)) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadAccountsAsync(reader, cancellationToken);
    }

    /// <summary>
    /// Re-reads the state of pending transfers once their accounts are locked: a pending state only
    /// changes under those locks, so from here on it is stable.
    /// </summary>
    public static async Task RefreshPendingStatesAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, Dictionary<UInt128, StoredTransfer> transfers,
        CancellationToken cancellationToken)
    {
        var pending = transfers.Values.Where(s => s.State != PendingState.None)
            .Select(s => U128.ToGuid(s.Transfer.Id)).ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "SELECT id, pending_state FROM ledger_transfers WHERE id = ANY($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = pending });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = U128.FromGuid(reader.GetGuid(0));
            transfers[id] = transfers[id] with { State = (PendingState)reader.GetInt16(1) };
        }
    }

    static async Task<HashSet<UInt128>> LoadFailedIdsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IEnumerable<UInt128> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LoadFailedIdsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = Guids(FailedIds(ids)) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadIdsAsync(reader, cancellationToken);
    }

    /// <summary>
    /// Writes everything the state machine decided: in one round trip, or three when there are
    /// enough new transfers to be worth a COPY. With <paramref name="commit"/>, the last statement
    /// of that round trip commits the transaction, which saves a round trip of its own; should an
    /// earlier statement fail, the server skips the COMMIT and the transaction stays open, failed,
    /// for the caller to roll back.
    /// </summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        TransferStateMachine machine, Dictionary<UInt128, Account> accounts, bool commit,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (machine.Inserted.Count >= CopyFrom)
        {
            await CopyTransfersAsync(connection, machine.Inserted, cancellationToken);
        }
        else if (machine.Inserted.Count > 0)
        {
            batch.BatchCommands.Add(InsertTransfers(machine.Inserted));
        }

        if (machine.DirtyAccounts.Count > 0)
        {
            var dirty = machine.DirtyAccounts.Select(id => accounts[id]).ToArray();
            batch.BatchCommands.Add(Command("""
                UPDATE ledger_accounts AS a
                SET debits_pending = v.debits_pending,
                    debits_posted = v.debits_posted,
                    credits_pending = v.credits_pending,
                    credits_posted = v.credits_posted,
                    flags = v.flags
                FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::numeric[], $5::numeric[],
                            $6::integer[])
                    AS v(id, debits_pending, debits_posted, credits_pending, credits_posted, flags)
                WHERE a.id = v.id
                """,
                dirty.Select(a => U128.ToGuid(a.Id)).ToArray(),
                Numerics(dirty.Select(a => a.DebitsPending)),
                Numerics(dirty.Select(a => a.DebitsPosted)),
                Numerics(dirty.Select(a => a.CreditsPending)),
                Numerics(dirty.Select(a => a.CreditsPosted)),
                dirty.Select(a => (int)a.Flags).ToArray()));
        }

        if (machine.PendingChanges.Count > 0)
        {
            batch.BatchCommands.Add(Command("""
                UPDATE ledger_transfers AS t
                SET pending_state = v.pending_state
                FROM unnest($1::uuid[], $2::smallint[]) AS v(id, pending_state)
                WHERE t.id = v.id
                """,
                machine.PendingChanges.Keys.Select(U128.ToGuid).ToArray(),
                machine.PendingChanges.Values.Select(s => (short)s).ToArray()));
        }

        if (machine.NewFailures.Count > 0)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO ledger_failed_transfers (id, status)
                SELECT * FROM unnest($1::uuid[], $2::integer[])
                ON CONFLICT (id) DO NOTHING
                """,
                machine.NewFailures.Select(f => U128.ToGuid(f.Id)).ToArray(),
                machine.NewFailures.Select(f => (int)f.Status).ToArray()));
        }

        if (machine.History.Count > 0)
        {
            var history = machine.History;
            batch.BatchCommands.Add(Command("""
                INSERT INTO ledger_account_balances (account_id, timestamp, transfer_id,
                    debits_pending, debits_posted, credits_pending, credits_posted)
                SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::numeric[],
                    $5::numeric[], $6::numeric[], $7::numeric[])
                """,
                history.Select(h => U128.ToGuid(h.AccountId)).ToArray(),
                history.Select(h => (long)h.Balance.Timestamp).ToArray(),
                history.Select(h => U128.ToGuid(h.TransferId)).ToArray(),
                Numerics(history.Select(h => h.Balance.DebitsPending)),
                Numerics(history.Select(h => h.Balance.DebitsPosted)),
                Numerics(history.Select(h => h.Balance.CreditsPending)),
                Numerics(history.Select(h => h.Balance.CreditsPosted))));
        }

        if (commit)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        if (batch.BatchCommands.Count > 0)
        {
            // The same few write statements run in every batch, often while other writers wait on
            // the locks this one holds: prepared once per connection, they are not planned again.
            await batch.PrepareAsync(cancellationToken);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    static NpgsqlBatchCommand InsertTransfers(List<StoredTransfer> created)
    {
        var transfers = created.Select(s => s.Transfer).ToArray();
        return Command($"""
            INSERT INTO ledger_transfers ({LedgerRows.TransferColumns})
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::uuid[],
                $6::uuid[], $7::numeric[], $8::bigint[], $9::bigint[], $10::bigint[], $11::integer[],
                $12::integer[], $13::bigint[], $14::smallint[], $15::bigint[])
            """,
            transfers.Select(t => U128.ToGuid(t.Id)).ToArray(),
            transfers.Select(t => U128.ToGuid(t.DebitAccountId)).ToArray(),
            transfers.Select(t => U128.ToGuid(t.CreditAccountId)).ToArray(),
            Numerics(transfers.Select(t => t.Amount)),
            transfers.Select(t => t.PendingId == 0 ? (Guid?)null : U128.ToGuid(t.PendingId)).ToArray(),
            transfers.Select(t => U128.ToGuid(t.UserData128)).ToArray(),
            transfers.Select(t => (decimal)t.UserData64).ToArray(),
            transfers.Select(t => (long)t.UserData32).ToArray(),
            transfers.Select(t => (long)t.Timeout).ToArray(),
            transfers.Select(t => (long)t.Ledger).ToArray(),
            transfers.Select(t => (int)t.Code).ToArray(),
            transfers.Select(t => (int)t.Flags).ToArray(),
            transfers.Select(t => (long)t.Timestamp).ToArray(),
            created.Select(s => (short)s.State).ToArray(),
            created.Select(s => s.ExpiresAt is { } at ? (long?)at : null).ToArray());
    }

    static async Task CopyTransfersAsync(NpgsqlConnection connection, List<StoredTransfer> created,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"""
            COPY ledger_transfers ({LedgerRows.TransferColumns}) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (t, state, expiresAt) in created)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(U128.ToGuid(t.Id), NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(U128.ToGuid(t.DebitAccountId), NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(U128.ToGuid(t.CreditAccountId), NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync((BigInteger)t.Amount, NpgsqlDbType.Numeric, cancellationToken);
            if (t.PendingId == 0)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(U128.ToGuid(t.PendingId), NpgsqlDbType.Uuid, cancellationToken);
            }

            await importer.WriteAsync(U128.ToGuid(t.UserData128), NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync((decimal)t.UserData64, NpgsqlDbType.Numeric, cancellationToken);
            await importer.WriteAsync((long)t.UserData32, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync((long)t.Timeout, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync((long)t.Ledger, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync((int)t.Code, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync((int)t.Flags, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync((long)t.Timestamp, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync((short)state, NpgsqlDbType.Smallint, cancellationToken);
            if (expiresAt is { } at)
            {
                await importer.WriteAsync((long)at, NpgsqlDbType.Bigint, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    static NpgsqlBatchCommand Command(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        return command;
    }

    static BigInteger[] Numerics(IEnumerable<UInt128> values) => values.Select(v => (BigInteger)v).ToArray();

    static async Task<Dictionary<UInt128, Account>> ReadAccountsAsync(NpgsqlDataReader reader,
        CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<UInt128, Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var account = LedgerRows.ReadAccount(reader);
            accounts[account.Id] = account;
        }

        return accounts;
    }

    static async Task<Dictionary<UInt128, StoredTransfer>> ReadTransfersAsync(NpgsqlDataReader reader,
        CancellationToken cancellationToken)
    {
        var transfers = new Dictionary<UInt128, StoredTransfer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = LedgerRows.ReadTransfer(reader);
            transfers[stored.Transfer.Id] = stored;
        }

        return transfers;
    }

    static async Task<HashSet<UInt128>> ReadIdsAsync(NpgsqlDataReader reader,
        CancellationToken cancellationToken)
    {
        var ids = new HashSet<UInt128>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(U128.FromGuid(reader.GetGuid(0)));
        }

        return ids;
    }

    /// <summary>The accounts to lock: distinct and ascending, which is the lock order.</summary>
    static UInt128[] AccountIds(IEnumerable<UInt128> ids) =>
        ids.Where(id => id != 0 && id != UInt128.MaxValue).Distinct().Order().ToArray();

    static UInt128[] TransferIds(IEnumerable<UInt128> ids) =>
        ids.Where(id => id != 0 && id != UInt128.MaxValue).Distinct().ToArray();

    static UInt128[] FailedIds(IEnumerable<UInt128> ids) => ids.Where(id => id != 0).Distinct().ToArray();

    static Guid[] Guids(UInt128[] ids) => Array.ConvertAll(ids, U128.ToGuid);
}
