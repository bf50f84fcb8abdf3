namespace Raio.Ledger;

/// <summary>The ledger's store could not be reached; nothing in the batch was applied.</summary>
public sealed class LedgerUnavailableException : Exception
{
    public LedgerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
