namespace Raio.Ledger;

/// <summary>Account flags, bit for bit as TigerBeetle lays them out.</summary>
[Flags]
public enum AccountFlags : ushort
{
    None = 0,
    Linked = 1 << 0,
    DebitsMustNotExceedCredits = 1 << 1,
    CreditsMustNotExceedDebits = 1 << 2,
    History = 1 << 3,
    Closed = 1 << 5,
}
