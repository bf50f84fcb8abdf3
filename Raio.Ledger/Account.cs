namespace Raio.Ledger;

/// <summary>
/// A ledger account. Balances and <see cref="Timestamp"/> are assigned by the ledger: they must be
/// zero when the account is created.
/// </summary>
public readonly record struct Account
{
    public UInt128 Id { get; init; }
    public UInt128 DebitsPending { get; init; }
    public UInt128 DebitsPosted { get; init; }
    public UInt128 CreditsPending { get; init; }
    public UInt128 CreditsPosted { get; init; }
    public UInt128 UserData128 { get; init; }
    public ulong UserData64 { get; init; }
    public uint UserData32 { get; init; }
    public uint Ledger { get; init; }
    public ushort Code { get; init; }
    public AccountFlags Flags { get; init; }
    public ulong Timestamp { get; init; }
}
