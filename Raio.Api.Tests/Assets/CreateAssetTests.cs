using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;

namespace Raio.Api.Tests.Assets;

public class CreateAssetTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Fact]
    public async Task CreatingAnAssetAnswersCreatedWithItsLocation()
    {
        using var client = app.CreateAdminClient();

        var response = await client.PostJsonAsync("/assets",
            new { code = "XCR", scale = 2, withdrawalThreshold = "100", liquidityThreshold = "18446744073709551615" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal($"/assets/{body.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());
        Assert.Equal("XCR", body.GetProperty("code").GetString());
        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task CreatingAnAssetMakesItsLiquidityAndSettlementAccountsOnALedgerOfItsOwn()
    {
        using var client = app.CreateAdminClient();

        var first = await client.CreateAssetAsync();
        var second = await client.CreateAssetAsync();

        var (ledger1, settlement1) = await LedgerOf(first);
        var (ledger2, _) = await LedgerOf(second);
        Assert.NotEqual(ledger1, ledger2);
        var accounts = await app.Services.GetRequiredService<ILedger>().LookupAccountsAsync(
            [LedgerIds.FromGuid(first), LedgerIds.FromGuid(settlement1)]);
        Assert.Equal(2, accounts.Length);
        Assert.All(accounts, a => Assert.Equal((uint)ledger1, a.Ledger));
        Assert.Equal(2, accounts[0].Code);
        Assert.True(accounts[0].Flags.HasFlag(AccountFlags.DebitsMustNotExceedCredits));
        Assert.Equal(101, accounts[1].Code);
        Assert.True(accounts[1].Flags.HasFlag(AccountFlags.CreditsMustNotExceedDebits));
    }

    [Fact]
    public async Task CreatingADuplicateAssetIsRefusedWithDuplicateAssetAndMakesNothing()
    {
        using var client = app.CreateAdminClient();
        var code = AdminApi.NextCode();
        await client.CreateAssetAsync(code, 4);
        var before = await CountRowsAsync("SELECT count(*) FROM ledger_accounts");

        var response = await client.PostJsonAsync("/assets", new { code, scale = 4 });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "duplicate_asset", "code");
        await response.MatchSnapshotAsync();
        Assert.Equal(1, await CountRowsAsync($"SELECT count(*) FROM assets WHERE code = '{code}'"));
        Assert.Equal(before, await CountRowsAsync("SELECT count(*) FROM ledger_accounts"));
    }

    [Fact]
    public async Task TheSameCodeWithAnotherScaleIsAnotherAsset()
    {
        using var client = app.CreateAdminClient();
        var code = AdminApi.NextCode();

        var two = await client.CreateAssetAsync(code, 2);
        var six = await client.CreateAssetAsync(code, 6);

        Assert.NotEqual(two, six);
    }

    [Theory]
    [InlineData("""{"scale":2}""", "code")]
    [InlineData("""{"code":"usd","scale":2}""", "code")]
    [InlineData("""{"code":"US","scale":2}""", "code")]
    [InlineData("""{"code":"USDT","scale":2}""", "code")]
    [InlineData("""{"code":"USD"}""", "scale")]
    [InlineData("""{"code":"USD","scale":-1}""", "scale")]
    [InlineData("""{"code":"USD","scale":256}""", "scale")]
    [InlineData("""{"code":"USD","scale":2,"withdrawalThreshold":"-1"}""", "withdrawalThreshold")]
    [InlineData("""{"code":"USD","scale":2,"withdrawalThreshold":"1.5"}""", "withdrawalThreshold")]
    [InlineData("""{"code":"USD","scale":2,"liquidityThreshold":"18446744073709551616"}""", "liquidityThreshold")]
    [InlineData("""{"code":"USD","scale":2,"liquidityThreshold":"007"}""", "liquidityThreshold")]
    [InlineData("""{"code":"USD","scale":2,"liquidityThreshold":100}""", "liquidityThreshold")]
    [InlineData("""{"code":"USD","scale":"2"}""", "scale")]
    [InlineData("""{"code":5,"scale":2}""", "code")]
    [InlineData("""{"code":"USD","scale":2.5}""", "scale")]
    public async Task AMalformedAssetIsInvalidRequestAndMakesNothing(string body, string field)
    {
        using var client = app.CreateAdminClient();
        var before = await CountRowsAsync("SELECT count(*) FROM assets");

        var response = await client.SendRawAsync(HttpMethod.Post, "/assets", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", field);
        Assert.Equal(before, await CountRowsAsync("SELECT count(*) FROM assets"));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task AnUnreadableBodyIsInvalidRequest(string body)
    {
        using var client = app.CreateAdminClient();

        var response = await client.SendRawAsync(HttpMethod.Post, "/assets", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task AValidationFailureNamesEveryFieldAtFault()
    {
        using var client = app.CreateAdminClient();

        var response = await client.PostJsonAsync("/assets", new { code = "usd", scale = 300 });

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(body.GetProperty("errors").TryGetProperty("code", out _));
        Assert.True(body.GetProperty("errors").TryGetProperty("scale", out _));
        Assert.False(body.TryGetProperty("field", out _));
        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task AnUnreadableBodyIsAProblemDocument()
    {
        using var client = app.CreateAdminClient();

        var response = await client.SendRawAsync(HttpMethod.Post, "/assets", """{"code":"USD","scale":"two"}""");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", "scale");
        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task CreatingADeletedAssetAgainRestoresItWithTheNewThresholds()
    {
        using var client = app.CreateAdminClient();
        var code = AdminApi.NextCode();
        var id = await client.CreateAssetAsync(code, 3);
        await client.DepositAsync(id, 70);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/assets/{id}")).StatusCode);

        var response = await client.PostJsonAsync("/assets", new { code, scale = 3, withdrawalThreshold = "9" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(id, body.GetProperty("id").GetGuid());
        Assert.Equal("9", body.GetProperty("withdrawalThreshold").GetString());
        Assert.Equal("70", await client.LiquidityAsync(id));
    }

    async Task<(long Ledger, Guid SettlementAccountId)> LedgerOf(Guid assetId)
    {
        await using var connection = new NpgsqlConnection(TestServers.ToConnectionString(new Uri(app.DatabaseUrl)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT ledger, settlement_account_id FROM assets WHERE id = $1", connection);
        command.Parameters.AddWithValue(assetId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetGuid(1));
    }

    async Task<long> CountRowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.ToConnectionString(new Uri(app.DatabaseUrl)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
