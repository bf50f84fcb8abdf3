using System.Buffers.Binary;
using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;

namespace Raio.Api.Tests.Ledger;

/// <summary>
/// What every contract test of <see cref="ILedger"/> shares. It speaks only to the port, so the
/// same tests can judge any adapter <see cref="LedgerFixture"/> hands out.
/// </summary>
public abstract class LedgerContract(LedgerFixture fixture)
{
    protected static readonly UInt128 Max = UInt128.MaxValue;

    protected LedgerFixture Fixture { get; } = fixture;

    protected ILedger Ledger => Fixture.Ledger;

    /// <summary>A random id, never zero nor 2^128 - 1, so that tests cannot meet.</summary>
    public static UInt128 NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        var id = BinaryPrimitives.ReadUInt128LittleEndian(bytes);
        return id == 0 || id == UInt128.MaxValue ? NewId() : id;
    }

    /// <summary>A ledger number no other test uses, so that per-ledger totals are this test's.</summary>
    public static uint NewLedgerNumber() => (uint)Random.Shared.Next(1_000, int.MaxValue);

    protected static Account NewAccount(uint ledger, AccountFlags flags = AccountFlags.None) =>
        new() { Id = NewId(), Ledger = ledger, Code = 1, Flags = flags };

    protected static Transfer Move(Account debit, Account credit, UInt128 amount,
        TransferFlags flags = TransferFlags.None) => new()
    {
        Id = NewId(),
        DebitAccountId = debit.Id,
        CreditAccountId = credit.Id,
        Amount = amount,
        Ledger = debit.Ledger,
        Code = 1,
        Flags = flags,
    };

    protected static Transfer Post(Transfer pending, UInt128 amount) => new()
    {
        Id = NewId(),
        PendingId = pending.Id,
        Amount = amount,
        Flags = TransferFlags.PostPendingTransfer,
    };

    protected static Transfer Void(Transfer pending) => new()
    {
        Id = NewId(),
        PendingId = pending.Id,
        Flags = TransferFlags.VoidPendingTransfer,
    };

    protected async Task<Account[]> CreateAccountsAsync(params Account[] accounts)
    {
        var results = await Ledger.CreateAccountsAsync(accounts);
        Assert.All(results, r => Assert.Equal(CreateAccountStatus.Created, r.Status));
        return accounts;
    }

    /// <summary>Creates accounts on a ledger of their own, one per flag set given.</summary>
    protected async Task<Account[]> CreateAccountsAsync(uint ledger, params AccountFlags[] flags) =>
        await CreateAccountsAsync(flags.Select(f => NewAccount(ledger, f)).ToArray());

    protected async Task<CreateTransferStatus> TransferAsync(Transfer transfer) =>
        (await Ledger.CreateTransfersAsync([transfer]))[0].Status;

    protected async Task<CreateTransferStatus[]> TransfersAsync(params Transfer[] transfers) =>
        (await Ledger.CreateTransfersAsync(transfers)).Select(r => r.Status).ToArray();

    /// <summary>Credits <paramref name="account"/> from a fresh account of the same ledger.</summary>
    protected async Task<Account> FundAsync(Account account, UInt128 amount)
    {
        var source = (await CreateAccountsAsync(NewAccount(account.Ledger)))[0];
        Assert.Equal(CreateTransferStatus.Created, await TransferAsync(Move(source, account, amount)));
        return source;
    }

    protected async Task<Account> LookupAsync(Account account) =>
        Assert.Single(await Ledger.LookupAccountsAsync([account.Id]));

    protected async Task<Transfer> LookupAsync(Transfer transfer) =>
        Assert.Single(await Ledger.LookupTransfersAsync([transfer.Id]));

    protected static (UInt128 DebitsPending, UInt128 DebitsPosted, UInt128 CreditsPending,
        UInt128 CreditsPosted) Balances(Account a) =>
        (a.DebitsPending, a.DebitsPosted, a.CreditsPending, a.CreditsPosted);

    protected async Task AssertBalancesAsync(Account account, UInt128 debitsPending, UInt128 debitsPosted,
        UInt128 creditsPending, UInt128 creditsPosted) =>
        Assert.Equal((debitsPending, debitsPosted, creditsPending, creditsPosted),
            Balances(await LookupAsync(account)));

    /// <summary>
    /// Sends each case as its own request and compares all outcomes at once, so that a failure
    /// lists every case that went wrong by name.
    /// </summary>
    protected async Task AssertTransferCasesAsync(
        params (string Case, Transfer Transfer, CreateTransferStatus Expected)[] cases)
    {
        var actual = new List<string>();
        foreach (var c in cases)
        {
            actual.Add($"{c.Case}: {await TransferAsync(c.Transfer)}");
        }

        Assert.Equal(cases.Select(c => $"{c.Case}: {c.Expected}"), actual);
    }

    protected async Task AssertAccountCasesAsync(
        params (string Case, Account Account, CreateAccountStatus Expected)[] cases)
    {
        var actual = new List<string>();
        foreach (var c in cases)
        {
            actual.Add($"{c.Case}: {(await Ledger.CreateAccountsAsync([c.Account]))[0].Status}");
        }

        Assert.Equal(cases.Select(c => $"{c.Case}: {c.Expected}"), actual);
    }
}
