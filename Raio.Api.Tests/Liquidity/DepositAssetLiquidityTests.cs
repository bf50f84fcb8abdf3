using System.Net;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Liquidity;

public class DepositAssetLiquidityTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Fact]
    public async Task ANewAssetHasNoLiquidity()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();

        var response = await client.GetAsync($"/assets/{asset}/liquidity");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", (await response.JsonAsync()).GetProperty("liquidity").GetString());
        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task DepositingAddsToTheLiquidity()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        var id = Guid.NewGuid();

        var response = await client.PostJsonAsync($"/assets/{asset}/liquidity/deposits",
            new { id, amount = "18446744073709551615" });
        await client.DepositAsync(asset, 5);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(id, (await response.JsonAsync()).GetProperty("id").GetGuid());
        await response.MatchSnapshotAsync();
        Assert.Equal("18446744073709551620", await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task DepositingZeroIsRefusedWithAmountZero()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();

        var response = await client.PostJsonAsync($"/assets/{asset}/liquidity/deposits",
            new { id = Guid.NewGuid(), amount = "0" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "amount_zero", "amount");
        await response.MatchSnapshotAsync();
        Assert.Equal("0", await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task DepositingIntoAnUnknownAssetIsUnknownAsset()
    {
        using var client = app.CreateAdminClient();

        var response = await client.PostJsonAsync($"/assets/{Guid.NewGuid()}/liquidity/deposits",
            new { id = Guid.NewGuid(), amount = "10" });
        var liquidity = await client.GetAsync($"/assets/{Guid.NewGuid()}/liquidity");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_asset");
        await liquidity.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_asset");
    }

    [Fact]
    public async Task ReusingATransferIdIsRefusedWithTransferExistsAndMovesNothing()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        var id = Guid.NewGuid();
        await client.PostJsonAsync($"/assets/{asset}/liquidity/deposits", new { id, amount = "10" });

        var again = await client.PostJsonAsync($"/assets/{asset}/liquidity/deposits", new { id, amount = "10" });
        var other = await client.PostJsonAsync($"/assets/{asset}/liquidity/deposits", new { id, amount = "11" });

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_exists", "id");
        await other.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_exists", "id");
        await again.MatchSnapshotAsync();
        Assert.Equal("10", await client.LiquidityAsync(asset));
    }

    [Theory]
    [InlineData("""{"amount":"10"}""", "id")]
    [InlineData("""{"id":"00000000-0000-0000-0000-000000000000","amount":"10"}""", "id")]
    [InlineData("""{"id":"ffffffff-ffff-ffff-ffff-ffffffffffff","amount":"10"}""", "id")]
    [InlineData("""{"id":"not-a-uuid","amount":"10"}""", "id")]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a01"}""", "amount")]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a01","amount":10}""", "amount")]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a01","amount":"-10"}""", "amount")]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a01","amount":"1e3"}""", "amount")]
    [InlineData("""{"id":"5a1d4c9e-0b55-4bd1-9f7e-1f0f3c7b8a01","amount":"18446744073709551616"}""", "amount")]
    public async Task AMalformedDepositIsInvalidRequestAndMovesNothing(string body, string field)
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, $"/assets/{asset}/liquidity/deposits", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", field);
        Assert.Equal("0", await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task AnAssetIdThatIsNotAUuidIsInvalidRequest()
    {
        using var client = app.CreateAdminClient();

        var response = await client.PostJsonAsync("/assets/USD/liquidity/deposits",
            new { id = Guid.NewGuid(), amount = "10" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", "id");
    }
}
