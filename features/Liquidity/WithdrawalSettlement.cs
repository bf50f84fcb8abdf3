using Raio.Features.Shared;
using Raio.Features.Shared.Ledger;
using Raio.Ledger;

namespace Raio.Features.Liquidity;

/// <summary>Posts or voids a pending liquidity withdrawal: the second phase of a withdrawal.</summary>
static class WithdrawalSettlement
{
    /// <returns>The pending withdrawal that was settled, or why it was not.</returns>
    public static async Task<Outcome<Transfer, LiquidityError>> SettleAsync(ILedger ledger,
        Guid withdrawalId, TransferFlags settle, CancellationToken cancellationToken)
    {
        // Only withdrawals may be settled here; other areas' pending transfers are not ours to
        // touch. A transfer never changes once made, so this look-up cannot go stale.
        var found = await ledger.LookupTransfersAsync([LedgerIds.FromGuid(withdrawalId)],
            cancellationToken);
        if (found.Length == 0 || found[0].Code != (ushort)LedgerTransferCode.Withdrawal)
        {
            return LiquidityError.UnknownTransfer;
        }

        var withdrawal = found[0];
        if (!withdrawal.Flags.HasFlag(TransferFlags.Pending))
        {
            return LiquidityError.AlreadyPosted; // It had no timeout and was posted when made.
        }

        var post = settle == TransferFlags.PostPendingTransfer;
        var transfer = new Transfer
        {
            Id = LedgerIds.FromGuid(DerivedIds.Of(withdrawalId, post ? "post" : "void")),
            PendingId = withdrawal.Id,
            Amount = post ? Transfer.AmountMax : 0,
            Code = (ushort)LedgerTransferCode.Withdrawal,
            Flags = settle,
        };
        var results = await ledger.CreateTransfersAsync([transfer], cancellationToken);
        if (LiquidityErrors.FromLedger(results[0], transfer) is { } error)
        {
            return error;
        }

        return withdrawal;
    }
}
