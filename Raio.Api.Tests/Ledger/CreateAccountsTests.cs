using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;
using static Raio.Ledger.CreateAccountStatus;

namespace Raio.Api.Tests.Ledger;

public class CreateAccountsTests(LedgerFixture fixture) : LedgerContract(fixture), IClassFixture<LedgerFixture>
{
    // Bit 4 is TigerBeetle's imported flag, which this port does not support.
    const AccountFlags Imported = (AccountFlags)(1 << 4);

    [Fact]
    public async Task EachRuleAnswersItsOwnStatusAndTheFirstRuleThatAppliesWins()
    {
        var ledger = NewLedgerNumber();
        var existing = NewAccount(ledger) with { UserData128 = 7, UserData64 = 8, UserData32 = 9 };
        await CreateAccountsAsync(existing);
        var fresh = NewAccount(ledger);

        await AssertAccountCasesAsync(
            ("timestamp beats reserved flag", fresh with { Timestamp = 1, Flags = Imported }, TimestampMustBeZero),
            ("reserved flag beats id zero", fresh with { Id = 0, Flags = Imported }, ReservedFlag),
            ("high reserved bit", fresh with { Flags = (AccountFlags)(1 << 15) }, ReservedFlag),
            ("id zero beats ledger zero", fresh with { Id = 0, Ledger = 0 }, IdMustNotBeZero),
            ("id int max", fresh with { Id = Max, Ledger = 0 }, IdMustNotBeIntMax),
            ("flags first", existing with { Flags = AccountFlags.History, UserData128 = 1 },
                ExistsWithDifferentFlags),
            ("user data 128", existing with { UserData128 = 1, UserData64 = 1 }, ExistsWithDifferentUserData128),
            ("user data 64", existing with { UserData64 = 1, UserData32 = 1 }, ExistsWithDifferentUserData64),
            ("user data 32", existing with { UserData32 = 1, Ledger = 1 }, ExistsWithDifferentUserData32),
            ("ledger", existing with { Ledger = ledger + 1, Code = 2 }, ExistsWithDifferentLedger),
            ("code", existing with { Code = 2 }, ExistsWithDifferentCode),
            ("exists ignores balances", existing with { DebitsPosted = 5 }, Exists),
            ("mutually exclusive beats balances", fresh with
            {
                Flags = AccountFlags.DebitsMustNotExceedCredits | AccountFlags.CreditsMustNotExceedDebits,
                DebitsPending = 1,
            }, FlagsAreMutuallyExclusive),
            ("debits pending", fresh with { DebitsPending = 1, DebitsPosted = 1 }, DebitsPendingMustBeZero),
            ("debits posted", fresh with { DebitsPosted = 1, CreditsPending = 1 }, DebitsPostedMustBeZero),
            ("credits pending", fresh with { CreditsPending = 1, CreditsPosted = 1 }, CreditsPendingMustBeZero),
            ("credits posted", fresh with { CreditsPosted = 1, Ledger = 0 }, CreditsPostedMustBeZero),
            ("ledger zero beats code zero", fresh with { Ledger = 0, Code = 0 }, LedgerMustNotBeZero),
            ("code zero", fresh with { Code = 0 }, CodeMustNotBeZero),
            ("valid", fresh, Created));

        Assert.Empty(await Ledger.LookupAccountsAsync([0, Max]));
    }

    [Fact]
    public async Task CreatingAnAccountTwiceAnswersExistsWithTheOriginalTimestamp()
    {
        var account = NewAccount(NewLedgerNumber());

        var first = (await Ledger.CreateAccountsAsync([account]))[0];
        var again = (await Ledger.CreateAccountsAsync([account, account]));

        Assert.Equal(Created, first.Status);
        Assert.All(again, r => Assert.Equal(new CreateAccountResult(Exists, first.Timestamp), r));
        var stored = await LookupAsync(account);
        Assert.Equal(account with { Timestamp = first.Timestamp }, stored);
    }

    [Fact]
    public async Task ARetryOfAnAccountThatMovedMoneyChangesNoBalance()
    {
        var ledger = NewLedgerNumber();
        var account = NewAccount(ledger);
        await CreateAccountsAsync(account);
        await FundAsync(account, 40);

        var result = (await Ledger.CreateAccountsAsync([account]))[0];

        Assert.Equal(Exists, result.Status);
        await AssertBalancesAsync(account, 0, 0, 0, 40);
    }

    [Fact]
    public async Task TimestampsOfCreatedAccountsIncreaseWithinABatch()
    {
        var ledger = NewLedgerNumber();
        var accounts = Enumerable.Range(0, 5).Select(_ => NewAccount(ledger)).ToArray();

        var results = await Ledger.CreateAccountsAsync(accounts);

        Assert.All(results, r => Assert.Equal(Created, r.Status));
        Assert.Equal(results.Select(r => r.Timestamp).Order(), results.Select(r => r.Timestamp));
        Assert.Equal(5, results.Select(r => r.Timestamp).Distinct().Count());
        var stored = await Ledger.LookupAccountsAsync(accounts.Select(a => a.Id).ToArray());
        Assert.Equal(results.Select(r => r.Timestamp), stored.Select(a => a.Timestamp));
    }

    [Fact]
    public async Task EveryFlagIsStoredAsGiven()
    {
        var ledger = NewLedgerNumber();
        AccountFlags[] flags =
        [
            AccountFlags.DebitsMustNotExceedCredits, AccountFlags.CreditsMustNotExceedDebits,
            AccountFlags.History, AccountFlags.Closed,
            AccountFlags.History | AccountFlags.DebitsMustNotExceedCredits,
        ];

        var accounts = await CreateAccountsAsync(ledger, flags);

        var stored = await Ledger.LookupAccountsAsync(accounts.Select(a => a.Id).ToArray());
        Assert.Equal(flags, stored.Select(a => a.Flags));
    }

    [Fact]
    public async Task ALinkedChainOfAccountsIsCreatedWhole()
    {
        var ledger = NewLedgerNumber();
        var a = NewAccount(ledger, AccountFlags.Linked);
        var b = NewAccount(ledger, AccountFlags.Linked);
        var c = NewAccount(ledger);

        var results = await Ledger.CreateAccountsAsync([a, b, c]);

        Assert.All(results, r => Assert.Equal(Created, r.Status));
        Assert.Equal(3, (await Ledger.LookupAccountsAsync([a.Id, b.Id, c.Id])).Length);
    }

    [Fact]
    public async Task AFailingAccountFailsItsWholeChainAndNothingElse()
    {
        var ledger = NewLedgerNumber();
        var existing = NewAccount(ledger);
        await CreateAccountsAsync(existing);
        var before = NewAccount(ledger);
        var first = NewAccount(ledger, AccountFlags.Linked);
        var second = NewAccount(ledger, AccountFlags.Linked);
        var last = NewAccount(ledger);
        var after = NewAccount(ledger);

        var results = await Ledger.CreateAccountsAsync(
            [before, first, second, existing with { Flags = AccountFlags.Linked }, last, after]);

        Assert.Equal([Created, LinkedEventFailed, LinkedEventFailed, ExistsWithDifferentFlags, LinkedEventFailed,
            Created],
            results.Select(r => r.Status));
        var found = await Ledger.LookupAccountsAsync([before.Id, first.Id, second.Id, last.Id, after.Id]);
        Assert.Equal([before.Id, after.Id], found.Select(a => a.Id));
    }

    [Fact]
    public async Task AChainLeftOpenAtTheEndOfTheBatchFails()
    {
        var ledger = NewLedgerNumber();
        var single = NewAccount(ledger);
        var first = NewAccount(ledger, AccountFlags.Linked);
        var last = NewAccount(ledger, AccountFlags.Linked);

        var results = await Ledger.CreateAccountsAsync([single, first, last]);
        var alone = await Ledger.CreateAccountsAsync([NewAccount(ledger, AccountFlags.Linked)]);

        Assert.Equal([Created, LinkedEventFailed, LinkedEventChainOpen], results.Select(r => r.Status));
        Assert.Equal(LinkedEventChainOpen, Assert.Single(alone).Status);
        Assert.Equal([single.Id], (await Ledger.LookupAccountsAsync([single.Id, first.Id, last.Id])).Select(a => a.Id));
    }

    [Fact]
    public async Task AnAccountCreatedTwiceInOneBatchIsCreatedThenExists()
    {
        var account = NewAccount(NewLedgerNumber());

        var results = await Ledger.CreateAccountsAsync([account, account, account with { Code = 9 }]);

        Assert.Equal([Created, Exists, ExistsWithDifferentCode], results.Select(r => r.Status));
        Assert.Equal(results[0].Timestamp, results[1].Timestamp);
    }

    [Fact]
    public async Task ManyCallersCreatingTheSameAccountGetOneCreatedAndTheRestExists()
    {
        var account = NewAccount(NewLedgerNumber());

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(async () => (await Ledger.CreateAccountsAsync([account]))[0])));

        Assert.Single(results, r => r.Status == Created);
        Assert.All(results, r => Assert.True(r.Status is Created or Exists, r.Status.ToString()));
        Assert.Single(results.Select(r => r.Timestamp).Distinct());
    }

    [Fact]
    public async Task BatchesThatAreEmptyOrTooLargeAreRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Ledger.CreateAccountsAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await Ledger.CreateAccountsAsync(new Account[ILedger.BatchMax + 1]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Ledger.CreateTransfersAsync([]));
    }
}
