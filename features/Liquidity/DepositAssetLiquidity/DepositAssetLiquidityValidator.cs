using FluentValidation;
using Raio.Features.Shared;
using Raio.Features.Shared.Ledger;

namespace Raio.Features.Liquidity.DepositAssetLiquidity;

public sealed class DepositAssetLiquidityValidator : AbstractValidator<DepositAssetLiquidityCommand>
{
    public DepositAssetLiquidityValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Id).MustBeLedgerId();
        RuleFor(c => c.Amount).NotNull().MustBeUInt64();
    }
}
