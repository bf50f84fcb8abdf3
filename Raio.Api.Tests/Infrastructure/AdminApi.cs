using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Snapshooter;
using Snapshooter.Xunit;

namespace Raio.Api.Tests.Infrastructure;

/// <summary>Requests and assertions that the admin API's tests share.</summary>
public static class AdminApi
{
    static int _codes;

    // Fields whose values change from run to run; snapshots show them masked, never dropped.
    static readonly HashSet<string> Volatile =
    [
        "id", "assetId", "startCursor", "endCursor", "createdAt", "expiresAt", "traceId",
        "instance", "debitAccountId", "creditAccountId", "ledger",
    ];

    /// <summary>
    /// An asset code no other test in this process uses. Codes from X on are left to tests that
    /// pin a code in a snapshot.
    /// </summary>
    public static string NextCode()
    {
        var n = Interlocked.Increment(ref _codes);
        return new string([(char)('A' + (n / 676 % 26)), (char)('A' + (n / 26 % 26)), (char)('A' + (n % 26))]);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method,
        string path, string body) =>
        client.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<Guid> CreateAssetAsync(this HttpClient client, string? code = null,
        int scale = 2)
    {
        var response = await client.PostJsonAsync("/assets", new { code = code ?? NextCode(), scale });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task DepositAsync(this HttpClient client, Guid assetId, ulong amount)
    {
        var response = await client.PostJsonAsync($"/assets/{assetId}/liquidity/deposits",
            new { id = Guid.NewGuid(), amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<string> LiquidityAsync(this HttpClient client, Guid assetId)
    {
        var response = await client.GetAsync($"/assets/{assetId}/liquidity");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("liquidity").GetString()!;
    }

    /// <summary>
    /// Asserts a problem document: its status, content type, <c>code</c> and, when given, the
    /// <c>field</c> at fault.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response,
        HttpStatusCode status, string code, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.True(body.TryGetProperty("title", out _), "A problem document has a title.");
        Assert.True(body.TryGetProperty("type", out _), "A problem document has a type.");
        if (field is not null)
        {
            Assert.Equal(field, body.GetProperty("field").GetString());
        }

        return body;
    }

    /// <summary>Pins a response's status and JSON body, volatile fields masked.</summary>
    public static async Task MatchSnapshotAsync(this HttpResponseMessage response,
        SnapshotNameExtension? name = null)
    {
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var pinned = new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["contentType"] = response.Content.Headers.ContentType?.MediaType,
            ["body"] = Mask(node),
        };
        var token = Newtonsoft.Json.Linq.JToken.Parse(pinned.ToJsonString());
        if (name is null)
        {
            Snapshot.Match(token);
        }
        else
        {
            Snapshot.Match(token, name);
        }
    }

    static JsonNode? Mask(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    obj[key] = Volatile.Contains(key) && value is not null
                        ? $"<{key}>"
                        : Mask(value?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Mask(array[i]?.DeepClone());
                }

                return array;
            default:
                return node;
        }
    }
}
