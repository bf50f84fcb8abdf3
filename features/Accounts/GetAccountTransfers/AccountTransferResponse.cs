namespace Raio.Features.Accounts.GetAccountTransfers;

/// <summary>
/// One ledger transfer, as Rafiki's <c>AccountingTransfer</c>: <c>transferType</c> is
/// <c>transfer</c>, <c>deposit</c> or <c>withdrawal</c>; <c>state</c> is <c>pending</c> for a
/// reservation, <c>posted</c> or <c>voided</c> for a movement or its release.
/// </summary>
public sealed record AccountTransferResponse(
    Guid Id,
    Guid DebitAccountId,
    Guid CreditAccountId,
    string Amount,
    string TransferType,
    long Ledger,
    DateTime CreatedAt,
    string State,
    DateTime? ExpiresAt);
