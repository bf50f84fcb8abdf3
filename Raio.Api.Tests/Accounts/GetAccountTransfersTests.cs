using System.Net;
using Raio.Api.Tests.Infrastructure;
using static Raio.Api.Tests.Liquidity.WithdrawAssetLiquidityTests;

namespace Raio.Api.Tests.Accounts;

public class GetAccountTransfersTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Fact]
    public async Task AnAssetsLiquidityAccountListsItsDepositsAsCreditsAndWithdrawalsAsDebits()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 100);
        var pending = Guid.NewGuid();
        await Withdraw(client, asset, pending, "30", 60);
        await client.PostAsync($"/liquidity/withdrawals/{pending}/void", null);
        await Withdraw(client, asset, Guid.NewGuid(), "20", 0);

        var response = await client.GetAsync($"/accounts/{asset}/transfers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var credits = body.GetProperty("credits").EnumerateArray().ToList();
        var debits = body.GetProperty("debits").EnumerateArray().ToList();
        Assert.Single(credits);
        Assert.Equal("deposit", credits[0].GetProperty("transferType").GetString());
        Assert.Equal(asset, credits[0].GetProperty("creditAccountId").GetGuid());
        Assert.Equal(["posted", "voided", "pending"], debits.Select(d => d.GetProperty("state").GetString()));
        Assert.All(debits, d => Assert.Equal("withdrawal", d.GetProperty("transferType").GetString()));
        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task LimitKeepsTheNewestTransfers()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        for (var i = 1; i <= 3; i++)
        {
            await client.DepositAsync(asset, (ulong)i);
        }

        var body = await (await client.GetAsync($"/accounts/{asset}/transfers?limit=2")).JsonAsync();

        Assert.Equal(["3", "2"], body.GetProperty("credits").EnumerateArray()
            .Select(c => c.GetProperty("amount").GetString()));
    }

    [Fact]
    public async Task AnUnknownAccountIsUnknownAccount()
    {
        using var client = app.CreateAdminClient();

        var response = await client.GetAsync($"/accounts/{Guid.NewGuid()}/transfers");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_account");
        await response.MatchSnapshotAsync();
    }

    [Theory]
    [InlineData("/accounts/nope/transfers", "id")]
    [InlineData("/accounts/5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a03/transfers?limit=0", "limit")]
    [InlineData("/accounts/5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a03/transfers?limit=101", "limit")]
    [InlineData("/accounts/5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a03/transfers?limit=many", "limit")]
    public async Task AMalformedRequestIsInvalidRequest(string path, string field)
    {
        using var client = app.CreateAdminClient();

        var response = await client.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", field);
    }
}
