using Mediator;

namespace Raio.Features.Assets.DeleteAsset;

/// <summary>Deletes an asset softly: its row, ledger and liquidity stay, hidden.</summary>
public sealed record DeleteAssetCommand(Guid Id) : ICommand<AssetError?>;
