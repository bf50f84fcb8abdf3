using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Raio.Ledger.Postgres;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL ledger as <see cref="ILedger"/> and the worker that expires pending
    /// transfers. Needs a <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="dataSource">The ledger's own pool. A caller may hold a connection of the
    /// service's pool while it waits on the ledger (an asset row stays uncommitted until its
    /// accounts exist); were the pools one, enough such callers would starve the ledger of the
    /// connections they wait for.</param>
    /// <param name="runExpiryWorker">False where no database is there to talk to, such as the
    /// build step that writes the OpenAPI document.</param>
    public static IServiceCollection AddPostgresLedger(this IServiceCollection services,
        Func<NpgsqlDataSource> dataSource, bool runExpiryWorker = true,
        PostgresLedgerOptions? options = null)
    {
        services.AddSingleton(options ?? new PostgresLedgerOptions());
        services.AddSingleton(provider => new PostgresLedger(dataSource(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<PostgresLedger>>(),
            provider.GetRequiredService<PostgresLedgerOptions>()));
        services.AddSingleton<ILedger>(provider => provider.GetRequiredService<PostgresLedger>());
        if (runExpiryWorker)
        {
            services.AddHostedService<PendingExpiryWorker>();
        }

        return services;
    }
}

/// <summary>
/// TigerBeetle expires pending transfers on its own pulse; this is that pulse. Instances side by
/// side may all run it: the account locks keep two of them from expiring the same transfer twice.
/// </summary>
sealed partial class PendingExpiryWorker(PostgresLedger ledger, TimeProvider time,
    ILogger<PendingExpiryWorker> logger) : BackgroundService
{
    static readonly TimeSpan Pulse = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Pulse, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await ledger.ExpireDueAsync(1000, stoppingToken) == 1000)
                {
                    stoppingToken.ThrowIfCancellationRequested();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ExpiryFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning,
        Message = "Expiring pending transfers failed; the next pulse tries again")]
    static partial void ExpiryFailed(ILogger logger, Exception exception);
}
