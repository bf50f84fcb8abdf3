using Microsoft.AspNetCore.Http.HttpResults;
using Raio.Features.Shared;
using Raio.Ledger;
using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Features.Liquidity;

/// <summary>
/// The one table from <see cref="LiquidityError"/> to its problem document, and the one table
/// from the ledger's answers to <see cref="LiquidityError"/>.
/// </summary>
public static class LiquidityErrors
{
    public static ProblemHttpResult ToProblem(this LiquidityError error) => error switch
    {
        LiquidityError.AmountZero => Problem.Of("amount_zero", StatusCodes.Status400BadRequest,
            "Transfer amount is zero", "A liquidity transfer moves a positive amount.", "amount"),
        LiquidityError.UnknownAsset => Problem.Of("unknown_asset", StatusCodes.Status404NotFound,
            "Unknown asset", "No asset has this id."),
        LiquidityError.UnknownTransfer => Problem.Of("unknown_transfer", StatusCodes.Status404NotFound,
            "Unknown transfer", "No liquidity withdrawal has this id."),
        LiquidityError.TransferExists => Problem.Of("transfer_exists", StatusCodes.Status409Conflict,
            "Transfer already exists",
            "A transfer with this id exists, or was refused before: choose a new id.", "id"),
        LiquidityError.AlreadyPosted => Problem.Of("already_posted", StatusCodes.Status409Conflict,
            "Transfer already posted", "The withdrawal has already been posted."),
        LiquidityError.AlreadyVoided => Problem.Of("already_voided", StatusCodes.Status409Conflict,
            "Transfer already voided", "The withdrawal has already been voided."),
        LiquidityError.TransferExpired => Problem.Of("transfer_expired", StatusCodes.Status409Conflict,
            "Transfer already expired", "The withdrawal's timeout passed and its amount was released."),
        LiquidityError.InsufficientBalance => Problem.Of("insufficient_balance",
            StatusCodes.Status422UnprocessableEntity, "Insufficient transfer balance",
            "The asset's liquidity is less than the amount.", "amount"),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Not a liquidity error."),
    };

    /// <summary>
    /// What the ledger's answer to a liquidity transfer means, or null when the transfer was
    /// created. A post or void has an id derived from its withdrawal's, so its <c>exists</c> means
    /// that this very post or void happened before.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// An answer that the transfers built by the liquidity handlers cannot get: a bug there.
    /// </exception>
    public static LiquidityError? FromLedger(CreateTransferResult result, Transfer transfer) =>
        result.Status switch
        {
            CreateTransferStatus.Created => null,
            Exists when transfer.Flags.HasFlag(TransferFlags.PostPendingTransfer) =>
                LiquidityError.AlreadyPosted,
            Exists when transfer.Flags.HasFlag(TransferFlags.VoidPendingTransfer) =>
                LiquidityError.AlreadyVoided,
            Exists or ExistsWithDifferentFlags or ExistsWithDifferentPendingId
                or ExistsWithDifferentTimeout or ExistsWithDifferentDebitAccountId
                or ExistsWithDifferentCreditAccountId or ExistsWithDifferentAmount
                or ExistsWithDifferentUserData128 or ExistsWithDifferentUserData64
                or ExistsWithDifferentUserData32 or ExistsWithDifferentLedger
                or ExistsWithDifferentCode or IdAlreadyFailed => LiquidityError.TransferExists,
            DebitAccountNotFound or CreditAccountNotFound => LiquidityError.UnknownAsset,
            PendingTransferNotFound or PendingTransferHasDifferentCode =>
                LiquidityError.UnknownTransfer,
            PendingTransferNotPending or PendingTransferAlreadyPosted => LiquidityError.AlreadyPosted,
            PendingTransferAlreadyVoided => LiquidityError.AlreadyVoided,
            PendingTransferExpired => LiquidityError.TransferExpired,
            ExceedsCredits => LiquidityError.InsufficientBalance,
            _ => throw new InvalidOperationException(
                $"The ledger answered {result.Status} to liquidity transfer {transfer.Id}, which "
                + "the liquidity handlers never provoke: check how they build the transfer."),
        };
}
