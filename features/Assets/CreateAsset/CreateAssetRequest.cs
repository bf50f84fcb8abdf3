namespace Raio.Features.Assets.CreateAsset;

/// <summary>The body of <c>POST /assets</c>; thresholds are optional decimal strings.</summary>
public sealed record CreateAssetRequest(
    string? Code,
    int? Scale,
    string? WithdrawalThreshold,
    string? LiquidityThreshold);
