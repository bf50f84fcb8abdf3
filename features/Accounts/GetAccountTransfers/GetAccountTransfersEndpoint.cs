using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Accounts.GetAccountTransfers;

public static class GetAccountTransfersEndpoint
{
    public static async Task<Results<Ok<AccountTransfersResponse>, ProblemHttpResult>> Handle(
        Guid id, int? limit, ISender sender, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new GetAccountTransfersQuery(id, limit), cancellationToken);

        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(outcome.Value);
    }
}
