using System.Collections.Concurrent;

namespace Raio.Benchmarks;

/// <summary>Why transfers were not created, tallied across every caller of a run.</summary>
sealed class FailureTally
{
    readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public void Add(string reason, long count = 1) => _counts.AddOrUpdate(reason, count, (_, n) => n + count);

    public override string ToString() =>
        string.Join(", ", _counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} x{c.Value}"));
}
