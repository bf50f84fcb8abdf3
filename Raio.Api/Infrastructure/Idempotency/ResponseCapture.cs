namespace Raio.Api.Infrastructure.Idempotency;

/// <summary>
/// Holds a response body back until the request's outcome is stored, so a client never sees a
/// success that a retry could not replay. A body that outgrows the limit is not kept: what was
/// held is sent on and the rest streams straight through, uncached.
/// </summary>
sealed class ResponseCapture(Stream inner, int limitBytes) : Stream
{
    MemoryStream? _held = new();

    /// <summary>The whole body, or null once it outgrew the limit and went straight through.</summary>
    public ReadOnlyMemory<byte>? Held
    {
        get
        {
            // Spelled out: in a conditional, null would convert to an empty Memory via byte[].
            if (_held is null)
            {
                return null;
            }

            return _held.GetBuffer().AsMemory(0, (int)_held.Length);
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count,
        CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer,
        CancellationToken cancellationToken = default)
    {
        if (_held is not null && _held.Length + buffer.Length <= limitBytes)
        {
            _held.Write(buffer.Span);
            return;
        }

        if (_held is not null)
        {
            await inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken);
            _held = null;
        }

        await inner.WriteAsync(buffer, cancellationToken);
    }

    // Flushing held bytes would start the response before its outcome is stored.
    public override void Flush()
    {
        if (_held is null)
        {
            inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _held is null ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Sends what was held on to the client.</summary>
    public async Task ReleaseHeldAsync(CancellationToken cancellationToken)
    {
        if (_held is { Length: > 0 } held)
        {
            await inner.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
