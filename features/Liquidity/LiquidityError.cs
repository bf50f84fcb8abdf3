namespace Raio.Features.Liquidity;

/// <summary>
/// How a liquidity request can fail, in precedence order: when several apply, the first is
/// answered. A malformed request (<c>invalid_request</c>, 400) comes before all of them. These are
/// Rafiki's <c>LiquidityError</c>s that apply to assets; see <see cref="LiquidityErrors"/> for each
/// one's code, status and title. Codes never change.
/// </summary>
public enum LiquidityError
{
    AmountZero = 1,
    UnknownAsset = 2,
    UnknownTransfer = 3,
    TransferExists = 4,
    AlreadyPosted = 5,
    AlreadyVoided = 6,
    TransferExpired = 7,
    InsufficientBalance = 8,
}
