using System.Buffers.Binary;
using System.Numerics;

namespace Raio.Ledger.Postgres;

/// <summary>
/// How 128-bit values travel to PostgreSQL: ids as uuids in big-endian byte order (so that uuid
/// order is numeric order), quantities as numeric through <see cref="BigInteger"/>.
/// </summary>
static class U128
{
    public static Guid ToGuid(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }

    public static UInt128 FromGuid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static BigInteger ToBig(UInt128 value) => (BigInteger)value;

    public static UInt128 FromBig(BigInteger value) => (UInt128)value;

    public static bool AddOverflows(UInt128 a, UInt128 b) => a > UInt128.MaxValue - b;
}
