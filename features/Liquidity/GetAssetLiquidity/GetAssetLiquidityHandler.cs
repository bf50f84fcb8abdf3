using Mediator;
using Npgsql;
using Raio.Features.Assets;
using Raio.Features.Shared;
using Raio.Ledger;

namespace Raio.Features.Liquidity.GetAssetLiquidity;

public sealed class GetAssetLiquidityHandler(NpgsqlDataSource dataSource, ILedger ledger)
    : IQueryHandler<GetAssetLiquidityQuery, Outcome<LiquidityResponse, LiquidityError>>
{
    public async ValueTask<Outcome<LiquidityResponse, LiquidityError>> Handle(
        GetAssetLiquidityQuery query, CancellationToken cancellationToken)
    {
        var asset = await AssetLedger.FindAsync(dataSource, query.AssetId, cancellationToken);
        if (asset is null)
        {
            return LiquidityError.UnknownAsset;
        }

        var accounts = await ledger.LookupAccountsAsync([asset.LiquidityAccountId], cancellationToken);
        var account = accounts.Length == 1
            ? accounts[0]
            : throw new InvalidOperationException(
                $"Asset {asset.AssetId} has no liquidity account: assets are created with theirs.");

        // The account's flags keep debits within credits, so this cannot underflow.
        var liquidity = account.CreditsPosted - account.DebitsPosted - account.DebitsPending;
        return new LiquidityResponse(asset.AssetId, Amount.Format(liquidity));
    }
}
