using Mediator;
using Npgsql;
using Raio.Features.Assets;
using Raio.Features.Shared;
using Raio.Features.Shared.Ledger;
using Raio.Ledger;

namespace Raio.Features.Liquidity.DepositAssetLiquidity;

/// <summary>Moves an amount from the asset's settlement account into its liquidity account.</summary>
public sealed class DepositAssetLiquidityHandler(
    NpgsqlDataSource dataSource, ILedger ledger, ILogger<DepositAssetLiquidityHandler> logger)
    : ICommandHandler<DepositAssetLiquidityCommand, Outcome<LiquidityDepositResponse, LiquidityError>>
{
    public async ValueTask<Outcome<LiquidityDepositResponse, LiquidityError>> Handle(
        DepositAssetLiquidityCommand command, CancellationToken cancellationToken)
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

        var transfer = new Transfer
        {
            Id = LedgerIds.FromGuid(command.Id!.Value),
            DebitAccountId = asset.SettlementAccount,
            CreditAccountId = asset.LiquidityAccountId,
            Amount = amount,
            Ledger = asset.Ledger,
            Code = (ushort)LedgerTransferCode.Deposit,
        };
        var results = await ledger.CreateTransfersAsync([transfer], cancellationToken);
        if (LiquidityErrors.FromLedger(results[0], transfer) is { } error)
        {
            return error;
        }

        LiquidityLog.Deposited(logger, asset.AssetId, command.Id.Value, command.Amount!);
        return new LiquidityDepositResponse(command.Id.Value, asset.AssetId, command.Amount!);
    }
}
