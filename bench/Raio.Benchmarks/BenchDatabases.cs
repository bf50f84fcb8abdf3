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
            databases.Port = await databases.CreateOneAsync(settings, databases.PortName);
            databases.Baseline = await databases.CreateOneAsync(settings, databases.BaselineName);
            return databases;
        }
        catch
        {
            await databases.DisposeAsync();
            throw;
        }
    }

    async Task<NpgsqlDataSource> CreateOneAsync(BenchSettings settings, string name)
    {
        await AdminAsync($"CREATE DATABASE {name}");
        _created.Add(name);
        // Both stores get the service's pool settings (statements prepared automatically, no reset
        // on close), so the port is measured as production runs it and the baseline alike.
        var dataSource = DatabaseSetup.CreateDataSource(
            settings.ConnectionStringFor(name, MaxPoolSize));
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
