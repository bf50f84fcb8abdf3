using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

// Drives the admin API over loopback HTTP: create asset, deposit liquidity (each with its own
// idempotency key) and read liquidity, at several connection counts, and samples the service's
// resident memory. Prints one markdown table; script/loadtest writes it into BENCHMARKS.md.
var options = LoadOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Connections.Max(),
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
})
{
    BaseAddress = new Uri(options.BaseUrl),
    Timeout = TimeSpan.FromSeconds(30),
};
var signer = new RequestSigner(options.Secret);

var idleRssMiB = Memory.ResidentMiB(options.Pid);
var asset = await Setup.CreateAssetForDepositsAsync(http, signer);
var codes = new AssetCodes();

var scenarios = new (string Name, Func<Task<bool>> Send)[]
{
    ("create asset", () => Requests.CreateAssetAsync(http, signer, codes.Next())),
    ("deposit liquidity", () => Requests.DepositAsync(http, signer, asset)),
    ("get liquidity", () => Requests.GetLiquidityAsync(http, signer, asset)),
    // The floor: what the HTTP stack and this load generator manage with no work behind them.
    ("liveness probe", () => Requests.LivenessAsync(http)),
};

var only = options.Only;
scenarios = scenarios.Where(s => only is null || s.Name.Contains(only, StringComparison.Ordinal)).ToArray();

var rows = new List<string>();
var peakRssMiB = idleRssMiB;
foreach (var (name, send) in scenarios)
{
    foreach (var connections in options.Connections)
    {
        await Runner.RunAsync(send, connections, TimeSpan.FromSeconds(1)); // warm-up
        using var sampler = new Memory.Sampler(options.Pid);
        var result = await Runner.RunAsync(send, connections, options.Duration);
        peakRssMiB = Math.Max(peakRssMiB, sampler.PeakMiB);
        rows.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {connections} | {result.Completed} | {result.Failed} | "
            + $"{result.PerSecond:0} | {result.P50Ms:0.0} | {result.P99Ms:0.0} |"));
        Console.Error.WriteLine(rows[^1]);
    }
}

Console.WriteLine("| scenario | connections | requests | non-2xx | requests/s | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Resident memory of the service: {idleRssMiB:0} MiB idle (after start-up and before load), "
    + $"{peakRssMiB:0} MiB peak under load."));
return 0;

sealed record LoadOptions(string BaseUrl, int[] Connections, TimeSpan Duration, string? Secret, int Pid,
    string? Only)
{
    public static LoadOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new LoadOptions(
            Value("--base-url", "http://127.0.0.1:3001"),
            Value("--connections", "1,8,32").Split(',').Select(int.Parse).ToArray(),
            TimeSpan.FromSeconds(double.Parse(Value("--seconds", "10"), CultureInfo.InvariantCulture)),
            Environment.GetEnvironmentVariable("ADMIN_API_SECRET") is { Length: > 0 } s ? s : null,
            int.Parse(Value("--pid", "0"), CultureInfo.InvariantCulture),
            Value("--only", "") is { Length: > 0 } only ? only : null);
    }
}

sealed record RunResult(long Completed, long Failed, double PerSecond, double P50Ms, double P99Ms);

static class Runner
{
    public static async Task<RunResult> RunAsync(Func<Task<bool>> send, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        long failed = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await send();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[(int)Math.Min(all.Length - 1, p * all.Length)];
        return new RunResult(all.Length, failed, all.Length / elapsed, Percentile(0.50), Percentile(0.99));
    }
}

static class Setup
{
    public static async Task<Guid> CreateAssetForDepositsAsync(HttpClient http, RequestSigner signer)
    {
        var body = JsonSerializer.Serialize(new { code = "XLT", scale = 9 });
        using var response = await http.SendAsync(signer.Sign(HttpMethod.Post, "/assets", body, Guid.NewGuid()));
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return created.GetProperty("id").GetGuid();
    }
}

static class Requests
{
    public static async Task<bool> LivenessAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/healthz");
        return response.IsSuccessStatusCode;
    }

    public static async Task<bool> CreateAssetAsync(HttpClient http, RequestSigner signer, (string, int) asset)
    {
        var body = JsonSerializer.Serialize(new { code = asset.Item1, scale = asset.Item2 });
        using var response = await http.SendAsync(signer.Sign(HttpMethod.Post, "/assets", body, Guid.NewGuid()));
        return response.IsSuccessStatusCode;
    }

    public static async Task<bool> DepositAsync(HttpClient http, RequestSigner signer, Guid asset)
    {
        var body = JsonSerializer.Serialize(new { id = Guid.NewGuid(), amount = "100" });
        using var response = await http.SendAsync(
            signer.Sign(HttpMethod.Post, $"/assets/{asset}/liquidity/deposits", body, Guid.NewGuid()));
        return response.IsSuccessStatusCode;
    }

    public static async Task<bool> GetLiquidityAsync(HttpClient http, RequestSigner signer, Guid asset)
    {
        using var response = await http.SendAsync(
            signer.Sign(HttpMethod.Get, $"/assets/{asset}/liquidity", null, null));
        return response.IsSuccessStatusCode;
    }
}

/// <summary>Hands out code and scale pairs that no earlier request used.</summary>
sealed class AssetCodes
{
    int _next;

    public (string Code, int Scale) Next()
    {
        var n = Interlocked.Increment(ref _next);
        var letters = new char[3];
        var rest = n / 256;
        for (var i = 2; i >= 0; i--)
        {
            letters[i] = (char)('A' + rest % 26);
            rest /= 26;
        }

        return (new string(letters), n % 256);
    }
}

/// <summary>Signs admin requests as the README describes, when ADMIN_API_SECRET is set.</summary>
sealed class RequestSigner(string? secret)
{
    public HttpRequestMessage Sign(HttpMethod method, string pathAndQuery, string? body, Guid? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is { } key)
        {
            request.Headers.Add("Idempotency-Key", key.ToString());
        }

        if (secret is not null)
        {
            var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            var payload = $"{t}.{method.Method}.{pathAndQuery}.{body}";
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
            request.Headers.Add("signature", $"t={t}, v1={Convert.ToHexStringLower(mac)}");
        }

        return request;
    }
}

static class Memory
{
    public static double ResidentMiB(int pid)
    {
        if (pid <= 0)
        {
            return 0;
        }

        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                    CultureInfo.InvariantCulture);
                return kib / 1024.0;
            }
        }

        return 0;
    }

    public sealed class Sampler : IDisposable
    {
        readonly Timer _timer;

        public Sampler(int pid) =>
            _timer = new Timer(_ => PeakMiB = Math.Max(PeakMiB, ResidentMiB(pid)), null, 0, 100);

        public double PeakMiB { get; private set; }

        public void Dispose() => _timer.Dispose();
    }
}
