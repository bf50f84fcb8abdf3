using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Raio.Api.Infrastructure;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Host;

public class MigrationTests
{
    [Fact]
    public async Task InstancesMigratingTogetherApplyEachScriptOnce()
    {
        var url = await TestServers.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(TestServers.ToConnectionString(new Uri(url)));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, CancellationToken.None)));

        var expected = SchemaMigrator.Scripts.Select(s => s.Version).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, runs.Single(r => r.Count > 0));
        Assert.Equal(3, runs.Count(r => r.Count == 0));
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal((long)expected.Count, await command.ExecuteScalarAsync());
        await TestServers.DropDatabaseAsync(url);
    }

    [Fact]
    public async Task MigratingAnUpToDateDatabaseChangesNothing()
    {
        var url = await TestServers.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(TestServers.ToConnectionString(new Uri(url)));
        await SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, CancellationToken.None);

        var second = await SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, CancellationToken.None);

        Assert.Empty(second);
        await TestServers.DropDatabaseAsync(url);
    }
}
