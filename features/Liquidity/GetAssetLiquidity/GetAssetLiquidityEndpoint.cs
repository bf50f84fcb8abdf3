using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Liquidity.GetAssetLiquidity;

public static class GetAssetLiquidityEndpoint
{
    public static async Task<Results<Ok<LiquidityResponse>, ProblemHttpResult>> Handle(
        Guid id, ISender sender, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new GetAssetLiquidityQuery(id), cancellationToken);

        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(outcome.Value);
    }
}
