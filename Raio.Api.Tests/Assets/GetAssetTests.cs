using System.Net;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Assets;

public class GetAssetTests(RaioApplication app) : IClassFixture<RaioApplication>
{
    [Fact]
    public async Task GettingAnAssetAnswersIt()
    {
        using var client = app.CreateAdminClient();
        var id = await client.CreateAssetAsync("XGT", 5);

        var response = await client.GetAsync($"/assets/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(id, body.GetProperty("id").GetGuid());
        Assert.Equal(5, body.GetProperty("scale").GetInt32());
        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task GettingAnUnknownAssetIsUnknownAsset()
    {
        using var client = app.CreateAdminClient();

        var response = await client.GetAsync($"/assets/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_asset");
        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task AnIdThatIsNotAUuidIsInvalidRequest()
    {
        using var client = app.CreateAdminClient();

        var response = await client.GetAsync("/assets/not-a-uuid");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", "id");
        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task TheAssetRoutesAnswerOnTheAdminListenerOnly()
    {
        using var admin = app.CreateAdminClient();
        using var open = app.CreateOpenPaymentsClient();
        var id = await admin.CreateAssetAsync();

        var response = await open.GetAsync($"/assets/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
