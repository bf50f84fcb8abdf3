using Mediator;
using Raio.Features.Shared;
using Raio.Features.Shared.Ledger;
using Raio.Ledger;

namespace Raio.Features.Accounts.GetAccountTransfers;

public sealed class GetAccountTransfersHandler(ILedger ledger)
    : IQueryHandler<GetAccountTransfersQuery, Outcome<AccountTransfersResponse, AccountError>>
{
    const ulong NsPerSecond = 1_000_000_000;

    public async ValueTask<Outcome<AccountTransfersResponse, AccountError>> Handle(
        GetAccountTransfersQuery query, CancellationToken cancellationToken)
    {
        var accountId = LedgerIds.FromGuid(query.AccountId);
        var accounts = await ledger.LookupAccountsAsync([accountId], cancellationToken);
        if (accounts.Length == 0)
        {
            return AccountError.UnknownAccount;
        }

        var transfers = await ledger.GetAccountTransfersAsync(new AccountFilter
        {
            AccountId = accountId,
            Limit = (uint)(query.Limit ?? GetAccountTransfersQuery.DefaultLimit),
            Flags = AccountFilterFlags.Debits | AccountFilterFlags.Credits
                | AccountFilterFlags.Reversed,
        }, cancellationToken);

        return new AccountTransfersResponse(
            transfers.Where(t => t.DebitAccountId == accountId).Select(ToResponse).ToList(),
            transfers.Where(t => t.DebitAccountId != accountId).Select(ToResponse).ToList());
    }

    static AccountTransferResponse ToResponse(Transfer t) => new(
        LedgerIds.ToGuid(t.Id),
        LedgerIds.ToGuid(t.DebitAccountId),
        LedgerIds.ToGuid(t.CreditAccountId),
        Amount.Format(t.Amount),
        TypeOf(t.Code),
        t.Ledger,
        FromNs(t.Timestamp),
        StateOf(t.Flags),
        t.Timeout > 0 ? FromNs(t.Timestamp + t.Timeout * NsPerSecond) : null);

    // As Rafiki reads TigerBeetle: a transfer's own flags say what it did, not what became of it.
    static string StateOf(TransferFlags flags) =>
        flags.HasFlag(TransferFlags.Pending) ? "pending"
        : flags.HasFlag(TransferFlags.VoidPendingTransfer) ? "voided"
        : "posted";

    static string TypeOf(ushort code) => (LedgerTransferCode)code switch
    {
        LedgerTransferCode.Transfer => "transfer",
        LedgerTransferCode.Deposit => "deposit",
        LedgerTransferCode.Withdrawal => "withdrawal",
        _ => throw new InvalidOperationException(
            $"Transfer code {code} has no name: add it to LedgerTransferCode and to this table."),
    };

    static DateTime FromNs(ulong ns) => DateTime.UnixEpoch.AddTicks((long)(ns / 100));
}
