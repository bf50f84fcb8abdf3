using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Raio.Api.Tests.Infrastructure;

namespace Raio.Api.Tests.Host;

/// <summary>The service with its request log collected, at the default level.</summary>
public sealed class LoggedRaioApplication : RaioApplication
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("LOG_LEVEL", "Information");
        builder.ConfigureServices(services =>
            services.AddSingleton<ILoggerProvider>(new CollectingProvider(Lines)));
    }

    sealed class CollectingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, lines);

        public void Dispose()
        {
        }
    }

    sealed class Collector(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)}");
    }
}

public class RequestLoggingTests(LoggedRaioApplication app) : IClassFixture<LoggedRaioApplication>
{
    [Fact]
    public async Task ARequestRefusedForItsBodyIsLoggedWithTheStatusTheClientGot()
    {
        using var client = app.CreateAdminClient();

        var response = await client.SendRawAsync(HttpMethod.Post, "/assets",
            """{"code":"EUR","scale":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var line = Assert.Single(app.Lines,
            l => l.StartsWith("Raio.Requests: POST /assets", StringComparison.Ordinal));
        Assert.Contains("answered 400", line);
    }

    [Fact]
    public async Task EachRequestIsOneLineNamingItsRouteNotItsIds()
    {
        using var client = app.CreateAdminClient();
        var id = Guid.NewGuid();

        await client.GetAsync($"/assets/{id}");

        var lines = app.Lines
            .Where(l => l.StartsWith("Raio.Requests: GET /assets/{id}", StringComparison.Ordinal));
        Assert.Contains("answered 404", Assert.Single(lines));
        Assert.DoesNotContain(app.Lines, l => l.Contains(id.ToString(), StringComparison.Ordinal)
            && l.StartsWith("Raio.Requests", StringComparison.Ordinal));
    }
}
