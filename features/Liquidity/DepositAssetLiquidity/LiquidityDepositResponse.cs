namespace Raio.Features.Liquidity.DepositAssetLiquidity;

public sealed record LiquidityDepositResponse(Guid Id, Guid AssetId, string Amount);
