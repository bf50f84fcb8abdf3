namespace Raio.Features.Liquidity.WithdrawAssetLiquidity;

/// <summary>
/// A withdrawal just made: <c>pending</c> until posted, voided or <c>expiresAt</c>, or
/// <c>posted</c> when it had no timeout.
/// </summary>
public sealed record LiquidityWithdrawalResponse(
    Guid Id,
    Guid AssetId,
    string Amount,
    string State,
    DateTime? ExpiresAt);
