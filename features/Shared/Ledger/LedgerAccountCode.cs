namespace Raio.Features.Shared.Ledger;

/// <summary>
/// What a ledger account is for, in its <c>code</c>. Values are Rafiki's TigerBeetle account codes
/// and never change: ledgers written by either can be read by both.
/// </summary>
public enum LedgerAccountCode : ushort
{
    LiquidityWebMonetization = 1,
    LiquidityAsset = 2,
    LiquidityPeer = 3,
    LiquidityIncoming = 4,
    LiquidityOutgoing = 5,
    Settlement = 101,
}
