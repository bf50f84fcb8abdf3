using System.Diagnostics;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Raio.Ledger.Postgres;

/// <summary>
/// The ledger on PostgreSQL. Each batch runs in one transaction that locks the rows of every
/// account it touches, in id order, so that balances stay exact under any interleaving and
/// transactions cannot deadlock one another; batches over disjoint accounts run in parallel.
/// </summary>
public sealed partial class PostgresLedger : ILedger, IAsyncDisposable
{
    const int MaxAttempts = 8;

    readonly NpgsqlDataSource _dataSource;
    readonly LedgerClock _clock;
    readonly ILogger _logger;
    readonly TransferBatcher _batcher;

    public PostgresLedger(NpgsqlDataSource dataSource, TimeProvider time, ILogger<PostgresLedger> logger,
        PostgresLedgerOptions? options = null)
    {
        _dataSource = dataSource;
        _clock = new LedgerClock(time);
        _logger = logger;
        _batcher = new TransferBatcher(ExecuteTransfersAsync, (options ?? new()).Writers);
    }

    public async ValueTask<CreateAccountResult[]> CreateAccountsAsync(IReadOnlyList<Account> accounts,
        CancellationToken cancellationToken = default)
    {
        CheckBatch(accounts.Count);
        return await WithRetries(() => AccountWriter.CreateAsync(_dataSource, _clock, accounts,
            cancellationToken));
    }

    public async ValueTask<CreateTransferResult[]> CreateTransfersAsync(IReadOnlyList<Transfer> transfers,
        CancellationToken cancellationToken = default)
    {
        CheckBatch(transfers.Count);
        return await _batcher.SubmitAsync(transfers, cancellationToken);
    }

    public async ValueTask<Account[]> LookupAccountsAsync(IReadOnlyList<UInt128> ids,
        CancellationToken cancellationToken = default)
    {
        CheckBatch(ids.Count);
        await ExpireIfDueAsync(cancellationToken);
        var found = new Dictionary<UInt128, Account>();
        await using (var command = _dataSource.CreateCommand(
            $"SELECT {LedgerRows.AccountColumns} FROM ledger_accounts WHERE id = ANY($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ids.Select(U128.ToGuid).ToArray() });
            await using var reader = await ReadAsync(command, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var account = LedgerRows.ReadAccount(reader);
                found[account.Id] = account;
            }
        }

        return ids.Where(found.ContainsKey).Select(id => found[id]).ToArray();
    }

    public async ValueTask<Transfer[]> LookupTransfersAsync(IReadOnlyList<UInt128> ids,
        CancellationToken cancellationToken = default)
    {
        CheckBatch(ids.Count);
        var found = new Dictionary<UInt128, Transfer>();
        await using (var command = _dataSource.CreateCommand(
            $"SELECT {LedgerRows.TransferColumns} FROM ledger_transfers WHERE id = ANY($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ids.Select(U128.ToGuid).ToArray() });
            await using var reader = await ReadAsync(command, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var stored = LedgerRows.ReadTransfer(reader);
                found[stored.Transfer.Id] = stored.Transfer;
            }
        }

        return ids.Where(found.ContainsKey).Select(id => found[id]).ToArray();
    }

    public async ValueTask<Transfer[]> GetAccountTransfersAsync(AccountFilter filter,
        CancellationToken cancellationToken = default)
    {
        if (!IsValid(filter))
        {
            return [];
        }

        var sql = $"""
            SELECT {LedgerRows.TransferColumns}
            FROM ledger_transfers
            WHERE {FilterSql("")}
            ORDER BY timestamp {(filter.Flags.HasFlag(AccountFilterFlags.Reversed) ? "DESC" : "ASC")}
            LIMIT $9
            """;
        await using var command = FilterCommand(sql, filter);
        await using var reader = await ReadAsync(command, cancellationToken);
        var transfers = new List<Transfer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            transfers.Add(LedgerRows.ReadTransfer(reader).Transfer);
        }

        return transfers.ToArray();
    }

    public async ValueTask<AccountBalance[]> GetAccountBalancesAsync(AccountFilter filter,
        CancellationToken cancellationToken = default)
    {
        if (!IsValid(filter))
        {
            return [];
        }

        await ExpireIfDueAsync(cancellationToken);
        var sql = $"""
            SELECT b.debits_pending, b.debits_posted, b.credits_pending, b.credits_posted, b.timestamp
            FROM ledger_account_balances b
            JOIN ledger_transfers t ON t.id = b.transfer_id
            WHERE b.account_id = $1 AND {FilterSql("t.")}
            ORDER BY b.timestamp {(filter.Flags.HasFlag(AccountFilterFlags.Reversed) ? "DESC" : "ASC")}
            LIMIT $9
            """;
        await using var command = FilterCommand(sql, filter);
        await using var reader = await ReadAsync(command, cancellationToken);
        var balances = new List<AccountBalance>();
        while (await reader.ReadAsync(cancellationToken))
        {
            balances.Add(new AccountBalance
            {
                DebitsPending = (UInt128)reader.GetFieldValue<BigInteger>(0),
                DebitsPosted = (UInt128)reader.GetFieldValue<BigInteger>(1),
                CreditsPending = (UInt128)reader.GetFieldValue<BigInteger>(2),
                CreditsPosted = (UInt128)reader.GetFieldValue<BigInteger>(3),
                Timestamp = (ulong)reader.GetInt64(4),
            });
        }

        return balances.ToArray();
    }

    /// <summary>
    /// Releases the reservations of pending transfers whose timeout has passed, at most
    /// <paramref name="limit"/> of them. The expiry worker calls this on a pulse; reads call it
    /// first so that they never show a reservation that has run out.
    /// </summary>
    /// <returns>How many pending transfers expired.</returns>
    public Task<int> ExpireDueAsync(int limit = 1000, CancellationToken cancellationToken = default) =>
        WithRetries(() => ExpireDueOnceAsync(limit, cancellationToken));

    async Task ExpireIfDueAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT EXISTS (
                SELECT 1 FROM ledger_transfers
                WHERE pending_state = 1 AND expires_at IS NOT NULL AND expires_at <= $1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (long)_clock.NowNs });
        bool due;
        try
        {
            due = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            throw Unavailable(e);
        }

        while (due && await ExpireDueAsync(1000, cancellationToken) == 1000)
        {
        }
    }

    async Task<int> ExpireDueOnceAsync(int limit, CancellationToken cancellationToken)
    {
        var now = _clock.NowNs;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var due = await TransferStore.LoadDueAsync(connection, transaction, now, limit, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var accountIds = due.Values
            .SelectMany(s => new[] { s.Transfer.DebitAccountId, s.Transfer.CreditAccountId });
        var accounts = await TransferStore.LockAccountsAsync(connection, transaction, accountIds,
            cancellationToken);
        await TransferStore.RefreshPendingStatesAsync(connection, transaction, due, cancellationToken);

        var machine = new TransferStateMachine(accounts, due, []);
        var expiring = due.Values
            .Where(s => s.State == PendingState.Pending && s.ExpiresAt <= now)
            .Select(s => s.Transfer.Id)
            .ToList();
        var timestamp = _clock.Reserve(Math.Max(expiring.Count, 1));
        foreach (var id in expiring)
        {
            machine.Expire(id, timestamp++);
        }

        await TransferStore.WriteAsync(connection, transaction, machine, accounts, commit: false,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.PendingTransfersExpired(_logger, expiring.Count);
        return expiring.Count;
    }

    async Task<CreateTransferResult[]> ExecuteTransfersAsync(IReadOnlyList<Transfer> events,
        IReadOnlyList<int> segmentEnds) =>
        await WithRetries(() => ExecuteTransfersOnceAsync(events, segmentEnds));

    async Task<CreateTransferResult[]> ExecuteTransfersOnceAsync(IReadOnlyList<Transfer> events,
        IReadOnlyList<int> segmentEnds)
    {
        // A batch already handed to PostgreSQL is finished even if its callers leave: the
        // alternative is a caller that cannot know whether its money moved.
        var cancellationToken = CancellationToken.None;
        var started = Stopwatch.GetTimestamp();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (TransferStore.CanLockFirst(events))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await TransferStore.LoadLockingFirstAsync(connection, transaction, events, cancellationToken)
                is { } loaded)
            {
                return await ApplyAsync(connection, transaction, events, segmentEnds, loaded,
                    started);
            }

            // Leaving the block rolls back, freeing the locks for a load that takes them in order.
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var loaded = await TransferStore.LoadInOrderAsync(connection, transaction, events,
                cancellationToken);
            return await ApplyAsync(connection, transaction, events, segmentEnds, loaded, started);
        }
    }

    async Task<CreateTransferResult[]> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<Transfer> events, IReadOnlyList<int> segmentEnds, LoadedBatch loaded,
        long started)
    {
        var cancellationToken = CancellationToken.None;
        var loadedAt = Stopwatch.GetTimestamp();
        var (transfers, accounts, failedIds) = loaded;
        var due = transfers.Values
            .Where(s => s.State == PendingState.Pending && s.ExpiresAt is { } at && at <= _clock.NowNs)
            .Select(s => s.Transfer.Id)
            .ToList();
        var timestamp = _clock.Reserve(events.Count + due.Count);
        var machine = new TransferStateMachine(accounts, transfers, failedIds);
        foreach (var id in due)
        {
            machine.Expire(id, timestamp++);
        }

        var results = machine.Execute(events, segmentEnds, timestamp);
        var decidedAt = Stopwatch.GetTimestamp();

        // The transaction object sees the commit that rode with the writes and has nothing to do.
        await TransferStore.WriteAsync(connection, transaction, machine, accounts, commit: true,
            cancellationToken);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.TransfersCommitted(_logger, events.Count, machine.Inserted.Count, segmentEnds.Count,
                Ms(started, loadedAt), Ms(loadedAt, decidedAt),
                Ms(decidedAt, Stopwatch.GetTimestamp()));
        }

        return results;
    }

    static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    async Task<T> WithRetries<T>(Func<Task<T>> attempt)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (PostgresException e) when (IsRetryable(e) && number < MaxAttempts)
            {
                // Another instance raced us to the same id, or the server picked us as a deadlock
                // victim: the whole transaction rolled back, so running it again is safe.
                Log.BatchRetried(_logger, e.SqlState, number);
                await Task.Delay(Random.Shared.Next(1, 5 * number));
            }
            catch (NpgsqlException e) when (e is not PostgresException)
            {
                throw Unavailable(e);
            }
        }
    }

    static bool IsRetryable(PostgresException e) => e.SqlState is PostgresErrorCodes.UniqueViolation
        or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    static LedgerUnavailableException Unavailable(Exception e) =>
        new("The ledger's PostgreSQL database could not be reached.", e);

    static async Task<NpgsqlDataReader> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            throw Unavailable(e);
        }
    }

    static void CheckBatch(int count)
    {
        if (count is < 1 or > ILedger.BatchMax)
        {
            throw new ArgumentException(
                $"A batch holds from 1 to {ILedger.BatchMax} events; this one holds {count}.");
        }
    }

    static bool IsValid(AccountFilter f) =>
        f.AccountId != 0 && f.AccountId != UInt128.MaxValue && f.Limit > 0
        && (f.Flags & (AccountFilterFlags.Debits | AccountFilterFlags.Credits)) != 0
        && (f.TimestampMax == 0 || f.TimestampMin <= f.TimestampMax)
        && f.TimestampMin < long.MaxValue && f.TimestampMax < long.MaxValue;

    static string FilterSql(string alias) => $"""
        (($2 AND {alias}debit_account_id = $1) OR ($3 AND {alias}credit_account_id = $1))
        AND ($4::uuid IS NULL OR {alias}user_data_128 = $4)
        AND ($5::numeric IS NULL OR {alias}user_data_64 = $5)
        AND ($6::bigint IS NULL OR {alias}user_data_32 = $6)
        AND ($7::integer IS NULL OR {alias}code = $7)
        AND {alias}timestamp >= $8 AND {alias}timestamp <= $10
        """;

    NpgsqlCommand FilterCommand(string sql, AccountFilter f)
    {
        var command = _dataSource.CreateCommand(sql);
        object Or(bool any, object value) => any ? DBNull.Value : value;
        command.Parameters.Add(new NpgsqlParameter { Value = U128.ToGuid(f.AccountId) });
        command.Parameters.Add(new NpgsqlParameter { Value = f.Flags.HasFlag(AccountFilterFlags.Debits) });
        command.Parameters.Add(new NpgsqlParameter { Value = f.Flags.HasFlag(AccountFilterFlags.Credits) });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Uuid,
            Value = Or(f.UserData128 == 0, U128.ToGuid(f.UserData128)),
        });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Numeric,
            Value = Or(f.UserData64 == 0, (decimal)f.UserData64),
        });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Bigint,
            Value = Or(f.UserData32 == 0, (long)f.UserData32),
        });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Integer,
            Value = Or(f.Code == 0, (int)f.Code),
        });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)f.TimestampMin });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = (int)Math.Min(f.Limit, (uint)ILedger.BatchMax),
        });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = f.TimestampMax == 0 ? long.MaxValue : (long)f.TimestampMax,
        });
        return command;
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug,
            Message = "Committed a ledger batch of {EventCount} transfers from {RequestCount} requests, "
                + "{CreatedCount} created; load {LoadMs:F2} ms, decide {DecideMs:F2} ms, "
                + "write and commit {WriteMs:F2} ms")]
        public static partial void TransfersCommitted(ILogger logger, int eventCount, int createdCount,
            int requestCount, double loadMs, double decideMs, double writeMs);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information,
            Message = "Expired {Count} pending transfers and released their reservations")]
        public static partial void PendingTransfersExpired(ILogger logger, int count);

        [LoggerMessage(EventId = 202, Level = LogLevel.Debug,
            Message = "Retrying a ledger transaction after SQL state {SqlState}, attempt {Attempt}")]
        public static partial void BatchRetried(ILogger logger, string sqlState, int attempt);
    }
}

/// <summary>Tuning of the PostgreSQL ledger.</summary>
public sealed record PostgresLedgerOptions
{
    /// <summary>How many batches may be in flight at once; each holds one connection.</summary>
    public int Writers { get; init; } = 4;
}
