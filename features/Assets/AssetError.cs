namespace Raio.Features.Assets;

/// <summary>
/// How an asset request can fail, in precedence order: when several apply, the first is answered.
/// A malformed request (<c>invalid_request</c>, 400) comes before all of them. See
/// <see cref="AssetErrors"/> for each one's code, status and title; codes never change.
/// </summary>
public enum AssetError
{
    UnknownAsset = 1,
    DuplicateAsset = 2,
    AssetInUse = 3,
}
