using Mediator;
using Npgsql;
using Raio.Features.Assets;
using Raio.Features.Shared;
using Raio.Features.Shared.Ledger;
using Raio.Ledger;

namespace Raio.Features.Liquidity.WithdrawAssetLiquidity;

/// <summary>
/// Moves an amount from the asset's liquidity account to its settlement account: reserved
/// (pending) while a timeout runs, or posted at once without one. The liquidity account's flags
/// make the ledger refuse any withdrawal larger than what is left, however many race.
/// </summary>
public sealed class WithdrawAssetLiquidityHandler(
    NpgsqlDataSource dataSource, ILedger ledger, ILogger<WithdrawAssetLiquidityHandler> logger)
    : ICommandHandler<WithdrawAssetLiquidityCommand,
        Outcome<LiquidityWithdrawalResponse, LiquidityError>>
{
    const ulong NsPerSecond = 1_000_000_000;

    public async ValueTask<Outcome<LiquidityWithdrawalResponse, LiquidityError>> Handle(
        WithdrawAssetLiquidityCommand command, CancellationToken cancellationToken)
    {
        var amount = Amount.ParseUInt64(command.Amount!);
        if (amount == 0)
        {
            return LiquidityError.AmountZero;
        }

        var asset = await AssetLedger.FindAsync(dataSource, command.AssetId, cancellationToken);
        if (asset is null)
        {
            return LiquidityError.UnknownAsset;
        }

        var id = command.Id!.Value;
        var timeout = (uint)command.TimeoutSeconds!.Value;
        var transfer = new Transfer
        {
            Id = LedgerIds.FromGuid(id),
            DebitAccountId = asset.LiquidityAccountId,
            CreditAccountId = asset.SettlementAccount,
            Amount = amount,
            Timeout = timeout,
            Ledger = asset.Ledger,
            Code = (ushort)LedgerTransferCode.Withdrawal,
            Flags = timeout > 0 ? TransferFlags.Pending : TransferFlags.None,
        };
        var results = await ledger.CreateTransfersAsync([transfer], cancellationToken);
        if (LiquidityErrors.FromLedger(results[0], transfer) is { } error)
        {
            return error;
        }

        if (timeout == 0)
        {
            LiquidityLog.Withdrew(logger, asset.AssetId, id, command.Amount!);
            return new LiquidityWithdrawalResponse(id, asset.AssetId, command.Amount!, "posted", null);
        }

        LiquidityLog.WithdrawalPending(logger, asset.AssetId, id, command.Amount!, timeout);
        var expiresAtNs = results[0].Timestamp + timeout * NsPerSecond;
        var expiresAt = DateTime.UnixEpoch.AddTicks((long)(expiresAtNs / 100));
        return new LiquidityWithdrawalResponse(id, asset.AssetId, command.Amount!, "pending",
            expiresAt);
    }
}
