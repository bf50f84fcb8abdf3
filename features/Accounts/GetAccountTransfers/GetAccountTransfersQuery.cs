using Mediator;
using Raio.Features.Shared;

namespace Raio.Features.Accounts.GetAccountTransfers;

/// <summary>The latest <c>Limit</c> transfers of a ledger account, newest first.</summary>
public sealed record GetAccountTransfersQuery(Guid AccountId, int? Limit)
    : IQuery<Outcome<AccountTransfersResponse, AccountError>>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}
