using Microsoft.AspNetCore.Http.HttpResults;
using Raio.Features.Shared;

namespace Raio.Features.Accounts;

/// <summary>The one table from <see cref="AccountError"/> to its problem document.</summary>
public static class AccountErrors
{
    public static ProblemHttpResult ToProblem(this AccountError error) => error switch
    {
        AccountError.UnknownAccount => Problem.Of("unknown_account", StatusCodes.Status404NotFound,
            "Unknown account", "No ledger account has this id."),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Not an account error."),
    };
}
