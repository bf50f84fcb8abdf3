using Raio.Ledger;

namespace Raio.Benchmarks;

/// <summary>Somewhere a benchmark sends its batches.</summary>
interface ITransferSink
{
    /// <summary>Transfers created so far, warm-ups included: what the store must hold afterwards.</summary>
    long Created { get; }

    /// <summary>Sends one batch and answers how many of its transfers were not created.</summary>
    Task<int> SendAsync(Transfer[] batch);
}
