namespace Raio.Features.Liquidity.GetAssetLiquidity;

/// <summary>
/// An asset's liquidity, as a decimal string: credits posted less debits posted and pending.
/// </summary>
public sealed record LiquidityResponse(Guid AssetId, string Liquidity);
