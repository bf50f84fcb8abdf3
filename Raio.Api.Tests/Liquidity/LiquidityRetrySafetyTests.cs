using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Liquidity;

/// <summary>
/// Money moves at most once per idempotency key, through the real routes, the real ledger and
/// the real Redis store.
/// </summary>
public class LiquidityRetrySafetyTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Fact]
    public async Task ABurstOfDepositsWithOneKeyMovesTheMoneyOnce()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { id = Guid.NewGuid(), amount = "25" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/assets/{asset}/liquidity/deposits")
            {
                Content = JsonContent.Create(body),
            };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.All(responses, r =>
            Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Single(created.Select(r => r.Body).Distinct());
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict),
            r => Assert.Contains("idempotency_key_in_use", r.Body));
        Assert.Equal("25", await client.LiquidityAsync(asset));
        var transfers = await (await client.GetAsync($"/accounts/{asset}/transfers")).JsonAsync();
        Assert.Single(transfers.GetProperty("credits").EnumerateArray());
    }

    [Fact]
    public async Task ARetriedDepositGetsTheStoredAnswerAndMovesNothingMore()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { id = Guid.NewGuid(), amount = "40" };

        var first = await DepositWithKeyAsync(client, asset, key, body);
        var retry = await DepositWithKeyAsync(client, asset, key, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal("40", await client.LiquidityAsync(asset));
    }

    [Fact]
    public async Task AKeyReusedForAnotherDepositIsRefusedAndMovesNothing()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        var key = Guid.NewGuid().ToString();
        await DepositWithKeyAsync(client, asset, key, new { id = Guid.NewGuid(), amount = "10" });

        var reused = await DepositWithKeyAsync(client, asset, key, new { id = Guid.NewGuid(), amount = "99" });

        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal("10", await client.LiquidityAsync(asset));
    }

    [Theory]
    [InlineData("deposits", """{"id":"7c2f9a10-5a6b-4c1e-9d2a-3b4c5d6e7f80","amount":"5"}""")]
    [InlineData("withdrawals", """{"id":"7c2f9a10-5a6b-4c1e-9d2a-3b4c5d6e7f81","amount":"5","timeoutSeconds":0}""")]
    public async Task AMoneyMovementWithoutAKeyIsRefusedAndMovesNothing(string operation, string body)
    {
        using var keyed = app.CreateAdminClient();
        using var bare = app.CreateAdminClient(idempotencyKeys: false);
        var asset = await keyed.CreateAssetAsync();
        await keyed.DepositAsync(asset, 50);

        var response = await bare.SendRawAsync(HttpMethod.Post, $"/assets/{asset}/liquidity/{operation}", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        Assert.Equal("50", await keyed.LiquidityAsync(asset));
    }

    internal static async Task<HttpResponseMessage> DepositWithKeyAsync(HttpClient client, Guid asset,
        string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/assets/{asset}/liquidity/deposits")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}

/// <summary>The service on a Redis of its own, which the test may kill.</summary>
public sealed class PrivateRedisApplication : RaioApplication
{
    PrivateRedis? _redis;

    public PrivateRedis Redis => _redis ?? throw new InvalidOperationException("Not initialised.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _redis = await PrivateRedis.StartAsync();
    }

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("REDIS_URL", Redis.Url);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

public class LiquidityWithoutRedisTests(PrivateRedisApplication app) : IClassFixture<PrivateRedisApplication>
{
    [Fact]
    public async Task WhenRedisStopsMidTestDepositsAnswer503AndMoveNothing()
    {
        using var client = app.CreateAdminClient();
        var asset = await client.CreateAssetAsync();
        await client.DepositAsync(asset, 70);

        await app.Redis.StopAsync();
        var deposits = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            LiquidityRetrySafetyTests.DepositWithKeyAsync(client, asset, Guid.NewGuid().ToString(),
                new { id = Guid.NewGuid(), amount = "30" })));

        foreach (var deposit in deposits)
        {
            await deposit.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "idempotency_store_unavailable");
        }

        Assert.Equal("70", await client.LiquidityAsync(asset));
        var transfers = await (await client.GetAsync($"/accounts/{asset}/transfers")).JsonAsync();
        Assert.Single(transfers.GetProperty("credits").EnumerateArray());
    }
}
