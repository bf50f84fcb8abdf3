using Dapper;
using Mediator;
using Npgsql;
using Raio.Features.Shared;
using Raio.Features.Shared.Pagination;

namespace Raio.Features.Assets.ListAssets;

public sealed class ListAssetsHandler(NpgsqlDataSource dataSource)
    : IQueryHandler<ListAssetsQuery, Page<AssetResponse>>
{
    static readonly string Sql = SqlFile.Read("Assets/ListAssets/ListAssets.sql");

    public async ValueTask<Page<AssetResponse>> Handle(ListAssetsQuery query,
        CancellationToken cancellationToken)
    {
        var scan = new PageScan(query.Page);
        var parameters = new
        {
            query.Code,
            Scale = (short?)query.Scale,
            scan.Cursor,
            scan.Ascending,
            scan.Limit,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AssetRow>(
            new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken));

        return scan.ToPage(rows.Select(r => r.ToResponse()).ToList(), a => a.Id);
    }
}
