namespace Raio.Api.Infrastructure;

/// <summary>
/// The admin API's OpenAPI document, served on the admin port at <c>/openapi/admin.json</c> and
/// written to <c>openapi/admin.json</c> by every build.
/// </summary>
public static class OpenApiSetup
{
    public const string AdminDocument = "admin";

    public static IServiceCollection AddRaioOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(AdminDocument, options =>
        {
            options.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata
                .OfType<ListenerMetadata>()
                .Any(m => m.Listener == Listener.Admin);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new()
                {
                    Title = "Raio admin API",
                    Version = "v1",
                    Description = "Operations a wallet's own backend calls: assets, liquidity, "
                        + "peers, wallet addresses and payments. Never exposed to the public.",
                };
                document.Servers = [];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapRaioOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").OnListener(Listener.Admin);
        return endpoints;
    }
}
