using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;
using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Api.Tests.Ledger;

public class CreateTransfersTests(LedgerFixture fixture) : LedgerContract(fixture), IClassFixture<LedgerFixture>
{
    // Bit 8 is TigerBeetle's imported flag, which this port does not support.
    const TransferFlags Imported = (TransferFlags)(1 << 8);

    [Fact]
    public async Task EachRuleBeforeTheAccountsAreReadAnswersItsOwnStatusInPrecedence()
    {
        var ledger = NewLedgerNumber();
        var (a, b) = await PairAsync(ledger);
        var t = Move(a, b, 10);
        var missing = NewId();
        var self = NewMove(t) with { Flags = TransferFlags.PostPendingTransfer };

        await AssertTransferCasesAsync(
            ("timestamp beats reserved flag", t with { Timestamp = 1, Flags = Imported, Id = 0 }, TimestampMustBeZero),
            ("reserved flag beats id zero", t with { Flags = Imported, Id = 0 }, ReservedFlag),
            ("high reserved bit", t with { Flags = (TransferFlags)(1 << 15) }, ReservedFlag),
            ("id zero beats ledger zero", t with { Id = 0, Ledger = 0 }, IdMustNotBeZero),
            ("id int max", t with { Id = Max, DebitAccountId = 0 }, IdMustNotBeIntMax),
            ("flags beat accounts", NewMove(t) with
            {
                Flags = TransferFlags.PostPendingTransfer | TransferFlags.VoidPendingTransfer,
                PendingId = 0,
            }, FlagsAreMutuallyExclusive),
            ("pending and post", NewMove(t) with
            {
                Flags = TransferFlags.Pending | TransferFlags.PostPendingTransfer,
                PendingId = missing,
            }, FlagsAreMutuallyExclusive),
            ("void and balancing debit", NewMove(t) with
            {
                Flags = TransferFlags.VoidPendingTransfer | TransferFlags.BalancingDebit,
                PendingId = missing,
            }, FlagsAreMutuallyExclusive),
            ("post and balancing credit", NewMove(t) with
            {
                Flags = TransferFlags.PostPendingTransfer | TransferFlags.BalancingCredit,
                PendingId = missing,
            }, FlagsAreMutuallyExclusive),
            ("void and closing debit", NewMove(t) with
            {
                Flags = TransferFlags.VoidPendingTransfer | TransferFlags.ClosingDebit,
                PendingId = missing,
            }, FlagsAreMutuallyExclusive),
            ("post and closing credit", NewMove(t) with
            {
                Flags = TransferFlags.PostPendingTransfer | TransferFlags.ClosingCredit,
                PendingId = missing,
            }, FlagsAreMutuallyExclusive),
            ("debit zero beats credit zero", NewMove(t) with { DebitAccountId = 0, CreditAccountId = 0 },
                DebitAccountIdMustNotBeZero),
            ("debit int max", NewMove(t) with { DebitAccountId = Max, CreditAccountId = 0 },
                DebitAccountIdMustNotBeIntMax),
            ("credit zero", NewMove(t) with { CreditAccountId = 0, Ledger = 0 }, CreditAccountIdMustNotBeZero),
            ("credit int max", NewMove(t) with { CreditAccountId = Max }, CreditAccountIdMustNotBeIntMax),
            ("same accounts beat pending id", NewMove(t) with { CreditAccountId = a.Id, PendingId = missing },
                AccountsMustBeDifferent),
            ("pending id on a plain transfer", NewMove(t) with { PendingId = missing, Timeout = 1 },
                PendingIdMustBeZero),
            ("post without pending id", NewMove(t) with { Flags = TransferFlags.PostPendingTransfer },
                PendingIdMustNotBeZero),
            ("void with pending id int max", NewMove(t) with
            {
                Flags = TransferFlags.VoidPendingTransfer,
                PendingId = Max,
            }, PendingIdMustNotBeIntMax),
            ("post of itself", self with { PendingId = self.Id, Timeout = 1 }, PendingIdMustBeDifferent),
            ("post with a timeout", NewMove(t) with
            {
                Flags = TransferFlags.PostPendingTransfer,
                PendingId = missing,
                Timeout = 1,
            }, TimeoutReservedForPendingTransfer),
            ("timeout on a plain transfer beats closing", NewMove(t) with
            {
                Timeout = 1,
                Flags = TransferFlags.ClosingDebit,
                Ledger = 0,
            }, TimeoutReservedForPendingTransfer),
            ("closing debit not pending", NewMove(t) with { Flags = TransferFlags.ClosingDebit, Ledger = 0 },
                ClosingTransferMustBePending),
            ("closing credit not pending", NewMove(t) with { Flags = TransferFlags.ClosingCredit },
                ClosingTransferMustBePending),
            ("ledger zero beats code zero", NewMove(t) with { Ledger = 0, Code = 0 }, LedgerMustNotBeZero),
            ("code zero beats missing accounts", NewMove(t) with { Code = 0, DebitAccountId = missing },
                CodeMustNotBeZero));

        Assert.Empty(await Ledger.LookupTransfersAsync([t.Id]));
        await AssertBalancesAsync(a, 0, 0, 0, 0);
    }

    [Fact]
    public async Task EachRuleOnTheAccountsAnswersItsOwnStatusInPrecedence()
    {
        var ledger = NewLedgerNumber();
        var (a, b) = await PairAsync(ledger);
        var other = (await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.None))[0];
        var t = Move(a, b, 10);

        await AssertTransferCasesAsync(
            ("debit missing beats credit missing", t with { DebitAccountId = NewId(), CreditAccountId = NewId() },
                DebitAccountNotFound),
            ("credit missing", NewMove(t) with { CreditAccountId = NewId() }, CreditAccountNotFound),
            ("accounts on two ledgers", NewMove(t) with { CreditAccountId = other.Id, Ledger = 1 },
                AccountsMustHaveTheSameLedger),
            ("transfer on another ledger", NewMove(t) with { Ledger = ledger + 1 },
                TransferMustHaveTheSameLedgerAsAccounts),
            ("post of a missing transfer", NewMove(t) with
            {
                Flags = TransferFlags.PostPendingTransfer,
                PendingId = NewId(),
            }, PendingTransferNotFound));
    }

    [Fact]
    public async Task AnExistingTransferIsComparedFieldByFieldInPrecedence()
    {
        var ledger = NewLedgerNumber();
        var (a, b, c) = await TripleAsync(ledger);
        var t = Move(a, b, 10) with { UserData128 = 1, UserData64 = 2, UserData32 = 3 };
        var created = (await Ledger.CreateTransfersAsync([t]))[0];
        Assert.Equal(Created, created.Status);

        await AssertTransferCasesAsync(
            ("flags first", t with { Flags = TransferFlags.Pending, PendingId = 5 }, ExistsWithDifferentFlags),
            ("pending id", t with { PendingId = 5, Timeout = 5 }, ExistsWithDifferentPendingId),
            ("timeout", t with { Timeout = 5, DebitAccountId = c.Id }, ExistsWithDifferentTimeout),
            ("debit account", t with { DebitAccountId = c.Id, CreditAccountId = c.Id },
                ExistsWithDifferentDebitAccountId),
            ("credit account", t with { CreditAccountId = c.Id, Amount = 1 }, ExistsWithDifferentCreditAccountId),
            ("amount", t with { Amount = 11, UserData128 = 9 }, ExistsWithDifferentAmount),
            ("user data 128", t with { UserData128 = 9, UserData64 = 9 }, ExistsWithDifferentUserData128),
            ("user data 64", t with { UserData64 = 9, UserData32 = 9 }, ExistsWithDifferentUserData64),
            ("user data 32", t with { UserData32 = 9, Ledger = 9 }, ExistsWithDifferentUserData32),
            ("ledger", t with { Ledger = 9, Code = 9 }, ExistsWithDifferentLedger),
            ("code", t with { Code = 9 }, ExistsWithDifferentCode),
            ("identical", t, Exists));

        var again = (await Ledger.CreateTransfersAsync([t]))[0];
        Assert.Equal(new CreateTransferResult(Exists, created.Timestamp), again);
        Assert.True(again.IsCommitted);
        await AssertBalancesAsync(a, 0, 10, 0, 0);
        await AssertBalancesAsync(b, 0, 0, 0, 10);
        Assert.Equal(t with { Timestamp = created.Timestamp }, await LookupAsync(t));
    }

    [Fact]
    public async Task ATransferSentTwiceInOneBatchIsCreatedOnceThenExists()
    {
        var (a, b) = await PairAsync(NewLedgerNumber());
        var t = Move(a, b, 10);

        var results = await Ledger.CreateTransfersAsync([t, t, t with { Amount = 11 }]);

        Assert.Equal([Created, Exists, ExistsWithDifferentAmount], results.Select(r => r.Status));
        Assert.Equal(results[0].Timestamp, results[1].Timestamp);
        await AssertBalancesAsync(a, 0, 10, 0, 0);
    }

    [Fact]
    public async Task AnIdThatFailedForAPassingReasonCannotBeUsedAgain()
    {
        var ledger = NewLedgerNumber();
        var (limited, free, other) = await TripleAsync(ledger, AccountFlags.DebitsMustNotExceedCredits);
        var creditLimited = (await CreateAccountsAsync(ledger, AccountFlags.CreditsMustNotExceedDebits))[0];
        var overdraft = Move(limited, free, 1);
        var ghostDebit = Move(free, other, 1) with { DebitAccountId = NewId() };
        var ghostCredit = Move(free, other, 1) with { CreditAccountId = NewId() };
        var ghostPending = Post(Move(free, other, 1), Transfer.AmountMax);
        var overCredit = Move(free, creditLimited, 1);

        var first = await TransfersAsync(overdraft, ghostDebit, ghostCredit, ghostPending, overCredit);
        await FundAsync(limited, 100);
        await CreateAccountsAsync(new Account { Id = ghostDebit.DebitAccountId, Ledger = ledger, Code = 1 });
        var retried = await TransfersAsync(overdraft, ghostDebit, ghostCredit,
            ghostPending with { Flags = TransferFlags.PostPendingTransfer | TransferFlags.VoidPendingTransfer },
            overCredit with { Amount = 0 });

        Assert.Equal([ExceedsCredits, DebitAccountNotFound, CreditAccountNotFound, PendingTransferNotFound,
            ExceedsDebits], first);
        Assert.All(retried, s => Assert.Equal(IdAlreadyFailed, s));
        Assert.Empty(await Ledger.LookupTransfersAsync([overdraft.Id, ghostDebit.Id, overCredit.Id]));
        await AssertBalancesAsync(limited, 0, 0, 0, 100);
    }

    [Fact]
    public async Task AnIdThatFailedValidationMayBeUsedAgain()
    {
        var (a, b) = await PairAsync(NewLedgerNumber());
        var t = Move(a, b, 10);

        var first = await TransferAsync(t with { Code = 0 });
        var second = await TransferAsync(t);

        Assert.Equal(CodeMustNotBeZero, first);
        Assert.Equal(Created, second);
    }

    [Fact]
    public async Task AZeroAmountIsATransferLikeAnyOther()
    {
        var (a, b) = await PairAsync(NewLedgerNumber());
        var t = Move(a, b, 0);

        Assert.Equal(Created, await TransferAsync(t));

        Assert.Equal<UInt128>(0, (await LookupAsync(t)).Amount);
        await AssertBalancesAsync(a, 0, 0, 0, 0);
    }

    [Fact]
    public async Task AccountLimitsRefuseTransfersThatWouldCrossThem()
    {
        var ledger = NewLedgerNumber();
        var (debitLimited, free) = await PairAsync(ledger, AccountFlags.DebitsMustNotExceedCredits);
        var creditLimited = (await CreateAccountsAsync(ledger, AccountFlags.CreditsMustNotExceedDebits))[0];
        await FundAsync(debitLimited, 100);
        Assert.Equal(Created, await TransferAsync(Move(creditLimited, free, 50)));

        await AssertTransferCasesAsync(
            ("debits up to credits", Move(debitLimited, free, 60), Created),
            ("pending counts against the limit", Move(debitLimited, free, 30, TransferFlags.Pending), Created),
            ("one more than credits", Move(debitLimited, free, 11), ExceedsCredits),
            ("exactly the rest", Move(debitLimited, free, 10), Created),
            ("credits up to debits", Move(free, creditLimited, 50), Created),
            ("one more than debits", Move(free, creditLimited, 1), ExceedsDebits),
            ("exceeds credits beats exceeds debits", Move(debitLimited, creditLimited, 1), ExceedsCredits));

        await AssertBalancesAsync(debitLimited, 30, 70, 0, 100);
        await AssertBalancesAsync(creditLimited, 0, 50, 0, 50);
    }

    [Fact]
    public async Task SumsBeyondTwoToThe128AreRefusedInPrecedence()
    {
        var ledger = NewLedgerNumber();
        var half = UInt128.One << 127;

        var (d1, c1, c2) = await TripleAsync(ledger);
        Assert.Equal(Created, await TransferAsync(Move(d1, c1, Max, TransferFlags.Pending)));
        var (d2, d3, c3) = await TripleAsync(ledger);
        Assert.Equal(Created, await TransferAsync(Move(d2, c3, Max, TransferFlags.Pending)));
        var (d4, c4, c5) = await TripleAsync(ledger);
        Assert.Equal(Created, await TransferAsync(Move(d4, c4, Max)));
        var (d5, d6, c6) = await TripleAsync(ledger);
        Assert.Equal(Created, await TransferAsync(Move(d5, c6, Max)));
        var (d7, c7, c8) = await TripleAsync(ledger);
        Assert.Equal([Created, Created], await TransfersAsync(Move(d7, c7, half),
            Move(d7, c8, half - 1, TransferFlags.Pending)));
        var (d9, d10, c9) = await TripleAsync(ledger);
        Assert.Equal([Created, Created], await TransfersAsync(Move(d9, c9, half),
            Move(d10, c9, half - 1, TransferFlags.Pending)));

        await AssertTransferCasesAsync(
            ("debits pending", Move(d1, c2, 1, TransferFlags.Pending), OverflowsDebitsPending),
            ("credits pending", Move(d3, c3, 1, TransferFlags.Pending), OverflowsCreditsPending),
            ("debits posted", Move(d4, c5, 1), OverflowsDebitsPosted),
            ("credits posted", Move(d6, c6, 1), OverflowsCreditsPosted),
            ("debits pending plus posted", Move(d7, c2, 1), OverflowsDebits),
            ("credits pending plus posted", Move(d10, c9, 1), OverflowsCredits),
            ("zero still fits", Move(d7, c2, 0), Created));

        await AssertBalancesAsync(d1, Max, 0, 0, 0);
        await AssertBalancesAsync(c9, 0, 0, half - 1, half);
        await AssertBalancesAsync(d7, half - 1, half, 0, 0);
    }

    [Fact]
    public async Task ABalancingDebitMovesNoMoreThanTheDebitAccountHolds()
    {
        var ledger = NewLedgerNumber();
        var (wallet, shop) = await PairAsync(ledger, AccountFlags.DebitsMustNotExceedCredits);
        await FundAsync(wallet, 100);
        Assert.Equal(Created, await TransferAsync(Move(wallet, shop, 30)));
        var sweep = Move(wallet, shop, 1_000, TransferFlags.BalancingDebit);
        var empty = Move(wallet, shop, Max, TransferFlags.BalancingDebit);

        var results = await TransfersAsync(sweep, empty);

        Assert.Equal([Created, Created], results);
        Assert.Equal<UInt128>(70, (await LookupAsync(sweep)).Amount);
        Assert.Equal<UInt128>(0, (await LookupAsync(empty)).Amount);
        await AssertBalancesAsync(wallet, 0, 100, 0, 100);
        Assert.Equal(Exists, await TransferAsync(sweep));
        Assert.Equal(Exists, await TransferAsync(sweep with { Amount = 70 }));
        Assert.Equal(ExistsWithDifferentAmount, await TransferAsync(sweep with { Amount = 69 }));
        await AssertBalancesAsync(wallet, 0, 100, 0, 100);
    }

    [Fact]
    public async Task ABalancingCreditFillsTheCreditAccountUpToItsDebits()
    {
        var ledger = NewLedgerNumber();
        var (source, debt) = await PairAsync(ledger, AccountFlags.None, AccountFlags.CreditsMustNotExceedDebits);
        Assert.Equal(Created, await TransferAsync(Move(debt, source, 80)));
        Assert.Equal(Created, await TransferAsync(Move(source, debt, 20, TransferFlags.Pending)));
        var repay = Move(source, debt, 1_000, TransferFlags.BalancingCredit);

        Assert.Equal(Created, await TransferAsync(repay));

        Assert.Equal<UInt128>(60, (await LookupAsync(repay)).Amount);
        await AssertBalancesAsync(debt, 0, 80, 20, 60);
        Assert.Equal(ExceedsDebits, await TransferAsync(Move(source, debt, 1)));
    }

    [Fact]
    public async Task BalancingBothSidesTakesTheSmallerRoom()
    {
        var ledger = NewLedgerNumber();
        var (wallet, debt) = await PairAsync(ledger, AccountFlags.DebitsMustNotExceedCredits,
            AccountFlags.CreditsMustNotExceedDebits);
        await FundAsync(wallet, 50);
        var other = (await CreateAccountsAsync(ledger, AccountFlags.None))[0];
        Assert.Equal(Created, await TransferAsync(Move(debt, other, 30)));
        var both = Move(wallet, debt, Max, TransferFlags.BalancingDebit | TransferFlags.BalancingCredit);

        Assert.Equal(Created, await TransferAsync(both));

        Assert.Equal<UInt128>(30, (await LookupAsync(both)).Amount);
    }

    [Fact]
    public async Task AnAccountCreatedClosedTakesNoTransfers()
    {
        var ledger = NewLedgerNumber();
        var (closed, open) = await PairAsync(ledger, AccountFlags.Closed, AccountFlags.None);
        var closedToo = (await CreateAccountsAsync(ledger, AccountFlags.Closed))[0];

        await AssertTransferCasesAsync(
            ("debit closed beats credit closed", Move(closed, closedToo, 1), DebitAccountAlreadyClosed),
            ("credit closed", Move(open, closed, 1), CreditAccountAlreadyClosed),
            ("pending on closed", Move(open, closed, 1, TransferFlags.Pending), CreditAccountAlreadyClosed));
    }

    [Fact]
    public async Task AClosingDebitClosesTheAccountUntilItIsVoided()
    {
        var ledger = NewLedgerNumber();
        var (account, other) = await PairAsync(ledger);
        var closing = Move(account, other, 0, TransferFlags.Pending | TransferFlags.ClosingDebit);

        Assert.Equal(Created, await TransferAsync(closing));
        var whileClosed = await TransfersAsync(Move(account, other, 1), Move(other, account, 1),
            Post(closing, Transfer.AmountMax));
        var reopening = await TransferAsync(Void(closing));

        Assert.Equal([DebitAccountAlreadyClosed, CreditAccountAlreadyClosed, DebitAccountAlreadyClosed],
            whileClosed);
        Assert.Equal(Created, reopening);
        Assert.False((await LookupAsync(account)).Flags.HasFlag(AccountFlags.Closed));
        Assert.Equal(Created, await TransferAsync(Move(account, other, 1)));
    }

    [Fact]
    public async Task AClosingCreditClosesTheCreditAccount()
    {
        var ledger = NewLedgerNumber();
        var (other, account) = await PairAsync(ledger);
        var closing = Move(other, account, 5, TransferFlags.Pending | TransferFlags.ClosingCredit);

        Assert.Equal(Created, await TransferAsync(closing));

        var stored = await LookupAsync(account);
        Assert.True(stored.Flags.HasFlag(AccountFlags.Closed));
        await AssertBalancesAsync(account, 0, 0, 5, 0);
        Assert.False((await LookupAsync(other)).Flags.HasFlag(AccountFlags.Closed));
        Assert.Equal(CreditAccountAlreadyClosed, await TransferAsync(Move(other, account, 1)));
        Assert.Equal(DebitAccountAlreadyClosed, await TransferAsync(Move(account, other, 1, TransferFlags.Pending)));
    }

    static Transfer NewMove(Transfer template) => template with { Id = NewId() };

    async Task<(Account, Account)> PairAsync(uint ledger, AccountFlags first = AccountFlags.None,
        AccountFlags second = AccountFlags.None)
    {
        var accounts = await CreateAccountsAsync(ledger, first, second);
        return (accounts[0], accounts[1]);
    }

    async Task<(Account, Account, Account)> TripleAsync(uint ledger, AccountFlags first = AccountFlags.None)
    {
        var accounts = await CreateAccountsAsync(ledger, first, AccountFlags.None, AccountFlags.None);
        return (accounts[0], accounts[1], accounts[2]);
    }
}
