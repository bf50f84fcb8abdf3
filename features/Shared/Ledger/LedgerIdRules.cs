using FluentValidation;

namespace Raio.Features.Shared.Ledger;

public static class LedgerIdRules
{
    static readonly Guid Max = new("ffffffff-ffff-ffff-ffff-ffffffffffff");

    /// <summary>
    /// A client-chosen id of a ledger object: present, and neither the nil nor the max UUID, which
    /// the ledger reserves.
    /// </summary>
    public static IRuleBuilderOptions<T, Guid?> MustBeLedgerId<T>(this IRuleBuilder<T, Guid?> rule) =>
        rule.Must(id => id is { } value && value != Guid.Empty && value != Max)
            .WithMessage("'{PropertyName}' must be a UUID other than the nil and max UUIDs.");
}
