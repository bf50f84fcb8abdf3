using System.Net;
using System.Text.Json;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Assets;

/// <summary>Each test class has a database of its own: these are the only assets in it.</summary>
public class ListAssetsTests(ListAssetsTests.Fixture fixture) : IClassFixture<ListAssetsTests.Fixture>
{
    public sealed class Fixture : RaioApplication
    {
        /// <summary>The 25 assets, oldest first.</summary>
        public List<Guid> Assets { get; } = [];

        public async Task SeedAsync()
        {
            if (Assets.Count > 0)
            {
                return;
            }

            using var client = CreateAdminClient();
            for (var i = 0; i < 25; i++)
            {
                // Ids sort by creation time to the millisecond; the clock stands still otherwise.
                Time.Advance(TimeSpan.FromMilliseconds(2));
                Assets.Add(await client.CreateAssetAsync($"XL{(char)('A' + i)}", 9));
            }
        }
    }

    [Fact]
    public async Task TheFirstPageHoldsTheNewestTwentyAssets()
    {
        var (client, all) = await SeededAsync();

        var response = await client.GetAsync("/assets");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.JsonAsync();
        Assert.Equal(all.AsEnumerable().Reverse().Take(20), Ids(page));
        AssertPageInfo(page, all[^1], all[5], hasNext: true, hasPrevious: false);
    }

    [Fact]
    public async Task FirstAndAfterPageForward()
    {
        var (client, all) = await SeededAsync();
        var newestFirst = all.AsEnumerable().Reverse().ToList();

        var first = await (await client.GetAsync("/assets?first=10")).JsonAsync();
        var second = await (await client.GetAsync($"/assets?first=10&after={newestFirst[9]}")).JsonAsync();
        var third = await (await client.GetAsync($"/assets?first=10&after={newestFirst[19]}")).JsonAsync();

        Assert.Equal(newestFirst.Take(10), Ids(first));
        Assert.Equal(newestFirst.Skip(10).Take(10), Ids(second));
        Assert.Equal(newestFirst.Skip(20), Ids(third));
        AssertPageInfo(second, newestFirst[10], newestFirst[19], hasNext: true, hasPrevious: true);
        AssertPageInfo(third, newestFirst[20], newestFirst[24], hasNext: false, hasPrevious: true);
    }

    [Fact]
    public async Task LastAndBeforePageBackward()
    {
        var (client, all) = await SeededAsync();
        var newestFirst = all.AsEnumerable().Reverse().ToList();

        var last = await (await client.GetAsync("/assets?last=10")).JsonAsync();
        var before = await (await client.GetAsync($"/assets?last=10&before={newestFirst[15]}")).JsonAsync();
        var start = await (await client.GetAsync($"/assets?last=10&before={newestFirst[5]}")).JsonAsync();

        Assert.Equal(newestFirst.Skip(15), Ids(last));
        AssertPageInfo(last, newestFirst[15], newestFirst[24], hasNext: false, hasPrevious: true);
        Assert.Equal(newestFirst.Skip(5).Take(10), Ids(before));
        AssertPageInfo(before, newestFirst[5], newestFirst[14], hasNext: true, hasPrevious: true);
        Assert.Equal(newestFirst.Take(5), Ids(start));
        AssertPageInfo(start, newestFirst[0], newestFirst[4], hasNext: true, hasPrevious: false);
    }

    [Fact]
    public async Task AscendingOrderListsTheOldestFirst()
    {
        var (client, all) = await SeededAsync();

        var first = await (await client.GetAsync("/assets?first=3&sortOrder=asc")).JsonAsync();
        var next = await (await client.GetAsync($"/assets?first=3&after={all[2]}&sortOrder=asc")).JsonAsync();

        Assert.Equal(all.Take(3), Ids(first));
        Assert.Equal(all.Skip(3).Take(3), Ids(next));
    }

    [Fact]
    public async Task APageIsSnapshotted()
    {
        var (client, _) = await SeededAsync();

        var response = await client.GetAsync("/assets?first=2");

        await response.MatchSnapshotAsync();
    }

    [Fact]
    public async Task CodeAndScaleFindOneAsset()
    {
        var (client, all) = await SeededAsync();
        var asset = await (await client.GetAsync($"/assets/{all[7]}")).JsonAsync();
        var code = asset.GetProperty("code").GetString();

        var found = await (await client.GetAsync($"/assets?code={code}&scale=9")).JsonAsync();
        var missing = await (await client.GetAsync($"/assets?code={code}&scale=8")).JsonAsync();

        Assert.Equal([all[7]], Ids(found));
        AssertPageInfo(found, all[7], all[7], hasNext: false, hasPrevious: false);
        Assert.Empty(Ids(missing));
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("pagination").GetProperty("startCursor").ValueKind);
    }

    [Theory]
    [InlineData("first=0", "first")]
    [InlineData("first=101", "first")]
    [InlineData("last=0", "last")]
    [InlineData("first=abc", "first")]
    [InlineData("first=2&last=2", "last")]
    [InlineData("after=not-a-uuid", "after")]
    [InlineData("sortOrder=sideways", "sortOrder")]
    [InlineData("code=USD", "scale")]
    [InlineData("scale=2", "code")]
    [InlineData("code=usd&scale=2", "code")]
    [InlineData("code=USD&scale=300", "scale")]
    [InlineData("code=USD&scale=two", "scale")]
    public async Task AMalformedQueryIsInvalidRequest(string query, string field)
    {
        using var client = fixture.CreateAdminClient();

        var response = await client.GetAsync($"/assets?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", field);
    }

    [Fact]
    public async Task AfterAndBeforeTogetherAreInvalidRequest()
    {
        var (client, all) = await SeededAsync();

        var response = await client.GetAsync($"/assets?after={all[3]}&before={all[1]}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", "before");
    }

    [Fact]
    public async Task ACursorThatNamesNoAssetIsInvalidRequest()
    {
        var (client, _) = await SeededAsync();

        var after = await client.GetAsync($"/assets?after={Guid.NewGuid()}");
        var before = await client.GetAsync($"/assets?last=2&before={Guid.NewGuid()}");

        await after.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", "after");
        await before.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request", "before");
        await after.MatchSnapshotAsync();
    }

    async Task<(HttpClient, List<Guid>)> SeededAsync()
    {
        await fixture.SeedAsync();
        return (fixture.CreateAdminClient(), fixture.Assets);
    }

    static List<Guid> Ids(JsonElement page) =>
        page.GetProperty("result").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

    static void AssertPageInfo(JsonElement page, Guid start, Guid end, bool hasNext, bool hasPrevious)
    {
        var info = page.GetProperty("pagination");
        Assert.Equal(start, info.GetProperty("startCursor").GetGuid());
        Assert.Equal(end, info.GetProperty("endCursor").GetGuid());
        Assert.Equal(hasNext, info.GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(hasPrevious, info.GetProperty("hasPreviousPage").GetBoolean());
    }
}
