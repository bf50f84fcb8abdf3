using Mediator;
using Raio.Features.Shared;

namespace Raio.Features.Liquidity.DepositAssetLiquidity;

public sealed record DepositAssetLiquidityCommand(Guid AssetId, Guid? Id, string? Amount)
    : ICommand<Outcome<LiquidityDepositResponse, LiquidityError>>;
