using Microsoft.AspNetCore.Mvc;

namespace Raio.Features.Shared.Pagination;

/// <summary>
/// The query string of every list: <c>first</c>/<c>after</c> pages forward, <c>last</c>/<c>before</c>
/// backward; cursors are item ids. <c>sortOrder</c> is <c>desc</c> (newest first, the default) or
/// <c>asc</c>.
/// </summary>
public sealed record PageRequest(
    [property: FromQuery(Name = "first")] int? First,
    [property: FromQuery(Name = "after")] Guid? After,
    [property: FromQuery(Name = "last")] int? Last,
    [property: FromQuery(Name = "before")] Guid? Before,
    [property: FromQuery(Name = "sortOrder")] string? SortOrder)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static PageRequest Default { get; } = new(null, null, null, null, null);

    public bool IsBackward => Last is not null || Before is not null;

    public Guid? Cursor => IsBackward ? Before : After;
}
