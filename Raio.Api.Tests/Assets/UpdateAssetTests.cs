using System.Net;
using System.Text.Json;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Assets;

public class UpdateAssetTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Fact]
    public async Task UpdatingAnAssetSetsBothThresholds()
    {
        using var client = app.CreateAdminClient();
        var id = await client.CreateAssetAsync("XUP");

        var response = await client.PatchAsync($"/assets/{id}", Json(
            """{"withdrawalThreshold":"5","liquidityThreshold":"18446744073709551615"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.MatchSnapshotAsync();
        var stored = await (await client.GetAsync($"/assets/{id}")).JsonAsync();
        Assert.Equal("5", stored.GetProperty("withdrawalThreshold").GetString());
        Assert.Equal("18446744073709551615", stored.GetProperty("liquidityThreshold").GetString());
    }

    [Theory]
    [InlineData("""{"withdrawalThreshold":null,"liquidityThreshold":"7"}""")]
    [InlineData("""{"liquidityThreshold":"7"}""")]
    public async Task ANullOrMissingThresholdIsCleared(string body)
    {
        using var client = app.CreateAdminClient();
        var id = await client.CreateAssetAsync();
        await client.PatchAsync($"/assets/{id}", Json("""{"withdrawalThreshold":"1","liquidityThreshold":"2"}"""));

        var response = await client.PatchAsync($"/assets/{id}", Json(body));

        var updated = await response.JsonAsync();
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("withdrawalThreshold").ValueKind);
        Assert.Equal("7", updated.GetProperty("liquidityThreshold").GetString());
    }

    [Fact]
    public async Task UpdatingAnUnknownAssetIsUnknownAsset()
    {
        using var client = app.CreateAdminClient();

        var response = await client.PatchAsync($"/assets/{Guid.NewGuid()}", Json("{}"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_asset");
    }

    [Theory]
    [InlineData("""{"withdrawalThreshold":"-5"}""", "withdrawalThreshold")]
    [InlineData("""{"liquidityThreshold":"18446744073709551616"}""", "liquidityThreshold")]
    [InlineData("""{"liquidityThreshold":12}""", "liquidityThreshold")]
    public async Task AMalformedThresholdIsInvalidRequestAndChangesNothing(string body, string field)
    {
        using var client = app.CreateAdminClient();
        var id = await client.CreateAssetAsync();
        await client.PatchAsync($"/assets/{id}", Json("""{"withdrawalThreshold":"1","liquidityThreshold":"2"}"""));

        var response = await client.PatchAsync($"/assets/{id}", Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", field);
        var stored = await (await client.GetAsync($"/assets/{id}")).JsonAsync();
        Assert.Equal("1", stored.GetProperty("withdrawalThreshold").GetString());
        Assert.Equal("2", stored.GetProperty("liquidityThreshold").GetString());
    }

    static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
