using System.Collections.Concurrent;
using Raio.Ledger;

namespace Raio.Benchmarks;

/// <summary>The port under test: every result must be <see cref="CreateTransferStatus.Created"/>.</summary>
sealed class LedgerSink(ILedger ledger, FailureTally failures) : ITransferSink
{
    /// <summary>When set, every created transfer's id and result, to check against the store later.</summary>
    public ConcurrentQueue<(Transfer Sent, CreateTransferResult Result)>? Receipts { get; set; }

    long _created;

    public long Created => Interlocked.Read(ref _created);

    public async Task<int> SendAsync(Transfer[] batch)
    {
        var results = await ledger.CreateTransfersAsync(batch);
        if (results.Length != batch.Length)
        {
            failures.Add($"{results.Length} results for {batch.Length} transfers", batch.Length);
            return batch.Length;
        }

        var failed = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Status != CreateTransferStatus.Created)
            {
                failed++;
                failures.Add(results[i].Status.ToString());
            }
            else
            {
                Receipts?.Enqueue((batch[i], results[i]));
            }
        }

        Interlocked.Add(ref _created, batch.Length - failed);
        return failed;
    }
}
