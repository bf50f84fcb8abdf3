namespace Raio.Features.Shared;

/// <summary>
/// What a handler answers: the value it produced or the area's error that stopped it. Expected
/// failures travel as values; exceptions are left to the unexpected.
/// </summary>
public readonly record struct Outcome<T, TError>
    where TError : struct, Enum
{
    Outcome(T? value, TError? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public TError? Error { get; }

    public static implicit operator Outcome<T, TError>(T value) => new(value, null);

    public static implicit operator Outcome<T, TError>(TError error) => new(default, error);
}
