using System.Diagnostics;
using Raio.Ledger;

namespace Raio.Benchmarks;

/// <summary>
/// Runs concurrent callers that each send one batch at a time, back to back, for a bounded time:
/// first a warm-up whose numbers are dropped, then, once every caller has finished its warm-up,
/// the measured phase.
/// </summary>
static class CellRunner
{
    /// <param name="next">The next batch of a caller (by index), made before its call is timed.</param>
    public static async Task<Measurement> RunAsync(ITransferSink sink, int callers, TimeSpan warmup,
        TimeSpan measure, Func<int, Random, Transfer[]> next)
    {
        // Unseeded: a seed repeated from cell to cell would send the same transfer ids again.
        var randoms = Enumerable.Range(0, callers).Select(_ => new Random()).ToArray();
        await RunPhaseAsync(sink, warmup, next, randoms);

        var start = Stopwatch.GetTimestamp();
        var stats = await RunPhaseAsync(sink, measure, next, randoms);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var latencies = stats.SelectMany(s => s.Latencies).Order().ToArray();
        return new Measurement(
            stats.Sum(s => s.Created),
            stats.Sum(s => s.Failed),
            latencies.Length,
            elapsed,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            stats.Select(s => s.Error).FirstOrDefault(e => e is not null));
    }

    sealed class CallerStats
    {
        public List<long> Latencies { get; } = [];
        public long Created { get; set; }
        public long Failed { get; set; }
        public string? Error { get; set; }
    }

    static Task<CallerStats[]> RunPhaseAsync(ITransferSink sink, TimeSpan duration,
        Func<int, Random, Transfer[]> next, Random[] randoms)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(randoms.Select((random, caller) => Task.Run(async () =>
        {
            var stats = new CallerStats();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var batch = next(caller, random);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var failed = await sink.SendAsync(batch);
                    stats.Latencies.Add(Stopwatch.GetTimestamp() - start);
                    stats.Created += batch.Length - failed;
                    stats.Failed += failed;
                }
                catch (Exception e)
                {
                    // A store that throws would fail every later call as well; one report is enough.
                    stats.Failed += batch.Length;
                    stats.Error = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
                    break;
                }
            }

            return stats;
        })));
    }

    static double Percentile(long[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var index = Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }
}
