namespace Raio.Ledger;

/// <summary>
/// A movement of <see cref="Amount"/> from the debit account to the credit account, or a reservation
/// of it (<see cref="TransferFlags.Pending"/>) that a later transfer posts or voids.
/// </summary>
public readonly record struct Transfer
{
    /// <summary>Post the whole pending amount, whatever it is.</summary>
    public static readonly UInt128 AmountMax = UInt128.MaxValue;

    public UInt128 Id { get; init; }
    public UInt128 DebitAccountId { get; init; }
    public UInt128 CreditAccountId { get; init; }
    public UInt128 Amount { get; init; }
    public UInt128 PendingId { get; init; }
    public UInt128 UserData128 { get; init; }
    public ulong UserData64 { get; init; }
    public uint UserData32 { get; init; }
    /// <summary>Seconds until a pending transfer expires; zero means never.</summary>
    public uint Timeout { get; init; }
    public uint Ledger { get; init; }
    public ushort Code { get; init; }
    public TransferFlags Flags { get; init; }
    public ulong Timestamp { get; init; }
}
