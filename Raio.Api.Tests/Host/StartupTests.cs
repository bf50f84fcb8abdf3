using System.Diagnostics;

namespace Raio.Api.Tests.Host;

/// <summary>The real process, started as an operator would start it.</summary>
public class StartupTests
{
    [Fact]
    public async Task AMissingDatabaseUrlStopsTheProcessWithOneLineNamingIt()
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment.Remove("DATABASE_URL");
        start.Environment["REDIS_URL"] = "redis://127.0.0.1:1";

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.NotEqual(0, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("DATABASE_URL", line);
    }
}
