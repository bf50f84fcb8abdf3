using Raio.Ledger;

namespace Raio.Api.Tests.Ledger;

/// <summary>
/// Checks a ledger's balances against its own transfers, read back through the port: every posted
/// or still-pending amount is on both sides, each ledger balances, and no limited account is over
/// its limit. It assumes no transfer of these accounts had a timeout.
/// </summary>
public static class LedgerInvariants
{
    public static async Task AssertHoldAsync(ILedger ledger, IReadOnlyList<UInt128> accountIds, string context)
    {
        var accounts = await ledger.LookupAccountsAsync(accountIds);
        Assert.True(accounts.Length == accountIds.Count,
            $"{context}: {accountIds.Count - accounts.Length} accounts missing");
        var transfers = new Dictionary<UInt128, Transfer>();
        foreach (var account in accounts)
        {
            foreach (var transfer in await AllTransfersAsync(ledger, account.Id))
            {
                transfers[transfer.Id] = transfer;
            }
        }

        var settlements = transfers.Values
            .Where(t => (t.Flags & (TransferFlags.PostPendingTransfer | TransferFlags.VoidPendingTransfer)) != 0)
            .GroupBy(t => t.PendingId)
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (pendingId, settling) in settlements)
        {
            Assert.True(settling.Count == 1, $"{context}: pending transfer {pendingId} settled {settling.Count} times");
            var pending = transfers[pendingId];
            Assert.True(pending.Flags.HasFlag(TransferFlags.Pending),
                $"{context}: {pendingId} settled but not pending");
            Assert.True(settling[0].Amount <= pending.Amount, $"{context}: {settling[0].Id} settles more than pending");
            Assert.True((settling[0].DebitAccountId, settling[0].CreditAccountId)
                == (pending.DebitAccountId, pending.CreditAccountId), $"{context}: {settling[0].Id} moved accounts");
        }

        foreach (var account in accounts)
        {
            var expected = (DebitsPending: UInt128.Zero, DebitsPosted: UInt128.Zero, CreditsPending: UInt128.Zero,
                CreditsPosted: UInt128.Zero);
            foreach (var t in transfers.Values)
            {
                var (pending, posted) = Split(t, settlements);
                if (t.DebitAccountId == account.Id)
                {
                    expected.DebitsPending += pending;
                    expected.DebitsPosted += posted;
                }

                if (t.CreditAccountId == account.Id)
                {
                    expected.CreditsPending += pending;
                    expected.CreditsPosted += posted;
                }
            }

            var actual = (account.DebitsPending, account.DebitsPosted, account.CreditsPending, account.CreditsPosted);
            Assert.True(expected == actual,
                $"{context}: account {account.Id} holds {actual}, its transfers sum to {expected}");
            if (account.Flags.HasFlag(AccountFlags.DebitsMustNotExceedCredits))
            {
                Assert.True(account.DebitsPending + account.DebitsPosted <= account.CreditsPosted,
                    $"{context}: account {account.Id} debits exceed its credits: {actual}");
            }

            if (account.Flags.HasFlag(AccountFlags.CreditsMustNotExceedDebits))
            {
                Assert.True(account.CreditsPending + account.CreditsPosted <= account.DebitsPosted,
                    $"{context}: account {account.Id} credits exceed its debits: {actual}");
            }
        }

        foreach (var group in accounts.GroupBy(a => a.Ledger))
        {
            var debits = Sum(group, a => a.DebitsPosted);
            var credits = Sum(group, a => a.CreditsPosted);
            Assert.True(debits == credits, $"{context}: ledger {group.Key} posts {debits} debits, {credits} credits");
            var debitsPending = Sum(group, a => a.DebitsPending);
            var creditsPending = Sum(group, a => a.CreditsPending);
            Assert.True(debitsPending == creditsPending,
                $"{context}: ledger {group.Key} reserves {debitsPending} debits, {creditsPending} credits");
        }
    }

    /// <summary>What a transfer holds now: reserved while its pending part is unsettled, else posted.</summary>
    static (UInt128 Pending, UInt128 Posted) Split(Transfer t, Dictionary<UInt128, List<Transfer>> settlements)
    {
        if (t.Flags.HasFlag(TransferFlags.Pending))
        {
            return settlements.ContainsKey(t.Id) ? (0, 0) : (t.Amount, UInt128.Zero);
        }

        return t.Flags.HasFlag(TransferFlags.VoidPendingTransfer) ? (0, 0) : (UInt128.Zero, t.Amount);
    }

    public static async Task<List<Transfer>> AllTransfersAsync(ILedger ledger, UInt128 accountId)
    {
        var all = new List<Transfer>();
        var filter = new AccountFilter
        {
            AccountId = accountId,
            Limit = ILedger.BatchMax,
            Flags = AccountFilterFlags.Debits | AccountFilterFlags.Credits,
        };
        while (true)
        {
            var page = await ledger.GetAccountTransfersAsync(filter);
            all.AddRange(page);
            if (page.Length < ILedger.BatchMax)
            {
                return all;
            }

            filter = filter with { TimestampMin = page[^1].Timestamp + 1 };
        }
    }

    static UInt128 Sum(IEnumerable<Account> accounts, Func<Account, UInt128> field) =>
        accounts.Aggregate(UInt128.Zero, (sum, a) => sum + field(a));
}
