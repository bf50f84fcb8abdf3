using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Shared;

/// <summary>
/// An RFC 9457 problem document with the stable <c>code</c> every Raio failure carries, and the
/// <c>field</c> at fault when there is one.
/// </summary>
public static class Problem
{
    public static ProblemHttpResult Of(string code, int status, string title, string detail,
        string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null)
        {
            extensions["field"] = field;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }
}
