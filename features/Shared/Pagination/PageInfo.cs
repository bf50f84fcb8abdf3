namespace Raio.Features.Shared.Pagination;

/// <summary>Where a page sits in its list; cursors are the ids of its first and last items.</summary>
public sealed record PageInfo(
    Guid? StartCursor,
    Guid? EndCursor,
    bool HasNextPage,
    bool HasPreviousPage);
