using System.Buffers;
using System.Security.Cryptography;

namespace Raio.Api.Infrastructure;

/// <summary>Reads a request body for hashing and leaves it in place for the endpoint to read.</summary>
static class RequestBody
{
    /// <summary>Feeds the whole body to <paramref name="hash"/>, then rewinds it.</summary>
    public static async Task AppendToAsync(HttpRequest request, IncrementalHash hash,
        CancellationToken cancellationToken)
    {
        // Large bodies spill to a temporary file rather than memory.
        request.EnableBuffering();
        request.Body.Position = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
    }
}
