namespace Raio.Ledger;

[Flags]
public enum AccountFilterFlags : uint
{
    None = 0,
    Debits = 1 << 0,
    Credits = 1 << 1,
    Reversed = 1 << 2,
}

/// <summary>
/// Selects an account's transfers or balance history. Zero in a user data field, code or timestamp
/// bound means "any". At least one of <see cref="AccountFilterFlags.Debits"/> and
/// <see cref="AccountFilterFlags.Credits"/> must be set.
/// </summary>
public readonly record struct AccountFilter
{
    public UInt128 AccountId { get; init; }
    public UInt128 UserData128 { get; init; }
    public ulong UserData64 { get; init; }
    public uint UserData32 { get; init; }
    public ushort Code { get; init; }
    public ulong TimestampMin { get; init; }
    public ulong TimestampMax { get; init; }
    public uint Limit { get; init; }
    public AccountFilterFlags Flags { get; init; }
}
