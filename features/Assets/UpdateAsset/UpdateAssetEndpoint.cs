using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Assets.UpdateAsset;

public static class UpdateAssetEndpoint
{
    public static async Task<Results<Ok<AssetResponse>, ProblemHttpResult>> Handle(
        Guid id, UpdateAssetRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var command = new UpdateAssetCommand(id, request.WithdrawalThreshold,
            request.LiquidityThreshold);
        var outcome = await sender.Send(command, cancellationToken);

        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(outcome.Value);
    }
}
