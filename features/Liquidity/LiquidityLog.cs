namespace Raio.Features.Liquidity;

/// <summary>Every liquidity movement, one line each; event ids 1100–1199.</summary>
static partial class LiquidityLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Deposited {Amount} into the liquidity of asset {AssetId} (transfer {TransferId})")]
    public static partial void Deposited(ILogger logger, Guid assetId, Guid transferId, string amount);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Withdrew {Amount} from the liquidity of asset {AssetId} (transfer {TransferId})")]
    public static partial void Withdrew(ILogger logger, Guid assetId, Guid transferId, string amount);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Reserved {Amount} of the liquidity of asset {AssetId} for withdrawal {TransferId}, "
            + "pending for {TimeoutSeconds} s")]
    public static partial void WithdrawalPending(ILogger logger, Guid assetId, Guid transferId,
        string amount, uint timeoutSeconds);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "Posted withdrawal {TransferId} of {Amount}")]
    public static partial void WithdrawalPosted(ILogger logger, Guid transferId, string amount);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information,
        Message = "Voided withdrawal {TransferId} of {Amount}")]
    public static partial void WithdrawalVoided(ILogger logger, Guid transferId, string amount);
}
