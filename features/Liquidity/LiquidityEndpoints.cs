using Raio.Api.Infrastructure;
using Raio.Api.Infrastructure.Idempotency;
using Raio.Features.Liquidity.DepositAssetLiquidity;
using Raio.Features.Liquidity.GetAssetLiquidity;
using Raio.Features.Liquidity.PostLiquidityWithdrawal;
using Raio.Features.Liquidity.VoidLiquidityWithdrawal;
using Raio.Features.Liquidity.WithdrawAssetLiquidity;

namespace Raio.Features.Liquidity;

public static class LiquidityEndpoints
{
    public static IEndpointRouteBuilder MapLiquidity(this IEndpointRouteBuilder endpoints)
    {
        var liquidity = endpoints.MapGroup("/")
            .OnListener(Listener.Admin)
            .WithIdempotency()
            .WithTags("Liquidity")
            .ProducesValidationProblem();

        liquidity.MapGet("/assets/{id}/liquidity", GetAssetLiquidityEndpoint.Handle)
            .WithName("GetAssetLiquidity")
            .WithSummary("Get an asset's liquidity")
            .ProducesProblem(StatusCodes.Status404NotFound);
        liquidity.MapPost("/assets/{id}/liquidity/deposits", DepositAssetLiquidityEndpoint.Handle)
            .WithName("DepositAssetLiquidity")
            .RequireIdempotencyKey()
            .WithSummary("Deposit liquidity into an asset")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        liquidity.MapPost("/assets/{id}/liquidity/withdrawals", WithdrawAssetLiquidityEndpoint.Handle)
            .WithName("WithdrawAssetLiquidity")
            .RequireIdempotencyKey()
            .WithSummary("Withdraw liquidity, pending while a timeout runs or posted at once")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        liquidity.MapPost("/liquidity/withdrawals/{id}/post", PostLiquidityWithdrawalEndpoint.Handle)
            .WithName("PostLiquidityWithdrawal")
            .RequireIdempotencyKey()
            .WithSummary("Post a pending liquidity withdrawal")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        liquidity.MapPost("/liquidity/withdrawals/{id}/void", VoidLiquidityWithdrawalEndpoint.Handle)
            .WithName("VoidLiquidityWithdrawal")
            .RequireIdempotencyKey()
            .WithSummary("Void a pending liquidity withdrawal, releasing its amount")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return endpoints;
    }
}
