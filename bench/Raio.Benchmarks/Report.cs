using System.Text;

namespace Raio.Benchmarks;

/// <summary>
/// The results of a run: printed as each cell finishes, and as Markdown at the end. Numbers format
/// the same everywhere because the build sets invariant globalization.
/// </summary>
sealed class Report(BenchSettings settings, int writers, int accounts)
{
    public sealed record BatchedRow(WorkloadKind Workload, int BatchSize, int Callers, Measurement Port,
        Measurement Baseline);

    readonly List<BatchedRow> _rows = [];
    (Measurement Port, Measurement Baseline)? _grouping;

    /// <summary>Anything that makes the numbers untrustworthy; a run with problems fails.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>What the run checked beyond the timings, for the reader of the tables.</summary>
    public List<string> Checks { get; } = [];

    public void Add(BatchedRow row)
    {
        _rows.Add(row);
        Console.WriteLine(
            $"{row.Workload,-8} batch {row.BatchSize,5} x{row.Callers} | port {Line(row.Port)} | "
            + $"sql {Line(row.Baseline)} | {Ratio(row.Port, row.Baseline)}");
        NoteErrors($"{row.Workload} batch {row.BatchSize} x{row.Callers}", row.Port, row.Baseline);
    }

    public void AddGrouping(Measurement port, Measurement baseline)
    {
        _grouping = (port, baseline);
        Console.WriteLine(
            $"grouping 64 callers x1 | port {Line(port)} | sql {Line(baseline)} | {Ratio(port, baseline)}");
        NoteErrors("grouping", port, baseline);
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine($"""
            Each cell runs its callers for {settings.Warmup.TotalSeconds:0.#} s of warm-up, then
            {settings.Measure.TotalSeconds:0.#} s measured; a caller sends its next batch as soon as
            the previous one is answered. Accounts: {accounts:N0} plain accounts (uniform workload),
            {accounts:N0} wallets with `debits_must_not_exceed_credits` and one settlement account
            without limits (hot workload: it is the debit side of every transfer). Transfer ids are
            random 128-bit values; amounts 1 to 9,999. The port is `PostgresLedger` with
            `Writers = {writers}`; every one of its results must be `created`. The baseline writes the
            same rows into the same tables, in a second database of the same server, with no
            validation: binary COPY of the transfers, then the touched accounts locked in id order and
            their summed postings added by one `UPDATE ... FROM unnest(...)`, one transaction per batch
            (a single transfer: one INSERT and two UPDATEs). Latencies are per call, in milliseconds.
            """);
        md.AppendLine();
        md.AppendLine("| Workload | Batch | Callers | Port transfers/s | p50 | p99 "
            + "| SQL transfers/s | p50 | p99 | Port / SQL |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in _rows)
        {
            md.AppendLine($"| {r.Workload.ToString().ToLowerInvariant()} | {r.BatchSize:N0} "
                + $"| {r.Callers} | {Cells(r.Port)} | {Cells(r.Baseline)} | {Ratio(r.Port, r.Baseline)} |");
        }

        if (_grouping is { } grouping)
        {
            var (port, baseline) = grouping;
            md.AppendLine();
            md.AppendLine("""
                Grouping of single transfers: 64 concurrent callers, each sending one transfer at a
                time; 32 of them debit the settlement account, the other 32 move money between random
                plain accounts. The baseline is one transaction per transfer.
                """);
            md.AppendLine();
            md.AppendLine("| Store | Transfers/s | p50 | p99 |");
            md.AppendLine("| --- | ---: | ---: | ---: |");
            md.AppendLine($"| port | {Cells(port)} |");
            md.AppendLine($"| plain SQL | {Cells(baseline)} |");
            md.AppendLine();
            md.AppendLine($"""
                Port / SQL: {Ratio(port, baseline)}. Target for the port: at least 5,000 transfers/s,
                {(port.TransfersPerSecond >= 5000 ? "met" : "not met")}.
                """);
        }

        md.AppendLine();
        foreach (var check in Checks)
        {
            md.AppendLine($"- {check}");
        }

        foreach (var problem in Problems)
        {
            md.AppendLine($"- **Problem:** {problem}");
        }

        return md.ToString();
    }

    void NoteErrors(string cell, Measurement port, Measurement baseline)
    {
        foreach (var (store, m) in new[] { ("port", port), ("plain SQL", baseline) })
        {
            if (m.Failed > 0 || m.Error is not null)
            {
                Problems.Add($"{cell}, {store}: {m.Failed:N0} transfers failed. {m.Error}");
            }
        }
    }

    static string Line(Measurement m) =>
        $"{m.TransfersPerSecond,9:N0}/s p50 {m.P50Ms,8:0.00} p99 {m.P99Ms,8:0.00} ms"
        + (m.Failed > 0 ? $" FAILED {m.Failed:N0}" : "");

    static string Cells(Measurement m) => $"{m.TransfersPerSecond:N0} | {m.P50Ms:0.00} | {m.P99Ms:0.00}";

    static string Ratio(Measurement port, Measurement baseline) =>
        $"{port.TransfersPerSecond / baseline.TransfersPerSecond:0.00}";
}
