using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Raio.Api.Configuration;
using Raio.Api.Infrastructure;
using Raio.Api.Infrastructure.AdminSignatures;
using Raio.Api.Infrastructure.Idempotency;
using StackExchange.Redis;

namespace Raio.Api.Tests.Infrastructure;

/// <summary>
/// A small host wired like the service's admin listener (problem details, signatures,
/// idempotency) whose test-only routes record every run of their handler in a PostgreSQL table,
/// so tests can count how often a handler really ran. The admin routes themselves live in other
/// slices; these stand in for them.
/// </summary>
public sealed class GuardedAdminHost : IAsyncDisposable
{
    string _databaseUrl = "";

    public const int AdminPort = 3001;
    public const int OpenPaymentsPort = 3003;

    WebApplication _app = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public IConnectionMultiplexer Redis { get; private set; } = null!;
    public string RedisKeyPrefix { get; private set; } = "";
    public string? Secret { get; private set; }
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Logs { get; } = new();

    /// <summary>Starts a host on a fresh database.</summary>
    /// <param name="secret">ADMIN_API_SECRET, or null to leave requests unsigned.</param>
    /// <param name="redisUrl">A Redis of the test's own; the shared one when null.</param>
    /// <param name="redisKeyPrefix">Shared by hosts that must see each other's keys.</param>
    public static async Task<GuardedAdminHost> StartAsync(string? secret = null, string? redisUrl = null,
        string? redisKeyPrefix = null, params (string Name, string Value)[] settings)
    {
        var host = new GuardedAdminHost
        {
            Secret = secret,
            RedisKeyPrefix = redisKeyPrefix ?? $"raio-test:{Guid.NewGuid():N}:",
        };
        var databaseUrl = host._databaseUrl = await TestServers.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = databaseUrl,
            ["REDIS_URL"] = redisUrl ?? await TestServers.RedisUrlAsync(),
            ["REDIS_KEY_PREFIX"] = host.RedisKeyPrefix,
            ["ADMIN_PORT"] = AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OPEN_PAYMENTS_PORT"] = OpenPaymentsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ADMIN_API_SECRET"] = secret,
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        await host.StartAsync(environment);
        return host;
    }

    async Task StartAsync(Dictionary<string, string?> environment)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(environment);
        var settings = RaioSettings.From(builder.Configuration);

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(new CollectingLoggerProvider(Logs));

        DataSource = NpgsqlDataSource.Create(settings.DatabaseConnectionString);
        Redis = await ConnectionMultiplexer.ConnectAsync(settings.Redis);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton(DataSource);
        builder.Services.AddSingleton(Redis);
        builder.Services.AddRaioProblemDetails();
        builder.Services.AddIdempotency();
        builder.Services.AddRaioHealthChecks();
        builder.Services.AddRaioOpenApi();

        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.UseStatusCodePages();
        _app.UseAdminSignatures();
        _app.UseIdempotency();
        _app.MapRaioHealth();
        _app.MapRaioOpenApi();
        MapTestRoutes(_app);

        await using (var create = DataSource.CreateCommand("""
            CREATE TABLE handler_runs (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              route text NOT NULL,
              idempotency_key text NOT NULL,
              body text NOT NULL
            )
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        await _app.StartAsync();
    }

    static void MapTestRoutes(IEndpointRouteBuilder endpoints)
    {
        // Marked as admin routes for the OpenAPI document; without the listener policy every port
        // reaches them, which lets tests show that only the admin port asks for signatures.
        var things = endpoints.MapGroup("/things").OnListener(Listener.Admin).WithIdempotency();
        things.MapPost("/", (HttpContext context, NpgsqlDataSource db) => RecordAsync(context, db, "things"));
        things.MapPut("/{name}", (HttpContext context, NpgsqlDataSource db) => RecordAsync(context, db, "put"));
        things.MapPost("/failing", (HttpContext context, NpgsqlDataSource db) => RecordAsync(context, db, "failing"));
        things.MapPost("/throwing", (HttpContext context, NpgsqlDataSource db) => RecordAsync(context, db, "throwing"));
        things.MapPost("/large", (HttpContext context, NpgsqlDataSource db) => RecordAsync(context, db, "large"));
        things.MapGet("/", () => Results.Ok(new { listed = true }));

        endpoints.MapPost("/transfers", (HttpContext context, NpgsqlDataSource db) =>
                RecordAsync(context, db, "transfers"))
            .OnListener(Listener.Admin)
            .WithIdempotency()
            .RequireIdempotencyKey();
        endpoints.MapPost("/unguarded", (HttpContext context, NpgsqlDataSource db) =>
            RecordAsync(context, db, "unguarded"));
    }

    /// <summary>Records one run, then answers as the route's name says.</summary>
    static async Task<IResult> RecordAsync(HttpContext context, NpgsqlDataSource db, string route)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        await using var insert = db.CreateCommand(
            "INSERT INTO handler_runs (route, idempotency_key, body) VALUES ($1, $2, $3) RETURNING id");
        insert.Parameters.Add(new() { Value = route });
        insert.Parameters.Add(new() { Value = context.Request.Headers["Idempotency-Key"].ToString() });
        insert.Parameters.Add(new() { Value = body });
        var id = (long)(await insert.ExecuteScalarAsync(context.RequestAborted))!;

        if (int.TryParse(context.Request.Query["delayMs"], out var delayMs))
        {
            await Task.Delay(delayMs, context.RequestAborted);
        }

        context.Response.Headers["X-Run-Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return route switch
        {
            "failing" => Results.Problem(statusCode: 400, title: "Refused on purpose."),
            "throwing" => throw new InvalidOperationException("The handler failed on purpose."),
            "large" => Results.Bytes(new byte[1536 * 1024], "application/octet-stream"),
            _ => Results.Created($"/things/{id}", new { id, body }),
        };
    }

    public HttpClient CreateAdminClient() => CreateClientFor(AdminPort);

    public HttpClient CreateClientFor(int port)
    {
        var client = _app.GetTestClient();
        client.BaseAddress = new Uri($"http://localhost:{port}");
        return client;
    }

    /// <summary>How many times a handler ran for requests carrying this idempotency key.</summary>
    public async Task<long> RunsAsync(string idempotencyKey)
    {
        await using var count = DataSource.CreateCommand(
            "SELECT count(*) FROM handler_runs WHERE idempotency_key = $1");
        count.Parameters.Add(new() { Value = idempotencyKey });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>How many times a handler ran for requests with exactly this body.</summary>
    public async Task<long> RunsWithBodyAsync(string body)
    {
        await using var count = DataSource.CreateCommand("SELECT count(*) FROM handler_runs WHERE body = $1");
        count.Parameters.Add(new() { Value = body });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Signs a request the way an admin client does.</summary>
    public static string Sign(string secret, long timestampMs, string method, string target, string body)
    {
        var payload = $"{timestampMs}.{method}.{target}.{body}";
        var digest = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
        return $"t={timestampMs}, v1={Convert.ToHexStringLower(digest)}";
    }

    /// <summary>Builds a request, signed with the host's secret at the host's time when it has one.</summary>
    public HttpRequestMessage Request(HttpMethod method, string target, string? body = null,
        string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, target);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (Secret is not null)
        {
            request.Headers.Add("signature",
                Sign(Secret, Time.GetUtcNow().ToUnixTimeMilliseconds(), method.Method, target, body ?? ""));
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await Redis.DisposeAsync();
        await DataSource.DisposeAsync();
        await TestServers.DropDatabaseAsync(_databaseUrl);
    }

    sealed class CollectingLoggerProvider(ConcurrentQueue<(LogLevel, EventId, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(logs);

        public void Dispose()
        {
        }

        sealed class Collector(ConcurrentQueue<(LogLevel, EventId, string)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((logLevel, eventId, formatter(state, exception) + " " + exception));
        }
    }
}
