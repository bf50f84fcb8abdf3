namespace Raio.Features.Assets;

/// <summary>An asset as the admin API shows it; thresholds are decimal strings or null.</summary>
public sealed record AssetResponse(
    Guid Id,
    string Code,
    int Scale,
    string? WithdrawalThreshold,
    string? LiquidityThreshold,
    DateTime CreatedAt);
