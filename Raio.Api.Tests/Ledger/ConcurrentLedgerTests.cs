using Npgsql;
using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;
using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Api.Tests.Ledger;

public class ConcurrentLedgerTests(LedgerFixture fixture) : LedgerContract(fixture), IClassFixture<LedgerFixture>
{
    const int Callers = 32;

    [Fact]
    public async Task ManyCallersOnOneLimitedAccountNeverOverdrawIt()
    {
        var ledger = NewLedgerNumber();
        var accounts = await CreateAccountsAsync(ledger, AccountFlags.DebitsMustNotExceedCredits,
            AccountFlags.None, AccountFlags.None, AccountFlags.None, AccountFlags.None);
        var (liquidity, users) = (accounts[0], accounts[1..]);
        const int deposited = 1_000;
        var funding = await FundAsync(liquidity, deposited);
        var shared = Enumerable.Range(0, 8).Select(i => Move(users[i % 4], users[(i + 1) % 4], 3)).ToArray();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var random = new Random(caller);
            var withdrawn = UInt128.Zero;
            var sharedResults = new List<(UInt128 Id, CreateTransferStatus Status)>();
            for (var step = 0; step < 12; step++)
            {
                var user = users[random.Next(users.Length)];
                var roll = random.NextDouble();
                if (roll < 0.4)
                {
                    if (await TransferAsync(Move(liquidity, user, 7)) == Created)
                    {
                        withdrawn += 7;
                    }
                }
                else if (roll < 0.7)
                {
                    var pending = Move(liquidity, user, 5, TransferFlags.Pending);
                    if (await TransferAsync(pending) != Created)
                    {
                        continue;
                    }

                    var settle = random.NextDouble() < 0.5 ? Post(pending, 4) : Void(pending);
                    Assert.Equal(Created, await TransferAsync(settle));
                    withdrawn += settle.Flags.HasFlag(TransferFlags.PostPendingTransfer) ? 4u : 0u;
                }
                else if (roll < 0.85)
                {
                    var t = shared[random.Next(shared.Length)];
                    sharedResults.Add((t.Id, await TransferAsync(t)));
                }
                else
                {
                    var chain = await TransfersAsync(Move(user, liquidity, 2, TransferFlags.Linked),
                        Move(liquidity, user, 2));
                    Assert.Equal([Created, Created], chain);
                }
            }

            return (withdrawn, sharedResults);
        })));

        var stored = await LookupAsync(liquidity);
        var total = outcomes.Aggregate(UInt128.Zero, (sum, o) => sum + o.withdrawn);
        Assert.True(total <= deposited, $"withdrew {total} of {deposited}");
        Assert.True(stored.DebitsPending + stored.DebitsPosted <= stored.CreditsPosted,
            $"overdrawn: {Balances(stored)}");
        Assert.Equal(UInt128.Zero, stored.DebitsPending);
        foreach (var group in outcomes.SelectMany(o => o.sharedResults).GroupBy(r => r.Id))
        {
            Assert.Single(group, r => r.Status == Created);
            Assert.All(group, r => Assert.True(r.Status is Created or Exists, r.Status.ToString()));
        }

        await LedgerInvariants.AssertHoldAsync(Ledger, [funding.Id, .. accounts.Select(a => a.Id)], "concurrent");
    }

    [Fact]
    public async Task ManyCallersRetryingOneTransferGetOneCreatedAndTheRestExists()
    {
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.None, AccountFlags.None);
        var transfer = Move(accounts[0], accounts[1], 10);

        var results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
            (await Ledger.CreateTransfersAsync([transfer]))[0])));

        Assert.Single(results, r => r.Status == Created);
        Assert.All(results, r => Assert.True(r.IsCommitted, r.Status.ToString()));
        Assert.Single(results.Select(r => r.Timestamp).Distinct());
        await AssertBalancesAsync(accounts[0], 0, 10, 0, 0);
    }

    [Fact]
    public async Task ManyCallersSettlingOnePendingTransferSettleItOnce()
    {
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.None, AccountFlags.None);
        var pending = Move(accounts[0], accounts[1], 100, TransferFlags.Pending);
        Assert.Equal(Created, await TransferAsync(pending));

        var results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
            await TransferAsync(caller % 2 == 0 ? Post(pending, Transfer.AmountMax) : Void(pending)))));

        Assert.Single(results, s => s == Created);
        var posted = (await LookupAsync(accounts[0])).DebitsPosted == 100;
        var loser = posted ? PendingTransferAlreadyPosted : PendingTransferAlreadyVoided;
        Assert.Equal(Callers - 1, results.Count(s => s == loser));
        await AssertBalancesAsync(accounts[0], 0, posted ? 100u : 0u, 0, 0);
    }

    [Fact]
    public async Task CallersWhoseBatchesAreGroupedDoNotFailEachOthersChains()
    {
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.None, AccountFlags.None);
        var (a, b) = (accounts[0], accounts[1]);

        var results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
            caller % 2 == 0
                ? await TransfersAsync(Move(a, b, 1, TransferFlags.Linked))
                : await TransfersAsync(Move(a, b, 1, TransferFlags.Linked), Move(b, a, 1)))));

        Assert.All(results.Where((_, i) => i % 2 == 0), r => Assert.Equal([LinkedEventChainOpen], r));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.Equal([Created, Created], r));
        await AssertBalancesAsync(a, 0, Callers / 2, 0, Callers / 2);
    }

    [Fact]
    public async Task ABatchThatLosesTheRaceForAnIdRunsAgainAndFindsTheWinner()
    {
        // Another instance's transaction, over other accounts, has inserted the id but not yet
        // committed: no account lock orders the two, so the primary key settles it. This batch's
        // insert waits, then fails with a unique violation, which must roll it back (the commit
        // travels with the insert and is skipped) and run it again.
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.None,
            AccountFlags.None);
        var transfer = Move(accounts[0], accounts[1], 10);
        await using var rival = await Fixture.DataSource.OpenConnectionAsync();
        await using var rivalTransaction = await rival.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, amount,
                user_data_128, user_data_64, user_data_32, timeout, ledger, code, flags, timestamp)
            VALUES ($1, gen_random_uuid(), gen_random_uuid(), 10, $2, 0, 0, 0, $3, 1, 0, 1)
            """, rival, rivalTransaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = LedgerIds.ToGuid(transfer.Id) });
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.Empty });
            insert.Parameters.Add(new NpgsqlParameter { Value = (long)transfer.Ledger });
            await insert.ExecuteNonQueryAsync();
        }

        var creating = Ledger.CreateTransfersAsync([transfer]).AsTask();
        await Task.Delay(300);
        Assert.False(creating.IsCompleted);
        await rivalTransaction.CommitAsync();
        var result = (await creating)[0];

        Assert.Equal(ExistsWithDifferentDebitAccountId, result.Status);
        await AssertBalancesAsync(accounts[0], 0, 0, 0, 0);
        Assert.Equal(Created, await TransferAsync(Move(accounts[0], accounts[1], 5)));
        await AssertBalancesAsync(accounts[0], 0, 5, 0, 0);
    }
}
