using System.Net;
using System.Text.Json;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Infrastructure.AdminSignatures;

public class AdminSignatureFaultTests
{
    [Fact]
    public async Task WhenRedisIsDownAValidSignatureCannotBeCheckedForReplayAndIsNotServed()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var host = await GuardedAdminHost.StartAsync("secret-of-a-host-whose-redis-dies",
            redis.Url);
        using var client = host.CreateAdminClient();
        var before = await client.SendAsync(host.Request(HttpMethod.Post, "/things", "{}"));

        await redis.StopAsync();
        var key = $"key-{Guid.NewGuid():N}";
        var after = await client.SendAsync(host.Request(HttpMethod.Post, "/things", "{}", key));

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        var problem = JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("signature_store_unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(0, await host.RunsAsync(key));
    }

    [Fact]
    public async Task WithoutASecretUnsignedRequestsPassAndOneWarningSaysSo()
    {
        await using var host = await GuardedAdminHost.StartAsync(secret: null);
        using var client = host.CreateAdminClient();
        var key = $"key-{Guid.NewGuid():N}";

        var response = await client.SendAsync(host.Request(HttpMethod.Post, "/things", "{}", key));
        var read = await client.GetAsync("/things");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var warning = Assert.Single(host.Logs, l => l.Id.Id == 22);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
    }
}
