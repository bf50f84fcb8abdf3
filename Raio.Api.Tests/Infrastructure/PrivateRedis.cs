using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Raio.Api.Tests.Infrastructure;

/// <summary>
/// A redis-server process of the test's own, for tests that stop Redis to prove a fault; the
/// shared server is never stopped.
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    readonly Process _process;

    PrivateRedis(Process process, int port)
    {
        _process = process;
        Url = $"redis://127.0.0.1:{port}";
    }

    public string Url { get; }

    public static async Task<PrivateRedis> StartAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("redis-server",
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)
            ?? throw new InvalidOperationException("redis-server could not be started; is it installed?");
        var redis = new PrivateRedis(process, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
                await probe.GetDatabase().PingAsync();
                return redis;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(50);
            }
        }

        await redis.DisposeAsync();
        throw new InvalidOperationException($"redis-server did not answer on port {port}.");
    }

    /// <summary>Kills the server, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
