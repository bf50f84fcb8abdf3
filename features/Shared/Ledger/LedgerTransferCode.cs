namespace Raio.Features.Shared.Ledger;

/// <summary>
/// What a ledger transfer is, in its <c>code</c>. Values are Rafiki's TigerBeetle transfer codes
/// and never change.
/// </summary>
public enum LedgerTransferCode : ushort
{
    Transfer = 1,
    Deposit = 2,
    Withdrawal = 3,
}
