namespace Raio.Ledger;

/// <summary>Transfer flags, bit for bit as TigerBeetle lays them out.</summary>
[Flags]
public enum TransferFlags : ushort
{
    None = 0,
    Linked = 1 << 0,
    Pending = 1 << 1,
    PostPendingTransfer = 1 << 2,
    VoidPendingTransfer = 1 << 3,
    BalancingDebit = 1 << 4,
    BalancingCredit = 1 << 5,
    ClosingDebit = 1 << 6,
    ClosingCredit = 1 << 7,
}
