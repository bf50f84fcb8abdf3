using System.Globalization;
using FluentValidation;

namespace Raio.Features.Shared;

/// <summary>
/// Amounts travel as decimal strings, so that no JSON parser rounds them: inputs are canonical
/// non-negative integers up to 2^64 - 1 (Rafiki's UInt64), outputs may reach 2^128 - 1.
/// </summary>
public static class Amount
{
    public const string Pattern = "^(0|[1-9][0-9]{0,19})$";

    public static bool IsUInt64(string? value) =>
        value is not null
        && System.Text.RegularExpressions.Regex.IsMatch(value, Pattern)
        && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>Parses a string that <see cref="IsUInt64"/> accepted.</summary>
    public static ulong ParseUInt64(string value) =>
        ulong.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    public static string Format(UInt128 value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(decimal value) => value.ToString("0", CultureInfo.InvariantCulture);

    public static IRuleBuilderOptions<T, string?> MustBeUInt64<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsUInt64)
            .WithMessage("'{PropertyName}' must be a decimal string of an integer from 0 to 2^64 - 1.");
}
