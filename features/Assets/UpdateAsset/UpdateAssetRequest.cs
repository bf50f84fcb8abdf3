namespace Raio.Features.Assets.UpdateAsset;

/// <summary>
/// The body of <c>PATCH /assets/{id}</c>: the asset's thresholds, both set at once as in Rafiki. A
/// threshold that is null or left out is cleared.
/// </summary>
public sealed record UpdateAssetRequest(string? WithdrawalThreshold, string? LiquidityThreshold);
