namespace Raio.Ledger.Postgres;

/// <summary>The life of a pending transfer, as stored in <c>ledger_transfers.pending_state</c>.</summary>
enum PendingState : short
{
    None = 0,
    Pending = 1,
    Posted = 2,
    Voided = 3,
    Expired = 4,
}

/// <summary>A stored transfer with the mutable part of its record.</summary>
sealed record StoredTransfer(Transfer Transfer, PendingState State, ulong? ExpiresAt);
