using System.Globalization;
using System.Security.Cryptography;

namespace Raio.Api.Infrastructure.AdminSignatures;

/// <summary>
/// A parsed <c>signature</c> header, shaped as in Rafiki: <c>t=&lt;unix ms&gt;, v1=&lt;hex HMAC-SHA256&gt;</c>.
/// The HMAC covers <c>&lt;t&gt;.&lt;METHOD&gt;.&lt;path and query&gt;.&lt;raw body&gt;</c>.
/// </summary>
sealed record AdminSignature(string Timestamp, long TimestampMs, byte[] Digest)
{
    public const string Header = "signature";
    const int DigestBytes = 32;

    public static bool TryParse(string? header, int version, out AdminSignature? signature)
    {
        signature = null;
        var parts = header?.Split(',', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 }
            || !parts[0].StartsWith("t=", StringComparison.Ordinal)
            || !parts[1].StartsWith($"v{version}=", StringComparison.Ordinal))
        {
            return false;
        }

        var timestamp = parts[0][2..];
        var hex = parts[1][$"v{version}=".Length..];
        if (timestamp.Length is < 1 or > 15
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || hex.Length != DigestBytes * 2
            || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        signature = new AdminSignature(timestamp, ms, Convert.FromHexString(hex));
        return true;
    }

    /// <summary>Starts the HMAC over everything but the body, which the caller appends.</summary>
    public IncrementalHash BeginHmac(ReadOnlySpan<byte> secret, string method, string target)
    {
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(System.Text.Encoding.UTF8.GetBytes(
            $"{Timestamp}.{method.ToUpperInvariant()}.{target}."));
        return hmac;
    }
}
