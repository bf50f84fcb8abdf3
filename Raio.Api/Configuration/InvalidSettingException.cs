namespace Raio.Api.Configuration;

/// <summary>An environment variable is missing or malformed. The message never echoes its value.</summary>
public sealed class InvalidSettingException(string variable, string problem)
    : Exception($"{variable} {problem}.")
{
    public string Variable { get; } = variable;
}
