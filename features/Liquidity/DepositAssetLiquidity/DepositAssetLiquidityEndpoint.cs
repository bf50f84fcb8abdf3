using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Liquidity.DepositAssetLiquidity;

public static class DepositAssetLiquidityEndpoint
{
    public static async Task<Results<Created<LiquidityDepositResponse>, ProblemHttpResult>> Handle(
        Guid id, DepositAssetLiquidityRequest request, ISender sender,
        CancellationToken cancellationToken)
    {
        var command = new DepositAssetLiquidityCommand(id, request.Id, request.Amount);
        var outcome = await sender.Send(command, cancellationToken);

        return outcome.Error is { } error
            ? error.ToProblem()
            : TypedResults.Created((string?)null, outcome.Value);
    }
}
