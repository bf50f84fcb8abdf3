namespace Raio.Ledger;

/// <summary>An account's balances just after the transfer with the same timestamp.</summary>
public readonly record struct AccountBalance
{
    public UInt128 DebitsPending { get; init; }
    public UInt128 DebitsPosted { get; init; }
    public UInt128 CreditsPending { get; init; }
    public UInt128 CreditsPosted { get; init; }
    public ulong Timestamp { get; init; }
}
