using Dapper;
using Mediator;
using Npgsql;
using Raio.Features.Shared;

namespace Raio.Features.Assets.UpdateAsset;

public sealed class UpdateAssetHandler(NpgsqlDataSource dataSource, TimeProvider time)
    : ICommandHandler<UpdateAssetCommand, Outcome<AssetResponse, AssetError>>
{
    static readonly string Sql = SqlFile.Read("Assets/UpdateAsset/UpdateAsset.sql");

    public async ValueTask<Outcome<AssetResponse, AssetError>> Handle(UpdateAssetCommand command,
        CancellationToken cancellationToken)
    {
        var values = new
        {
            command.Id,
            WithdrawalThreshold = ToNumeric(command.WithdrawalThreshold),
            LiquidityThreshold = ToNumeric(command.LiquidityThreshold),
            Now = time.GetUtcNow(),
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var asset = await connection.QuerySingleOrDefaultAsync<AssetRow>(
            new CommandDefinition(Sql, values, cancellationToken: cancellationToken));

        return asset is null ? AssetError.UnknownAsset : asset.ToResponse();
    }

    static decimal? ToNumeric(string? amount) => amount is null ? null : Amount.ParseUInt64(amount);
}
