using Mediator;
using Raio.Features.Shared;

namespace Raio.Features.Assets.CreateAsset;

public sealed record CreateAssetCommand(
    string? Code,
    int? Scale,
    string? WithdrawalThreshold,
    string? LiquidityThreshold) : ICommand<Outcome<AssetResponse, AssetError>>;
