using System.Reflection;
using Raio.Api.Configuration;

namespace Raio.Api.Infrastructure;

/// <summary>
/// The build runs the host's entry point up to <c>Build()</c> to write the OpenAPI document. It has
/// no environment to read and opens no connection, so it gets inert settings.
/// </summary>
static class BuildTimeDocument
{
    public static bool IsRunning { get; } =
        Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static RaioSettings Settings { get; } = new()
    {
        DatabaseConnectionString = "Host=localhost;Database=raio",
        Redis = StackExchange.Redis.ConfigurationOptions.Parse("localhost:6379,abortConnect=false"),
    };
}
