using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Ledger.Postgres;

/// <summary>
/// Applies create-transfer events to accounts already loaded and locked, exactly as TigerBeetle's
/// state machine does, and records what must be written back. It does no I/O, so the rules can be
/// read (and tested) apart from the storage.
/// </summary>
/// <remarks>
/// A batch may hold several callers' requests (segments) back to back: a linked chain never runs
/// past the end of its segment, so callers grouped together cannot fail each other.
/// </remarks>
sealed class TransferStateMachine(
    Dictionary<UInt128, Account> accounts,
    Dictionary<UInt128, StoredTransfer> transfers,
    HashSet<UInt128> failedIds)
{
    const TransferFlags KnownFlags = (TransferFlags)0xFF;
    const ulong NsPerSecond = 1_000_000_000;

    readonly List<(UInt128 Id, Account Before)> _accountUndo = [];
    readonly List<(UInt128 Id, StoredTransfer? Before)> _transferUndo = [];

    public HashSet<UInt128> DirtyAccounts { get; } = [];
    public List<StoredTransfer> Inserted { get; } = [];
    public Dictionary<UInt128, PendingState> PendingChanges { get; } = [];
    public List<(UInt128 Id, CreateTransferStatus Status)> NewFailures { get; } = [];
    public List<(UInt128 AccountId, UInt128 TransferId, AccountBalance Balance)> History { get; } = [];

    /// <summary>Releases the reservation of a pending transfer whose timeout has passed.</summary>
    public void Expire(UInt128 pendingId, ulong timestamp)
    {
        var stored = transfers[pendingId];
        var p = stored.Transfer;
        var debit = accounts[p.DebitAccountId];
        var credit = accounts[p.CreditAccountId];
        debit = debit with { DebitsPending = debit.DebitsPending - p.Amount };
        credit = credit with { CreditsPending = credit.CreditsPending - p.Amount };
        if (p.Flags.HasFlag(TransferFlags.ClosingDebit))
        {
            debit = debit with { Flags = debit.Flags & ~AccountFlags.Closed };
        }

        if (p.Flags.HasFlag(TransferFlags.ClosingCredit))
        {
            credit = credit with { Flags = credit.Flags & ~AccountFlags.Closed };
        }

        SetAccount(debit);
        SetAccount(credit);
        SetTransfer(stored with { State = PendingState.Expired });
        PendingChanges[pendingId] = PendingState.Expired;
        RecordHistory(debit, credit, pendingId, timestamp);
        _accountUndo.Clear();
        _transferUndo.Clear();
    }

    /// <param name="segmentEnds">The exclusive end index of each caller's request.</param>
    public CreateTransferResult[] Execute(
        IReadOnlyList<Transfer> events, IReadOnlyList<int> segmentEnds, ulong firstTimestamp)
    {
        var results = new CreateTransferResult[events.Count];
        var segmentStart = 0;
        foreach (var segmentEnd in segmentEnds)
        {
            ExecuteSegment(events, segmentStart, segmentEnd, firstTimestamp, results);
            segmentStart = segmentEnd;
        }

        return results;
    }

    void ExecuteSegment(IReadOnlyList<Transfer> events, int start, int end, ulong firstTimestamp,
        CreateTransferResult[] results)
    {
        var chainStart = -1;
        var chainBroken = false;
        for (var i = start; i < end; i++)
        {
            var t = events[i];
            var timestamp = firstTimestamp + (ulong)i;
            var linked = t.Flags.HasFlag(TransferFlags.Linked);
            if (linked && chainStart < 0)
            {
                chainStart = i;
                chainBroken = false;
                _accountUndo.Clear();
                _transferUndo.Clear();
            }

            CreateTransferResult result;
            if (linked && i == end - 1)
            {
                result = new(LinkedEventChainOpen, timestamp);
            }
            else if (chainStart >= 0 && chainBroken)
            {
                result = new(LinkedEventFailed, timestamp);
            }
            else
            {
                result = Apply(t, timestamp);
            }

            results[i] = result;
            var inChain = chainStart >= 0;
            if (result.Status != Created && inChain && !chainBroken)
            {
                chainBroken = true;
                Rollback();
                for (var j = chainStart; j < i; j++)
                {
                    results[j] = new(LinkedEventFailed, results[j].Timestamp);
                }
            }

            // A transient failure marks the id even when it broke a chain: the chain's other
            // events are rolled back and may be sent again, but this event's outcome is final.
            if (IsTransient(result.Status))
            {
                NewFailures.Add((t.Id, result.Status));
                failedIds.Add(t.Id);
            }

            if (!linked)
            {
                chainStart = -1;
                chainBroken = false;
                _accountUndo.Clear();
                _transferUndo.Clear();
            }
        }
    }

    CreateTransferResult Apply(Transfer t, ulong timestamp)
    {
        if (t.Timestamp != 0) return new(TimestampMustBeZero, timestamp);
        if ((t.Flags & ~KnownFlags) != 0) return new(ReservedFlag, timestamp);
        if (t.Id == 0) return new(IdMustNotBeZero, timestamp);
        if (t.Id == UInt128.MaxValue) return new(IdMustNotBeIntMax, timestamp);
        if (transfers.TryGetValue(t.Id, out var existing))
        {
            var status = ExistsStatus(t, existing.Transfer);
            return new(status, status == Exists ? existing.Transfer.Timestamp : timestamp);
        }

        if (failedIds.Contains(t.Id)) return new(IdAlreadyFailed, timestamp);

        if (t.Flags.HasFlag(TransferFlags.PostPendingTransfer)
            || t.Flags.HasFlag(TransferFlags.VoidPendingTransfer))
        {
            return new(PostOrVoid(t, timestamp), timestamp);
        }

        return new(CreateSingle(t, timestamp), timestamp);
    }

    CreateTransferStatus CreateSingle(Transfer t, ulong timestamp)
    {
        if (t.DebitAccountId == 0) return DebitAccountIdMustNotBeZero;
        if (t.DebitAccountId == UInt128.MaxValue) return DebitAccountIdMustNotBeIntMax;
        if (t.CreditAccountId == 0) return CreditAccountIdMustNotBeZero;
        if (t.CreditAccountId == UInt128.MaxValue) return CreditAccountIdMustNotBeIntMax;
        if (t.CreditAccountId == t.DebitAccountId) return AccountsMustBeDifferent;
        if (t.PendingId != 0) return PendingIdMustBeZero;
        var pending = t.Flags.HasFlag(TransferFlags.Pending);
        if (!pending)
        {
            if (t.Timeout != 0) return TimeoutReservedForPendingTransfer;
            if (t.Flags.HasFlag(TransferFlags.ClosingDebit)
                || t.Flags.HasFlag(TransferFlags.ClosingCredit))
            {
                return ClosingTransferMustBePending;
            }
        }

        if (t.Ledger == 0) return LedgerMustNotBeZero;
        if (t.Code == 0) return CodeMustNotBeZero;
        if (!accounts.TryGetValue(t.DebitAccountId, out var debit)) return DebitAccountNotFound;
        if (!accounts.TryGetValue(t.CreditAccountId, out var credit)) return CreditAccountNotFound;
        if (debit.Ledger != credit.Ledger) return AccountsMustHaveTheSameLedger;
        if (t.Ledger != debit.Ledger) return TransferMustHaveTheSameLedgerAsAccounts;
        if (debit.Flags.HasFlag(AccountFlags.Closed)) return DebitAccountAlreadyClosed;
        if (credit.Flags.HasFlag(AccountFlags.Closed)) return CreditAccountAlreadyClosed;

        var amount = t.Amount;
        if (t.Flags.HasFlag(TransferFlags.BalancingDebit))
        {
            var used = SaturatingAdd(debit.DebitsPosted, debit.DebitsPending);
            amount = UInt128.Min(amount, SaturatingSub(debit.CreditsPosted, used));
        }

        if (t.Flags.HasFlag(TransferFlags.BalancingCredit))
        {
            var used = SaturatingAdd(credit.CreditsPosted, credit.CreditsPending);
            amount = UInt128.Min(amount, SaturatingSub(credit.DebitsPosted, used));
        }

        if (pending)
        {
            if (U128.AddOverflows(amount, debit.DebitsPending)) return OverflowsDebitsPending;
            if (U128.AddOverflows(amount, credit.CreditsPending)) return OverflowsCreditsPending;
        }

        if (U128.AddOverflows(amount, debit.DebitsPosted)) return OverflowsDebitsPosted;
        if (U128.AddOverflows(amount, credit.CreditsPosted)) return OverflowsCreditsPosted;
        if (Overflows(amount, debit.DebitsPending, debit.DebitsPosted)) return OverflowsDebits;
        if (Overflows(amount, credit.CreditsPending, credit.CreditsPosted)) return OverflowsCredits;
        if ((ulong)t.Timeout * NsPerSecond > (ulong)long.MaxValue - timestamp) return OverflowsTimeout;
        if (debit.Flags.HasFlag(AccountFlags.DebitsMustNotExceedCredits)
            && debit.DebitsPending + debit.DebitsPosted + amount > debit.CreditsPosted)
        {
            return ExceedsCredits;
        }

        if (credit.Flags.HasFlag(AccountFlags.CreditsMustNotExceedDebits)
            && credit.CreditsPending + credit.CreditsPosted + amount > credit.DebitsPosted)
        {
            return ExceedsDebits;
        }

        var created = t with { Amount = amount, Timestamp = timestamp };
        if (pending)
        {
            debit = debit with { DebitsPending = debit.DebitsPending + amount };
            credit = credit with { CreditsPending = credit.CreditsPending + amount };
        }
        else
        {
            debit = debit with { DebitsPosted = debit.DebitsPosted + amount };
            credit = credit with { CreditsPosted = credit.CreditsPosted + amount };
        }

        if (t.Flags.HasFlag(TransferFlags.ClosingDebit))
        {
            debit = debit with { Flags = debit.Flags | AccountFlags.Closed };
        }

        if (t.Flags.HasFlag(TransferFlags.ClosingCredit))
        {
            credit = credit with { Flags = credit.Flags | AccountFlags.Closed };
        }

        ulong? expiresAt = pending && t.Timeout > 0 ? timestamp + t.Timeout * NsPerSecond : null;
        Insert(new StoredTransfer(created, pending ? PendingState.Pending : PendingState.None, expiresAt));
        SetAccount(debit);
        SetAccount(credit);
        RecordHistory(debit, credit, t.Id, timestamp);
        return Created;
    }

    CreateTransferStatus PostOrVoid(Transfer t, ulong timestamp)
    {
        var post = t.Flags.HasFlag(TransferFlags.PostPendingTransfer);
        var isVoid = t.Flags.HasFlag(TransferFlags.VoidPendingTransfer);
        const TransferFlags exclusive = TransferFlags.Pending | TransferFlags.BalancingDebit
            | TransferFlags.BalancingCredit | TransferFlags.ClosingDebit | TransferFlags.ClosingCredit;
        if ((post && isVoid) || (t.Flags & exclusive) != 0) return FlagsAreMutuallyExclusive;
        if (t.PendingId == 0) return PendingIdMustNotBeZero;
        if (t.PendingId == UInt128.MaxValue) return PendingIdMustNotBeIntMax;
        if (t.PendingId == t.Id) return PendingIdMustBeDifferent;
        if (t.Timeout != 0) return TimeoutReservedForPendingTransfer;
        if (!transfers.TryGetValue(t.PendingId, out var stored)) return PendingTransferNotFound;
        var p = stored.Transfer;
        if (!p.Flags.HasFlag(TransferFlags.Pending)) return PendingTransferNotPending;
        if (t.DebitAccountId > 0 && t.DebitAccountId != p.DebitAccountId)
        {
            return PendingTransferHasDifferentDebitAccountId;
        }

        if (t.CreditAccountId > 0 && t.CreditAccountId != p.CreditAccountId)
        {
            return PendingTransferHasDifferentCreditAccountId;
        }

        if (t.Ledger > 0 && t.Ledger != p.Ledger) return PendingTransferHasDifferentLedger;
        if (t.Code > 0 && t.Code != p.Code) return PendingTransferHasDifferentCode;
        var amount = isVoid
            ? (t.Amount == 0 ? p.Amount : t.Amount)
            : (t.Amount == UInt128.MaxValue ? p.Amount : t.Amount);
        if (amount > p.Amount) return ExceedsPendingTransferAmount;
        if (isVoid && amount < p.Amount) return PendingTransferHasDifferentAmount;
        switch (stored.State)
        {
            case PendingState.Posted: return PendingTransferAlreadyPosted;
            case PendingState.Voided: return PendingTransferAlreadyVoided;
            case PendingState.Expired: return PendingTransferExpired;
        }

        if (stored.ExpiresAt is { } expiresAt && expiresAt <= timestamp) return PendingTransferExpired;
        var debit = accounts[p.DebitAccountId];
        var credit = accounts[p.CreditAccountId];
        if (!isVoid && debit.Flags.HasFlag(AccountFlags.Closed)) return DebitAccountAlreadyClosed;
        if (!isVoid && credit.Flags.HasFlag(AccountFlags.Closed)) return CreditAccountAlreadyClosed;

        var created = new Transfer
        {
            Id = t.Id,
            DebitAccountId = p.DebitAccountId,
            CreditAccountId = p.CreditAccountId,
            Amount = amount,
            PendingId = t.PendingId,
            UserData128 = t.UserData128 > 0 ? t.UserData128 : p.UserData128,
            UserData64 = t.UserData64 > 0 ? t.UserData64 : p.UserData64,
            UserData32 = t.UserData32 > 0 ? t.UserData32 : p.UserData32,
            Timeout = 0,
            Ledger = p.Ledger,
            Code = p.Code,
            Flags = t.Flags,
            Timestamp = timestamp,
        };
        debit = debit with { DebitsPending = debit.DebitsPending - p.Amount };
        credit = credit with { CreditsPending = credit.CreditsPending - p.Amount };
        if (post)
        {
            debit = debit with { DebitsPosted = debit.DebitsPosted + amount };
            credit = credit with { CreditsPosted = credit.CreditsPosted + amount };
        }
        else
        {
            if (p.Flags.HasFlag(TransferFlags.ClosingDebit))
            {
                debit = debit with { Flags = debit.Flags & ~AccountFlags.Closed };
            }

            if (p.Flags.HasFlag(TransferFlags.ClosingCredit))
            {
                credit = credit with { Flags = credit.Flags & ~AccountFlags.Closed };
            }
        }

        Insert(new StoredTransfer(created, PendingState.None, null));
        SetTransfer(stored with { State = post ? PendingState.Posted : PendingState.Voided });
        PendingChanges[t.PendingId] = post ? PendingState.Posted : PendingState.Voided;
        SetAccount(debit);
        SetAccount(credit);
        RecordHistory(debit, credit, t.Id, timestamp);
        return Created;
    }

    CreateTransferStatus ExistsStatus(Transfer t, Transfer e)
    {
        if (t.Flags != e.Flags) return ExistsWithDifferentFlags;
        if (t.PendingId != e.PendingId) return ExistsWithDifferentPendingId;
        if (t.Timeout != e.Timeout) return ExistsWithDifferentTimeout;
        if (t.Flags.HasFlag(TransferFlags.PostPendingTransfer)
            || t.Flags.HasFlag(TransferFlags.VoidPendingTransfer))
        {
            return PostOrVoidExistsStatus(t, e, transfers[t.PendingId].Transfer);
        }

        if (t.DebitAccountId != e.DebitAccountId) return ExistsWithDifferentDebitAccountId;
        if (t.CreditAccountId != e.CreditAccountId) return ExistsWithDifferentCreditAccountId;
        var balancing = t.Flags.HasFlag(TransferFlags.BalancingDebit)
            || t.Flags.HasFlag(TransferFlags.BalancingCredit);
        if (balancing ? t.Amount < e.Amount : t.Amount != e.Amount) return ExistsWithDifferentAmount;
        if (t.UserData128 != e.UserData128) return ExistsWithDifferentUserData128;
        if (t.UserData64 != e.UserData64) return ExistsWithDifferentUserData64;
        if (t.UserData32 != e.UserData32) return ExistsWithDifferentUserData32;
        if (t.Ledger != e.Ledger) return ExistsWithDifferentLedger;
        if (t.Code != e.Code) return ExistsWithDifferentCode;
        return Exists;
    }

    static CreateTransferStatus PostOrVoidExistsStatus(Transfer t, Transfer e, Transfer p)
    {
        if (t.DebitAccountId != 0 && t.DebitAccountId != e.DebitAccountId)
        {
            return ExistsWithDifferentDebitAccountId;
        }

        if (t.CreditAccountId != 0 && t.CreditAccountId != e.CreditAccountId)
        {
            return ExistsWithDifferentCreditAccountId;
        }

        var whole = t.Flags.HasFlag(TransferFlags.VoidPendingTransfer)
            ? t.Amount == 0
            : t.Amount == UInt128.MaxValue;
        if (whole ? e.Amount != p.Amount : t.Amount != e.Amount) return ExistsWithDifferentAmount;
        if ((t.UserData128 == 0 ? p.UserData128 : t.UserData128) != e.UserData128)
        {
            return ExistsWithDifferentUserData128;
        }

        if ((t.UserData64 == 0 ? p.UserData64 : t.UserData64) != e.UserData64)
        {
            return ExistsWithDifferentUserData64;
        }

        if ((t.UserData32 == 0 ? p.UserData32 : t.UserData32) != e.UserData32)
        {
            return ExistsWithDifferentUserData32;
        }

        if (t.Ledger != 0 && t.Ledger != e.Ledger) return ExistsWithDifferentLedger;
        if (t.Code != 0 && t.Code != e.Code) return ExistsWithDifferentCode;
        return Exists;
    }

    void Insert(StoredTransfer stored)
    {
        _transferUndo.Add((stored.Transfer.Id, null));
        transfers[stored.Transfer.Id] = stored;
        Inserted.Add(stored);
    }

    void SetTransfer(StoredTransfer stored)
    {
        _transferUndo.Add((stored.Transfer.Id, transfers[stored.Transfer.Id]));
        transfers[stored.Transfer.Id] = stored;
    }

    void SetAccount(Account account)
    {
        _accountUndo.Add((account.Id, accounts[account.Id]));
        accounts[account.Id] = account;
        DirtyAccounts.Add(account.Id);
    }

    void RecordHistory(Account debit, Account credit, UInt128 transferId, ulong timestamp)
    {
        foreach (var account in (ReadOnlySpan<Account>)[debit, credit])
        {
            if (account.Flags.HasFlag(AccountFlags.History))
            {
                History.Add((account.Id, transferId, new AccountBalance
                {
                    DebitsPending = account.DebitsPending,
                    DebitsPosted = account.DebitsPosted,
                    CreditsPending = account.CreditsPending,
                    CreditsPosted = account.CreditsPosted,
                    Timestamp = timestamp,
                }));
            }
        }
    }

    /// <summary>Undoes every change of the linked chain in flight.</summary>
    void Rollback()
    {
        for (var i = _accountUndo.Count - 1; i >= 0; i--)
        {
            accounts[_accountUndo[i].Id] = _accountUndo[i].Before;
        }

        for (var i = _transferUndo.Count - 1; i >= 0; i--)
        {
            var (id, before) = _transferUndo[i];
            if (before is null)
            {
                transfers.Remove(id);
                Inserted.RemoveAll(s => s.Transfer.Id == id);
                History.RemoveAll(h => h.TransferId == id);
            }
            else
            {
                transfers[id] = before;
                if (before.State == PendingState.Pending)
                {
                    PendingChanges.Remove(id);
                }
            }
        }

        _accountUndo.Clear();
        _transferUndo.Clear();
    }

    static bool IsTransient(CreateTransferStatus status) => status is DebitAccountNotFound
        or CreditAccountNotFound or PendingTransferNotFound or ExceedsCredits or ExceedsDebits
        or DebitAccountAlreadyClosed or CreditAccountAlreadyClosed;

    static bool Overflows(UInt128 amount, UInt128 pending, UInt128 posted) =>
        U128.AddOverflows(pending, posted) || U128.AddOverflows(amount, pending + posted);

    static UInt128 SaturatingAdd(UInt128 a, UInt128 b) => U128.AddOverflows(a, b) ? UInt128.MaxValue : a + b;

    static UInt128 SaturatingSub(UInt128 a, UInt128 b) => a > b ? a - b : 0;
}
