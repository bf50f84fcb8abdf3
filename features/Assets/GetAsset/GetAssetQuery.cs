using Mediator;
using Raio.Features.Shared;

namespace Raio.Features.Assets.GetAsset;

public sealed record GetAssetQuery(Guid Id) : IQuery<Outcome<AssetResponse, AssetError>>;
