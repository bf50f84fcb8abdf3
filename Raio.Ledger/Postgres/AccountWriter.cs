using Npgsql;
using static Raio.Ledger.CreateAccountStatus;

namespace Raio.Ledger.Postgres;

/// <summary>Creates accounts with TigerBeetle's validation, precedence and linked chains.</summary>
static class AccountWriter
{
    const AccountFlags KnownFlags = AccountFlags.Linked | AccountFlags.DebitsMustNotExceedCredits
        | AccountFlags.CreditsMustNotExceedDebits | AccountFlags.History | AccountFlags.Closed;

    public static async Task<CreateAccountResult[]> CreateAsync(NpgsqlDataSource dataSource,
        LedgerClock clock, IReadOnlyList<Account> events, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var existing = new Dictionary<UInt128, Account>();
        await using (var command = new NpgsqlCommand(
            $"SELECT {LedgerRows.AccountColumns} FROM ledger_accounts WHERE id = ANY($1)",
            connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = events.Select(a => a.Id).Distinct().Select(U128.ToGuid).ToArray(),
            });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var account = LedgerRows.ReadAccount(reader);
                existing[account.Id] = account;
            }
        }

        var first = clock.Reserve(events.Count);
        var results = new CreateAccountResult[events.Count];
        var created = new List<Account>();
        var chainStart = -1;
        var chainCreatedFrom = 0;
        var chainBroken = false;
        for (var i = 0; i < events.Count; i++)
        {
            var a = events[i];
            var timestamp = first + (ulong)i;
            var linked = a.Flags.HasFlag(AccountFlags.Linked);
            if (linked && chainStart < 0)
            {
                (chainStart, chainCreatedFrom, chainBroken) = (i, created.Count, false);
            }

            var result = linked && i == events.Count - 1 ? new(LinkedEventChainOpen, timestamp)
                : chainStart >= 0 && chainBroken ? new(LinkedEventFailed, timestamp)
                : Validate(a, timestamp, existing);
            if (result.Status == Created)
            {
                var account = a with { Timestamp = timestamp };
                existing[a.Id] = account;
                created.Add(account);
            }

            results[i] = result;
            if (result.Status != Created && chainStart >= 0 && !chainBroken)
            {
                chainBroken = true;
                foreach (var undone in created.Skip(chainCreatedFrom))
                {
                    existing.Remove(undone.Id);
                }

                created.RemoveRange(chainCreatedFrom, created.Count - chainCreatedFrom);
                for (var j = chainStart; j < i; j++)
                {
                    results[j] = new(LinkedEventFailed, results[j].Timestamp);
                }
            }

            if (!linked)
            {
                chainStart = -1;
            }
        }

        if (created.Count > 0)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO ledger_accounts (id, debits_pending, debits_posted, credits_pending,
                    credits_posted, user_data_128, user_data_64, user_data_32, ledger, code, flags,
                    timestamp)
                SELECT v.id, 0, 0, 0, 0, v.user_data_128, v.user_data_64, v.user_data_32, v.ledger,
                    v.code, v.flags, v.timestamp
                FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::bigint[], $5::bigint[],
                    $6::integer[], $7::integer[], $8::bigint[])
                    AS v(id, user_data_128, user_data_64, user_data_32, ledger, code, flags, timestamp)
                """, connection, transaction);
            foreach (var array in new object[]
            {
                created.Select(a => U128.ToGuid(a.Id)).ToArray(),
                created.Select(a => U128.ToGuid(a.UserData128)).ToArray(),
                created.Select(a => (decimal)a.UserData64).ToArray(),
                created.Select(a => (long)a.UserData32).ToArray(),
                created.Select(a => (long)a.Ledger).ToArray(),
                created.Select(a => (int)a.Code).ToArray(),
                created.Select(a => (int)a.Flags).ToArray(),
                created.Select(a => (long)a.Timestamp).ToArray(),
            })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = array });
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    static CreateAccountResult Validate(Account a, ulong timestamp, Dictionary<UInt128, Account> existing)
    {
        if (a.Timestamp != 0) return new(TimestampMustBeZero, timestamp);
        if ((a.Flags & ~KnownFlags) != 0) return new(ReservedFlag, timestamp);
        if (a.Id == 0) return new(IdMustNotBeZero, timestamp);
        if (a.Id == UInt128.MaxValue) return new(IdMustNotBeIntMax, timestamp);
        if (existing.TryGetValue(a.Id, out var e))
        {
            var status = a.Flags != e.Flags ? ExistsWithDifferentFlags
                : a.UserData128 != e.UserData128 ? ExistsWithDifferentUserData128
                : a.UserData64 != e.UserData64 ? ExistsWithDifferentUserData64
                : a.UserData32 != e.UserData32 ? ExistsWithDifferentUserData32
                : a.Ledger != e.Ledger ? ExistsWithDifferentLedger
                : a.Code != e.Code ? ExistsWithDifferentCode
                : Exists;
            return new(status, status == Exists ? e.Timestamp : timestamp);
        }

        if (a.Flags.HasFlag(AccountFlags.DebitsMustNotExceedCredits)
            && a.Flags.HasFlag(AccountFlags.CreditsMustNotExceedDebits))
        {
            return new(FlagsAreMutuallyExclusive, timestamp);
        }

        if (a.DebitsPending != 0) return new(DebitsPendingMustBeZero, timestamp);
        if (a.DebitsPosted != 0) return new(DebitsPostedMustBeZero, timestamp);
        if (a.CreditsPending != 0) return new(CreditsPendingMustBeZero, timestamp);
        if (a.CreditsPosted != 0) return new(CreditsPostedMustBeZero, timestamp);
        if (a.Ledger == 0) return new(LedgerMustNotBeZero, timestamp);
        if (a.Code == 0) return new(CodeMustNotBeZero, timestamp);
        return new(Created, timestamp);
    }
}
