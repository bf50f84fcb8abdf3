using Raio.Api.Configuration;

namespace Raio.Api.Infrastructure.AdminSignatures;

/// <summary>Endpoint metadata: the route answers on the admin port without a signature.</summary>
public sealed record UnsignedAdminRequestsMetadata;

public static partial class AdminSignatureExtensions
{
    /// <summary>
    /// Checks the <c>signature</c> header of every admin request when <c>ADMIN_API_SECRET</c> is
    /// set; logs one warning now when it is not. Goes after routing, before the endpoints.
    /// </summary>
    public static IApplicationBuilder UseAdminSignatures(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<RaioSettings>();
        if (settings.AdminApiSecret is null && !BuildTimeDocument.IsRunning)
        {
            var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger("Raio.AdminSignatures");
            Unsigned(logger);
        }

        return app.UseMiddleware<AdminSignatureMiddleware>();
    }

    /// <summary>The route answers unsigned requests on the admin port too (health probes).</summary>
    public static TBuilder AllowUnsignedAdminRequests<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new UnsignedAdminRequestsMetadata());

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning,
        Message = "ADMIN_API_SECRET is not set: the admin API accepts unsigned requests")]
    static partial void Unsigned(ILogger logger);
}
