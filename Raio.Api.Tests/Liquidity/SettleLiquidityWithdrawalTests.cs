using System.Net;
using Raio.Api.Tests.Infrastructure;
using static Raio.Api.Tests.Liquidity.WithdrawAssetLiquidityTests;

namespace Raio.Api.Tests.Liquidity;

/// <summary>Posting and voiding pending withdrawals, and their expiry.</summary>
public class SettleLiquidityWithdrawalTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Fact]
    public async Task PostingAPendingWithdrawalMovesItsAmountOutForGood()
    {
        var (client, asset, withdrawal) = await PendingWithdrawalAsync(amount: 40);

        var response = await client.PostAsync($"/liquidity/withdrawals/{withdrawal}/post", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("posted", (await response.JsonAsync()).GetProperty("state").GetString());
        await response.MatchSnapshotAsync();
        Assert.Equal("60", await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task VoidingAPendingWithdrawalReleasesItsAmount()
    {
        var (client, asset, withdrawal) = await PendingWithdrawalAsync(amount: 40);

        var response = await client.PostAsync($"/liquidity/withdrawals/{withdrawal}/void", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("voided", (await response.JsonAsync()).GetProperty("state").GetString());
        await response.MatchSnapshotAsync();
        Assert.Equal("100", await client.LiquidityAsync(asset));
    }

    [Theory]
    [InlineData("post", "post", "already_posted")]
    [InlineData("post", "void", "already_posted")]
    [InlineData("void", "void", "already_voided")]
    [InlineData("void", "post", "already_voided")]
    public async Task SettlingASettledWithdrawalIsRefusedAndMovesNothing(string first, string second, string code)
    {
        var (client, asset, withdrawal) = await PendingWithdrawalAsync(amount: 40);
        await client.PostAsync($"/liquidity/withdrawals/{withdrawal}/{first}", null);
        var liquidity = await client.LiquidityAsync(asset);

        var response = await client.PostAsync($"/liquidity/withdrawals/{withdrawal}/{second}", null);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, code);
        Assert.Equal(liquidity, await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task AnAlreadyPostedWithdrawalIsSnapshotted()
    {
        var (client, _, withdrawal) = await PendingWithdrawalAsync(amount: 40);
        await client.PostAsync($"/liquidity/withdrawals/{withdrawal}/post", null);

        var response = await client.PostAsync($"/liquidity/withdrawals/{withdrawal}/post", null);

        await response.MatchSnapshotAsync();
    }

    [Theory]
    [InlineData("post")]
    [InlineData("void")]
    public async Task AWithdrawalPostedAtOnceIsAlreadyPosted(string action)
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 100);
        var withdrawal = Guid.NewGuid();
        await Withdraw(client, asset, withdrawal, "10", 0);

        var response = await client.PostAsync($"/liquidity/withdrawals/{withdrawal}/{action}", null);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "already_posted");
        Assert.Equal("90", await client.LiquidityAsync(asset));
    }

    [Theory]
    [InlineData("post")]
    [InlineData("void")]
    public async Task SettlingAnUnknownWithdrawalIsUnknownTransfer(string action)
    {
        using var client = app.CreateAdminClient();

        var response = await client.PostAsync($"/liquidity/withdrawals/{Guid.NewGuid()}/{action}", null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_transfer");
        await response.MatchSnapshotAsync(Snapshooter.SnapshotNameExtension.Create(action));
    }

    [Fact]
    public async Task ADepositIsNotAWithdrawalToSettle()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        var deposit = Guid.NewGuid();
        await client.PostJsonAsync($"/assets/{asset}/liquidity/deposits", new { id = deposit, amount = "10" });

        var response = await client.PostAsync($"/liquidity/withdrawals/{deposit}/void", null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_transfer");
        Assert.Equal("10", await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task AWithdrawalIdThatIsNotAUuidIsInvalidRequest()
    {
        using var client = app.CreateAdminClient();

        var response = await client.PostAsync("/liquidity/withdrawals/42/post", null);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", "id");
    }

    [Fact]
    public async Task AnExpiredWithdrawalReturnsItsAmountAndCannotBeSettled()
    {
        var (client, asset, withdrawal) = await PendingWithdrawalAsync(amount: 40, timeoutSeconds: 10);
        Assert.Equal("60", await client.LiquidityAsync(asset));

        app.Time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal("100", await client.LiquidityAsync(asset));
        var post = await client.PostAsync($"/liquidity/withdrawals/{withdrawal}/post", null);
        var cancel = await client.PostAsync($"/liquidity/withdrawals/{withdrawal}/void", null);
        await post.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_expired");
        await cancel.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_expired");
        await post.MatchSnapshotAsync();
        Assert.Equal("100", await client.LiquidityAsync(asset));
    }

    async Task<(HttpClient Client, Guid Asset, Guid Withdrawal)> PendingWithdrawalAsync(int amount,
        long timeoutSeconds = 3600)
    {
        var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 100);
        var withdrawal = Guid.NewGuid();
        var response = await Withdraw(client, asset, withdrawal,
            amount.ToString(System.Globalization.CultureInfo.InvariantCulture), timeoutSeconds);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (client, asset, withdrawal);
    }
}
