using Raio.Api.Infrastructure;
using Raio.Api.Infrastructure.Idempotency;
using Raio.Features.Assets.CreateAsset;
using Raio.Features.Assets.DeleteAsset;
using Raio.Features.Assets.GetAsset;
using Raio.Features.Assets.ListAssets;
using Raio.Features.Assets.UpdateAsset;

namespace Raio.Features.Assets;

public static class AssetsEndpoints
{
    public static IEndpointRouteBuilder MapAssets(this IEndpointRouteBuilder endpoints)
    {
        var assets = endpoints.MapGroup("/assets")
            .OnListener(Listener.Admin)
            .WithIdempotency()
            .WithTags("Assets")
            .ProducesValidationProblem();

        assets.MapPost("/", CreateAssetEndpoint.Handle)
            .WithName("CreateAsset")
            .WithSummary("Create an asset, with its liquidity and settlement accounts")
            .ProducesProblem(StatusCodes.Status409Conflict);
        assets.MapGet("/", ListAssetsEndpoint.Handle)
            .WithName("ListAssets")
            .WithSummary("List assets, newest first, or find the one with a code and scale");
        assets.MapGet("/{id}", GetAssetEndpoint.Handle)
            .WithName("GetAsset")
            .WithSummary("Get an asset")
            .ProducesProblem(StatusCodes.Status404NotFound);
        assets.MapPatch("/{id}", UpdateAssetEndpoint.Handle)
            .WithName("UpdateAsset")
            .WithSummary("Set an asset's thresholds; a null or missing threshold is cleared")
            .ProducesProblem(StatusCodes.Status404NotFound);
        assets.MapDelete("/{id}", DeleteAssetEndpoint.Handle)
            .WithName("DeleteAsset")
            .WithSummary("Delete an asset that no peer or wallet address uses")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return endpoints;
    }
}
