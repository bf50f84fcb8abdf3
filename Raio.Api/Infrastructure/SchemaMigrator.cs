using System.Reflection;
using Npgsql;

namespace Raio.Api.Infrastructure;

/// <summary>
/// Applies the ordered scripts of <c>sql/</c> that the database has not seen yet, all in one
/// transaction under an advisory lock, so that instances starting together take turns and a
/// failed script leaves no trace.
/// </summary>
public static partial class SchemaMigrator
{
    // An arbitrary constant shared by every Raio instance: "raio" in ASCII.
    const long AdvisoryLockKey = 0x7261696F;
    const string ResourcePrefix = "Raio.Migrations.";

    public static IReadOnlyList<(string Version, string Script)> Scripts { get; } = LoadScripts();

    /// <returns>The versions applied by this call, in order.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(
        NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})",
            cancellationToken);
        await Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations",
            connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var newlyApplied = new List<string>();
        foreach (var (version, script) in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            await Execute(connection, transaction, script, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version) VALUES ($1)", connection, transaction);
            record.Parameters.AddWithValue(version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            newlyApplied.Add(version);
            Log.MigrationApplied(logger, version);
        }

        await transaction.CommitAsync(cancellationToken);
        return newlyApplied;
    }

    static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static IReadOnlyList<(string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                var version = name[ResourcePrefix.Length..^".sql".Length];
                return (version, reader.ReadToEnd());
            })
            .ToList();
    }

    static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information,
            Message = "Applied schema migration {Version}")]
        public static partial void MigrationApplied(ILogger logger, string version);
    }
}
