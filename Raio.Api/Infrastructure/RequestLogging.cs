using System.Diagnostics;

namespace Raio.Api.Infrastructure;

/// <summary>
/// One line per request, written when it ends: method, route template, status and duration. The
/// route template rather than the path keeps ids out of the log and its cardinality low; query
/// strings and bodies are never logged.
/// </summary>
public static partial class RequestLogging
{
    public static IApplicationBuilder UseRaioRequestLogging(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger("Raio.Requests");
            var started = Stopwatch.GetTimestamp();
            // Taken now: the exception handler clears the endpoint before it writes its answer.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    route ??= (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText
                        ?? "(unmatched)";
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    RequestFinished(logger, context.Request.Method, route,
                        context.Response.StatusCode, elapsed);
                }
            }
        });

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Route} answered {StatusCode} in {DurationMs:0.0} ms")]
    static partial void RequestFinished(ILogger logger, string method, string route, int statusCode,
        double durationMs);
}
