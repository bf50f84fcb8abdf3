using System.Text.Json.Nodes;

namespace Raio.Api.Tests.Host;

/// <summary>
/// The committed admin document describes every admin route: its body, its success and each
/// error it can answer, as a problem document.
/// </summary>
public class AdminDocumentTests
{
    static readonly Lazy<JsonNode> Document = new(() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(RepositoryRoot(), "openapi", "admin.json")))!);

    [Theory]
    [InlineData("post", "/assets", true, "201", "400,409")]
    [InlineData("get", "/assets", false, "200", "400")]
    [InlineData("get", "/assets/{id}", false, "200", "400,404")]
    [InlineData("patch", "/assets/{id}", true, "200", "400,404")]
    [InlineData("delete", "/assets/{id}", false, "204", "400,404,409")]
    [InlineData("get", "/assets/{id}/liquidity", false, "200", "400,404")]
    [InlineData("post", "/assets/{id}/liquidity/deposits", true, "201", "400,404,409")]
    [InlineData("post", "/assets/{id}/liquidity/withdrawals", true, "201", "400,404,409,422")]
    [InlineData("post", "/liquidity/withdrawals/{id}/post", false, "200", "400,404,409")]
    [InlineData("post", "/liquidity/withdrawals/{id}/void", false, "200", "400,404,409")]
    [InlineData("get", "/accounts/{id}/transfers", false, "200", "400,404")]
    public void EveryAdminRouteIsDescribed(string method, string path, bool hasBody, string success,
        string errors)
    {
        var operation = Document.Value["paths"]?[path]?[method];
        Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} is not in openapi/admin.json.");

        Assert.Equal(hasBody, operation["requestBody"]?["content"]?["application/json"] is not null);
        var responses = operation["responses"]!.AsObject();
        Assert.True(responses.ContainsKey(success), $"{path} does not describe its {success}.");
        foreach (var status in errors.Split(','))
        {
            var content = responses[status]?["content"]?["application/problem+json"];
            Assert.True(content is not null, $"{method} {path} does not describe its {status} problem.");
        }

        Assert.False(string.IsNullOrEmpty(operation["operationId"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()));
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
