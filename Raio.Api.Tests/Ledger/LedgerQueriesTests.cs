using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;
using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Api.Tests.Ledger;

public class LedgerQueriesTests(LedgerFixture fixture) : LedgerContract(fixture), IClassFixture<LedgerFixture>
{
    [Fact]
    public async Task LookupsAnswerInTheOrderAskedAndLeaveOutWhatIsMissing()
    {
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.None, AccountFlags.None);
        var (a, b) = (accounts[0], accounts[1]);
        var first = Move(a, b, 1);
        var second = Move(b, a, 2);
        Assert.Equal([Created, Created], await TransfersAsync(first, second));

        var foundAccounts = await Ledger.LookupAccountsAsync([b.Id, NewId(), a.Id, b.Id]);
        var foundTransfers = await Ledger.LookupTransfersAsync([second.Id, NewId(), first.Id]);

        Assert.Equal([b.Id, a.Id, b.Id], foundAccounts.Select(x => x.Id));
        Assert.Equal([second.Id, first.Id], foundTransfers.Select(x => x.Id));
        Assert.Empty(await Ledger.LookupAccountsAsync([NewId()]));
    }

    [Fact]
    public async Task AccountTransfersAreFilteredBySideCodeUserDataAndTime()
    {
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.None, AccountFlags.None,
            AccountFlags.None);
        var (me, you, them) = (accounts[0], accounts[1], accounts[2]);
        Transfer[] transfers =
        [
            Move(me, you, 1) with { Code = 10, UserData128 = 5 },
            Move(you, me, 2) with { Code = 20, UserData64 = 6 },
            Move(me, them, 3) with { Code = 10, UserData32 = 7 },
            Move(you, them, 4),
            Move(them, me, 5) with { Code = 20, UserData128 = 5, UserData64 = 6, UserData32 = 7 },
        ];
        foreach (var transfer in transfers)
        {
            Assert.Equal(Created, await TransferAsync(transfer));
        }

        var stored = await Ledger.LookupTransfersAsync(transfers.Select(t => t.Id).ToArray());
        var all = new AccountFilter
        {
            AccountId = me.Id,
            Limit = 100,
            Flags = AccountFilterFlags.Debits | AccountFilterFlags.Credits,
        };

        async Task<UInt128[]> AmountsAsync(AccountFilter filter) =>
            (await Ledger.GetAccountTransfersAsync(filter)).Select(t => t.Amount).ToArray();
        Assert.Equal([1, 2, 3, 5], await AmountsAsync(all));
        Assert.Equal([1, 3], await AmountsAsync(all with { Flags = AccountFilterFlags.Debits }));
        Assert.Equal([2, 5], await AmountsAsync(all with { Flags = AccountFilterFlags.Credits }));
        Assert.Equal([5, 3, 2, 1], await AmountsAsync(all with { Flags = all.Flags | AccountFilterFlags.Reversed }));
        Assert.Equal([1, 2], await AmountsAsync(all with { Limit = 2 }));
        Assert.Equal([5, 3],
            await AmountsAsync(all with { Limit = 2, Flags = all.Flags | AccountFilterFlags.Reversed }));
        Assert.Equal([2, 3], await AmountsAsync(all with
        {
            TimestampMin = stored[1].Timestamp,
            TimestampMax = stored[2].Timestamp,
        }));
        Assert.Equal([3, 5], await AmountsAsync(all with { TimestampMin = stored[2].Timestamp }));
        Assert.Equal([1, 2], await AmountsAsync(all with { TimestampMax = stored[1].Timestamp }));
        Assert.Equal([1, 3], await AmountsAsync(all with { Code = 10 }));
        Assert.Equal([1, 5], await AmountsAsync(all with { UserData128 = 5 }));
        Assert.Equal([2, 5], await AmountsAsync(all with { UserData64 = 6 }));
        Assert.Equal([3, 5], await AmountsAsync(all with { UserData32 = 7 }));
        Assert.Equal([5], await AmountsAsync(all with { Code = 20, UserData128 = 5, UserData32 = 7 }));
        Assert.Equal(stored.Where(t => t.DebitAccountId == me.Id || t.CreditAccountId == me.Id),
            await Ledger.GetAccountTransfersAsync(all));
    }

    [Fact]
    public async Task AnInvalidFilterFindsNothing()
    {
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.History, AccountFlags.None);
        Assert.Equal(Created, await TransferAsync(Move(accounts[0], accounts[1], 1)));
        var valid = new AccountFilter
        {
            AccountId = accounts[0].Id,
            Limit = 10,
            Flags = AccountFilterFlags.Debits,
        };
        AccountFilter[] invalid =
        [
            valid with { Flags = AccountFilterFlags.None },
            valid with { Flags = AccountFilterFlags.Reversed },
            valid with { Limit = 0 },
            valid with { AccountId = 0 },
            valid with { AccountId = Max },
            valid with { TimestampMin = 10, TimestampMax = 9 },
        ];

        Assert.Single(await Ledger.GetAccountTransfersAsync(valid));
        Assert.Single(await Ledger.GetAccountBalancesAsync(valid));
        foreach (var filter in invalid)
        {
            Assert.Empty(await Ledger.GetAccountTransfersAsync(filter));
            Assert.Empty(await Ledger.GetAccountBalancesAsync(filter));
        }
    }

    [Fact]
    public async Task BalanceHistoryIsKeptOnlyForAccountsThatAskForIt()
    {
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.History, AccountFlags.None);
        var (kept, plain) = (accounts[0], accounts[1]);
        var pending = Move(kept, plain, 30, TransferFlags.Pending);
        Transfer[] transfers = [Move(plain, kept, 100) with { Code = 2 }, pending, Post(pending, 20),
            Move(kept, plain, 5)];
        foreach (var transfer in transfers)
        {
            Assert.Equal(Created, await TransferAsync(transfer));
        }

        var stored = await Ledger.LookupTransfersAsync(transfers.Select(t => t.Id).ToArray());
        var filter = new AccountFilter
        {
            AccountId = kept.Id,
            Limit = 100,
            Flags = AccountFilterFlags.Debits | AccountFilterFlags.Credits,
        };

        var history = await Ledger.GetAccountBalancesAsync(filter);

        Assert.Equal(
        [
            new AccountBalance { CreditsPosted = 100, Timestamp = stored[0].Timestamp },
            new AccountBalance { DebitsPending = 30, CreditsPosted = 100, Timestamp = stored[1].Timestamp },
            new AccountBalance { DebitsPosted = 20, CreditsPosted = 100, Timestamp = stored[2].Timestamp },
            new AccountBalance { DebitsPosted = 25, CreditsPosted = 100, Timestamp = stored[3].Timestamp },
        ], history);
        Assert.Equal(history.Reverse(), await Ledger.GetAccountBalancesAsync(filter with
        {
            Flags = filter.Flags | AccountFilterFlags.Reversed,
        }));
        Assert.Equal([history[0]], await Ledger.GetAccountBalancesAsync(filter with { Code = 2 }));
        Assert.Equal([history[0]], await Ledger.GetAccountBalancesAsync(filter with
        {
            Flags = AccountFilterFlags.Credits,
        }));
        Assert.Equal(history[1..], await Ledger.GetAccountBalancesAsync(filter with
        {
            Flags = AccountFilterFlags.Debits,
        }));
        Assert.Equal(history[1..3], await Ledger.GetAccountBalancesAsync(filter with
        {
            TimestampMin = stored[1].Timestamp,
            TimestampMax = stored[2].Timestamp,
        }));
        Assert.Equal(history[..2], await Ledger.GetAccountBalancesAsync(filter with { Limit = 2 }));
        Assert.Empty(await Ledger.GetAccountBalancesAsync(filter with { AccountId = plain.Id }));
        Assert.Equal(4, (await Ledger.GetAccountTransfersAsync(filter with { AccountId = plain.Id })).Length);
    }
}
