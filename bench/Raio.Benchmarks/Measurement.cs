namespace Raio.Benchmarks;

/// <summary>What one cell measured after its warm-up.</summary>
/// <param name="Created">Transfers the store reported created.</param>
/// <param name="Failed">Transfers that were not created, for any reason.</param>
/// <param name="Elapsed">From the first call's start to the last call's end.</param>
/// <param name="Error">The first exception any caller met, which also stopped that caller.</param>
sealed record Measurement(long Created, long Failed, long Calls, TimeSpan Elapsed, double P50Ms,
    double P99Ms, string? Error)
{
    public double TransfersPerSecond => Created / Elapsed.TotalSeconds;
}
