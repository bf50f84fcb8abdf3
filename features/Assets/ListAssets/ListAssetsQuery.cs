using Mediator;
using Raio.Features.Shared.Pagination;

namespace Raio.Features.Assets.ListAssets;

/// <summary>A page of assets, optionally only the one with this code and scale.</summary>
public sealed record ListAssetsQuery(PageRequest Page, string? Code, int? Scale)
    : IQuery<Page<AssetResponse>>, IPagedQuery;
