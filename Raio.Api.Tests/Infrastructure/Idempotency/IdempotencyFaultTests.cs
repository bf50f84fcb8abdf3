using System.Net;
using System.Text.Json;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Infrastructure.Idempotency;

/// <summary>Hosts of their own: a Redis that dies, and two callers sharing one Redis.</summary>
public class IdempotencyFaultTests
{
    [Fact]
    public async Task WhenRedisIsDownAKeyedRequestIsRefusedAndItsHandlerNeverRuns()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var host = await GuardedAdminHost.StartAsync(redisUrl: redis.Url);
        using var client = host.CreateAdminClient();
        var before = await client.SendAsync(host.Request(HttpMethod.Post, "/things", "{}", "before-the-crash"));

        await redis.StopAsync();
        var key = $"key-{Guid.NewGuid():N}";
        var keyed = await client.SendAsync(host.Request(HttpMethod.Post, "/things", "{}", key));
        var required = await client.SendAsync(host.Request(HttpMethod.Post, "/transfers", "{}", key));
        var keyless = await client.SendAsync(host.Request(HttpMethod.Post, "/things", "{}"));

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, keyed.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, required.StatusCode);
        var problem = JsonDocument.Parse(await keyed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("idempotency_store_unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(0, await host.RunsAsync(key));
        Assert.Equal(HttpStatusCode.Created, keyless.StatusCode);
    }

    [Fact]
    public async Task CallersWithDifferentSecretsNeverSeeEachOthersResponses()
    {
        var prefix = $"raio-test:{Guid.NewGuid():N}:";
        await using var first = await GuardedAdminHost.StartAsync(
            secret: "first-operator-secret-0001", redisKeyPrefix: prefix);
        await using var second = await GuardedAdminHost.StartAsync(
            secret: "second-operator-secret-002", redisKeyPrefix: prefix);
        using var firstClient = first.CreateAdminClient();
        using var secondClient = second.CreateAdminClient();
        var key = $"key-{Guid.NewGuid():N}";

        var mine = await firstClient.SendAsync(first.Request(HttpMethod.Post, "/things", "{}", key));
        var theirs = await secondClient.SendAsync(second.Request(HttpMethod.Post, "/things", "{}", key));
        first.Time.Advance(TimeSpan.FromMilliseconds(1)); // A retry is signed anew.
        var myRetry = await firstClient.SendAsync(first.Request(HttpMethod.Post, "/things", "{}", key));

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
        Assert.True(myRetry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await first.RunsAsync(key));
        Assert.Equal(1, await second.RunsAsync(key));
    }
}
