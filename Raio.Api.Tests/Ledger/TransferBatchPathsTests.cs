using System.Buffers.Binary;
using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;
using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Api.Tests.Ledger;

/// <summary>
/// The PostgreSQL adapter loads and writes a batch along different paths depending on its size
/// and content (one round trip or several, INSERT or COPY); whichever it takes, the answers and
/// the stored rows must be the same.
/// </summary>
public class TransferBatchPathsTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    ILedger Ledger => fixture.Ledger;

    [Fact]
    public async Task EveryFieldOfASmallBatchIsStoredAsSent()
    {
        var (a, b) = await PairAsync();

        await AssertStoredAsSentAsync(Varied(a, b, 7));
    }

    [Fact]
    public async Task EveryFieldOfAFullBatchIsStoredAsSent()
    {
        var (a, b) = await PairAsync();

        await AssertStoredAsSentAsync(Varied(a, b, ILedger.BatchMax));
    }

    [Fact]
    public async Task APendingTransferRetriedWithItsAccountsExists()
    {
        var (a, b) = await PairAsync();
        var pending = Move(a, b, 10) with { Flags = TransferFlags.Pending, Timeout = 60 };
        var created = (await Ledger.CreateTransfersAsync([pending]))[0];

        var again = (await Ledger.CreateTransfersAsync([pending]))[0];

        Assert.Equal(new CreateTransferResult(Exists, created.Timestamp), again);
        Assert.Equal<UInt128>(10, (await Ledger.LookupAccountsAsync([a.Id]))[0].DebitsPending);
    }

    [Fact]
    public async Task AnExpiredPendingTransferRetriedWithOtherAccountsIsRefusedAndReleased()
    {
        var (a, b) = await PairAsync();
        var c = (await CreateAccountsAsync(NewAccount(a.Ledger)))[0];
        var pending = Move(a, b, 10) with { Flags = TransferFlags.Pending, Timeout = 1 };
        Assert.Equal(Created, (await Ledger.CreateTransfersAsync([pending]))[0].Status);
        fixture.Time.Advance(TimeSpan.FromSeconds(2));

        var retried = await Ledger.CreateTransfersAsync([pending with { DebitAccountId = c.Id }]);
        var post = await Ledger.CreateTransfersAsync([new Transfer
        {
            Id = NewId(),
            PendingId = pending.Id,
            Flags = TransferFlags.PostPendingTransfer,
            Amount = Transfer.AmountMax,
        }]);

        Assert.Equal(ExistsWithDifferentDebitAccountId, retried[0].Status);
        Assert.Equal(PendingTransferExpired, post[0].Status);
        var accounts = await Ledger.LookupAccountsAsync([a.Id, b.Id, c.Id]);
        Assert.All(accounts, account => Assert.Equal((UInt128)0, account.DebitsPending + account.CreditsPending));
        Assert.All(accounts, account => Assert.Equal((UInt128)0, account.DebitsPosted + account.CreditsPosted));
    }

    async Task AssertStoredAsSentAsync(Transfer[] sent)
    {
        var results = await Ledger.CreateTransfersAsync(sent);

        Assert.All(results, r => Assert.Equal(Created, r.Status));
        var stored = (await Ledger.LookupTransfersAsync(sent.Select(t => t.Id).ToArray())).ToDictionary(t => t.Id);
        Assert.Equal(sent.Length, stored.Count);
        for (var i = 0; i < sent.Length; i++)
        {
            Assert.Equal(sent[i] with { Timestamp = results[i].Timestamp }, stored[sent[i].Id]);
        }
    }

    /// <summary>Transfers that between them use every field a created transfer keeps.</summary>
    static Transfer[] Varied(Account debit, Account credit, int count) =>
        Enumerable.Range(0, count).Select(i => Move(debit, credit, (UInt128)(i + 1)) with
        {
            UserData128 = i % 3 == 0 ? 0 : NewId(),
            UserData64 = i % 5 == 0 ? ulong.MaxValue : (ulong)i,
            UserData32 = i % 7 == 0 ? uint.MaxValue : (uint)i,
            Code = (ushort)(i % 4 + 1),
            Flags = i % 2 == 0 ? TransferFlags.Pending : TransferFlags.None,
            Timeout = i % 4 == 0 ? 3600u + (uint)i : 0,
        }).ToArray();

    async Task<(Account, Account)> PairAsync()
    {
        var ledger = (uint)Random.Shared.Next(1_000, int.MaxValue);
        var accounts = await CreateAccountsAsync(NewAccount(ledger), NewAccount(ledger));
        return (accounts[0], accounts[1]);
    }

    async Task<Account[]> CreateAccountsAsync(params Account[] accounts)
    {
        Assert.All(await Ledger.CreateAccountsAsync(accounts),
            r => Assert.Equal(CreateAccountStatus.Created, r.Status));
        return accounts;
    }

    static Account NewAccount(uint ledger) => new() { Id = NewId(), Ledger = ledger, Code = 1 };

    static Transfer Move(Account debit, Account credit, UInt128 amount) => new()
    {
        Id = NewId(),
        DebitAccountId = debit.Id,
        CreditAccountId = credit.Id,
        Amount = amount,
        Ledger = debit.Ledger,
        Code = 1,
    };

    static UInt128 NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        var id = BinaryPrimitives.ReadUInt128LittleEndian(bytes);
        return id == 0 || id == UInt128.MaxValue ? NewId() : id;
    }
}
