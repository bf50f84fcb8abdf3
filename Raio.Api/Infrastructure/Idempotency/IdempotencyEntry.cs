namespace Raio.Api.Infrastructure.Idempotency;

/// <summary>
/// What Redis holds under one idempotency key: a claim while the first request is in flight
/// (<see cref="Response"/> is null, <see cref="ClaimId"/> tells claims apart), then the response.
/// The hashes fingerprint the request, so a reused key can be told from a retry.
/// </summary>
sealed record IdempotencyEntry(
    string ClaimId,
    string RouteSha256,
    string BodySha256,
    StoredResponse? Response);

sealed record StoredResponse(
    int StatusCode,
    string? ContentType,
    Dictionary<string, string[]> Headers,
    byte[] Body);
