using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;
using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Api.Tests.Ledger;

public class PendingTransfersTests(LedgerFixture fixture) : LedgerContract(fixture), IClassFixture<LedgerFixture>
{
    [Fact]
    public async Task APendingTransferReservesWithoutPosting()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending);

        Assert.Equal(Created, await TransferAsync(pending));

        await AssertBalancesAsync(a, 100, 0, 0, 0);
        await AssertBalancesAsync(b, 0, 0, 100, 0);
    }

    [Fact]
    public async Task PostingAmountMaxPostsTheWholePendingAmount()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending) with { UserData64 = 4 };
        var post = Post(pending, Transfer.AmountMax);

        Assert.Equal([Created, Created], await TransfersAsync(pending, post));

        var stored = await LookupAsync(post);
        Assert.Equal<UInt128>(100, stored.Amount);
        Assert.Equal((a.Id, b.Id, pending.Ledger, pending.Code), (stored.DebitAccountId, stored.CreditAccountId,
            stored.Ledger, stored.Code));
        Assert.Equal(4UL, stored.UserData64);
        await AssertBalancesAsync(a, 0, 100, 0, 0);
        await AssertBalancesAsync(b, 0, 0, 0, 100);
    }

    [Fact]
    public async Task PostingLessThanPendingReleasesTheRest()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending);
        var post = Post(pending, 30);

        Assert.Equal([Created, Created], await TransfersAsync(pending, post));

        await AssertBalancesAsync(a, 0, 30, 0, 0);
        await AssertBalancesAsync(b, 0, 0, 0, 30);
    }

    [Fact]
    public async Task PostingZeroPostsNothingAndReleasesEverything()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending);
        var post = Post(pending, 0);

        Assert.Equal([Created, Created], await TransfersAsync(pending, post));

        Assert.Equal<UInt128>(0, (await LookupAsync(post)).Amount);
        await AssertBalancesAsync(a, 0, 0, 0, 0);
    }

    [Fact]
    public async Task VoidingReleasesTheReservation()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending);
        var voidWhole = Void(pending);

        Assert.Equal([Created, Created], await TransfersAsync(pending, voidWhole));

        Assert.Equal<UInt128>(100, (await LookupAsync(voidWhole)).Amount);
        await AssertBalancesAsync(a, 0, 0, 0, 0);
        await AssertBalancesAsync(b, 0, 0, 0, 0);
    }

    [Fact]
    public async Task VoidingWithTheExactAmountIsAllowed()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending);

        var results = await TransfersAsync(pending, Void(pending) with { Amount = 100 });

        Assert.Equal([Created, Created], results);
        await AssertBalancesAsync(a, 0, 0, 0, 0);
    }

    [Fact]
    public async Task APendingTransferIsSettledOnlyOnce()
    {
        var (a, b) = await PairAsync();
        var posted = Move(a, b, 100, TransferFlags.Pending);
        var voided = Move(a, b, 50, TransferFlags.Pending);
        Assert.Equal([Created, Created, Created, Created],
            await TransfersAsync(posted, voided, Post(posted, 60), Void(voided)));

        await AssertTransferCasesAsync(
            ("post after post", Post(posted, 10), PendingTransferAlreadyPosted),
            ("void after post", Void(posted), PendingTransferAlreadyPosted),
            ("post after void", Post(voided, Transfer.AmountMax), PendingTransferAlreadyVoided),
            ("void after void", Void(voided), PendingTransferAlreadyVoided));

        await AssertBalancesAsync(a, 0, 60, 0, 0);
    }

    [Fact]
    public async Task APostOrVoidMustMatchItsPendingTransferInPrecedence()
    {
        var ledger = NewLedgerNumber();
        var (a, b, c) = await TripleAsync(ledger);
        var pending = Move(a, b, 100, TransferFlags.Pending) with { Code = 7 };
        var plain = Move(a, b, 1);
        Assert.Equal([Created, Created], await TransfersAsync(pending, plain));
        var post = Post(pending, 10);

        await AssertTransferCasesAsync(
            ("not pending beats debit account", Post(plain, 1) with { DebitAccountId = c.Id },
                PendingTransferNotPending),
            ("debit account beats credit account",
                post with { Id = NewId(), DebitAccountId = c.Id, CreditAccountId = c.Id },
                PendingTransferHasDifferentDebitAccountId),
            ("credit account beats ledger", post with { Id = NewId(), CreditAccountId = c.Id, Ledger = 9 },
                PendingTransferHasDifferentCreditAccountId),
            ("ledger beats code", post with { Id = NewId(), Ledger = 9, Code = 9 }, PendingTransferHasDifferentLedger),
            ("code beats amount", post with { Id = NewId(), Code = 9, Amount = 101 }, PendingTransferHasDifferentCode),
            ("post more than pending", post with { Id = NewId(), Amount = 101 }, ExceedsPendingTransferAmount),
            ("void more than pending", Void(pending) with { Amount = 101 }, ExceedsPendingTransferAmount),
            ("void less than pending", Void(pending) with { Amount = 99 }, PendingTransferHasDifferentAmount),
            ("matching fields are accepted", post with
            {
                Id = NewId(),
                DebitAccountId = a.Id,
                CreditAccountId = b.Id,
                Ledger = ledger,
                Code = 7,
            }, Created));

        await AssertBalancesAsync(a, 0, 11, 0, 0);
    }

    [Fact]
    public async Task ARetriedPostAnswersExistsAndMovesNothingMore()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending) with { UserData32 = 5 };
        var whole = Post(pending, Transfer.AmountMax);
        var created = await Ledger.CreateTransfersAsync([pending, whole]);

        await AssertTransferCasesAsync(
            ("same request", whole, Exists),
            ("amount max again, pending amount stored", whole with { Amount = 100 }, Exists),
            ("different amount", whole with { Amount = 99 }, ExistsWithDifferentAmount),
            ("user data left out means the pending's", whole with { UserData32 = 5 }, Exists),
            ("different user data", whole with { UserData32 = 6 }, ExistsWithDifferentUserData32),
            ("different pending id", whole with { PendingId = NewId() }, ExistsWithDifferentPendingId),
            ("different flags", whole with { Flags = TransferFlags.VoidPendingTransfer }, ExistsWithDifferentFlags));

        Assert.Equal(created[1], (await Ledger.CreateTransfersAsync([whole]))[0] with { Status = Created });
        await AssertBalancesAsync(a, 0, 100, 0, 0);
    }

    [Fact]
    public async Task APendingTransferAndItsPostInOneChainSucceedTogether()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending | TransferFlags.Linked);

        Assert.Equal([Created, Created], await TransfersAsync(pending, Post(pending, 40)));

        await AssertBalancesAsync(a, 0, 40, 0, 0);
    }

    [Fact]
    public async Task AnExpiredReservationIsReleasedOnTheNextRead()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending) with { Timeout = 2 };
        Assert.Equal(Created, await TransferAsync(pending));

        Fixture.Time.Advance(TimeSpan.FromSeconds(3));

        await AssertBalancesAsync(a, 0, 0, 0, 0);
        await AssertBalancesAsync(b, 0, 0, 0, 0);
        Assert.Equal(PendingTransferExpired, await TransferAsync(Post(pending, Transfer.AmountMax)));
        Assert.Equal(PendingTransferExpired, await TransferAsync(Void(pending)));
        Assert.Equal(pending.Amount, (await LookupAsync(pending)).Amount);
    }

    [Fact]
    public async Task TheExpiryPulseReleasesReservationsThatRanOut()
    {
        var (a, b) = await PairAsync();
        var expiring = Move(a, b, 100, TransferFlags.Pending) with { Timeout = 1 };
        var lasting = Move(a, b, 10, TransferFlags.Pending) with { Timeout = 3_600 };
        var forever = Move(a, b, 1, TransferFlags.Pending);
        Assert.Equal([Created, Created, Created], await TransfersAsync(expiring, lasting, forever));

        Fixture.Time.Advance(TimeSpan.FromSeconds(2));
        await Fixture.ExpirePendingTransfersAsync();

        await AssertBalancesAsync(a, 11, 0, 0, 0);
        await AssertTransferCasesAsync(
            ("void of the expired", Void(expiring), PendingTransferExpired),
            ("post of the one not due yet", Post(lasting, Transfer.AmountMax), Created),
            ("post of the one without timeout", Post(forever, Transfer.AmountMax), Created));
        await AssertBalancesAsync(a, 0, 11, 0, 0);
    }

    [Fact]
    public async Task APendingTransferCanBePostedUntilItsTimeoutRunsOut()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending) with { Timeout = 10 };
        Assert.Equal(Created, await TransferAsync(pending));

        Fixture.Time.Advance(TimeSpan.FromSeconds(9));
        await Fixture.ExpirePendingTransfersAsync();

        await AssertBalancesAsync(a, 100, 0, 0, 0);
        Assert.Equal(Created, await TransferAsync(Post(pending, Transfer.AmountMax)));
    }

    [Fact]
    public async Task AnExpiredClosingTransferReopensTheAccount()
    {
        var (a, b) = await PairAsync();
        var closing = Move(a, b, 5, TransferFlags.Pending | TransferFlags.ClosingDebit) with { Timeout = 1 };
        Assert.Equal(Created, await TransferAsync(closing));
        Assert.True((await LookupAsync(a)).Flags.HasFlag(AccountFlags.Closed));

        Fixture.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.False((await LookupAsync(a)).Flags.HasFlag(AccountFlags.Closed));
        Assert.Equal(Created, await TransferAsync(Move(a, b, 1)));
    }

    [Fact]
    public async Task ARetryOfAnExpiredPendingTransferStillAnswersExists()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 100, TransferFlags.Pending) with { Timeout = 1 };
        var created = (await Ledger.CreateTransfersAsync([pending]))[0];

        Fixture.Time.Advance(TimeSpan.FromSeconds(2));
        await Fixture.ExpirePendingTransfersAsync();

        Assert.Equal(new CreateTransferResult(Exists, created.Timestamp),
            (await Ledger.CreateTransfersAsync([pending]))[0]);
        await AssertBalancesAsync(a, 0, 0, 0, 0);
    }

    [Fact]
    public async Task ATimeoutOnAPlainTransferIsRefused()
    {
        var (a, b) = await PairAsync();

        Assert.Equal(TimeoutReservedForPendingTransfer, await TransferAsync(Move(a, b, 1) with { Timeout = 1 }));
    }

    async Task<(Account, Account)> PairAsync()
    {
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.None, AccountFlags.None);
        return (accounts[0], accounts[1]);
    }

    async Task<(Account, Account, Account)> TripleAsync(uint ledger)
    {
        var accounts = await CreateAccountsAsync(ledger, AccountFlags.None, AccountFlags.None, AccountFlags.None);
        return (accounts[0], accounts[1], accounts[2]);
    }
}
