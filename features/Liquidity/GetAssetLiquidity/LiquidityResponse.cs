namespace Raio.Features.Liquidity.GetAssetLiquidity;

/// <summary>An asset's liquidity: credits posted less debits posted and pending, as a decimal string.</summary>
public sealed record LiquidityResponse(Guid AssetId, string Liquidity);
