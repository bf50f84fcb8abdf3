using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Raio.Api.Infrastructure.AdminSignatures;
using StackExchange.Redis;

namespace Raio.Api.Infrastructure;

/// <summary>
/// <c>/healthz</c> says the process is alive and checks nothing else; <c>/readyz</c> says it can
/// serve, which needs PostgreSQL and Redis to answer. Both answer on every listener.
/// </summary>
public static class HealthEndpoints
{
    const string ReadyTag = "ready";

    public static IServiceCollection AddRaioHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapRaioHealth(this IEndpointRouteBuilder endpoints)
    {
        // Probes carry no credentials, so they answer unsigned on the admin port as well.
        endpoints.MapHealthChecks("/healthz", new() { Predicate = _ => false })
            .AllowUnsignedAdminRequests()
            .ExcludeFromDescription();
        endpoints.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains(ReadyTag) })
            .AllowUnsignedAdminRequests()
            .ExcludeFromDescription();
        return endpoints;
    }

    sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
            CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer");
            }
        }
    }

    sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
            CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer");
            }
        }
    }
}
