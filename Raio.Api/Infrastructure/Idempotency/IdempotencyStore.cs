using System.Text.Json;
using Raio.Api.Configuration;
using StackExchange.Redis;

namespace Raio.Api.Infrastructure.Idempotency;

/// <summary>
/// One Redis string per key, moved through two states: claimed (SET NX with a short expiry, so a
/// crashed claimant frees the key) and completed (the response, kept for the TTL). Every change
/// after the claim checks that the claim is still ours, so a claim that expired and was taken by
/// another request is never overwritten or released by the first.
/// </summary>
/// <remarks>Every method throws <see cref="RedisException"/> or <see cref="TimeoutException"/>
/// when Redis does not answer.</remarks>
sealed class IdempotencyStore(IConnectionMultiplexer redis, RaioSettings settings)
{
    const int ClaimAttempts = 3;

    const string CompleteIfClaimed = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return 1
        end
        return 0
        """;

    const string ReleaseIfClaimed = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    public async Task<ClaimResult> ClaimAsync(string key, string routeSha256, string bodySha256)
    {
        var database = redis.GetDatabase();
        var claim = new IdempotencyEntry(Guid.NewGuid().ToString("N"), routeSha256, bodySha256, null);
        var claimValue = JsonSerializer.Serialize(claim);
        var lockTime = TimeSpan.FromMilliseconds(settings.IdempotencyKeyLockMs);

        // A key seen neither claimed nor stored was released between our two commands: try again.
        for (var attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            if (await database.StringSetAsync(key, claimValue, lockTime, When.NotExists))
            {
                return new ClaimResult(ClaimOutcome.Claimed, claimValue, null);
            }

            var existing = await database.StringGetAsync(key);
            if (existing.IsNull)
            {
                continue;
            }

            var entry = JsonSerializer.Deserialize<IdempotencyEntry>(existing.ToString())
                ?? throw new InvalidOperationException($"Redis key {key} holds no idempotency entry.");
            if (entry.RouteSha256 != routeSha256)
            {
                return new ClaimResult(ClaimOutcome.ReusedOnAnotherRoute, null, null);
            }

            if (entry.BodySha256 != bodySha256)
            {
                return new ClaimResult(ClaimOutcome.ReusedWithAnotherBody, null, null);
            }

            return entry.Response is null
                ? new ClaimResult(ClaimOutcome.InFlight, null, null)
                : new ClaimResult(ClaimOutcome.Completed, null, entry.Response);
        }

        return new ClaimResult(ClaimOutcome.InFlight, null, null);
    }

    /// <summary>Replaces our claim by the response; false when the claim had already expired.</summary>
    public async Task<bool> CompleteAsync(string key, string claimValue, StoredResponse response)
    {
        var claim = JsonSerializer.Deserialize<IdempotencyEntry>(claimValue)!;
        var completed = JsonSerializer.Serialize(claim with { Response = response });
        var stored = await redis.GetDatabase().ScriptEvaluateAsync(CompleteIfClaimed, [key],
            [claimValue, completed, settings.IdempotencyKeyTtlMs]);
        return (int)stored == 1;
    }

    /// <summary>Frees the key for a retry, unless another request has claimed it since.</summary>
    public async Task ReleaseAsync(string key, string claimValue) =>
        await redis.GetDatabase().ScriptEvaluateAsync(ReleaseIfClaimed, [key], [claimValue]);
}

enum ClaimOutcome
{
    Claimed,
    InFlight,
    Completed,
    ReusedOnAnotherRoute,
    ReusedWithAnotherBody,
}

/// <param name="ClaimValue">Set when claimed: what <see cref="IdempotencyStore"/> checks is still ours.</param>
/// <param name="Response">Set when completed: the response to replay.</param>
sealed record ClaimResult(ClaimOutcome Outcome, string? ClaimValue, StoredResponse? Response);
