using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using Raio.Api.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace Raio.Api.Tests.Infrastructure.Idempotency;

public sealed class IdempotencyHostFixture : IAsyncLifetime
{
    public GuardedAdminHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GuardedAdminHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

public class IdempotencyTests(IdempotencyHostFixture fixture) : IClassFixture<IdempotencyHostFixture>
{
    readonly GuardedAdminHost _host = fixture.Host;

    static string NewKey() => $"key-{Guid.NewGuid():N}";

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string target, string? body,
        string? key)
    {
        using var client = _host.CreateAdminClient();
        return await client.SendAsync(_host.Request(method, target, body, key));
    }

    static async Task<string> CodeOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("code").GetString()!;

    static async Task<JObject> MaskedProblemAsync(HttpResponseMessage response)
    {
        var problem = JObject.Parse(await response.Content.ReadAsStringAsync());
        problem["traceId"] = "<masked>";
        return problem;
    }

    [Fact]
    public async Task ARetryGetsTheStoredResponseWithoutRunningTheHandlerAgain()
    {
        var key = NewKey();

        var first = await SendAsync(HttpMethod.Post, "/things", """{"name":"a"}""", key);
        var retry = await SendAsync(HttpMethod.Post, "/things", """{"name":"a"}""", key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.GetValues("X-Run-Id"), retry.Headers.GetValues("X-Run-Id"));
        Assert.Equal(first.Content.Headers.ContentType, retry.Content.Headers.ContentType);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(1, await _host.RunsAsync(key));
    }

    [Fact]
    public async Task ABurstOfDuplicatesRunsTheHandlerExactlyOnce()
    {
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            SendAsync(HttpMethod.Post, "/things?delayMs=300", """{"name":"burst"}""", key)));

        Assert.Equal(1, await _host.RunsAsync(key));
        Assert.All(responses, r =>
            Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Single(created, r => !r.Headers.Contains("Idempotent-Replayed"));
        var bodies = await Task.WhenAll(created.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("idempotency_key_in_use", await CodeOf(conflict));
        }

        var late = await SendAsync(HttpMethod.Post, "/things?delayMs=300", """{"name":"burst"}""", key);
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        Assert.Equal(bodies[0], await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIsRefusedAsReused()
    {
        var key = NewKey();
        await SendAsync(HttpMethod.Post, "/things", """{"name":"first"}""", key);

        var reused = await SendAsync(HttpMethod.Post, "/things", """{"name":"second"}""", key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Snapshot.Match(await MaskedProblemAsync(reused));
        Assert.Equal(1, await _host.RunsAsync(key));
    }

    [Fact]
    public async Task TheSameKeyOnAnotherRouteIsRefusedAsReused()
    {
        var key = NewKey();
        await SendAsync(HttpMethod.Post, "/things", """{"name":"x"}""", key);

        var otherRoute = await SendAsync(HttpMethod.Put, "/things/x", """{"name":"x"}""", key);
        var otherQuery = await SendAsync(HttpMethod.Post, "/things?delayMs=1", """{"name":"x"}""", key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherRoute.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherQuery.StatusCode);
        Snapshot.Match(await MaskedProblemAsync(otherRoute));
        Assert.Equal(1, await _host.RunsAsync(key));
    }

    [Theory]
    [InlineData("/things/failing")]
    [InlineData("/things/throwing")]
    public async Task AFailedRequestIsNotStoredAndCanBeRetried(string route)
    {
        var key = NewKey();

        var first = await SendAsync(HttpMethod.Post, route, "{}", key);
        var retry = await SendAsync(HttpMethod.Post, route, "{}", key);

        Assert.True((int)first.StatusCode >= 400);
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await _host.RunsAsync(key));
    }

    [Fact]
    public async Task ARouteThatRequiresAKeyRefusesARequestWithoutOne()
    {
        var body = $$"""{"amount":1,"note":"{{Guid.NewGuid():N}}"}""";

        var response = await SendAsync(HttpMethod.Post, "/transfers", body, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshot.Match(await MaskedProblemAsync(response));
        Assert.Equal(0, await _host.RunsWithBodyAsync(body));
    }

    [Fact]
    public async Task ARouteThatRequiresAKeyRunsOnceWithOne()
    {
        var key = NewKey();

        var first = await SendAsync(HttpMethod.Post, "/transfers", """{"amount":1}""", key);
        var retry = await SendAsync(HttpMethod.Post, "/transfers", """{"amount":1}""", key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, await _host.RunsAsync(key));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(-1)]
    public async Task AMalformedKeyIsRefused(int length)
    {
        var key = length > 0 ? new string('k', length) : "tab\there";

        var response = await SendAsync(HttpMethod.Post, "/things", "{}", key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_idempotency_key", await CodeOf(response));
        Assert.Equal(0, await _host.RunsAsync(key));
    }

    [Fact]
    public async Task TwoKeyHeadersAreRefused()
    {
        using var client = _host.CreateAdminClient();
        using var request = _host.Request(HttpMethod.Post, "/things", "{}");
        request.Headers.Add("Idempotency-Key", ["one", "two"]);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_idempotency_key", await CodeOf(response));
    }

    [Fact]
    public async Task TheLongestKeyIsAccepted()
    {
        var key = new string('k', 223) + Guid.NewGuid().ToString("N");

        var response = await SendAsync(HttpMethod.Post, "/things", "{}", key);

        Assert.Equal(255, key.Length);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task RequestsWithoutAKeyRunEveryTimeOnRoutesThatDoNotRequireOne()
    {
        var body = $$"""{"name":"{{Guid.NewGuid():N}}"}""";

        var first = await SendAsync(HttpMethod.Post, "/things", body, null);
        var second = await SendAsync(HttpMethod.Post, "/things", body, null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
        Assert.Equal(2, await _host.RunsWithBodyAsync(body));
    }

    [Fact]
    public async Task AKeyOnARouteWithoutIdempotencyIsIgnored()
    {
        var key = NewKey();

        await SendAsync(HttpMethod.Post, "/unguarded", "{}", key);
        var second = await SendAsync(HttpMethod.Post, "/unguarded", "{}", key);

        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await _host.RunsAsync(key));
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIsAnsweredWholeButNotStored()
    {
        var key = NewKey();

        var first = await SendAsync(HttpMethod.Post, "/things/large", "{}", key);
        var retry = await SendAsync(HttpMethod.Post, "/things/large", "{}", key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1536 * 1024, (await first.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1536 * 1024, (await retry.Content.ReadAsByteArrayAsync()).Length);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await _host.RunsAsync(key));
    }

    [Fact]
    public async Task AStoredResponseIsKeptForTheConfiguredTimeUnderTheConfiguredPrefix()
    {
        var key = NewKey();

        await SendAsync(HttpMethod.Post, "/things", "{}", key);

        // Unsigned requests belong to the one operator; the key itself is stored hashed.
        var hashed = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
        var stored = $"{_host.RedisKeyPrefix}idempotency:operator:{hashed}";
        var ttl = await _host.Redis.GetDatabase().KeyTimeToLiveAsync(stored);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task TheKeyHeaderIsDocumentedOnMutatingRoutesAndRequiredWhereItIs()
    {
        using var client = _host.CreateAdminClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/admin.json")).RootElement;

        var paths = document.GetProperty("paths");
        var required = KeyParameter(paths, "/transfers", "post");
        var optional = KeyParameter(paths, "/things", "post");
        Assert.Equal("header", required.GetProperty("in").GetString());
        Assert.True(required.GetProperty("required").GetBoolean());
        Assert.Equal("header", optional.GetProperty("in").GetString());
        Assert.False(optional.TryGetProperty("required", out var flag) && flag.GetBoolean());
        Assert.Equal(JsonValueKind.Undefined, KeyParameter(paths, "/things", "get").ValueKind);
    }

    static JsonElement KeyParameter(JsonElement paths, string path, string method) =>
        paths.GetProperty(path).GetProperty(method).TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == "Idempotency-Key")
            : default;
}
