using Mediator;
using Raio.Features.Shared;

namespace Raio.Features.Assets.UpdateAsset;

public sealed record UpdateAssetCommand(
    Guid Id,
    string? WithdrawalThreshold,
    string? LiquidityThreshold)
    : ICommand<Outcome<AssetResponse, AssetError>>;
