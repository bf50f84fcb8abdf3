using Dapper;
using Npgsql;
using Raio.Features.Shared;
using Raio.Ledger;

namespace Raio.Features.Assets;

/// <summary>
/// An asset's place in the ledger: its ledger number, its liquidity account (whose id is the
/// asset's) and its settlement account. Liquidity, and later peers, find assets through this.
/// </summary>
public sealed record AssetLedger(Guid AssetId, uint Ledger, Guid SettlementAccountId)
{
    static readonly string FindSql = SqlFile.Read("Assets/FindAssetLedger.sql");

    public UInt128 LiquidityAccountId => LedgerIds.FromGuid(AssetId);

    public UInt128 SettlementAccount => LedgerIds.FromGuid(SettlementAccountId);

    /// <summary>The ledger of the asset with this id, or null when there is no such asset.</summary>
    public static async Task<AssetLedger?> FindAsync(NpgsqlDataSource dataSource, Guid assetId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AssetRow>(
            new CommandDefinition(FindSql, new { Id = assetId }, cancellationToken: cancellationToken));

        return row is null ? null : new AssetLedger(row.Id, (uint)row.Ledger, row.SettlementAccountId);
    }
}
