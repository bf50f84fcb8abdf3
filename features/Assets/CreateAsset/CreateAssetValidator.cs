using FluentValidation;
using Raio.Features.Shared;

namespace Raio.Features.Assets.CreateAsset;

public sealed class CreateAssetValidator : AbstractValidator<CreateAssetCommand>
{
    public CreateAssetValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Code)
            .NotNull()
            .Matches("^[A-Z]{3}$")
            .WithMessage("'code' must be three upper-case letters, like an ISO 4217 code.");
        RuleFor(c => c.Scale)
            .NotNull()
            .InclusiveBetween(0, 255);
        RuleFor(c => c.WithdrawalThreshold)
            .MustBeUInt64()
            .When(c => c.WithdrawalThreshold is not null);
        RuleFor(c => c.LiquidityThreshold)
            .MustBeUInt64()
            .When(c => c.LiquidityThreshold is not null);
    }
}
