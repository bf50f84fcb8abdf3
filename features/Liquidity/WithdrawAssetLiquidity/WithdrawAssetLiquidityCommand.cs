using Mediator;
using Raio.Features.Shared;

namespace Raio.Features.Liquidity.WithdrawAssetLiquidity;

public sealed record WithdrawAssetLiquidityCommand(
    Guid AssetId,
    Guid? Id,
    string? Amount,
    long? TimeoutSeconds) : ICommand<Outcome<LiquidityWithdrawalResponse, LiquidityError>>;
