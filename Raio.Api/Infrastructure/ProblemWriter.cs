using Microsoft.AspNetCore.Mvc;

namespace Raio.Api.Infrastructure;

/// <summary>Answers from middleware with the same problem documents the endpoints write.</summary>
static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string title,
        string? detail = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new() { HttpContext = context, ProblemDetails = problem }))
        {
            // No writer matched the Accept header; the error still has to reach the client.
            await context.Response.WriteAsJsonAsync(problem, options: null,
                contentType: "application/problem+json", context.RequestAborted);
        }
    }
}
