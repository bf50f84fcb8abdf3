using Raio.Ledger;
using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Api.Tests.Ledger;

/// <summary>
/// A deliberately plain, in-memory reading of TigerBeetle's transfer rules, limited to what
/// <see cref="RandomisedLedgerTests"/> generates: valid fields, no timeouts, and retries that repeat
/// an earlier event exactly. The randomised test compares the adapter's answers with it.
/// </summary>
public sealed class LedgerModel
{
    enum Settlement { Open, Posted, Voided }

    Dictionary<UInt128, Account> _accounts = [];
    Dictionary<UInt128, (Transfer Transfer, Settlement State)> _transfers = [];
    readonly HashSet<UInt128> _failed = [];

    public IReadOnlyDictionary<UInt128, Account> Accounts => _accounts;

    public void Add(Account account) => _accounts[account.Id] = account;

    public CreateTransferStatus[] Apply(IReadOnlyList<Transfer> events)
    {
        var results = new CreateTransferStatus[events.Count];
        var chainStart = -1;
        var broken = false;
        var savedAccounts = _accounts;
        var savedTransfers = _transfers;
        for (var i = 0; i < events.Count; i++)
        {
            var t = events[i];
            var linked = t.Flags.HasFlag(TransferFlags.Linked);
            if (linked && chainStart < 0)
            {
                (chainStart, broken) = (i, false);
                (savedAccounts, savedTransfers) = (new(_accounts), new(_transfers));
            }

            var status = linked && i == events.Count - 1 ? LinkedEventChainOpen
                : chainStart >= 0 && broken ? LinkedEventFailed
                : ApplyOne(t);
            if (status != Created && chainStart >= 0 && !broken)
            {
                broken = true;
                (_accounts, _transfers) = (savedAccounts, savedTransfers);
                for (var j = chainStart; j < i; j++)
                {
                    results[j] = LinkedEventFailed;
                }
            }

            if (status is DebitAccountNotFound or CreditAccountNotFound or PendingTransferNotFound
                or ExceedsCredits or ExceedsDebits)
            {
                _failed.Add(t.Id);
            }

            results[i] = status;
            if (!linked)
            {
                chainStart = -1;
            }
        }

        return results;
    }

    CreateTransferStatus ApplyOne(Transfer t)
    {
        if (_transfers.ContainsKey(t.Id)) return Exists;
        if (_failed.Contains(t.Id)) return IdAlreadyFailed;
        var post = t.Flags.HasFlag(TransferFlags.PostPendingTransfer);
        if (post || t.Flags.HasFlag(TransferFlags.VoidPendingTransfer))
        {
            if (!_transfers.TryGetValue(t.PendingId, out var found)) return PendingTransferNotFound;
            var p = found.Transfer;
            var amount = post ? (t.Amount == UInt128.MaxValue ? p.Amount : t.Amount)
                : (t.Amount == 0 ? p.Amount : t.Amount);
            if (amount > p.Amount) return ExceedsPendingTransferAmount;
            if (!post && amount < p.Amount) return PendingTransferHasDifferentAmount;
            if (found.State == Settlement.Posted) return PendingTransferAlreadyPosted;
            if (found.State == Settlement.Voided) return PendingTransferAlreadyVoided;

            var (pd, pc) = (_accounts[p.DebitAccountId], _accounts[p.CreditAccountId]);
            _accounts[pd.Id] = pd with
            {
                DebitsPending = pd.DebitsPending - p.Amount,
                DebitsPosted = pd.DebitsPosted + (post ? amount : 0),
            };
            _accounts[pc.Id] = pc with
            {
                CreditsPending = pc.CreditsPending - p.Amount,
                CreditsPosted = pc.CreditsPosted + (post ? amount : 0),
            };
            _transfers[p.Id] = (p, post ? Settlement.Posted : Settlement.Voided);
            _transfers[t.Id] = (t with { Amount = amount }, Settlement.Open);
            return Created;
        }

        if (!_accounts.TryGetValue(t.DebitAccountId, out var debit)) return DebitAccountNotFound;
        if (!_accounts.TryGetValue(t.CreditAccountId, out var credit)) return CreditAccountNotFound;
        if (debit.Ledger != credit.Ledger) return AccountsMustHaveTheSameLedger;

        var actual = t.Amount;
        if (t.Flags.HasFlag(TransferFlags.BalancingDebit))
        {
            var used = debit.DebitsPosted + debit.DebitsPending;
            actual = UInt128.Min(actual, debit.CreditsPosted > used ? debit.CreditsPosted - used : 0);
        }

        if (t.Flags.HasFlag(TransferFlags.BalancingCredit))
        {
            var used = credit.CreditsPosted + credit.CreditsPending;
            actual = UInt128.Min(actual, credit.DebitsPosted > used ? credit.DebitsPosted - used : 0);
        }

        if (debit.Flags.HasFlag(AccountFlags.DebitsMustNotExceedCredits)
            && debit.DebitsPending + debit.DebitsPosted + actual > debit.CreditsPosted)
        {
            return ExceedsCredits;
        }

        if (credit.Flags.HasFlag(AccountFlags.CreditsMustNotExceedDebits)
            && credit.CreditsPending + credit.CreditsPosted + actual > credit.DebitsPosted)
        {
            return ExceedsDebits;
        }

        var pending = t.Flags.HasFlag(TransferFlags.Pending);
        _accounts[debit.Id] = pending
            ? debit with { DebitsPending = debit.DebitsPending + actual }
            : debit with { DebitsPosted = debit.DebitsPosted + actual };
        credit = _accounts[credit.Id];
        _accounts[credit.Id] = pending
            ? credit with { CreditsPending = credit.CreditsPending + actual }
            : credit with { CreditsPosted = credit.CreditsPosted + actual };
        _transfers[t.Id] = (t with { Amount = actual }, Settlement.Open);
        return Created;
    }
}
