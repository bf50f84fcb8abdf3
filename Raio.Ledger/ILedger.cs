namespace Raio.Ledger;

/// <summary>
/// The double-entry ledger, with TigerBeetle's data model and semantics. Every operation takes a
/// batch of at most <see cref="BatchMax"/> events and answers one result per event, in order.
/// Creating an object that already exists is answered <c>exists</c> and changes nothing, which is
/// what makes every money movement safe to retry.
/// </summary>
/// <remarks>
/// Methods throw <see cref="ArgumentException"/> for a batch that is empty or too large and
/// <see cref="LedgerUnavailableException"/> when the store cannot be reached; no partial batch is
/// ever applied.
/// </remarks>
public interface ILedger
{
    const int BatchMax = 8190;

    ValueTask<CreateAccountResult[]> CreateAccountsAsync(
        IReadOnlyList<Account> accounts, CancellationToken cancellationToken = default);

    ValueTask<CreateTransferResult[]> CreateTransfersAsync(
        IReadOnlyList<Transfer> transfers, CancellationToken cancellationToken = default);

    /// <summary>The accounts that exist, in the order of <paramref name="ids"/>.</summary>
    ValueTask<Account[]> LookupAccountsAsync(
        IReadOnlyList<UInt128> ids, CancellationToken cancellationToken = default);

    /// <summary>The transfers that exist, in the order of <paramref name="ids"/>.</summary>
    ValueTask<Transfer[]> LookupTransfersAsync(
        IReadOnlyList<UInt128> ids, CancellationToken cancellationToken = default);

    /// <summary>An account's transfers in timestamp order, reversed on request.</summary>
    ValueTask<Transfer[]> GetAccountTransfersAsync(
        AccountFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// The balance history of an account created with <see cref="AccountFlags.History"/>: one
    /// entry per transfer that touched it. Empty for other accounts.
    /// </summary>
    ValueTask<AccountBalance[]> GetAccountBalancesAsync(
        AccountFilter filter, CancellationToken cancellationToken = default);
}
