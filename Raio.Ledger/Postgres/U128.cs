using System.Numerics;

namespace Raio.Ledger.Postgres;

/// <summary>
/// How 128-bit values travel to PostgreSQL: ids as uuids in big-endian byte order (so that uuid
/// order is numeric order), quantities as numeric through <see cref="BigInteger"/>.
/// </summary>
static class U128
{
    public static Guid ToGuid(UInt128 value) => LedgerIds.ToGuid(value);

    public static UInt128 FromGuid(Guid value) => LedgerIds.FromGuid(value);

    public static BigInteger ToBig(UInt128 value) => (BigInteger)value;

    public static UInt128 FromBig(BigInteger value) => (UInt128)value;

    public static bool AddOverflows(UInt128 a, UInt128 b) => a > UInt128.MaxValue - b;
}
