using Mediator;
using Raio.Features.Shared;
using Raio.Ledger;

namespace Raio.Features.Liquidity.PostLiquidityWithdrawal;

/// <summary>Moves a pending withdrawal's reserved amount out of the liquidity for good.</summary>
public sealed class PostLiquidityWithdrawalHandler(
    ILedger ledger, ILogger<PostLiquidityWithdrawalHandler> logger)
    : ICommandHandler<PostLiquidityWithdrawalCommand,
        Outcome<SettledWithdrawalResponse, LiquidityError>>
{
    public async ValueTask<Outcome<SettledWithdrawalResponse, LiquidityError>> Handle(
        PostLiquidityWithdrawalCommand command, CancellationToken cancellationToken)
    {
        var settled = await WithdrawalSettlement.SettleAsync(ledger, command.WithdrawalId,
            TransferFlags.PostPendingTransfer, cancellationToken);
        if (settled.Error is { } error)
        {
            return error;
        }

        var amount = Amount.Format(settled.Value.Amount);
        LiquidityLog.WithdrawalPosted(logger, command.WithdrawalId, amount);
        return new SettledWithdrawalResponse(command.WithdrawalId, amount, "posted");
    }
}
