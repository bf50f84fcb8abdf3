using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Raio.Features.Shared.Pagination;

namespace Raio.Features.Assets.ListAssets;

public static class ListAssetsEndpoint
{
    /// <remarks>
    /// <c>code</c> and <c>scale</c> together narrow the list to the asset with that pair: the
    /// answer is a page of one, or an empty page when there is none.
    /// </remarks>
    public static async Task<Ok<Page<AssetResponse>>> Handle(
        [AsParameters] PageRequest page, string? code, int? scale, ISender sender,
        CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ListAssetsQuery(page, code, scale), cancellationToken);

        return TypedResults.Ok(result);
    }
}
