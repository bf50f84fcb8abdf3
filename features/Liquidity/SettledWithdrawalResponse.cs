namespace Raio.Features.Liquidity;

/// <summary>A pending withdrawal after it was settled: <c>posted</c> or <c>voided</c>.</summary>
public sealed record SettledWithdrawalResponse(Guid Id, string Amount, string State);
