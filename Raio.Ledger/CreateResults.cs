namespace Raio.Ledger;

/// <summary>
/// The result of one event. <see cref="Timestamp"/> is the object's timestamp when it was created
/// or already existed, otherwise the time of validation.
/// </summary>
public readonly record struct CreateAccountResult(CreateAccountStatus Status, ulong Timestamp);

/// <inheritdoc cref="CreateAccountResult"/>
public readonly record struct CreateTransferResult(CreateTransferStatus Status, ulong Timestamp)
{
    /// <summary>Created now or before: the transfer is in the ledger either way.</summary>
    public bool IsCommitted => Status is CreateTransferStatus.Created or CreateTransferStatus.Exists;
}
