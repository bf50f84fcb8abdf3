namespace Raio.Features.Accounts.GetAccountTransfers;

/// <summary>An account's latest transfers, split into those that debit and credit it.</summary>
public sealed record AccountTransfersResponse(
    IReadOnlyList<AccountTransferResponse> Debits,
    IReadOnlyList<AccountTransferResponse> Credits);
