using System.Net;
using Microsoft.AspNetCore.Hosting;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Host;

/// <summary>The whole service with ADMIN_API_SECRET set: Program wires the signature check.</summary>
public sealed class SignedRaioApplication : RaioApplication
{
    public const string Secret = "whole-service-admin-secret";

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("ADMIN_API_SECRET", Secret);
        builder.UseSetting("REDIS_KEY_PREFIX", $"raio-test:{Guid.NewGuid():N}:");
    }
}

public class SignedAdminApiTests(SignedRaioApplication app) : IClassFixture<SignedRaioApplication>
{
    [Fact]
    public async Task TheAdminDocumentNeedsASignature()
    {
        using var admin = app.CreateAdminClient();
        using var signed = new HttpRequestMessage(HttpMethod.Get, "/openapi/admin.json");
        signed.Headers.Add("signature", GuardedAdminHost.Sign(SignedRaioApplication.Secret,
            app.Time.GetUtcNow().ToUnixTimeMilliseconds(), "GET", "/openapi/admin.json", ""));

        var unsignedResponse = await admin.GetAsync("/openapi/admin.json");
        var signedResponse = await admin.SendAsync(signed);

        Assert.Equal(HttpStatusCode.Unauthorized, unsignedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedResponse.StatusCode);
    }

    [Theory]
    [InlineData(RaioApplication.AdminPort)]
    [InlineData(RaioApplication.ConnectorPort)]
    [InlineData(RaioApplication.OpenPaymentsPort)]
    public async Task ProbesAnswerUnsignedOnEveryListener(int port)
    {
        using var client = app.CreateClientFor(port);

        var live = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task OnlyTheAdminListenerAsksForASignature()
    {
        using var admin = app.CreateAdminClient();
        using var open = app.CreateOpenPaymentsClient();
        using var connector = app.CreateClientFor(RaioApplication.ConnectorPort);

        var adminAnswer = await admin.GetAsync("/no-such-route");
        var openAnswer = await open.GetAsync("/no-such-route");
        var connectorAnswer = await connector.GetAsync("/no-such-route");

        Assert.Equal(HttpStatusCode.Unauthorized, adminAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, openAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, connectorAnswer.StatusCode);
    }
}

public class SignedLiquidityTests(SignedRaioApplication app) : IClassFixture<SignedRaioApplication>
{
    [Fact]
    public async Task AReplayedSignedDepositIsRefusedAndMovesNothing()
    {
        using var client = app.CreateAdminClient();
        var asset = Guid.Empty;
        var createBody = $$"""{"code":"{{AdminApi.NextCode()}}","scale":2}""";
        using (var create = Signed(HttpMethod.Post, "/assets", createBody))
        {
            var created = await client.SendAsync(create);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            asset = (await created.JsonAsync()).GetProperty("id").GetGuid();
        }

        var path = $"/assets/{asset}/liquidity/deposits";
        var body = $$"""{"id":"{{Guid.NewGuid()}}","amount":"15"}""";
        var signature = GuardedAdminHost.Sign(SignedRaioApplication.Secret,
            app.Time.GetUtcNow().ToUnixTimeMilliseconds(), "POST", path, body);

        var first = await client.SendAsync(WithSignature(HttpMethod.Post, path, body, signature));
        var replay = await client.SendAsync(WithSignature(HttpMethod.Post, path, body, signature));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        using var read = Signed(HttpMethod.Get, $"/assets/{asset}/liquidity", "");
        var liquidity = await (await client.SendAsync(read)).JsonAsync();
        Assert.Equal("15", liquidity.GetProperty("liquidity").GetString());
    }

    HttpRequestMessage Signed(HttpMethod method, string path, string body)
    {
        // Each request is signed at its own instant: a signature is good for one request only.
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        return WithSignature(method, path, body, GuardedAdminHost.Sign(SignedRaioApplication.Secret,
            app.Time.GetUtcNow().ToUnixTimeMilliseconds(), method.Method, path, body));
    }

    static HttpRequestMessage WithSignature(HttpMethod method, string path, string body, string signature)
    {
        var request = new HttpRequestMessage(method, path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        request.Headers.Add("signature", signature);
        return request;
    }
}
