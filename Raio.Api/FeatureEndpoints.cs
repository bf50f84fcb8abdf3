using Raio.Features.Accounts;
using Raio.Features.Assets;
using Raio.Features.Liquidity;

namespace Raio.Api;

/// <summary>The routing table of every slice in <c>features/</c>, one line per area.</summary>
public static class FeatureEndpoints
{
    public static IEndpointRouteBuilder MapFeatures(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAssets();
        endpoints.MapLiquidity();
        endpoints.MapAccounts();
        return endpoints;
    }
}
