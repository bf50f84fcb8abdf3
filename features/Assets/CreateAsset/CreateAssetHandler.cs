using Dapper;
using Mediator;
using Npgsql;
using Raio.Features.Shared;
using Raio.Features.Shared.Ledger;
using Raio.Ledger;

namespace Raio.Features.Assets.CreateAsset;

/// <summary>
/// Creates an asset with its ledger accounts, or brings back a deleted asset of the same code and
/// scale (with its ledger and liquidity) as Rafiki does.
/// </summary>
/// <remarks>
/// The ledger port opens transactions of its own, so the asset row and its accounts cannot share
/// one. The row is therefore inserted first, inside a transaction held open while the ledger
/// creates both accounts (linked: both or neither), and committed only after that. A reader never
/// sees an asset without accounts; a duplicate is refused before any account is made; and if the
/// commit itself fails, what is left is a pair of empty accounts that no asset names.
/// </remarks>
public sealed partial class CreateAssetHandler(
    NpgsqlDataSource dataSource, ILedger ledger, TimeProvider time, ILogger<CreateAssetHandler> logger)
    : ICommandHandler<CreateAssetCommand, Outcome<AssetResponse, AssetError>>
{
    static readonly string InsertSql = SqlFile.Read("Assets/CreateAsset/CreateAsset.sql");
    static readonly string RestoreSql = SqlFile.Read("Assets/CreateAsset/RestoreAsset.sql");

    public async ValueTask<Outcome<AssetResponse, AssetError>> Handle(CreateAssetCommand command,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var values = new
        {
            Id = id,
            command.Code,
            Scale = (short)command.Scale!.Value,
            SettlementAccountId = DerivedIds.Of(id, "settlement"),
            WithdrawalThreshold = ToNumeric(command.WithdrawalThreshold),
            LiquidityThreshold = ToNumeric(command.LiquidityThreshold),
            Now = now,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var restored = await connection.QuerySingleOrDefaultAsync<AssetRow>(
            new CommandDefinition(RestoreSql, values, transaction,
                cancellationToken: cancellationToken));
        if (restored is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            Log.AssetRestored(logger, restored.Id, restored.Code, restored.Scale);
            return restored.ToResponse();
        }

        AssetRow asset;
        try
        {
            asset = await connection.QuerySingleAsync<AssetRow>(
                new CommandDefinition(InsertSql, values, transaction,
                    cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation
            && e.ConstraintName == "assets_code_scale_key")
        {
            return AssetError.DuplicateAsset;
        }

        await CreateAccountsAsync(asset, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.AssetCreated(logger, asset.Id, asset.Code, asset.Scale, asset.Ledger);

        return asset.ToResponse();
    }

    async Task CreateAccountsAsync(AssetRow asset, CancellationToken cancellationToken)
    {
        var ledgerNumber = checked((uint)asset.Ledger);
        var liquidity = new Account
        {
            Id = LedgerIds.FromGuid(asset.Id),
            UserData128 = LedgerIds.FromGuid(asset.Id),
            Ledger = ledgerNumber,
            Code = (ushort)LedgerAccountCode.LiquidityAsset,
            // Liquidity cannot go negative; the history serves balance queries over time.
            Flags = AccountFlags.Linked | AccountFlags.DebitsMustNotExceedCredits
                | AccountFlags.History,
        };
        var settlement = liquidity with
        {
            Id = LedgerIds.FromGuid(asset.SettlementAccountId),
            Code = (ushort)LedgerAccountCode.Settlement,
            // Settlement mirrors every deposit and withdrawal and so never goes positive.
            Flags = AccountFlags.CreditsMustNotExceedDebits | AccountFlags.History,
        };

        var results = await ledger.CreateAccountsAsync([liquidity, settlement], cancellationToken);
        if (results.Any(r => r.Status
            is not (CreateAccountStatus.Created or CreateAccountStatus.Exists)))
        {
            throw new InvalidOperationException(
                $"The ledger refused the accounts of asset {asset.Id}: "
                + string.Join(", ", results.Select(r => r.Status))
                + ". Their fields are built here, so this is a bug in CreateAssetHandler.");
        }
    }

    static decimal? ToNumeric(string? amount) => amount is null ? null : Amount.ParseUInt64(amount);

    static partial class Log
    {
        [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
            Message = "Created asset {AssetId} ({Code}, scale {Scale}) on ledger {Ledger}")]
        public static partial void AssetCreated(ILogger logger, Guid assetId, string code, short scale,
            long ledger);

        [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
            Message = "Restored deleted asset {AssetId} ({Code}, scale {Scale})")]
        public static partial void AssetRestored(ILogger logger, Guid assetId, string code,
            short scale);
    }
}
