using Npgsql;
using StackExchange.Redis;

namespace Raio.Api.Configuration;

/// <summary>
/// Everything the service reads from its environment, parsed and checked before anything listens.
/// Names follow Rafiki's where Rafiki has one.
/// </summary>
public sealed record RaioSettings
{
    public required string DatabaseConnectionString { get; init; }
    public required ConfigurationOptions Redis { get; init; }
    public int AdminPort { get; init; } = 3001;
    public int ConnectorPort { get; init; } = 3002;
    public int OpenPaymentsPort { get; init; } = 3003;
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Prefixes every Redis key the service writes, so two deployments can share a Redis.</summary>
    public string RedisKeyPrefix { get; init; } = "raio:";

    /// <summary>Signs admin requests; when absent the admin API accepts unsigned requests.</summary>
    public Secret? AdminApiSecret { get; init; }
    public int AdminApiSignatureVersion { get; init; } = 1;
    public int AdminApiSignatureTtlSeconds { get; init; } = 30;

    /// <summary>How long a completed admin request is kept for replay under its idempotency key.</summary>
    public int IdempotencyKeyTtlMs { get; init; } = 86_400_000;

    /// <summary>How long a key stays claimed by a request in flight; longer than the slowest request.</summary>
    public int IdempotencyKeyLockMs { get; init; } = 10_000;

    /// <summary>Reads and validates the settings; the exception names the variable at fault.</summary>
    /// <exception cref="InvalidSettingException">A variable is missing or malformed.</exception>
    public static RaioSettings From(IConfiguration configuration)
    {
        var reader = new SettingsReader(configuration);
        var settings = new RaioSettings
        {
            DatabaseConnectionString = ParseDatabaseUrl(reader.Required("DATABASE_URL")),
            Redis = ParseRedis(reader),
            AdminPort = reader.Port("ADMIN_PORT", 3001),
            ConnectorPort = reader.Port("CONNECTOR_PORT", 3002),
            OpenPaymentsPort = reader.Port("OPEN_PAYMENTS_PORT", 3003),
            LogLevel = reader.Enum("LOG_LEVEL", LogLevel.Information),
            RedisKeyPrefix = ParseRedisKeyPrefix(reader),
            AdminApiSecret = ParseAdminApiSecret(reader),
            AdminApiSignatureVersion = reader.PositiveInt("ADMIN_API_SIGNATURE_VERSION", 1),
            AdminApiSignatureTtlSeconds = reader.PositiveInt("ADMIN_API_SIGNATURE_TTL_SECONDS", 30),
            IdempotencyKeyTtlMs = reader.PositiveInt("IDEMPOTENCY_KEY_TTL_MS", 86_400_000),
            IdempotencyKeyLockMs = reader.PositiveInt("IDEMPOTENCY_KEY_LOCK_MS", 10_000),
        };

        var ports = new[] { settings.AdminPort, settings.ConnectorPort, settings.OpenPaymentsPort };
        if (ports.Distinct().Count() != ports.Length)
        {
            throw new InvalidSettingException(
                "ADMIN_PORT", "ADMIN_PORT, CONNECTOR_PORT and OPEN_PAYMENTS_PORT must differ");
        }

        return settings;
    }

    static string ParseRedisKeyPrefix(SettingsReader reader)
    {
        var prefix = reader.Optional("REDIS_KEY_PREFIX") ?? "raio:";
        if (prefix.Length > 64 || prefix.Any(c => c is <= ' ' or > '~'))
        {
            throw new InvalidSettingException(
                "REDIS_KEY_PREFIX", "must be at most 64 printable ASCII characters without spaces");
        }

        return prefix;
    }

    static Secret? ParseAdminApiSecret(SettingsReader reader)
    {
        // Read untrimmed: a secret is taken exactly as given, and signers hash it as given.
        var value = reader.Optional("ADMIN_API_SECRET") is null ? null : reader.Raw("ADMIN_API_SECRET");
        if (value is null)
        {
            return null;
        }

        if (value.Length < 16)
        {
            throw new InvalidSettingException("ADMIN_API_SECRET", "must be at least 16 characters long");
        }

        return new Secret(value);
    }

    static string ParseDatabaseUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("postgresql" or "postgres")
            || string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath.Trim('/').Length == 0)
        {
            throw new InvalidSettingException(
                "DATABASE_URL", "must look like postgresql://user:password@host:5432/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var setting = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            if (key == "sslmode" && Enum.TryParse<SslMode>(setting, ignoreCase: true, out var mode))
            {
                builder.SslMode = mode;
            }
            else
            {
                throw new InvalidSettingException("DATABASE_URL", $"has an unsupported option '{key}'");
            }
        }

        return builder.ConnectionString;
    }

    static ConfigurationOptions ParseRedis(SettingsReader reader)
    {
        var value = reader.Required("REDIS_URL");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("redis" or "rediss")
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidSettingException("REDIS_URL", "must look like redis://host:6379/0");
        }

        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            Ssl = uri.Scheme == "rediss",
            ConnectTimeout = 2000,
            SyncTimeout = 2000,
            AsyncTimeout = 2000,
        };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length == 2)
        {
            if (userInfo[0].Length > 0)
            {
                options.User = Uri.UnescapeDataString(userInfo[0]);
            }

            options.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        else if (userInfo[0].Length > 0)
        {
            options.Password = Uri.UnescapeDataString(userInfo[0]);
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            if (!int.TryParse(database, out var number) || number < 0)
            {
                throw new InvalidSettingException("REDIS_URL", "has a database that is not a number");
            }

            options.DefaultDatabase = number;
        }

        RedisTls.Apply(options, reader);
        return options;
    }
}
