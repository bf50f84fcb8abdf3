using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Raio.Api.Infrastructure;

namespace Raio.Benchmarks;

/// <summary>
/// Two fresh databases with the service's schema, one for the port and one for the plain-SQL
/// baseline, named uniquely for this run and dropped when it ends.
/// </summary>
sealed class BenchDatabases : IAsyncDisposable
{
    // Room for 64 concurrent baseline callers plus the ledger's writers and the checks.
    const int MaxPoolSize = 80;

    readonly string _adminConnectionString;
    readonly List<string> _created = [];

    BenchDatabases(string adminConnectionString, string prefix)
    {
        _adminConnectionString = adminConnectionString;
        PortName = $"{prefix}_port";
        BaselineName = $"{prefix}_sql";
    }

    public string PortName { get; }
    public string BaselineName { get; }
    public NpgsqlDataSource Port { get; private set; } = null!;
    public NpgsqlDataSource Baseline { get; private set; } = null!;

    public static async Task<BenchDatabases> CreateAsync(BenchSettings settings)
    {
        var databases = new BenchDatabases(settings.AdminConnectionString,
            $"raio_bench_{Guid.NewGuid():N}"[..23]);
        try
        {
            databases.Port = await databases.CreateOneAsync(settings, databases.PortName, asService: true);
            databases.Baseline = await databases.CreateOneAsync(settings, databases.BaselineName,
                asService: false);
            return databases;
        }
        catch
        {
            await databases.DisposeAsync();
            throw;
        }
    }

    async Task<NpgsqlDataSource> CreateOneAsync(BenchSettings settings, string name, bool asService)
    {
        await AdminAsync($"CREATE DATABASE {name}");
        _created.Add(name);
        // The port runs on the service's own pool settings, as in production. The baseline keeps
        // Npgsql's defaults: its few fixed statements are PostgreSQL's ceiling as they stand, and
        // the service's settings (tuned for many statements and custom plans) are not theirs.
        var connectionString = settings.ConnectionStringFor(name, MaxPoolSize);
        var dataSource = asService
            ? DatabaseSetup.CreateLedgerDataSource(connectionString)
            : NpgsqlDataSource.Create(connectionString);
        await SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, CancellationToken.None);
        return dataSource;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in new[] { Port, Baseline })
        {
            if (dataSource is not null)
            {
                await dataSource.DisposeAsync();
            }
        }

        foreach (var name in _created)
        {
            await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
