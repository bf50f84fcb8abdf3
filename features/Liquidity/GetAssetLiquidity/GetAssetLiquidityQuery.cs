using Mediator;
using Raio.Features.Shared;

namespace Raio.Features.Liquidity.GetAssetLiquidity;

public sealed record GetAssetLiquidityQuery(Guid AssetId)
    : IQuery<Outcome<LiquidityResponse, LiquidityError>>;
