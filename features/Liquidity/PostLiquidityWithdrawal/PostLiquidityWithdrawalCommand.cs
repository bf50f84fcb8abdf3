using Mediator;
using Raio.Features.Shared;

namespace Raio.Features.Liquidity.PostLiquidityWithdrawal;

public sealed record PostLiquidityWithdrawalCommand(Guid WithdrawalId)
    : ICommand<Outcome<SettledWithdrawalResponse, LiquidityError>>;
