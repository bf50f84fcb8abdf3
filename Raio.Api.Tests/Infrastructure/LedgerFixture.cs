using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Raio.Api.Infrastructure;
using Raio.Ledger;
using Raio.Ledger.Postgres;

namespace Raio.Api.Tests.Infrastructure;

/// <summary>
/// A ledger on a freshly migrated database of its own, with a clock the tests move. This is the
/// one place that knows which implementation the contract tests run against.
/// </summary>
public sealed class LedgerFixture : IAsyncLifetime
{
    PostgresLedger? _ledger;
    string _databaseUrl = "";

    public ILedger Ledger => _ledger ?? throw new InvalidOperationException("Not initialised.");
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _databaseUrl = await TestServers.CreateDatabaseAsync();
        // The service's pool settings: statements prepared, so generic plans are exercised too.
        DataSource = DatabaseSetup.CreateLedgerDataSource(
            TestServers.ToConnectionString(new Uri(_databaseUrl)));
        await SchemaMigrator.MigrateAsync(DataSource, NullLogger.Instance, CancellationToken.None);
        _ledger = new PostgresLedger(DataSource, Time, NullLogger<PostgresLedger>.Instance);
    }

    /// <summary>Runs the expiry pulse, as the background worker would.</summary>
    public Task ExpirePendingTransfersAsync() => _ledger!.ExpireDueAsync();

    public async Task DisposeAsync()
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }

        await DataSource.DisposeAsync();
        await TestServers.DropDatabaseAsync(_databaseUrl);
    }
}
