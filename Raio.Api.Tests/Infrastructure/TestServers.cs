using System.Net.Sockets;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.Redis;

namespace Raio.Api.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL and Redis every test runs against. Where a Docker engine answers they are
/// Testcontainers; otherwise they are the servers <c>script/test</c> started, whose addresses
/// arrive in <c>RAIO_TEST_DATABASE_URL</c> and <c>RAIO_TEST_REDIS_URL</c>. Each test class gets
/// a database of its own, so classes can run side by side.
/// </summary>
public static class TestServers
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static (string AdminUrl, string RedisUrl)? _servers;

    public static async Task<string> RedisUrlAsync() => (await StartAsync()).RedisUrl;

    /// <summary>Creates an empty database and answers its <c>postgresql://</c> URL.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var adminUrl = new Uri((await StartAsync()).AdminUrl);
        var name = $"raio_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ToConnectionString(adminUrl)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new UriBuilder(adminUrl) { Path = "/" + name }.Uri.ToString();
    }

    public static string ToConnectionString(Uri url)
    {
        var user = url.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.Port > 0 ? url.Port : 5432,
            Database = url.AbsolutePath.Trim('/'),
            Username = user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : "postgres",
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            MaxPoolSize = 40,
        };
        return builder.ConnectionString;
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/>, so that a local test cluster
    /// does not fill up run after run.
    /// </summary>
    public static async Task DropDatabaseAsync(string databaseUrl)
    {
        var url = new Uri(databaseUrl);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ToConnectionString(url)));
        var adminUrl = new Uri((await StartAsync()).AdminUrl);
        await using var connection = new NpgsqlConnection(ToConnectionString(adminUrl));
        await connection.OpenAsync();
        var name = url.AbsolutePath.Trim('/');
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<(string AdminUrl, string RedisUrl)> StartAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _servers ??= DockerAnswers() ? await StartContainersAsync() : FromEnvironment();
        }
        finally
        {
            Gate.Release();
        }
    }

    static (string, string) FromEnvironment()
    {
        var database = Environment.GetEnvironmentVariable("RAIO_TEST_DATABASE_URL");
        var redis = Environment.GetEnvironmentVariable("RAIO_TEST_REDIS_URL");
        if (string.IsNullOrEmpty(database) || string.IsNullOrEmpty(redis))
        {
            throw new InvalidOperationException(
                "No Docker engine answers and RAIO_TEST_DATABASE_URL or RAIO_TEST_REDIS_URL is not "
                + "set: run the tests with script/test, which starts PostgreSQL and Redis.");
        }

        return (database, redis);
    }

    static async Task<(string, string)> StartContainersAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:15").WithUsername("postgres").WithPassword("postgres").Build();
        var redis = new RedisBuilder("redis:7").Build();
        await Task.WhenAll(postgres.StartAsync(), redis.StartAsync());
        var pgUrl = $"postgresql://postgres:postgres@{postgres.Hostname}:"
            + $"{postgres.GetMappedPublicPort(5432)}/postgres";
        var redisUrl = $"redis://{redis.Hostname}:{redis.GetMappedPublicPort(6379)}";
        return (pgUrl, redisUrl);
    }

    static bool DockerAnswers()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socket = host is not null && host.StartsWith("unix://", StringComparison.Ordinal)
            ? host["unix://".Length..]
            : "/var/run/docker.sock";
        if (host is not null && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return true;
        }

        if (!File.Exists(socket))
        {
            return false;
        }

        try
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
