namespace Raio.Api.Infrastructure.Idempotency;

/// <summary>
/// Endpoint metadata: the route honours an <c>Idempotency-Key</c> header on mutating methods, and
/// refuses requests without one when <paramref name="KeyRequired"/> is set.
/// </summary>
public sealed record IdempotencyMetadata(bool KeyRequired);
