namespace Raio.Features.Shared.Pagination;

/// <summary>One page of a list, in the list's order.</summary>
public sealed record Page<T>(PageInfo Pagination, IReadOnlyList<T> Result);
