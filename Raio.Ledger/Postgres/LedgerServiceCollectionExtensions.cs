using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Raio.Ledger.Postgres;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL ledger as <see cref="ILedger"/> and the worker that expires pending
    /// transfers. Needs an <c>NpgsqlDataSource</c> and a <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="runExpiryWorker">False where no database is there to talk to, such as the
    /// build step that writes the OpenAPI document.</param>
    public static IServiceCollection AddPostgresLedger(this IServiceCollection services,
        bool runExpiryWorker = true, PostgresLedgerOptions? options = null)
    {
        services.AddSingleton(options ?? new PostgresLedgerOptions());
        services.AddSingleton<PostgresLedger>();
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
