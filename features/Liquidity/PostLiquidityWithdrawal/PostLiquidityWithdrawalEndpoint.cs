using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Liquidity.PostLiquidityWithdrawal;

public static class PostLiquidityWithdrawalEndpoint
{
    public static async Task<Results<Ok<SettledWithdrawalResponse>, ProblemHttpResult>> Handle(
        Guid id, ISender sender, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new PostLiquidityWithdrawalCommand(id), cancellationToken);

        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(outcome.Value);
    }
}
