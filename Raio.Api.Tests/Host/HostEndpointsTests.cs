using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Host;

public class HostEndpointsTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Theory]
    [InlineData(RaioApplication.AdminPort)]
    [InlineData(RaioApplication.ConnectorPort)]
    [InlineData(RaioApplication.OpenPaymentsPort)]
    public async Task EveryListenerAnswersLivenessAndReadiness(int port)
    {
        using var client = app.CreateClientFor(port);

        var live = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheAdminDocumentIsServedOnTheAdminListenerOnly()
    {
        using var admin = app.CreateAdminClient();
        using var open = app.CreateOpenPaymentsClient();

        var served = await admin.GetAsync("/openapi/admin.json");
        var hidden = await open.GetAsync("/openapi/admin.json");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task TheCommittedAdminDocumentMatchesTheServedOne()
    {
        using var admin = app.CreateAdminClient();
        var served = JsonNode.Parse(await admin.GetStringAsync("/openapi/admin.json"))!;
        var committedPath = Path.Combine(RepositoryRoot(), "openapi", "admin.json");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath))!;

        // Compared path by path so that a drift names the route that moved.
        var servedPaths = served["paths"]!.AsObject().Select(p => p.Key).Order().ToList();
        var committedPaths = committed["paths"]!.AsObject().Select(p => p.Key).Order().ToList();
        Assert.Equal(committedPaths, servedPaths);
        foreach (var path in servedPaths)
        {
            Assert.True(JsonNode.DeepEquals(committed["paths"]![path], served["paths"]![path]),
                $"openapi/admin.json is stale at {path}: rebuild Raio.Api and commit the file.");
        }

        Assert.True(JsonNode.DeepEquals(committed, served),
            "openapi/admin.json is stale: rebuild Raio.Api and commit the file.");
    }

    [Fact]
    public async Task AnUnknownRouteIsAProblemDocument()
    {
        using var admin = app.CreateAdminClient();

        var response = await admin.GetAsync("/no-such-route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("not_found", body.GetProperty("code").GetString());
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Raio.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Raio.sln not found above the tests.");
    }
}
