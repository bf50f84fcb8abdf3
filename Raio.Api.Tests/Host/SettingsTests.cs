using Microsoft.Extensions.Configuration;
using Raio.Api.Configuration;

namespace Raio.Api.Tests.Host;

public class SettingsTests
{
    static RaioSettings Read(params (string Key, string Value)[] values) =>
        RaioSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    static readonly (string, string)[] Valid =
    [
        ("DATABASE_URL", "postgresql://raio:s3cret@db.example:6543/raio?sslmode=require"),
        ("REDIS_URL", "redis://:hunter2@cache.example:6380/2"),
    ];

    [Fact]
    public void ValidSettingsAreParsedWithRafikiDefaults()
    {
        var settings = Read(Valid);

        Assert.Contains("Host=db.example", settings.DatabaseConnectionString);
        Assert.Contains("Port=6543", settings.DatabaseConnectionString);
        Assert.Contains("SSL Mode=Require", settings.DatabaseConnectionString);
        Assert.Equal("hunter2", settings.Redis.Password);
        Assert.Equal(2, settings.Redis.DefaultDatabase);
        Assert.Equal((3001, 3002, 3003), (settings.AdminPort, settings.ConnectorPort, settings.OpenPaymentsPort));
        Assert.Null(settings.AdminApiSecret);
        Assert.Equal((1, 30), (settings.AdminApiSignatureVersion, settings.AdminApiSignatureTtlSeconds));
        Assert.Equal((86_400_000, 10_000), (settings.IdempotencyKeyTtlMs, settings.IdempotencyKeyLockMs));
        Assert.Equal("raio:", settings.RedisKeyPrefix);
    }

    [Fact]
    public void AdminSigningAndIdempotencySettingsAreRead()
    {
        var settings = Read([.. Valid,
            ("ADMIN_API_SECRET", "  sixteen or more chars  "),
            ("ADMIN_API_SIGNATURE_VERSION", "2"),
            ("ADMIN_API_SIGNATURE_TTL_SECONDS", "60"),
            ("IDEMPOTENCY_KEY_TTL_MS", "3600000"),
            ("IDEMPOTENCY_KEY_LOCK_MS", "2000"),
            ("REDIS_KEY_PREFIX", "tenant-a:")]);

        // The secret is taken exactly as set, spaces included, since signers use it as set.
        Assert.Equal("  sixteen or more chars  "u8.ToArray(), settings.AdminApiSecret!.Bytes.ToArray());
        Assert.Equal((2, 60), (settings.AdminApiSignatureVersion, settings.AdminApiSignatureTtlSeconds));
        Assert.Equal((3_600_000, 2_000), (settings.IdempotencyKeyTtlMs, settings.IdempotencyKeyLockMs));
        Assert.Equal("tenant-a:", settings.RedisKeyPrefix);
    }

    [Fact]
    public void TheSettingsNeverPrintTheAdminSecret()
    {
        var settings = Read([.. Valid, ("ADMIN_API_SECRET", "do-not-print-this-secret")]);

        Assert.DoesNotContain("do-not-print-this-secret", settings.ToString());
    }

    [Theory]
    [InlineData("DATABASE_URL", null)]
    [InlineData("DATABASE_URL", "mysql://localhost/raio")]
    [InlineData("DATABASE_URL", "postgresql://localhost")]
    [InlineData("REDIS_URL", null)]
    [InlineData("REDIS_URL", "http://localhost:6379")]
    [InlineData("REDIS_URL", "redis://localhost:6379/two")]
    [InlineData("ADMIN_PORT", "70000")]
    [InlineData("OPEN_PAYMENTS_PORT", "http")]
    [InlineData("LOG_LEVEL", "loud")]
    [InlineData("REDIS_TLS_CA_FILE_PATH", "/nonexistent/ca.pem")]
    [InlineData("ADMIN_API_SECRET", "too-short")]
    [InlineData("ADMIN_API_SIGNATURE_VERSION", "0")]
    [InlineData("ADMIN_API_SIGNATURE_TTL_SECONDS", "-5")]
    [InlineData("ADMIN_API_SIGNATURE_TTL_SECONDS", "half a minute")]
    [InlineData("IDEMPOTENCY_KEY_TTL_MS", "0")]
    [InlineData("IDEMPOTENCY_KEY_LOCK_MS", "1.5")]
    [InlineData("REDIS_KEY_PREFIX", "has spaces:")]
    public void AMissingOrMalformedVariableIsNamed(string variable, string? value)
    {
        var values = Valid.Where(v => v.Item1 != variable).ToList();
        if (value is not null)
        {
            values.Add((variable, value));
        }

        var error = Assert.Throws<InvalidSettingException>(() => Read(values.ToArray()));

        Assert.Equal(variable, error.Variable);
        Assert.StartsWith(variable, error.Message);
    }

    [Fact]
    public void TheMessageNeverEchoesASecret()
    {
        var error = Assert.Throws<InvalidSettingException>(() =>
            Read(("DATABASE_URL", "postgresql://raio:s3cret@db/raio?weird=1"), Valid[1]));

        Assert.DoesNotContain("s3cret", error.Message);
    }

    [Fact]
    public void TwoListenersCannotShareAPort()
    {
        var error = Assert.Throws<InvalidSettingException>(() =>
            Read([.. Valid, ("ADMIN_PORT", "4000"), ("OPEN_PAYMENTS_PORT", "4000")]));

        Assert.Equal("ADMIN_PORT", error.Variable);
    }
}
