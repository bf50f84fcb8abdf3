using System.Buffers.Binary;
using System.Numerics;
using Npgsql;
using NpgsqlTypes;
using Raio.Ledger;

namespace Raio.Benchmarks;

/// <summary>
/// The baseline: the least SQL that records the same transfers in the same tables, with no
/// validation at all. One transaction per batch: the transfers go in by binary COPY, then one
/// round trip locks the touched accounts in id order (so that concurrent batches cannot deadlock)
/// and adds each account's summed debits and credits in one set-based UPDATE. A single transfer
/// is one INSERT and two UPDATEs in one round trip instead.
/// </summary>
sealed class PlainSqlSink(NpgsqlDataSource dataSource) : ITransferSink
{
    const string Columns = """
        id, debit_account_id, credit_account_id, amount, pending_id,
        user_data_128, user_data_64, user_data_32, timeout, ledger, code, flags, timestamp,
        pending_state, expires_at
        """;

    long _timestamp = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
    long _created;

    public long Created => Interlocked.Read(ref _created);

    public async Task<int> SendAsync(Transfer[] batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var first = Interlocked.Add(ref _timestamp, batch.Length) - batch.Length + 1;
        if (batch.Length == 1)
        {
            await WriteOneAsync(connection, transaction, batch[0], first);
        }
        else
        {
            await CopyAsync(connection, batch, first);
            await AddToBalancesAsync(connection, transaction, batch);
        }

        await transaction.CommitAsync();
        Interlocked.Add(ref _created, batch.Length);
        return 0;
    }

    static async Task WriteOneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Transfer t, long timestamp)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO ledger_transfers ({Columns})
            VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, 0, $8, $9, $10, $11, 0, NULL)
            """);
        foreach (var value in new object[]
        {
            ToGuid(t.Id), ToGuid(t.DebitAccountId), ToGuid(t.CreditAccountId), (BigInteger)t.Amount,
            ToGuid(t.UserData128), (decimal)t.UserData64, (long)t.UserData32, (long)t.Ledger,
            (int)t.Code, (int)t.Flags, timestamp,
        })
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(insert);

        // Two writers that touch the same pair from opposite sides must lock it in the same order.
        var debitFirst = t.DebitAccountId < t.CreditAccountId;
        batch.BatchCommands.Add(AddTo(debitFirst ? "debits_posted" : "credits_posted",
            debitFirst ? t.DebitAccountId : t.CreditAccountId, t.Amount));
        batch.BatchCommands.Add(AddTo(debitFirst ? "credits_posted" : "debits_posted",
            debitFirst ? t.CreditAccountId : t.DebitAccountId, t.Amount));
        await batch.ExecuteNonQueryAsync();
    }

    static NpgsqlBatchCommand AddTo(string column, UInt128 account, UInt128 amount)
    {
        var command = new NpgsqlBatchCommand(
            $"UPDATE ledger_accounts SET {column} = {column} + $2 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = ToGuid(account) });
        command.Parameters.Add(new NpgsqlParameter { Value = (BigInteger)amount });
        return command;
    }

    static async Task CopyAsync(NpgsqlConnection connection, Transfer[] batch, long first)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY ledger_transfers ({Columns}) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < batch.Length; i++)
        {
            var t = batch[i];
            await importer.StartRowAsync();
            await importer.WriteAsync(ToGuid(t.Id), NpgsqlDbType.Uuid);
            await importer.WriteAsync(ToGuid(t.DebitAccountId), NpgsqlDbType.Uuid);
            await importer.WriteAsync(ToGuid(t.CreditAccountId), NpgsqlDbType.Uuid);
            await importer.WriteAsync((BigInteger)t.Amount, NpgsqlDbType.Numeric);
            await importer.WriteNullAsync();
            await importer.WriteAsync(ToGuid(t.UserData128), NpgsqlDbType.Uuid);
            await importer.WriteAsync((decimal)t.UserData64, NpgsqlDbType.Numeric);
            await importer.WriteAsync((long)t.UserData32, NpgsqlDbType.Bigint);
            await importer.WriteAsync(0L, NpgsqlDbType.Bigint);
            await importer.WriteAsync((long)t.Ledger, NpgsqlDbType.Bigint);
            await importer.WriteAsync((int)t.Code, NpgsqlDbType.Integer);
            await importer.WriteAsync((int)t.Flags, NpgsqlDbType.Integer);
            await importer.WriteAsync(first + i, NpgsqlDbType.Bigint);
            await importer.WriteAsync((short)0, NpgsqlDbType.Smallint);
            await importer.WriteNullAsync();
        }

        await importer.CompleteAsync();
    }

    static async Task AddToBalancesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Transfer[] transfers)
    {
        var sums = new SortedDictionary<UInt128, (UInt128 Debits, UInt128 Credits)>();
        foreach (var t in transfers)
        {
            var debit = sums.GetValueOrDefault(t.DebitAccountId);
            sums[t.DebitAccountId] = debit with { Debits = debit.Debits + t.Amount };
            var credit = sums.GetValueOrDefault(t.CreditAccountId);
            sums[t.CreditAccountId] = credit with { Credits = credit.Credits + t.Amount };
        }

        var ids = sums.Keys.Select(ToGuid).ToArray();
        var locks = new NpgsqlBatchCommand(
            "SELECT id FROM ledger_accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE");
        locks.Parameters.Add(new NpgsqlParameter { Value = ids });
        var update = new NpgsqlBatchCommand("""
            UPDATE ledger_accounts AS a
            SET debits_posted = a.debits_posted + v.debits,
                credits_posted = a.credits_posted + v.credits
            FROM unnest($1::uuid[], $2::numeric[], $3::numeric[]) AS v(id, debits, credits)
            WHERE a.id = v.id
            """);
        update.Parameters.Add(new NpgsqlParameter { Value = ids });
        update.Parameters.Add(new NpgsqlParameter
        {
            Value = sums.Values.Select(s => (BigInteger)s.Debits).ToArray(),
        });
        update.Parameters.Add(new NpgsqlParameter
        {
            Value = sums.Values.Select(s => (BigInteger)s.Credits).ToArray(),
        });

        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { locks, update } };
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>Big-endian, as the adapter stores ids, so that both primary keys grow alike.</summary>
    public static Guid ToGuid(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }
}
