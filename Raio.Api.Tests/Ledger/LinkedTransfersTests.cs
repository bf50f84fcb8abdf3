using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;
using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Api.Tests.Ledger;

public class LinkedTransfersTests(LedgerFixture fixture) : LedgerContract(fixture), IClassFixture<LedgerFixture>
{
    const TransferFlags Linked = TransferFlags.Linked;

    [Fact]
    public async Task AChainSucceedsAsOne()
    {
        var (limited, a, b) = await AccountsAsync();
        await FundAsync(limited, 10);

        var results = await TransfersAsync(Move(limited, a, 10, Linked), Move(a, b, 10, Linked), Move(b, a, 3));

        Assert.Equal([Created, Created, Created], results);
        await AssertBalancesAsync(a, 0, 10, 0, 13);
    }

    [Fact]
    public async Task AFailingEventFailsItsWholeChainAndNothingElse()
    {
        var (limited, a, b) = await AccountsAsync();
        await FundAsync(limited, 10);
        var before = Move(a, b, 1);
        var first = Move(a, b, 5, Linked);
        var pending = Move(a, limited, 5, Linked | TransferFlags.Pending);
        var failing = Move(limited, b, 11, Linked);
        var last = Move(b, a, 7);
        var after = Move(b, a, 2);

        var results = await TransfersAsync(before, first, pending, failing, last, after);

        Assert.Equal([Created, LinkedEventFailed, LinkedEventFailed, ExceedsCredits, LinkedEventFailed, Created],
            results);
        await AssertBalancesAsync(a, 0, 1, 0, 2);
        await AssertBalancesAsync(limited, 0, 0, 0, 10);
        Assert.Equal([before.Id, after.Id], (await Ledger.LookupTransfersAsync(
            [before.Id, first.Id, pending.Id, failing.Id, last.Id, after.Id])).Select(t => t.Id));
    }

    [Fact]
    public async Task OnlyTheEventThatBrokeAChainKeepsItsFailure()
    {
        var (limited, a, b) = await AccountsAsync();
        var first = Move(a, b, 5, Linked);
        var failing = Move(limited, b, 1, Linked);
        var last = Move(b, a, 7);
        Assert.Equal([LinkedEventFailed, ExceedsCredits, LinkedEventFailed],
            await TransfersAsync(first, failing, last));
        await FundAsync(limited, 10);

        var retried = await TransfersAsync(first with { Flags = 0 }, failing with { Flags = 0 }, last);

        // TigerBeetle's rule: a transient failure marks the id even inside a chain.
        Assert.Equal([Created, IdAlreadyFailed, Created], retried);
    }

    [Fact]
    public async Task AChainLeftOpenAtTheEndOfTheBatchFails()
    {
        var (_, a, b) = await AccountsAsync();
        var single = Move(a, b, 1);
        var first = Move(a, b, 2, Linked);
        var last = Move(a, b, 3, Linked);

        var results = await TransfersAsync(single, first, last);
        var alone = await TransfersAsync(Move(a, b, 4, Linked));

        Assert.Equal([Created, LinkedEventFailed, LinkedEventChainOpen], results);
        Assert.Equal([LinkedEventChainOpen], alone);
        await AssertBalancesAsync(a, 0, 1, 0, 0);
    }

    [Fact]
    public async Task AChainBrokenEarlyStillReportsItsOpenEnd()
    {
        var (_, a, b) = await AccountsAsync();

        var results = await TransfersAsync(Move(a, b, 1, Linked), Move(a, a, 1, Linked), Move(a, b, 1, Linked));

        Assert.Equal([LinkedEventFailed, AccountsMustBeDifferent, LinkedEventChainOpen], results);
        await AssertBalancesAsync(a, 0, 0, 0, 0);
    }

    [Fact]
    public async Task AnEventThatAlreadyExistsBreaksItsChain()
    {
        var (_, a, b) = await AccountsAsync();
        var existing = Move(a, b, 1, Linked);
        var closing = Move(a, b, 1);
        Assert.Equal([Created, Created], await TransfersAsync(existing, closing));
        var fresh = Move(a, b, 5, Linked);

        var results = await TransfersAsync(fresh, existing, closing);

        Assert.Equal([LinkedEventFailed, Exists, LinkedEventFailed], results);
        await AssertBalancesAsync(a, 0, 2, 0, 0);
    }

    [Fact]
    public async Task AFailedChainUndoesThePostOfAnEarlierPendingTransfer()
    {
        var (limited, a, b) = await AccountsAsync();
        var pending = Move(a, b, 50, TransferFlags.Pending);
        Assert.Equal(Created, await TransferAsync(pending));
        var post = Post(pending, 20) with { Flags = TransferFlags.PostPendingTransfer | Linked };

        var results = await TransfersAsync(post, Move(limited, a, 1));

        Assert.Equal([LinkedEventFailed, ExceedsCredits], results);
        await AssertBalancesAsync(a, 50, 0, 0, 0);
        Assert.Equal(Created, await TransferAsync(Post(pending, 20)));
        await AssertBalancesAsync(a, 0, 20, 0, 0);
    }

    [Fact]
    public async Task AFailedChainUndoesAClosingTransfer()
    {
        var (limited, a, b) = await AccountsAsync();
        var closing = Move(a, b, 0, TransferFlags.Pending | TransferFlags.ClosingDebit | Linked);

        var results = await TransfersAsync(closing, Move(limited, b, 1));

        Assert.Equal([LinkedEventFailed, ExceedsCredits], results);
        Assert.False((await LookupAsync(a)).Flags.HasFlag(AccountFlags.Closed));
    }

    [Fact]
    public async Task ABalancingTransferInAChainSeesTheEarlierEvents()
    {
        var (limited, a, _) = await AccountsAsync();
        var funding = (await CreateAccountsAsync(limited.Ledger, AccountFlags.None))[0];
        var deposit = Move(funding, limited, 40, Linked);
        var sweep = Move(limited, a, Max, TransferFlags.BalancingDebit);

        Assert.Equal([Created, Created], await TransfersAsync(deposit, sweep));

        Assert.Equal<UInt128>(40, (await LookupAsync(sweep)).Amount);
        await AssertBalancesAsync(limited, 0, 40, 0, 40);
    }

    async Task<(Account Limited, Account A, Account B)> AccountsAsync()
    {
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.DebitsMustNotExceedCredits,
            AccountFlags.None, AccountFlags.None);
        return (accounts[0], accounts[1], accounts[2]);
    }
}
