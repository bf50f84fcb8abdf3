using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Liquidity.WithdrawAssetLiquidity;

public static class WithdrawAssetLiquidityEndpoint
{
    public static async Task<Results<Created<LiquidityWithdrawalResponse>, ProblemHttpResult>> Handle(
        Guid id, WithdrawAssetLiquidityRequest request, ISender sender,
        CancellationToken cancellationToken)
    {
        var command = new WithdrawAssetLiquidityCommand(id, request.Id, request.Amount,
            request.TimeoutSeconds);
        var outcome = await sender.Send(command, cancellationToken);

        return outcome.Error is { } error
            ? error.ToProblem()
            : TypedResults.Created((string?)null, outcome.Value);
    }
}
