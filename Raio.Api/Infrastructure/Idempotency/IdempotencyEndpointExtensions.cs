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
        builder.WithMetadata(new IdempotencyMetadata(KeyRequired: false));

    /// <summary>
    /// The route refuses a mutating request without an <c>Idempotency-Key</c> header (400
    /// <c>idempotency_key_required</c>); use it where a duplicate would move money twice.
    /// </summary>
    public static TBuilder RequireIdempotencyKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotencyMetadata(KeyRequired: true));
}
