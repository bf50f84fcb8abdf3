using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Raio.Api.Configuration;
using StackExchange.Redis;

namespace Raio.Api.Infrastructure.Idempotency;

/// <summary>
/// Runs a mutating request that carries an <c>Idempotency-Key</c> at most once: the first request
/// claims the key, its successful response is stored, and a retry of the same request gets that
/// response again without reaching the endpoint. Failures are not stored, so they can be retried.
/// Only routes marked with <see cref="IdempotencyEndpointExtensions.WithIdempotency{TBuilder}"/>
/// take part.
/// </summary>
sealed partial class IdempotencyMiddleware(
    RequestDelegate next,
    IdempotencyStore store,
    IdempotencyScope scope,
    RaioSettings settings,
    ILogger<IdempotencyMiddleware> logger)
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;
    public const int MaxStoredBodyBytes = 1024 * 1024;

    // Headers that describe one transmission rather than the response itself.
    static readonly HashSet<string> UnstoredHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Date",
        "Server", "Set-Cookie", "Trailer", "Upgrade", ReplayedHeader,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IdempotencyMetadata>();
        if (metadata is not { Count: > 0 } || !IsMutating(context.Request.Method))
        {
            await next(context);
            return;
        }

        var keys = context.Request.Headers[KeyHeader];
        if (keys.Count == 0)
        {
            if (metadata.Any(m => m.KeyRequired))
            {
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "idempotency_key_required",
                    $"This route requires an {KeyHeader} header.");
                return;
            }

            await next(context);
            return;
        }

        if (keys.Count > 1 || !IsValidKey(keys[0]))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "invalid_idempotency_key",
                $"An {KeyHeader} is one header of 1 to {MaxKeyLength} printable ASCII characters.");
            return;
        }

        await RunOnceAsync(context, keys[0]!);
    }

    async Task RunOnceAsync(HttpContext context, string idempotencyKey)
    {
        var request = context.Request;
        var routeSha256 = Sha256Hex($"{request.Method} {request.PathBase}{request.Path}{request.QueryString}");
        string bodySha256;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            await RequestBody.AppendToAsync(request, hash, context.RequestAborted);
            bodySha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        var key = scope.RedisKeyFor(settings.RedisKeyPrefix, context, idempotencyKey);
        ClaimResult claim;
        try
        {
            claim = await store.ClaimAsync(key, routeSha256, bodySha256);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Log.StoreUnavailable(logger, RouteOf(context), e);
            await ProblemWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                "idempotency_store_unavailable", "The request was not processed.",
                "Idempotency keys cannot be checked right now; retry the request later.");
            return;
        }

        switch (claim.Outcome)
        {
            case ClaimOutcome.Claimed:
                await RunAndStoreAsync(context, key, claim.ClaimValue!);
                break;
            case ClaimOutcome.Completed:
                Log.Replayed(logger, RouteOf(context));
                await ReplayAsync(context.Response, claim.Response!, context.RequestAborted);
                break;
            case ClaimOutcome.InFlight:
                await RefuseAsync(context, StatusCodes.Status409Conflict, "idempotency_key_in_use",
                    "A request with this key is still being processed; retry it shortly.");
                break;
            case ClaimOutcome.ReusedOnAnotherRoute:
                await RefuseAsync(context, StatusCodes.Status422UnprocessableEntity,
                    "idempotency_key_reused",
                    "This key was first used for a request to another route or with another method.");
                break;
            case ClaimOutcome.ReusedWithAnotherBody:
                await RefuseAsync(context, StatusCodes.Status422UnprocessableEntity,
                    "idempotency_key_reused", "This key was first used with a different request body.");
                break;
        }
    }

    async Task RunAndStoreAsync(HttpContext context, string key, string claimValue)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var capture = new ResponseCapture(original.Stream, MaxStoredBodyBytes);
        var capturing = new StreamResponseBodyFeature(capture, original);
        context.Features.Set<IHttpResponseBodyFeature>(capturing);
        try
        {
            await next(context);
            await capturing.CompleteAsync();
        }
        catch
        {
            // What the endpoint wrote is dropped; the exception handler answers instead.
            context.Features.Set(original);
            await ReleaseAsync(context, key, claimValue);
            throw;
        }

        context.Features.Set(original);

        var response = context.Response;
        if (response.StatusCode is >= 200 and < 300 && capture.Held is { } body)
        {
            await StoreAsync(context, key, claimValue, Snapshot(response, body));
        }
        else
        {
            if (response.StatusCode is >= 200 and < 300)
            {
                Log.NotStored(logger, RouteOf(context), "the body is larger than 1 MiB");
            }

            await ReleaseAsync(context, key, claimValue);
        }

        if (!response.HasStarted && capture.Held is { } held)
        {
            response.ContentLength ??= held.Length;
        }

        await capture.ReleaseHeldAsync(context.RequestAborted);
    }

    async Task StoreAsync(HttpContext context, string key, string claimValue, StoredResponse response)
    {
        try
        {
            if (!await store.CompleteAsync(key, claimValue, response))
            {
                Log.NotStored(logger, RouteOf(context), "the key's claim expired while the request ran");
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The work is done and cannot be undone; the client still gets its answer.
            Log.StoreFailed(logger, RouteOf(context), e);
        }
    }

    async Task ReleaseAsync(HttpContext context, string key, string claimValue)
    {
        try
        {
            await store.ReleaseAsync(key, claimValue);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The claim expires on its own after IDEMPOTENCY_KEY_LOCK_MS.
            Log.StoreFailed(logger, RouteOf(context), e);
        }
    }

    static StoredResponse Snapshot(HttpResponse response, ReadOnlyMemory<byte> body)
    {
        var headers = response.Headers
            .Where(h => !UnstoredHeaders.Contains(h.Key))
            .ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray());
        return new StoredResponse(response.StatusCode, response.ContentType, headers, body.ToArray());
    }

    static async Task ReplayAsync(HttpResponse response, StoredResponse stored,
        CancellationToken cancellationToken)
    {
        response.StatusCode = stored.StatusCode;
        response.ContentType = stored.ContentType;
        foreach (var (name, values) in stored.Headers)
        {
            response.Headers[name] = values;
        }

        response.Headers[ReplayedHeader] = "true";
        response.ContentLength = stored.Body.Length;
        await response.Body.WriteAsync(stored.Body, cancellationToken);
    }

    async Task RefuseAsync(HttpContext context, int status, string code, string detail)
    {
        Log.Refused(logger, RouteOf(context), code);
        await ProblemWriter.WriteAsync(context, status, code, "The idempotency key was refused.", detail);
    }

    static bool IsMutating(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method)
        || HttpMethods.IsDelete(method);

    static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~');

    static string Sha256Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";

    static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Information,
            Message = "Idempotency key refused on {Route}: {Code}")]
        public static partial void Refused(ILogger logger, string route, string code);

        [LoggerMessage(EventId = 31, Level = LogLevel.Debug,
            Message = "Replayed the stored response of {Route}")]
        public static partial void Replayed(ILogger logger, string route);

        [LoggerMessage(EventId = 32, Level = LogLevel.Warning,
            Message = "Response of {Route} not kept for replay: {Reason}")]
        public static partial void NotStored(ILogger logger, string route, string reason);

        [LoggerMessage(EventId = 33, Level = LogLevel.Error,
            Message = "Idempotency store unavailable; refused a request to {Route}")]
        public static partial void StoreUnavailable(ILogger logger, string route, Exception exception);

        [LoggerMessage(EventId = 34, Level = LogLevel.Error,
            Message = "Idempotency store failed after a request to {Route} ran")]
        public static partial void StoreFailed(ILogger logger, string route, Exception exception);
    }
}
