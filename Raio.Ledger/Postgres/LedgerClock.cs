namespace Raio.Ledger.Postgres;

/// <summary>
/// Hands out strictly increasing nanosecond timestamps, one per event, close to wall-clock time.
/// Unique within the process; instances side by side rely on nanosecond resolution to rarely meet,
/// and every query that orders by timestamp breaks ties by id.
/// </summary>
sealed class LedgerClock(TimeProvider time)
{
    long _last;

    public ulong NowNs => ToNs(time.GetUtcNow());

    /// <summary>Reserves <paramref name="count"/> consecutive timestamps and returns the first.</summary>
    public ulong Reserve(int count)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var first = Math.Max((long)NowNs, last + 1);
            if (Interlocked.CompareExchange(ref _last, first + count - 1, last) == last)
            {
                return (ulong)first;
            }
        }
    }

    static ulong ToNs(DateTimeOffset instant) =>
        (ulong)(instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
