using System.Globalization;
using Npgsql;

namespace Raio.Benchmarks;

/// <summary>What one run measures and where, from the command line.</summary>
sealed record BenchSettings
{
    public const string Usage = """
        usage: Raio.Benchmarks --database-url postgresql://user@host:port/db [options]

          --database-url URL  a server where the user may create and drop databases
                              (default: RAIO_BENCH_DATABASE_URL)
          --quick             a smoke run: short cells, fewer accounts
          --seconds N         measured seconds per cell (default 4, quick 0.5)
          --warmup N          warm-up seconds per cell (default 1, quick 0.2)
          --accounts N        accounts per workload (default 10000, quick 1000)
          --writers N         PostgresLedgerOptions.Writers (default: the adapter's default)
          --markdown PATH     also write the result tables to PATH as Markdown
        """;

    public required string AdminConnectionString { get; init; }
    public bool Quick { get; init; }
    public TimeSpan Measure { get; init; }
    public TimeSpan Warmup { get; init; }
    public int Accounts { get; init; }
    public int? Writers { get; init; }
    public string? MarkdownPath { get; init; }

    /// <exception cref="ArgumentException">An option is unknown, lacks its value or is malformed.</exception>
    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--database-url" or "--seconds" or "--warmup" or "--accounts" or "--writers"
                    or "--markdown":
                    if (i + 1 == args.Count)
                    {
                        throw new ArgumentException($"{args[i]} needs a value.");
                    }

                    values[args[i]] = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        var url = values.GetValueOrDefault("--database-url")
            ?? Environment.GetEnvironmentVariable("RAIO_BENCH_DATABASE_URL")
            ?? throw new ArgumentException("Pass --database-url or set RAIO_BENCH_DATABASE_URL.");
        return new BenchSettings
        {
            AdminConnectionString = ToConnectionString(url),
            Quick = quick,
            Measure = TimeSpan.FromSeconds(Number(values, "--seconds", quick ? 0.5 : 4)),
            Warmup = TimeSpan.FromSeconds(Number(values, "--warmup", quick ? 0.2 : 1)),
            Accounts = (int)Number(values, "--accounts", quick ? 1000 : 10_000),
            Writers = values.ContainsKey("--writers") ? (int)Number(values, "--writers", 0) : null,
            MarkdownPath = values.GetValueOrDefault("--markdown"),
        };
    }

    /// <summary>The same server with another database.</summary>
    public string ConnectionStringFor(string database, int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = database,
            MaxPoolSize = maxPoolSize,
        }.ConnectionString;

    static double Number(Dictionary<string, string> values, string name, double fallback)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a positive number, not '{text}'.");
    }

    static string ToConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("postgresql" or "postgres"))
        {
            throw new ArgumentException($"'{url}' is not a postgresql:// URL.");
        }

        var user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } name ? name : "postgres",
            Username = user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : "postgres",
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
        }.ConnectionString;
    }
}
