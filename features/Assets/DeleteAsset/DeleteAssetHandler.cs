using Dapper;
using Mediator;
using Npgsql;
using Raio.Features.Shared;

namespace Raio.Features.Assets.DeleteAsset;

public sealed partial class DeleteAssetHandler(
    NpgsqlDataSource dataSource, TimeProvider time, ILogger<DeleteAssetHandler> logger)
    : ICommandHandler<DeleteAssetCommand, AssetError?>
{
    static readonly string Sql = SqlFile.Read("Assets/DeleteAsset/DeleteAsset.sql");

    public async ValueTask<AssetError?> Handle(DeleteAssetCommand command,
        CancellationToken cancellationToken)
    {
        var values = new { command.Id, Now = time.GetUtcNow() };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inUse = await connection.QuerySingleOrDefaultAsync<bool?>(
            new CommandDefinition(Sql, values, cancellationToken: cancellationToken));

        switch (inUse)
        {
            case null:
                return AssetError.UnknownAsset;
            case true:
                return AssetError.AssetInUse;
        }

        Log.AssetDeleted(logger, command.Id);
        return null;
    }

    static partial class Log
    {
        [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
            Message = "Deleted asset {AssetId}")]
        public static partial void AssetDeleted(ILogger logger, Guid assetId);
    }
}
