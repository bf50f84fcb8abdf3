using System.Threading.Channels;

namespace Raio.Ledger.Postgres;

/// <summary>
/// Groups create-transfer requests that arrive together into one database transaction, as
/// TigerBeetle's clients do: one caller sending one transfer at a time costs a commit each, many
/// callers sharing a commit cost one. Each caller still gets exactly its own results.
/// </summary>
/// <remarks>
/// Batches over disjoint accounts run side by side, up to the number of writers. A request that
/// shares an account with a batch in flight waits for it instead of joining the queue for the same
/// row lock inside PostgreSQL: while it waits, others like it gather, and they all go in the next
/// batch. A hot account therefore costs one commit per round of its callers, not one per caller,
/// and requests over other accounts are not held up by it. Requests that share an account keep
/// their arrival order.
/// </remarks>
sealed class TransferBatcher : IAsyncDisposable
{
    public delegate Task<CreateTransferResult[]> ExecuteBatch(
        IReadOnlyList<Transfer> events, IReadOnlyList<int> segmentEnds);

    sealed class Request(IReadOnlyList<Transfer> events, CancellationToken cancellationToken)
    {
        public IReadOnlyList<Transfer> Events { get; } = events;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource<CreateTransferResult[]> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        // Zero stands for "the pending transfer's account", which only the database knows; the
        // row locks keep such requests correct, this set only schedules.
        public HashSet<UInt128> Accounts { get; } = events
            .SelectMany(t => new[] { t.DebitAccountId, t.CreditAccountId })
            .Where(id => id != 0)
            .ToHashSet();
    }

    // Arrivals, finished batches (their account sets) and the stop signal, in one queue so that
    // the dispatcher has one thing to wait on.
    readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(
        new UnboundedChannelOptions { SingleReader = true });
    readonly ExecuteBatch _execute;
    readonly int _writers;
    readonly Task _dispatcher;
    volatile bool _stopping;

    // Owned by the dispatcher alone.
    readonly List<Request> _waiting = [];
    readonly Dictionary<UInt128, int> _busy = [];
    int _inFlight;

    public TransferBatcher(ExecuteBatch execute, int writers)
    {
        _execute = execute;
        _writers = Math.Max(1, writers);
        _dispatcher = Task.Run(DispatchLoopAsync);
    }

    public Task<CreateTransferResult[]> SubmitAsync(IReadOnlyList<Transfer> events,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        var request = new Request(events, cancellationToken);
        _inbox.Writer.TryWrite(request);
        return request.Completion.Task;
    }

    async Task DispatchLoopAsync()
    {
        var stopRequested = false;
        while (!stopRequested || _waiting.Count > 0 || _inFlight > 0)
        {
            await _inbox.Reader.WaitToReadAsync();
            while (_inbox.Reader.TryRead(out var message))
            {
                switch (message)
                {
                    case Request request:
                        _waiting.Add(request);
                        break;
                    case HashSet<UInt128> finished:
                        Release(finished);
                        break;
                    default:
                        stopRequested = true;
                        break;
                }
            }

            while (_inFlight < _writers && TakeBatch() is { Count: > 0 } batch)
            {
                Start(batch);
            }
        }
    }

    /// <summary>
    /// The oldest waiting requests that share no account with a batch in flight, nor with an
    /// older request left waiting, up to a full batch.
    /// </summary>
    List<Request> TakeBatch()
    {
        var batch = new List<Request>();
        var blocked = new HashSet<UInt128>();
        var size = 0;
        for (var i = 0; i < _waiting.Count; i++)
        {
            var request = _waiting[i];
            if (request.CancellationToken.IsCancellationRequested)
            {
                // A caller that gave up before its turn is answered now and costs nothing.
                request.Completion.TrySetCanceled(request.CancellationToken);
                _waiting.RemoveAt(i--);
                continue;
            }

            var free = !request.Accounts.Any(a => _busy.ContainsKey(a) || blocked.Contains(a));
            if (!free || size + request.Events.Count > ILedger.BatchMax)
            {
                blocked.UnionWith(request.Accounts);
                continue;
            }

            batch.Add(request);
            size += request.Events.Count;
            _waiting.RemoveAt(i--);
        }

        return batch;
    }

    void Start(List<Request> batch)
    {
        var accounts = new HashSet<UInt128>();
        foreach (var request in batch)
        {
            accounts.UnionWith(request.Accounts);
        }

        foreach (var account in accounts)
        {
            _busy[account] = _busy.GetValueOrDefault(account) + 1;
        }

        _inFlight++;
        _ = RunAsync(batch, accounts);
    }

    void Release(HashSet<UInt128> accounts)
    {
        foreach (var account in accounts)
        {
            if (--_busy[account] == 0)
            {
                _busy.Remove(account);
            }
        }

        _inFlight--;
    }

    async Task RunAsync(List<Request> batch, HashSet<UInt128> accounts)
    {
        var events = new List<Transfer>(batch.Sum(r => r.Events.Count));
        var segmentEnds = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            events.AddRange(batch[i].Events);
            segmentEnds[i] = events.Count;
        }

        try
        {
            var results = await _execute(events, segmentEnds);
            var start = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[start..segmentEnds[i]]);
                start = segmentEnds[i];
            }
        }
        catch (Exception e)
        {
            foreach (var request in batch)
            {
                request.Completion.TrySetException(e);
            }
        }
        finally
        {
            _inbox.Writer.TryWrite(accounts);
        }
    }

    /// <summary>Answers every request already submitted, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _inbox.Writer.TryWrite(new object());
        await _dispatcher;
    }
}
