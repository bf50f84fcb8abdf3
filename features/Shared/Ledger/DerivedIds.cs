using System.Security.Cryptography;
using System.Text;

namespace Raio.Features.Shared.Ledger;

/// <summary>
/// Name-based (version 5, RFC 9562) UUIDs for ledger objects that follow from another one, such
/// as the transfer that posts a pending withdrawal. The same inputs always give the same id, so a
/// retried request meets its own earlier transfer (<c>exists</c>) and never moves money twice.
/// </summary>
public static class DerivedIds
{
    // Raio's own namespace for derived ids; changing it would orphan every derived id written.
    static readonly Guid Namespace = new("5d0b3a4e-9c1f-4f57-8a4b-2f6f1c9e7d21");

    public static Guid Of(Guid parent, string purpose)
    {
        var input = new byte[32 + Encoding.UTF8.GetByteCount(purpose)];
        Namespace.TryWriteBytes(input.AsSpan(0, 16), bigEndian: true, out _);
        parent.TryWriteBytes(input.AsSpan(16, 16), bigEndian: true, out _);
        Encoding.UTF8.GetBytes(purpose, input.AsSpan(32));

#pragma warning disable CA5350 // RFC 9562 defines version 5 over SHA-1; this is naming, not security.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
