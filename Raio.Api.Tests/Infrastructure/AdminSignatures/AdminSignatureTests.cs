using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Raio.Api.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace Raio.Api.Tests.Infrastructure.AdminSignatures;

public sealed class SignedHostFixture : IAsyncLifetime
{
    public const string Secret = "admin-secret-for-signature-tests";

    public GuardedAdminHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GuardedAdminHost.StartAsync(Secret);

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

public class AdminSignatureTests(SignedHostFixture fixture) : IClassFixture<SignedHostFixture>
{
    const string Secret = SignedHostFixture.Secret;
    const string Unauthorized =
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"Unauthorized","status":401,"code":"unauthorized"}""";

    readonly GuardedAdminHost _host = fixture.Host;

    long Now => _host.Time.GetUtcNow().ToUnixTimeMilliseconds();

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string target, string body,
        string? signature, string? idempotencyKey = null, int port = GuardedAdminHost.AdminPort)
    {
        using var client = _host.CreateClientFor(port);
        using var request = new HttpRequestMessage(method, target)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("signature", signature);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task ASignedRequestReachesItsHandler()
    {
        var key = $"key-{Guid.NewGuid():N}";
        var signature = GuardedAdminHost.Sign(Secret, Now, "POST", "/things?delayMs=0", """{"a":1}""");

        var response = await SendAsync(HttpMethod.Post, "/things?delayMs=0", """{"a":1}""", signature, key);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await _host.RunsAsync(key));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong_secret")]
    [InlineData("tampered_body")]
    [InlineData("tampered_path")]
    [InlineData("tampered_query")]
    [InlineData("tampered_method")]
    [InlineData("stale")]
    [InlineData("from_the_future")]
    [InlineData("not_a_signature")]
    [InlineData("no_digest")]
    [InlineData("parts_swapped")]
    [InlineData("other_version")]
    [InlineData("digest_not_hex")]
    [InlineData("digest_too_short")]
    [InlineData("timestamp_not_a_number")]
    public async Task AForgedOrMalformedSignatureIsRefusedWithTheSameAnswer(string forgery)
    {
        var key = $"key-{Guid.NewGuid():N}";
        var body = $$"""{"forgery":"{{forgery}}"}""";
        var good = GuardedAdminHost.Sign(Secret, Now, "POST", "/things", body);
        var digest = good[(good.IndexOf("v1=", StringComparison.Ordinal) + 3)..];
        var (target, signature) = forgery switch
        {
            "missing" => ("/things", null),
            "wrong_secret" => ("/things",
                GuardedAdminHost.Sign("not-the-admin-secret-at-all", Now, "POST", "/things", body)),
            "tampered_body" => ("/things", GuardedAdminHost.Sign(Secret, Now, "POST", "/things", body + " ")),
            "tampered_path" => ("/things", GuardedAdminHost.Sign(Secret, Now, "POST", "/things/failing", body)),
            "tampered_query" => ("/things?delayMs=1", good),
            "tampered_method" => ("/things", GuardedAdminHost.Sign(Secret, Now, "PUT", "/things", body)),
            "stale" => ("/things", GuardedAdminHost.Sign(Secret, Now - 30_001, "POST", "/things", body)),
            "from_the_future" => ("/things", GuardedAdminHost.Sign(Secret, Now + 30_001, "POST", "/things", body)),
            "not_a_signature" => ("/things", "hello"),
            "no_digest" => ("/things", $"t={Now}"),
            "parts_swapped" => ("/things", $"v1={digest}, t={Now}"),
            "other_version" => ("/things", $"t={Now}, v2={digest}"),
            "digest_not_hex" => ("/things", $"t={Now}, v1={new string('z', 64)}"),
            "digest_too_short" => ("/things", $"t={Now}, v1={digest[..62]}"),
            "timestamp_not_a_number" => ("/things", $"t=soon, v1={digest}"),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        var response = await SendAsync(HttpMethod.Post, target, body, signature, key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthorized, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _host.RunsAsync(key));
    }

    [Fact]
    public async Task TheRefusalIsAProblemDocumentThatSaysNothingMore()
    {
        var response = await SendAsync(HttpMethod.Post, "/things", "{}", null);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Snapshot.Match(JObject.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ASignatureIsAcceptedOnlyOnce()
    {
        var key = $"key-{Guid.NewGuid():N}";
        var signature = GuardedAdminHost.Sign(Secret, Now, "POST", "/things", key);

        var first = await SendAsync(HttpMethod.Post, "/things", key, signature, key);
        var replayed = await SendAsync(HttpMethod.Post, "/things", key, signature, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(Unauthorized, await replayed.Content.ReadAsStringAsync());
        Assert.Equal(1, await _host.RunsAsync(key));
    }

    [Fact]
    public async Task ASignatureAgesByTheServiceClock()
    {
        var fresh = $"fresh-{Guid.NewGuid():N}";
        var freshSignature = GuardedAdminHost.Sign(Secret, Now, "POST", "/things", fresh);
        var late = $"late-{Guid.NewGuid():N}";
        var lateSignature = GuardedAdminHost.Sign(Secret, Now, "POST", "/things", late);

        _host.Time.Advance(TimeSpan.FromSeconds(29));
        var inTime = await SendAsync(HttpMethod.Post, "/things", fresh, freshSignature, fresh);
        _host.Time.Advance(TimeSpan.FromSeconds(2));
        var tooLate = await SendAsync(HttpMethod.Post, "/things", late, lateSignature, late);

        Assert.Equal(HttpStatusCode.Created, inTime.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tooLate.StatusCode);
        Assert.Equal(0, await _host.RunsAsync(late));
    }

    [Fact]
    public async Task ReadsAreSignedToo()
    {
        var unsigned = await SendAsync(HttpMethod.Get, "/things", "", null);
        var signed = await SendAsync(HttpMethod.Get, "/things", "",
            GuardedAdminHost.Sign(Secret, Now, "GET", "/things", ""));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthProbesNeedNoSignature(string probe)
    {
        using var client = _host.CreateAdminClient();

        var response = await client.GetAsync(probe);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownAdminRouteStillNeedsASignature()
    {
        var response = await SendAsync(HttpMethod.Get, "/no-such-route", "", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OtherListenersNeedNoSignature()
    {
        var key = $"key-{Guid.NewGuid():N}";

        var response = await SendAsync(HttpMethod.Post, "/things", "{}", null, key,
            GuardedAdminHost.OpenPaymentsPort);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await _host.RunsAsync(key));
    }

    [Fact]
    public async Task TheSecretNeverReachesTheLog()
    {
        await SendAsync(HttpMethod.Post, "/things", "{}", "t=1, v1=" + new string('0', 64));
        await SendAsync(HttpMethod.Post, "/things", "{}", GuardedAdminHost.Sign(Secret, Now, "POST", "/x", "{}"));

        Assert.Contains(_host.Logs, l => l.Id.Id == 20);
        Assert.DoesNotContain(_host.Logs, l => l.Message.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs, l => l.Id.Id == 22);
    }
}
