using System.Security.Cryptography;
using System.Text;
using Raio.Api.Configuration;

namespace Raio.Api.Infrastructure.Idempotency;

/// <summary>
/// Decides whose keys a request's key lives among, so that no caller can read another's stored
/// responses. Today the admin API has one caller, the operator, known by the secret it signs
/// with; a multi-tenant admin API answers its tenant's id here instead.
/// </summary>
public class IdempotencyScope
{
    readonly string _operator;

    public IdempotencyScope(RaioSettings settings)
    {
        // A keyed hash, not the secret: Redis keys are visible to anyone who can list them.
        _operator = settings.AdminApiSecret is { } secret
            ? "operator-" + Convert.ToHexStringLower(
                HMACSHA256.HashData(secret.Bytes, "raio idempotency scope"u8))[..16]
            : "operator";
    }

    /// <summary>The caller's identity, as a Redis key segment without spaces or colons.</summary>
    public virtual string CallerOf(HttpContext context) => _operator;

    /// <summary>The Redis key for one caller's idempotency key.</summary>
    public string RedisKeyFor(string prefix, HttpContext context, string idempotencyKey)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(idempotencyKey)));
        return $"{prefix}idempotency:{CallerOf(context)}:{key}";
    }
}
