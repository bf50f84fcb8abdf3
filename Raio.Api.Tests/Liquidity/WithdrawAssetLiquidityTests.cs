using System.Net;
using System.Text.Json;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Liquidity;

public class WithdrawAssetLiquidityTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Fact]
    public async Task AWithdrawalWithoutTimeoutIsPostedAtOnce()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 100);

        var response = await Withdraw(client, asset, Guid.NewGuid(), "30", 0);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("posted", body.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("expiresAt").ValueKind);
        await response.MatchSnapshotAsync();
        Assert.Equal("70", await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task AWithdrawalWithATimeoutReservesTheAmountUntilItIsSettled()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 100);

        var response = await Withdraw(client, asset, Guid.NewGuid(), "40", 60);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("pending", body.GetProperty("state").GetString());
        var expiresAt = body.GetProperty("expiresAt").GetDateTime();
        var now = app.Time.GetUtcNow().UtcDateTime;
        Assert.InRange(expiresAt, now.AddSeconds(59), now.AddSeconds(61));
        await response.MatchSnapshotAsync();
        Assert.Equal("60", await client.LiquidityAsync(asset));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public async Task WithdrawingMoreThanTheLiquidityIsRefusedWithInsufficientBalanceAndMovesNothing(long timeout)
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 100);

        var response = await Withdraw(client, asset, Guid.NewGuid(), "101", timeout);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_balance", "amount");
        Assert.Equal("100", await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task AnInsufficientBalanceIsSnapshotted()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();

        var response = await Withdraw(client, asset, Guid.NewGuid(), "1", 0);

        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task WithdrawingZeroIsRefusedWithAmountZero()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();

        var response = await Withdraw(client, asset, Guid.NewGuid(), "0", 0);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "amount_zero", "amount");
    }

    [Fact]
    public async Task WithdrawingFromAnUnknownAssetIsUnknownAsset()
    {
        using var client = app.CreateAdminClient();

        var response = await Withdraw(client, Guid.NewGuid(), Guid.NewGuid(), "5", 0);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_asset");
    }

    [Fact]
    public async Task ReusingATransferIdIsRefusedWithTransferExists()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 100);
        var id = Guid.NewGuid();
        await Withdraw(client, asset, id, "10", 0);

        var response = await Withdraw(client, asset, id, "10", 0);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_exists", "id");
        Assert.Equal("90", await client.LiquidityAsync(asset));
    }

    [Theory]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a02","amount":"1"}""", "timeoutSeconds")]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a02","amount":"1","timeoutSeconds":-1}""", "timeoutSeconds")]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a02","amount":"1","timeoutSeconds":4294967296}""", "timeoutSeconds")]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a02","amount":"1","timeoutSeconds":"5"}""", "timeoutSeconds")]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a02","amount":"x","timeoutSeconds":0}""", "amount")]
    [InlineData("""{"amount":"1","timeoutSeconds":0}""", "id")]
    public async Task AMalformedWithdrawalIsInvalidRequestAndMovesNothing(string body, string field)
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 100);

        var response = await client.SendRawAsync(HttpMethod.Post, $"/assets/{asset}/liquidity/withdrawals", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", field);
        Assert.Equal("100", await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task WithdrawalsRacingDepositsNeverOverdraw()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 100);

        var withdrawals = Enumerable.Range(0, 40)
            .Select(i => Withdraw(client, asset, Guid.NewGuid(), "10", i % 2 == 0 ? 0 : 300))
            .ToList();
        var deposits = Enumerable.Range(0, 10).Select(_ => client.DepositAsync(asset, 5)).ToList();
        var answers = await Task.WhenAll(withdrawals);
        await Task.WhenAll(deposits);

        var succeeded = answers.Count(r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in answers.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        }

        Assert.InRange(succeeded, 10, 15);
        var liquidity = long.Parse(await client.LiquidityAsync(asset),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(100 + (10 * 5) - (10 * succeeded), liquidity);
        Assert.True(liquidity >= 0);
    }

    internal static Task<HttpResponseMessage> Withdraw(HttpClient client, Guid asset, Guid id, string amount,
        long timeoutSeconds) =>
        client.PostJsonAsync($"/assets/{asset}/liquidity/withdrawals", new { id, amount, timeoutSeconds });
}
