using FluentValidation;
using Npgsql;
using Raio.Api;
using Raio.Api.Configuration;
using Raio.Api.Infrastructure;
using Raio.Api.Infrastructure.AdminSignatures;
using Raio.Api.Infrastructure.Idempotency;
using Raio.Api.Pipeline;
using Raio.Ledger;
using Raio.Ledger.Postgres;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);

// Configuration comes from the environment and is checked before anything listens.
RaioSettings settings;
try
{
    settings = RaioSettings.From(builder.Configuration);
}
catch (InvalidSettingException e) when (!BuildTimeDocument.IsRunning)
{
    await Console.Error.WriteLineAsync($"raio: invalid configuration: {e.Message}");
    return 1;
}
catch (InvalidSettingException) when (BuildTimeDocument.IsRunning)
{
    // The build writes the OpenAPI document without a database or Redis to talk to.
    settings = BuildTimeDocument.Settings;
}

builder.Services.AddSingleton(settings);

// One structured line per event; the framework's own per-request lines are ours to write.
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(o => o.JsonWriterOptions = new() { Indented = false });
builder.Logging.SetMinimumLevel(settings.LogLevel);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Warning);

// Three listeners in one process, as in Rafiki.
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.ListenAnyIP(settings.AdminPort);
    kestrel.ListenAnyIP(settings.ConnectorPort);
    kestrel.ListenAnyIP(settings.OpenPaymentsPort);
});

// Shared state: PostgreSQL for money and records, Redis for short-lived coordination.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => DatabaseSetup.CreateDataSource(settings.DatabaseConnectionString));
builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(settings.Redis));
builder.Services.AddPostgresLedger(
    () => DatabaseSetup.CreateLedgerDataSource(settings.DatabaseConnectionString),
    runExpiryWorker: !BuildTimeDocument.IsRunning);

// The slices' SQL names columns in snake_case; Dapper maps them onto PascalCase properties.
Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

// Slices are dispatched by the compile-time mediator; validators run before every handler.
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Singleton;
    options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
});
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
// Messages name fields as clients spell them in JSON.
ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
    member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);

// Plumbing every operator expects.
builder.Services.AddRaioProblemDetails();
builder.Services.AddRaioHealthChecks();
builder.Services.AddRaioOpenApi();
builder.Services.AddSingleton<Microsoft.AspNetCore.Routing.MatcherPolicy, ListenerMatcherPolicy>();

// Admin requests are signed and, where marked, run once per idempotency key.
builder.Services.AddIdempotency();

var app = builder.Build();

// Outermost, so that the line it writes carries the status the other layers settled on.
app.UseRaioRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAdminSignatures();
app.UseIdempotency();

app.MapRaioHealth();
app.MapRaioOpenApi();
app.MapFeatures();

// Migrations run before the first request can be served.
try
{
    if (!BuildTimeDocument.IsRunning)
    {
        await SchemaMigrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
            app.Logger, CancellationToken.None);
    }
}
catch (NpgsqlException e)
{
    await Console.Error.WriteLineAsync(
        $"raio: cannot migrate the database named by DATABASE_URL: {e.Message}");
    return 1;
}

await app.RunAsync();
return 0;

public partial class Program;
