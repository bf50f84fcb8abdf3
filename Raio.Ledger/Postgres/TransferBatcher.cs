using System.Threading.Channels;

namespace Raio.Ledger.Postgres;

/// <summary>
/// Groups create-transfer requests that arrive together into one database transaction, as
/// TigerBeetle's clients do: one caller sending one transfer at a time costs a commit each, many
/// callers sharing a commit cost one. Each caller still gets exactly its own results.
/// </summary>
sealed class TransferBatcher : IAsyncDisposable
{
    public delegate Task<CreateTransferResult[]> ExecuteBatch(
        IReadOnlyList<Transfer> events, IReadOnlyList<int> segmentEnds);

    sealed record Request(IReadOnlyList<Transfer> Events, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<CreateTransferResult[]> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(
        new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    readonly ExecuteBatch _execute;
    readonly Task[] _writers;

    public TransferBatcher(ExecuteBatch execute, int writers)
    {
        _execute = execute;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    public Task<CreateTransferResult[]> SubmitAsync(IReadOnlyList<Transfer> events,
        CancellationToken cancellationToken)
    {
        var request = new Request(events, cancellationToken);
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(TransferBatcher));
        }

        return request.Completion.Task;
    }

    async Task WriteLoopAsync()
    {
        Request? carried = null;
        var batch = new List<Request>();
        while (carried is not null || await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var size = 0;
            if (carried is not null)
            {
                batch.Add(carried);
                size = carried.Events.Count;
                carried = null;
            }

            while (size < ILedger.BatchMax && _queue.Reader.TryRead(out var next))
            {
                if (size + next.Events.Count > ILedger.BatchMax)
                {
                    carried = next;
                    break;
                }

                batch.Add(next);
                size += next.Events.Count;
            }

            // A caller that gave up before its turn is answered now and costs nothing.
            batch.RemoveAll(r => r.CancellationToken.IsCancellationRequested
                && r.Completion.TrySetCanceled(r.CancellationToken));
            if (batch.Count > 0)
            {
                await RunAsync(batch);
            }
        }
    }

    async Task RunAsync(List<Request> batch)
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
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }
}
