using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Liquidity.VoidLiquidityWithdrawal;

public static class VoidLiquidityWithdrawalEndpoint
{
    public static async Task<Results<Ok<SettledWithdrawalResponse>, ProblemHttpResult>> Handle(
        Guid id, ISender sender, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new VoidLiquidityWithdrawalCommand(id), cancellationToken);

        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(outcome.Value);
    }
}
