using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Raio.Benchmarks;
using Raio.Ledger;
using Raio.Ledger.Postgres;

// Measures ILedger.CreateTransfersAsync on PostgreSQL against plain SQL doing the same writes,
// side by side in one run, because the machine it runs on is shared and its speed drifts.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n\n{BenchSettings.Usage}");
    return 2;
}

int[] batchSizes = [1, 100, 1000, ILedger.BatchMax];
int[] callerCounts = [1, 8];
const int GroupingCallers = 64;

var options = settings.Writers is { } writers ? new PostgresLedgerOptions { Writers = writers } : new();
var workload = Workload.Create(settings.Accounts, new Random());
var report = new Report(settings, options.Writers, settings.Accounts);
var failures = new FailureTally();

await using var databases = await BenchDatabases.CreateAsync(settings);
Console.WriteLine($"databases {databases.PortName} and {databases.BaselineName}");

// Both stores start from the same accounts, created through the port on each database.
await using var ledger = new PostgresLedger(databases.Port, TimeProvider.System,
    NullLogger<PostgresLedger>.Instance, options);
await using (var setup = new PostgresLedger(databases.Baseline, TimeProvider.System,
    NullLogger<PostgresLedger>.Instance))
{
    await CreateAccountsAsync(ledger, workload);
    await CreateAccountsAsync(setup, workload);
}

var port = new LedgerSink(ledger, failures);
var baseline = new PlainSqlSink(databases.Baseline);
foreach (var kind in Enum.GetValues<WorkloadKind>())
{
    foreach (var batchSize in batchSizes)
    {
        foreach (var callers in callerCounts)
        {
            Transfer[] Next(int caller, Random random) => workload.Next(kind, batchSize, random);
            var measured = await CellRunner.RunAsync(port, callers, settings.Warmup, settings.Measure, Next);
            var reference = await CellRunner.RunAsync(baseline, callers, settings.Warmup, settings.Measure,
                Next);
            report.Add(new(kind, batchSize, callers, measured, reference));
        }
    }
}

// Half the callers share the settlement account; every caller must get its own transfer's result.
var receipts = new ConcurrentQueue<(Transfer, CreateTransferResult)>();
var grouped = new LedgerSink(ledger, failures) { Receipts = receipts };
Transfer[] Single(int caller, Random random) =>
    [workload.Next(caller < GroupingCallers / 2 ? WorkloadKind.Hot : WorkloadKind.Uniform, random)];
report.AddGrouping(
    await CellRunner.RunAsync(grouped, GroupingCallers, settings.Warmup, settings.Measure, Single),
    await CellRunner.RunAsync(baseline, GroupingCallers, settings.Warmup, settings.Measure, Single));

await CheckAsync();
if (settings.MarkdownPath is { } path)
{
    await File.WriteAllTextAsync(path, report.ToMarkdown());
}

foreach (var problem in report.Problems)
{
    await Console.Error.WriteLineAsync($"problem: {problem}");
}

return report.Problems.Count == 0 ? 0 : 1;

async Task CheckAsync()
{
    if (failures.Total > 0)
    {
        report.Problems.Add($"The port did not create {failures.Total:N0} transfers: {failures}.");
    }

    var wrong = await StoreChecks.CountWrongReceiptsAsync(ledger, receipts);
    if (wrong > 0)
    {
        report.Problems.Add($"{wrong:N0} of {receipts.Count:N0} grouped results do not match their transfer.");
    }
    else
    {
        report.Checks.Add($"Each of the {receipts.Count:N0} results of the grouping test (warm-up included) "
            + "carries the timestamp and accounts of the transfer its caller sent.");
    }

    foreach (var (name, dataSource, created) in new[]
    {
        ("port", databases.Port, port.Created + grouped.Created),
        ("baseline", databases.Baseline, baseline.Created),
    })
    {
        if (await StoreChecks.CheckTotalsAsync(dataSource, created) is { } problem)
        {
            report.Problems.Add($"The {name} database is inconsistent: {problem}.");
        }
        else
        {
            report.Checks.Add($"The {name} database holds exactly the {created:N0} transfers reported "
                + "created, and its debits and credits posted both equal their sum.");
        }
    }
}

static async Task CreateAccountsAsync(ILedger ledger, Workload workload)
{
    foreach (var chunk in workload.Accounts().Chunk(ILedger.BatchMax))
    {
        var refused = (await ledger.CreateAccountsAsync(chunk))
            .Where(r => r.Status != CreateAccountStatus.Created)
            .ToArray();
        if (refused.Length > 0)
        {
            throw new InvalidOperationException($"Setting up the accounts failed: {refused[0].Status}.");
        }
    }
}
