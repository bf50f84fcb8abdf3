using Mediator;
using Raio.Features.Shared;
using Raio.Ledger;

namespace Raio.Features.Liquidity.VoidLiquidityWithdrawal;

/// <summary>Releases a pending withdrawal's reserved amount back into the liquidity.</summary>
public sealed class VoidLiquidityWithdrawalHandler(
    ILedger ledger, ILogger<VoidLiquidityWithdrawalHandler> logger)
    : ICommandHandler<VoidLiquidityWithdrawalCommand,
        Outcome<SettledWithdrawalResponse, LiquidityError>>
{
    public async ValueTask<Outcome<SettledWithdrawalResponse, LiquidityError>> Handle(
        VoidLiquidityWithdrawalCommand command, CancellationToken cancellationToken)
    {
        var settled = await WithdrawalSettlement.SettleAsync(ledger, command.WithdrawalId,
            TransferFlags.VoidPendingTransfer, cancellationToken);
        if (settled.Error is { } error)
        {
            return error;
        }

        var amount = Amount.Format(settled.Value.Amount);
        LiquidityLog.WithdrawalVoided(logger, command.WithdrawalId, amount);
        return new SettledWithdrawalResponse(command.WithdrawalId, amount, "voided");
    }
}
