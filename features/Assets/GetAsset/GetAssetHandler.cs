using Dapper;
using Mediator;
using Npgsql;
using Raio.Features.Shared;

namespace Raio.Features.Assets.GetAsset;

public sealed class GetAssetHandler(NpgsqlDataSource dataSource)
    : IQueryHandler<GetAssetQuery, Outcome<AssetResponse, AssetError>>
{
    static readonly string Sql = SqlFile.Read("Assets/GetAsset/GetAsset.sql");

    public async ValueTask<Outcome<AssetResponse, AssetError>> Handle(GetAssetQuery query,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var asset = await connection.QuerySingleOrDefaultAsync<AssetRow>(
            new CommandDefinition(Sql, query, cancellationToken: cancellationToken));

        return asset is null ? AssetError.UnknownAsset : asset.ToResponse();
    }
}
