using Microsoft.OpenApi;

namespace Raio.Api.Infrastructure.Idempotency;

public static class IdempotencyEndpointExtensions
{
    /// <summary>Registers the Redis store behind <see cref="UseIdempotency"/>.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotencyScope>();
        return services;
    }

    /// <summary>Runs keyed requests once. Goes after routing and signature checks.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) =>
        app.UseMiddleware<IdempotencyMiddleware>();

    /// <summary>
    /// Mutating routes of the group honour an optional <c>Idempotency-Key</c> header.
    /// </summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        Documented(builder.WithMetadata(new IdempotencyMetadata(KeyRequired: false)));

    /// <summary>
    /// The route refuses a mutating request without an <c>Idempotency-Key</c> header (400
    /// <c>idempotency_key_required</c>); use it where a duplicate would move money twice.
    /// </summary>
    public static TBuilder RequireIdempotencyKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        Documented(builder.WithMetadata(new IdempotencyMetadata(KeyRequired: true)));

    /// <summary>Adds the header to the OpenAPI operation, required if any metadata requires it.</summary>
    static TBuilder Documented<TBuilder>(TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var method = context.Description.HttpMethod ?? "";
            var metadata = context.Description.ActionDescriptor.EndpointMetadata
                .OfType<IdempotencyMetadata>()
                .ToList();
            if (metadata.Count == 0 || method is not ("POST" or "PUT" or "PATCH" or "DELETE"))
            {
                return Task.CompletedTask;
            }

            operation.Parameters ??= [];
            var existing = operation.Parameters.FirstOrDefault(p => p.Name == IdempotencyMiddleware.KeyHeader);
            if (existing is not null)
            {
                operation.Parameters.Remove(existing);
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyMiddleware.KeyHeader,
                In = ParameterLocation.Header,
                Required = metadata.Any(m => m.KeyRequired),
                Description = "Runs the request at most once: a retry with the same key and request "
                    + "gets the stored response.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
            });
            return Task.CompletedTask;
        });
}
