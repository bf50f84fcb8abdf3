using System.Numerics;
using Npgsql;
using NpgsqlTypes;

namespace Raio.Ledger.Postgres;

/// <summary>The reads and writes of one transfer batch, all inside the caller's transaction.</summary>
static class TransferStore
{
    public static async Task<Dictionary<UInt128, StoredTransfer>> LoadTransfersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<UInt128> ids,
        CancellationToken cancellationToken)
    {
        var keys = ids.Where(id => id != 0 && id != UInt128.MaxValue).Distinct().Select(U128.ToGuid).ToArray();
        var transfers = new Dictionary<UInt128, StoredTransfer>();
        await using var command = new NpgsqlCommand(
            $"SELECT {LedgerRows.TransferColumns} FROM ledger_transfers WHERE id = ANY($1)",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = LedgerRows.ReadTransfer(reader);
            transfers[stored.Transfer.Id] = stored;
        }

        return transfers;
    }

    public static async Task<Dictionary<UInt128, StoredTransfer>> LoadDueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ulong now, int limit,
        CancellationToken cancellationToken)
    {
        var transfers = new Dictionary<UInt128, StoredTransfer>();
        await using var command = new NpgsqlCommand($"""
            SELECT {LedgerRows.TransferColumns}
            FROM ledger_transfers
            WHERE pending_state = 1 AND expires_at IS NOT NULL AND expires_at <= $1
            ORDER BY expires_at
            LIMIT $2
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = (long)now });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = LedgerRows.ReadTransfer(reader);
            transfers[stored.Transfer.Id] = stored;
        }

        return transfers;
    }

    /// <summary>
    /// Locks the accounts in ascending id order. Every writer takes its locks this way, in a single
    /// statement, so no two transactions can each hold a lock the other waits for.
    /// </summary>
    public static async Task<Dictionary<UInt128, Account>> LockAccountsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<UInt128> ids,
        CancellationToken cancellationToken)
    {
        var keys = ids.Where(id => id != 0 && id != UInt128.MaxValue).Distinct().Order()
            .Select(U128.ToGuid).ToArray();
        var accounts = new Dictionary<UInt128, Account>();
        await using var command = new NpgsqlCommand($"""
            SELECT {LedgerRows.AccountColumns}
            FROM ledger_accounts
            WHERE id = ANY($1)
            ORDER BY id
            FOR UPDATE
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var account = LedgerRows.ReadAccount(reader);
            accounts[account.Id] = account;
        }

        return accounts;
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

    public static async Task<HashSet<UInt128>> LoadFailedIdsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IEnumerable<UInt128> ids, CancellationToken cancellationToken)
    {
        var failed = new HashSet<UInt128>();
        await using var command = new NpgsqlCommand(
            "SELECT id FROM ledger_failed_transfers WHERE id = ANY($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = ids.Where(id => id != 0).Distinct().Select(U128.ToGuid).ToArray(),
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            failed.Add(U128.FromGuid(reader.GetGuid(0)));
        }

        return failed;
    }

    /// <summary>Writes everything the state machine decided, in two round trips.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        TransferStateMachine machine, Dictionary<UInt128, Account> accounts,
        CancellationToken cancellationToken)
    {
        if (machine.Inserted.Count > 0)
        {
            await CopyTransfersAsync(connection, machine.Inserted, cancellationToken);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
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

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
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
}
