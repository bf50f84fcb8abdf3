namespace Raio.Features.Liquidity.DepositAssetLiquidity;

/// <summary>The body of a deposit: the transfer's id, chosen by the caller, and its amount.</summary>
public sealed record DepositAssetLiquidityRequest(Guid? Id, string? Amount);
