using System.Globalization;

namespace Raio.Api.Configuration;

/// <summary>Reads one environment variable at a time and names it in every complaint.</summary>
sealed class SettingsReader(IConfiguration configuration)
{
    public string? Optional(string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The value exactly as set, surrounding spaces included.</summary>
    public string? Raw(string name) => configuration[name];

    public string Required(string name) =>
        Optional(name) ?? throw new InvalidSettingException(name, "is required");

    public int Port(string name, int fallback)
    {
        var value = Optional(name);
        if (value is null)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new InvalidSettingException(name, "must be a port number from 1 to 65535");
        }

        return port;
    }

    public int PositiveInt(string name, int fallback)
    {
        var value = Optional(name);
        if (value is null)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < 1)
        {
            throw new InvalidSettingException(name, "must be a positive whole number");
        }

        return number;
    }

    public TEnum Enum<TEnum>(string name, TEnum fallback)
        where TEnum : struct, System.Enum
    {
        var value = Optional(name);
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, out _) || !System.Enum.TryParse<TEnum>(value, true, out var parsed))
        {
            var allowed = string.Join(", ", System.Enum.GetNames<TEnum>());
            throw new InvalidSettingException(name, $"must be one of {allowed}");
        }

        return parsed;
    }

    public string? ExistingFile(string name)
    {
        var path = Optional(name);
        if (path is not null && !File.Exists(path))
        {
            throw new InvalidSettingException(name, "names a file that does not exist");
        }

        return path;
    }
}
