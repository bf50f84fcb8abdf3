using Microsoft.AspNetCore.Http.HttpResults;
using Raio.Features.Shared;

namespace Raio.Features.Assets;

/// <summary>The one table from <see cref="AssetError"/> to its problem document.</summary>
public static class AssetErrors
{
    public static ProblemHttpResult ToProblem(this AssetError error) => error switch
    {
        AssetError.UnknownAsset => Problem.Of("unknown_asset", StatusCodes.Status404NotFound,
            "Unknown asset", "No asset has this id."),
        AssetError.DuplicateAsset => Problem.Of("duplicate_asset", StatusCodes.Status409Conflict,
            "Asset already exists", "An asset with this code and scale already exists.", "code"),
        AssetError.AssetInUse => Problem.Of("asset_in_use", StatusCodes.Status409Conflict,
            "Asset in use", "A peer or wallet address still uses this asset."),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Not an asset error."),
    };
}
