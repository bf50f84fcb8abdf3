using Raio.Ledger;

namespace Raio.Benchmarks;

/// <summary>The accounts both stores start with, and transfers between them.</summary>
sealed class Workload
{
    public const uint Ledger = 1;
    public const ushort Code = 1;

    Workload(UInt128[] plain, UInt128[] wallets, UInt128 settlement)
    {
        Plain = plain;
        Wallets = wallets;
        Settlement = settlement;
    }

    /// <summary>Accounts without limits, for the uniform workload.</summary>
    public UInt128[] Plain { get; }

    /// <summary>Wallets that may not go overdrawn; the hot workload only ever credits them.</summary>
    public UInt128[] Wallets { get; }

    /// <summary>The hot account: the debit side, without limits, so every transfer succeeds.</summary>
    public UInt128 Settlement { get; }

    public static Workload Create(int accountsPerKind, Random random) => new(
        Enumerable.Range(0, accountsPerKind).Select(_ => NewId(random)).ToArray(),
        Enumerable.Range(0, accountsPerKind).Select(_ => NewId(random)).ToArray(),
        NewId(random));

    public IEnumerable<Account> Accounts() =>
        Plain.Select(id => NewAccount(id, AccountFlags.None))
            .Concat(Wallets.Select(id => NewAccount(id, AccountFlags.DebitsMustNotExceedCredits)))
            .Append(NewAccount(Settlement, AccountFlags.None));

    public Transfer[] Next(WorkloadKind kind, int count, Random random)
    {
        var transfers = new Transfer[count];
        for (var i = 0; i < count; i++)
        {
            transfers[i] = Next(kind, random);
        }

        return transfers;
    }

    public Transfer Next(WorkloadKind kind, Random random)
    {
        UInt128 debit, credit;
        if (kind == WorkloadKind.Hot)
        {
            (debit, credit) = (Settlement, Wallets[random.Next(Wallets.Length)]);
        }
        else
        {
            debit = Plain[random.Next(Plain.Length)];
            do
            {
                credit = Plain[random.Next(Plain.Length)];
            }
            while (credit == debit);
        }

        return new Transfer
        {
            Id = NewId(random),
            DebitAccountId = debit,
            CreditAccountId = credit,
            Amount = (UInt128)random.Next(1, 10_000),
            Ledger = Ledger,
            Code = Code,
        };
    }

    /// <summary>
    /// A random 128-bit id, as a service that names transfers with UUIDv4 would send: inserts land
    /// all over the primary key rather than at its end.
    /// </summary>
    static UInt128 NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var id = BitConverter.ToUInt128(bytes);
        return id == 0 || id == UInt128.MaxValue ? 1 : id;
    }

    static Account NewAccount(UInt128 id, AccountFlags flags) =>
        new() { Id = id, Ledger = Ledger, Code = Code, Flags = flags };
}
