using FluentValidation;

namespace Raio.Features.Accounts.GetAccountTransfers;

public sealed class GetAccountTransfersValidator : AbstractValidator<GetAccountTransfersQuery>
{
    public GetAccountTransfersValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, GetAccountTransfersQuery.MaxLimit);
    }
}
