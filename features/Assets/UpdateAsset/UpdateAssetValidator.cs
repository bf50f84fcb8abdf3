using FluentValidation;
using Raio.Features.Shared;

namespace Raio.Features.Assets.UpdateAsset;

public sealed class UpdateAssetValidator : AbstractValidator<UpdateAssetCommand>
{
    public UpdateAssetValidator()
    {
        RuleFor(c => c.WithdrawalThreshold)
            .MustBeUInt64()
            .When(c => c.WithdrawalThreshold is not null);
        RuleFor(c => c.LiquidityThreshold)
            .MustBeUInt64()
            .When(c => c.LiquidityThreshold is not null);
    }
}
