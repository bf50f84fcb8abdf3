using Mediator;
using Raio.Features.Shared;

namespace Raio.Features.Liquidity.VoidLiquidityWithdrawal;

public sealed record VoidLiquidityWithdrawalCommand(Guid WithdrawalId)
    : ICommand<Outcome<SettledWithdrawalResponse, LiquidityError>>;
