using System.Text;

namespace Raio.Api.Configuration;

/// <summary>
/// A secret read from the environment. It prints as a placeholder, so a settings record written
/// to a log or a debugger view never shows it.
/// </summary>
public sealed class Secret(string value)
{
    readonly byte[] _bytes = Encoding.UTF8.GetBytes(value);

    /// <summary>The UTF-8 bytes, as a key for HMAC.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    public override string ToString() => "[redacted]";
}
