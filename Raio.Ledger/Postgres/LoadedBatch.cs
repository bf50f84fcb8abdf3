namespace Raio.Ledger.Postgres;

/// <summary>
/// What a transfer batch reads before it decides: the stored transfers it names, its accounts
/// (locked) and the ids that already failed.
/// </summary>
sealed record LoadedBatch(
    Dictionary<UInt128, StoredTransfer> Transfers,
    Dictionary<UInt128, Account> Accounts,
    HashSet<UInt128> FailedIds);
