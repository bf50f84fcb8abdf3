using FluentValidation;
using Raio.Features.Shared;
using Raio.Features.Shared.Ledger;

namespace Raio.Features.Liquidity.WithdrawAssetLiquidity;

public sealed class WithdrawAssetLiquidityValidator : AbstractValidator<WithdrawAssetLiquidityCommand>
{
    public WithdrawAssetLiquidityValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Id).MustBeLedgerId();
        RuleFor(c => c.Amount).NotNull().MustBeUInt64();
        // The ledger counts a pending transfer's timeout in whole seconds, in 32 bits.
        RuleFor(c => c.TimeoutSeconds).NotNull().InclusiveBetween(0, uint.MaxValue);
    }
}
