namespace Raio.Features.Shared.Pagination;

/// <summary>
/// How a page request reads the table: keyset pagination on the item id, which sorts by creation
/// time because Raio's ids are version 7 UUIDs. A list's SQL takes <c>@Cursor</c> (null for the
/// first page), <c>@Ascending</c> (the direction to scan) and <c>@Limit</c> (one more than the page
/// holds, to learn whether more follow), and answers rows in scan order.
/// </summary>
/// <remarks>
/// A cursor must name an item of the list (the caller checks), so paging away from it always
/// leaves at least that item behind: the flag for the other direction needs no query.
/// </remarks>
public sealed class PageScan
{
    readonly PageRequest _request;

    public PageScan(PageRequest request)
    {
        _request = request;
        var newestFirst = request.SortOrder is null or "desc";
        Ascending = newestFirst == request.IsBackward;
        Limit = (request.First ?? request.Last ?? PageRequest.DefaultSize) + 1;
    }

    public Guid? Cursor => _request.Cursor;
    public bool Ascending { get; }
    public int Limit { get; }

    /// <summary>Turns the rows read, in scan order, into a page in the list's order.</summary>
    public Page<T> ToPage<T>(IReadOnlyList<T> rows, Func<T, Guid> id)
    {
        var more = rows.Count == Limit;
        var items = rows.Take(Limit - 1).ToList();
        if (_request.IsBackward)
        {
            items.Reverse();
        }

        var info = new PageInfo(
            items.Count > 0 ? id(items[0]) : null,
            items.Count > 0 ? id(items[^1]) : null,
            HasNextPage: _request.IsBackward ? _request.Before is not null : more,
            HasPreviousPage: _request.IsBackward ? more : _request.After is not null);
        return new Page<T>(info, items);
    }
}
