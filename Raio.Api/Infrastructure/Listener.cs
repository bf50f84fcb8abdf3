namespace Raio.Api.Infrastructure;

/// <summary>The three doors of one process, as in Rafiki: each route answers on exactly one.</summary>
public enum Listener
{
    Admin,
    Connector,
    OpenPayments,
}

/// <summary>Endpoint metadata that pins a route to one listener.</summary>
public sealed record ListenerMetadata(Listener Listener);
