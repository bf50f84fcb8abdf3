namespace Raio.Benchmarks;

/// <summary>Which accounts a benchmark's transfers move money between.</summary>
enum WorkloadKind
{
    /// <summary>Random pairs among many accounts: little contention on any one row.</summary>
    Uniform,

    /// <summary>
    /// Every transfer debits one settlement account, as an asset's issuance into wallets does:
    /// all writers queue on the same row.
    /// </summary>
    Hot,
}
