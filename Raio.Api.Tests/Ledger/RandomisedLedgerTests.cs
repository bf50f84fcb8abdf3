using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;

namespace Raio.Api.Tests.Ledger;

/// <summary>
/// Random sequences of batches — transfers, pending transfers and their posts and voids, balancing
/// transfers, linked chains, retries — over accounts with random limits on a few ledgers. Every
/// answer is compared with <see cref="LedgerModel"/>, and the balances with the transfers the
/// ledger reports. A failure names its seed: add it to the inline data to replay it.
/// </summary>
public class RandomisedLedgerTests(LedgerFixture fixture) : LedgerContract(fixture), IClassFixture<LedgerFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomBatchesAgreeWithTheModelAndKeepTheBooksBalanced(int seed) => await RunAsync(seed);

    [Fact]
    public async Task ARandomSeedOfThisRunAgreesWithTheModelToo() => await RunAsync(Random.Shared.Next());

    async Task RunAsync(int seed)
    {
        var random = new Random(seed);
        var model = new LedgerModel();
        var ledgers = Enumerable.Range(0, 3).Select(_ => NewLedgerNumber()).ToArray();
        AccountFlags[] choices =
        [
            AccountFlags.None, AccountFlags.DebitsMustNotExceedCredits, AccountFlags.CreditsMustNotExceedDebits,
            AccountFlags.History | AccountFlags.DebitsMustNotExceedCredits,
        ];
        var byLedger = new Dictionary<uint, Account[]>();
        foreach (var ledger in ledgers)
        {
            var accounts = Enumerable.Range(0, 5)
                .Select(i => NewAccount(ledger, i < choices.Length ? choices[i] : choices[random.Next(choices.Length)]))
                .ToArray();
            await CreateAccountsAsync(accounts);
            foreach (var account in accounts)
            {
                model.Add(account);
            }

            byLedger[ledger] = accounts;
        }

        var seen = new HashSet<CreateTransferStatus>();
        var pendings = new List<Transfer>();
        var sentAlone = new List<Transfer>();
        var accountIds = byLedger.Values.SelectMany(a => a).Select(a => a.Id).ToArray();

        Transfer Generate()
        {
            var ledger = ledgers[random.Next(ledgers.Length)];
            var accounts = byLedger[ledger];
            var debit = accounts[random.Next(accounts.Length)];
            var credit = accounts.Where(a => a.Id != debit.Id).ElementAt(random.Next(accounts.Length - 1));
            var roll = random.NextDouble();
            if (roll < 0.05)
            {
                credit = byLedger[ledgers[(Array.IndexOf(ledgers, ledger) + 1) % ledgers.Length]][0];
            }
            else if (roll < 0.08)
            {
                debit = debit with { Id = NewId() };
            }

            var kind = random.NextDouble();
            if (kind < 0.25 && pendings.Count > 0)
            {
                var pending = pendings[random.Next(pendings.Count)];
                if (random.NextDouble() < 0.6)
                {
                    var amount = random.NextDouble() < 0.5 ? Transfer.AmountMax : (UInt128)random.Next(0, 60);
                    return Post(pending, amount);
                }

                return Void(pending) with { Amount = random.NextDouble() < 0.8 ? 0 : (UInt128)random.Next(0, 60) };
            }

            var flags = kind < 0.55 ? TransferFlags.Pending : TransferFlags.None;
            var balancing = random.NextDouble();
            flags |= balancing < 0.1 ? TransferFlags.BalancingDebit
                : balancing < 0.15 ? TransferFlags.BalancingCredit
                : TransferFlags.None;
            var transfer = Move(debit, credit, (UInt128)random.Next(0, 50), flags) with { Ledger = ledger };
            if (flags.HasFlag(TransferFlags.Pending))
            {
                pendings.Add(transfer);
            }

            return transfer;
        }

        var deposits = byLedger.Values.SelectMany(accounts => accounts.Skip(1)
            .Where(a => !a.Flags.HasFlag(AccountFlags.CreditsMustNotExceedDebits))
            .Select(a => Move(accounts[0], a, 100))).ToArray();
        await SendAsync(deposits);

        for (var round = 0; round < 60; round++)
        {
            var batch = new List<Transfer>();
            for (var unit = random.Next(1, 5); unit > 0; unit--)
            {
                var shape = random.NextDouble();
                if (shape < 0.15 && sentAlone.Count > 0)
                {
                    batch.Add(sentAlone[random.Next(sentAlone.Count)]);
                }
                else if (shape < 0.35)
                {
                    var chain = Enumerable.Range(0, random.Next(2, 5)).Select(_ => Generate()).ToList();
                    for (var i = 0; i < chain.Count - 1; i++)
                    {
                        chain[i] = chain[i] with { Flags = chain[i].Flags | TransferFlags.Linked };
                    }

                    batch.AddRange(chain);
                }
                else
                {
                    var single = Generate();
                    batch.Add(single);
                    sentAlone.Add(single);
                }
            }

            if (random.NextDouble() < 0.05)
            {
                batch.Add(Generate() is var open ? open with { Flags = open.Flags | TransferFlags.Linked } : open);
            }

            await SendAsync(batch);
        }

        var stored = await Ledger.LookupAccountsAsync(accountIds);
        foreach (var account in stored)
        {
            var expected = model.Accounts[account.Id];
            Assert.True(Balances(expected) == Balances(account),
                $"seed {seed}: account {account.Id} holds {Balances(account)}, the model {Balances(expected)}");
        }

        await LedgerInvariants.AssertHoldAsync(Ledger, accountIds, $"seed {seed}");
        CreateTransferStatus[] common =
        [
            CreateTransferStatus.Created, CreateTransferStatus.Exists, CreateTransferStatus.LinkedEventFailed,
        ];
        Assert.True(seen.IsSupersetOf(common) && seen.Overlaps([CreateTransferStatus.ExceedsCredits,
            CreateTransferStatus.ExceedsDebits]), $"seed {seed}: only {string.Join(", ", seen)} came up");

        async Task SendAsync(IReadOnlyList<Transfer> batch)
        {
            var expected = model.Apply(batch);
            var actual = (await Ledger.CreateTransfersAsync(batch)).Select(r => r.Status).ToArray();
            seen.UnionWith(actual);
            var first = Enumerable.Range(0, batch.Count).FirstOrDefault(i => expected[i] != actual[i], -1);
            Assert.True(first < 0, first < 0 ? "" : $"seed {seed}: event {first} of {batch.Count} ({batch[first]}) "
                + $"answered {actual[first]}, the model {expected[first]}; batch {string.Join(", ", actual)}");
        }
    }
}
