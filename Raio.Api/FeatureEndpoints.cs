namespace Raio.Api;

/// <summary>The routing table of every slice in <c>features/</c>, one line per area.</summary>
public static class FeatureEndpoints
{
    public static IEndpointRouteBuilder MapFeatures(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
