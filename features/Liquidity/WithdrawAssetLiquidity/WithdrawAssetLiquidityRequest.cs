namespace Raio.Features.Liquidity.WithdrawAssetLiquidity;

/// <summary>
/// The body of a withdrawal: the transfer's id, chosen by the caller, its amount, and how many
/// seconds it stays pending before it expires; zero posts it at once.
/// </summary>
public sealed record WithdrawAssetLiquidityRequest(Guid? Id, string? Amount, long? TimeoutSeconds);
