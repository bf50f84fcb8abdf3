using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Raio.Api.Configuration;
using StackExchange.Redis;

namespace Raio.Api.Infrastructure.AdminSignatures;

/// <summary>
/// Refuses admin requests that are not signed with <c>ADMIN_API_SECRET</c>, that are older (or
/// further ahead) than <c>ADMIN_API_SIGNATURE_TTL_SECONDS</c>, or whose signature was used
/// before. Every refusal has the same body, so a caller learns nothing about which check failed;
/// the log says which, for the operator.
/// </summary>
sealed partial class AdminSignatureMiddleware(
    RequestDelegate next,
    RaioSettings settings,
    IConnectionMultiplexer redis,
    TimeProvider time,
    ILogger<AdminSignatureMiddleware> logger)
{
    static readonly byte[] UnauthorizedBody =
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"Unauthorized","status":401,"code":"unauthorized"}"""u8
            .ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        if (settings.AdminApiSecret is not { } secret
            || ListenerMatcherPolicy.PortOf(context) != settings.AdminPort
            || context.GetEndpoint()?.Metadata.GetMetadata<UnsignedAdminRequestsMetadata>() is not null)
        {
            await next(context);
            return;
        }

        var verdict = await VerifyAsync(context, secret);
        if (verdict == Verdict.Valid)
        {
            await next(context);
            return;
        }

        if (verdict == Verdict.StoreUnavailable)
        {
            await ProblemWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                "signature_store_unavailable", "The request was not processed.",
                "Signatures cannot be checked for replay right now; retry the request later.");
            return;
        }

        Log.Refused(logger, context.Request.Method, verdict);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "application/problem+json";
        context.Response.Headers.WWWAuthenticate = "Signature";
        context.Response.ContentLength = UnauthorizedBody.Length;
        await context.Response.Body.WriteAsync(UnauthorizedBody, context.RequestAborted);
    }

    async Task<Verdict> VerifyAsync(HttpContext context, Secret secret)
    {
        var headers = context.Request.Headers[AdminSignature.Header];
        if (headers.Count == 0)
        {
            return Verdict.Missing;
        }

        if (headers.Count > 1
            || !AdminSignature.TryParse(headers[0], settings.AdminApiSignatureVersion, out var signature))
        {
            return Verdict.Malformed;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var ttlMs = settings.AdminApiSignatureTtlSeconds * 1000L;
        if (now - signature!.TimestampMs > ttlMs)
        {
            return Verdict.Stale;
        }

        if (signature.TimestampMs - now > ttlMs)
        {
            return Verdict.FromTheFuture;
        }

        byte[] expected;
        using (var hmac = signature.BeginHmac(secret.Bytes, context.Request.Method, TargetOf(context)))
        {
            await RequestBody.AppendToAsync(context.Request, hmac, context.RequestAborted);
            expected = hmac.GetHashAndReset();
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, signature.Digest))
        {
            return Verdict.WrongDigest;
        }

        // Checked last, so only genuine signatures take space in Redis. A signature is accepted
        // until its timestamp is a TTL old, at most two TTLs from now; remembering it that long
        // covers the whole window.
        var key = $"{settings.RedisKeyPrefix}admin-signature:{Convert.ToHexStringLower(signature.Digest)}";
        try
        {
            var first = await redis.GetDatabase().StringSetAsync(key, 1,
                TimeSpan.FromMilliseconds(2 * ttlMs), When.NotExists);
            return first ? Verdict.Valid : Verdict.Replayed;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Log.StoreUnavailable(logger, e);
            return Verdict.StoreUnavailable;
        }
    }

    /// <summary>The request target exactly as it came on the request line, which is what was signed.</summary>
    static string TargetOf(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw) ? context.Request.GetEncodedPathAndQuery() : raw;
    }

    enum Verdict
    {
        Valid,
        Missing,
        Malformed,
        Stale,
        FromTheFuture,
        WrongDigest,
        Replayed,
        StoreUnavailable,
    }

    static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information,
            Message = "Admin {Method} request refused: signature {Verdict}")]
        public static partial void Refused(ILogger logger, string method, Verdict verdict);

        [LoggerMessage(EventId = 21, Level = LogLevel.Error,
            Message = "Redis unavailable; cannot check admin signatures for replay")]
        public static partial void StoreUnavailable(ILogger logger, Exception exception);
    }
}
