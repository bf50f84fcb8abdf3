using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Raio.Api.Tests.Infrastructure;

/// <summary>
/// The whole service in memory, on a database of its own and the shared Redis. Clients are
/// addressed to a listener by port, as the real process is.
/// </summary>
public class RaioApplication : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int AdminPort = 3001;
    public const int ConnectorPort = 3002;
    public const int OpenPaymentsPort = 3003;

    public string DatabaseUrl { get; private set; } = "";
    public string RedisUrl { get; private set; } = "";

    /// <summary>The service's clock; tests move it to drive expiry.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public virtual async Task InitializeAsync()
    {
        DatabaseUrl = await TestServers.CreateDatabaseAsync();
        RedisUrl = await TestServers.RedisUrlAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DATABASE_URL", DatabaseUrl);
        builder.UseSetting("REDIS_URL", RedisUrl);
        builder.UseSetting("ADMIN_PORT", AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("CONNECTOR_PORT", ConnectorPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("OPEN_PAYMENTS_PORT",
            OpenPaymentsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("LOG_LEVEL", "Warning");
        ConfigureSettings(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    /// <summary>A hook for fixtures that need other environment variables.</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    /// <summary>
    /// A client that behaves as a careful wallet backend does: every mutating request carries an
    /// idempotency key of its own unless the test sets one. Pass false to send requests bare.
    /// </summary>
    public HttpClient CreateAdminClient(bool idempotencyKeys = true) => idempotencyKeys
        ? CreateDefaultClient(new Uri($"http://localhost:{AdminPort}"), new FreshIdempotencyKeys())
        : CreateClientFor(AdminPort);

    public HttpClient CreateOpenPaymentsClient() => CreateClientFor(OpenPaymentsPort);

    public HttpClient CreateClientFor(int port) =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"http://localhost:{port}"),
            AllowAutoRedirect = false,
        });

    sealed class FreshIdempotencyKeys : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            var mutating = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
            if (mutating && !request.Headers.Contains("Idempotency-Key"))
            {
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (DatabaseUrl.Length > 0)
        {
            await TestServers.DropDatabaseAsync(DatabaseUrl);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
