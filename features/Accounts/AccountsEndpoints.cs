using Raio.Api.Infrastructure;
using Raio.Features.Accounts.GetAccountTransfers;

namespace Raio.Features.Accounts;

/// <summary>The ledger accounts behind assets (and later peers and wallet addresses).</summary>
public static class AccountsEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        var accounts = endpoints.MapGroup("/accounts")
            .OnListener(Listener.Admin)
            .WithTags("Accounts")
            .ProducesValidationProblem();

        accounts.MapGet("/{id}/transfers", GetAccountTransfersEndpoint.Handle)
            .WithName("GetAccountTransfers")
            .WithSummary("List an account's latest transfers, newest first, as debits and credits")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }
}
