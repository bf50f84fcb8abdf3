using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Raio.Features.Assets.DeleteAsset;

public static class DeleteAssetEndpoint
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, ISender sender, CancellationToken cancellationToken)
    {
        var error = await sender.Send(new DeleteAssetCommand(id), cancellationToken);

        return error is { } e ? e.ToProblem() : TypedResults.NoContent();
    }
}
