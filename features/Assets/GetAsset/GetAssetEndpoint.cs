using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Assets.GetAsset;

public static class GetAssetEndpoint
{
    public static async Task<Results<Ok<AssetResponse>, ProblemHttpResult>> Handle(
        Guid id, ISender sender, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new GetAssetQuery(id), cancellationToken);

        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(outcome.Value);
    }
}
