using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Raio.Ledger;

namespace Raio.Api.Infrastructure;

/// <summary>
/// Every failure leaves as an RFC 9457 problem document with a stable snake_case <c>code</c>.
/// Client mistakes that slip past the endpoints (unreadable JSON, broken validators' rules) are
/// caught here so that nothing a client sends can produce a 500.
/// </summary>
public static partial class ProblemDetailsSetup
{
    public static IServiceCollection AddRaioProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                context.ProblemDetails.Extensions["code"] = CodeForStatus(
                    context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
            }
        });
        services.AddExceptionHandler<ClientErrorExceptionHandler>();

        // Unreadable bodies and route or query values that do not parse reach the handler below in
        // every environment, so that they answer the same problem document everywhere.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // A number sent as a string, or the reverse, is a wrong type rather than a hint.
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options =>
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        return services;
    }

    public static string CodeForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable_request",
        StatusCodes.Status503ServiceUnavailable => "service_unavailable",
        _ when status >= 500 => "internal_error",
        _ => "invalid_request",
    };

    sealed partial class ClientErrorExceptionHandler(
        IProblemDetailsService problems, ILogger<ClientErrorExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception,
            CancellationToken cancellationToken)
        {
            ProblemDetails problem;
            switch (exception)
            {
                case ValidationException validation:
                    var errors = validation.Errors
                        .GroupBy(e => JsonName(e.PropertyName))
                        .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
                    problem = new HttpValidationProblemDetails(errors)
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "The request is invalid.",
                        Detail = string.Join(" ", errors.Values.SelectMany(m => m)),
                    };
                    problem.Extensions["code"] = "invalid_request";
                    if (errors.Count == 1)
                    {
                        problem.Extensions["field"] = errors.Keys.First();
                    }

                    break;
                case BadHttpRequestException bad:
                    // Unreadable JSON, a wrong type, a route or query value that does not parse, a
                    // wrong content type, an oversized body: the client's fault.
                    problem = new ProblemDetails
                    {
                        Status = bad.StatusCode,
                        Title = "The request could not be read.",
                        Detail = bad.StatusCode == 400 ? DetailOf(bad) : null,
                    };
                    if (bad.StatusCode == 400 && FieldOf(bad) is { } field)
                    {
                        problem.Extensions["field"] = field;
                    }

                    break;
                case LedgerUnavailableException:
                    Log.Unavailable(logger, exception);
                    problem = new ProblemDetails
                    {
                        Status = StatusCodes.Status503ServiceUnavailable,
                        Title = "The ledger cannot be reached; try again.",
                    };
                    break;
                default:
                    Log.Unhandled(logger, exception);
                    problem = new ProblemDetails
                    {
                        Status = StatusCodes.Status500InternalServerError,
                        Title = "Something went wrong on our side.",
                    };
                    break;
            }

            httpContext.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new()
            {
                HttpContext = httpContext,
                ProblemDetails = problem,
                Exception = exception,
            });
        }

        static string JsonName(string property) =>
            string.IsNullOrEmpty(property) ? "" : char.ToLowerInvariant(property[0]) + property[1..];

        static string DetailOf(BadHttpRequestException bad) => bad.InnerException is JsonException
            ? "The body is not valid JSON for this route, or a field has the wrong type."
            : FieldOf(bad) is { } field
                ? $"'{field}' could not be read as the type this route expects."
                : "The request could not be read.";

        // The JSON path of the value at fault ($.amount), or the parameter that did not bind.
        static string? FieldOf(BadHttpRequestException bad)
        {
            if (bad.InnerException is JsonException { Path: { Length: > 2 } path }
                && path.StartsWith("$.", StringComparison.Ordinal))
            {
                return path[2..];
            }

            var match = ParameterName().Match(bad.Message);
            return match.Success ? JsonName(match.Groups["name"].Value) : null;
        }
    }

    [GeneratedRegex("parameter \"[^\" ]+ (?<name>[^\" ]+)\"")]
    private static partial Regex ParameterName();

    static partial class Log
    {
        [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Unhandled exception")]
        public static partial void Unhandled(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The ledger is unavailable")]
        public static partial void Unavailable(ILogger logger, Exception exception);
    }
}
