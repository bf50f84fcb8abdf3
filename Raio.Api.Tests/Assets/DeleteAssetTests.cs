using System.Net;
using Npgsql;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Assets;

public class DeleteAssetTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Fact]
    public async Task ADeletedAssetIsGoneFromEveryRoute()
    {
        using var client = app.CreateAdminClient();
        var id = await client.CreateAssetAsync();

        var response = await client.DeleteAsync($"/assets/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await client.GetAsync($"/assets/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "unknown_asset");
        await (await client.GetAsync($"/assets/{id}/liquidity"))
            .AssertProblemAsync(HttpStatusCode.NotFound, "unknown_asset");
        await (await client.DeleteAsync($"/assets/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "unknown_asset");
        var list = await (await client.GetAsync("/assets?first=100")).JsonAsync();
        Assert.DoesNotContain(list.GetProperty("result").EnumerateArray(), a => a.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task DeletingAnUnknownAssetIsUnknownAsset()
    {
        using var client = app.CreateAdminClient();

        var response = await client.DeleteAsync($"/assets/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_asset");
    }

    [Fact]
    public async Task DeletingAnAssetInUseIsRefusedWithAssetInUseAndKeepsIt()
    {
        using var client = app.CreateAdminClient();
        var id = await client.CreateAssetAsync();
        // Stands in for the peers or wallet addresses migration, which extends the view this way.
        await ExecuteAsync($"CREATE OR REPLACE VIEW asset_uses (asset_id, used_by) AS "
            + $"SELECT '{id}'::uuid, 'peer'::text");

        var response = await client.DeleteAsync($"/assets/{id}");

        await ExecuteAsync("CREATE OR REPLACE VIEW asset_uses (asset_id, used_by) AS "
            + "SELECT NULL::uuid, NULL::text WHERE false");
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "asset_in_use");
        await response.MatchSnapshotAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/assets/{id}")).StatusCode);
    }

    async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.ToConnectionString(new Uri(app.DatabaseUrl)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
