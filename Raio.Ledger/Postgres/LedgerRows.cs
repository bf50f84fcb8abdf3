using System.Numerics;
using Npgsql;

namespace Raio.Ledger.Postgres;

/// <summary>Reads ledger rows in the column order of <see cref="AccountColumns"/> and friends.</summary>
static class LedgerRows
{
    public const string AccountColumns = """
        id, debits_pending, debits_posted, credits_pending, credits_posted,
        user_data_128, user_data_64, user_data_32, ledger, code, flags, timestamp
        """;

    public const string TransferColumns = """
        id, debit_account_id, credit_account_id, amount, pending_id,
        user_data_128, user_data_64, user_data_32, timeout, ledger, code, flags, timestamp,
        pending_state, expires_at
        """;

    public static Account ReadAccount(NpgsqlDataReader r) => new()
    {
        Id = U128.FromGuid(r.GetGuid(0)),
        DebitsPending = Big(r, 1),
        DebitsPosted = Big(r, 2),
        CreditsPending = Big(r, 3),
        CreditsPosted = Big(r, 4),
        UserData128 = U128.FromGuid(r.GetGuid(5)),
        UserData64 = (ulong)r.GetDecimal(6),
        UserData32 = (uint)r.GetInt64(7),
        Ledger = (uint)r.GetInt64(8),
        Code = (ushort)r.GetInt32(9),
        Flags = (AccountFlags)r.GetInt32(10),
        Timestamp = (ulong)r.GetInt64(11),
    };

    public static StoredTransfer ReadTransfer(NpgsqlDataReader r) => new(
        new Transfer
        {
            Id = U128.FromGuid(r.GetGuid(0)),
            DebitAccountId = U128.FromGuid(r.GetGuid(1)),
            CreditAccountId = U128.FromGuid(r.GetGuid(2)),
            Amount = Big(r, 3),
            PendingId = r.IsDBNull(4) ? 0 : U128.FromGuid(r.GetGuid(4)),
            UserData128 = U128.FromGuid(r.GetGuid(5)),
            UserData64 = (ulong)r.GetDecimal(6),
            UserData32 = (uint)r.GetInt64(7),
            Timeout = (uint)r.GetInt64(8),
            Ledger = (uint)r.GetInt64(9),
            Code = (ushort)r.GetInt32(10),
            Flags = (TransferFlags)r.GetInt32(11),
            Timestamp = (ulong)r.GetInt64(12),
        },
        (PendingState)r.GetInt16(13),
        r.IsDBNull(14) ? null : (ulong)r.GetInt64(14));

    static UInt128 Big(NpgsqlDataReader r, int ordinal) =>
        U128.FromBig(r.GetFieldValue<BigInteger>(ordinal));
}
