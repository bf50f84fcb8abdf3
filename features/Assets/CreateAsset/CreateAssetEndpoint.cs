using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Assets.CreateAsset;

public static class CreateAssetEndpoint
{
    public static async Task<Results<Created<AssetResponse>, ProblemHttpResult>> Handle(
        CreateAssetRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var command = new CreateAssetCommand(request.Code, request.Scale, request.WithdrawalThreshold,
            request.LiquidityThreshold);
        var outcome = await sender.Send(command, cancellationToken);

        return outcome.Error is { } error
            ? error.ToProblem()
            : TypedResults.Created($"/assets/{outcome.Value!.Id}", outcome.Value);
    }
}
