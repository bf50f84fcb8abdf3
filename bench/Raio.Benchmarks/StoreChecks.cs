using Npgsql;
using Raio.Ledger;

namespace Raio.Benchmarks;

/// <summary>
/// Checks that what was measured really happened: a benchmark of a store that silently lost or
/// mixed up transfers would be worthless.
/// </summary>
static class StoreChecks
{
    /// <summary>
    /// Every transfer the callers were told was created is in the table, exactly once, and the
    /// balances add up to the transfers: both sums of postings equal the sum of the amounts.
    /// </summary>
    /// <returns>What is wrong, or null.</returns>
    public static async Task<string?> CheckTotalsAsync(NpgsqlDataSource dataSource, long created)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM ledger_transfers),
                   (SELECT coalesce(sum(amount), 0) FROM ledger_transfers),
                   (SELECT coalesce(sum(debits_posted), 0) FROM ledger_accounts),
                   (SELECT coalesce(sum(credits_posted), 0) FROM ledger_accounts)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (count, amounts) = (reader.GetInt64(0), reader.GetDecimal(1));
        var (debits, credits) = (reader.GetDecimal(2), reader.GetDecimal(3));
        if (count != created)
        {
            return $"{created} transfers reported created but {count} stored";
        }

        return debits == amounts && credits == amounts
            ? null
            : $"transfers sum to {amounts} but accounts hold {debits} debits and {credits} credits";
    }

    /// <summary>
    /// Each result went to the caller that sent the transfer: the stored transfer with that id has
    /// the result's timestamp and the sender's accounts and amount.
    /// </summary>
    /// <returns>How many receipts do not match the store.</returns>
    public static async Task<long> CountWrongReceiptsAsync(ILedger ledger,
        IReadOnlyCollection<(Transfer Sent, CreateTransferResult Result)> receipts)
    {
        var wrong = 0L;
        foreach (var chunk in receipts.Chunk(ILedger.BatchMax))
        {
            var stored = (await ledger.LookupTransfersAsync(chunk.Select(r => r.Sent.Id).ToArray()))
                .ToDictionary(t => t.Id);
            wrong += chunk.Count(r => !stored.TryGetValue(r.Sent.Id, out var t)
                || t.Timestamp != r.Result.Timestamp
                || t.DebitAccountId != r.Sent.DebitAccountId
                || t.CreditAccountId != r.Sent.CreditAccountId
                || t.Amount != r.Sent.Amount);
        }

        return wrong;
    }
}
