using System.Buffers.Binary;

namespace Raio.Ledger;

/// <summary>
/// The one mapping between the UUIDs the APIs show and the 128-bit ids of the ledger: the UUID's
/// sixteen bytes read big-endian, so that UUID order is numeric order.
/// </summary>
public static class LedgerIds
{
    public static UInt128 FromGuid(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static Guid ToGuid(UInt128 id)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, id);
        return new Guid(bytes, bigEndian: true);
    }
}
