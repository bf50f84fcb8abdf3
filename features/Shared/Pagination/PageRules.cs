using FluentValidation;

namespace Raio.Features.Shared.Pagination;

/// <summary>A query that carries a page request.</summary>
public interface IPagedQuery
{
    PageRequest Page { get; }
}

/// <summary>
/// The rules of a page request, for a list's validator to <c>Include</c>. Failures name the query
/// parameter at fault.
/// </summary>
public sealed class PageRules<T> : AbstractValidator<T>
    where T : IPagedQuery
{
    public PageRules()
    {
        RuleFor(q => q.Page.First)
            .InclusiveBetween(1, PageRequest.MaxSize)
            .OverridePropertyName("first");
        RuleFor(q => q.Page.Last)
            .InclusiveBetween(1, PageRequest.MaxSize)
            .OverridePropertyName("last");
        RuleFor(q => q.Page.Last)
            .Null()
            .When(q => q.Page.First is not null || q.Page.After is not null)
            .WithMessage("'last' pages backward and cannot be combined with 'first' or 'after'.")
            .OverridePropertyName("last");
        RuleFor(q => q.Page.Before)
            .Null()
            .When(q => q.Page.First is not null || q.Page.After is not null)
            .WithMessage("'before' pages backward and cannot be combined with 'first' or 'after'.")
            .OverridePropertyName("before");
        RuleFor(q => q.Page.SortOrder)
            .Must(order => order is null or "asc" or "desc")
            .WithMessage("'sortOrder' must be 'asc' or 'desc'.")
            .OverridePropertyName("sortOrder");
    }
}
