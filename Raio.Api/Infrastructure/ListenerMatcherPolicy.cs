using Microsoft.AspNetCore.Routing.Matching;
using Raio.Api.Configuration;

namespace Raio.Api.Infrastructure;

/// <summary>
/// Drops candidate endpoints that belong to another listener than the one the request came in on.
/// The local port decides, never the Host header, which a client controls: the admin API must not
/// be reachable through the public port. The in-memory test server has no port; there, and only
/// there, the Host header's port stands in for it.
/// </summary>
sealed class ListenerMatcherPolicy(RaioSettings settings) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<ListenerMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var port = PortOf(httpContext);
        for (var i = 0; i < candidates.Count; i++)
        {
            var listener = candidates[i].Endpoint.Metadata.GetMetadata<ListenerMetadata>()?.Listener;
            if (listener is not null && PortOf(listener.Value) != port)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The port the request came in on.</summary>
    public static int PortOf(HttpContext httpContext)
    {
        var port = httpContext.Connection.LocalPort;
        return port != 0 ? port : httpContext.Request.Host.Port ?? 0;
    }

    int PortOf(Listener listener) => listener switch
    {
        Listener.Admin => settings.AdminPort,
        Listener.Connector => settings.ConnectorPort,
        _ => settings.OpenPaymentsPort,
    };
}

public static class ListenerEndpointExtensions
{
    /// <summary>Answers the group's routes only on the given listener's port.</summary>
    public static TBuilder OnListener<TBuilder>(this TBuilder builder, Listener listener)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new ListenerMetadata(listener));
        return builder;
    }
}
