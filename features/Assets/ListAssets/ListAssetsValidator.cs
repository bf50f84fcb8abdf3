using Dapper;
using FluentValidation;
using Npgsql;
using Raio.Features.Shared;
using Raio.Features.Shared.Pagination;

namespace Raio.Features.Assets.ListAssets;

public sealed class ListAssetsValidator : AbstractValidator<ListAssetsQuery>
{
    static readonly string CursorSql = SqlFile.Read("Assets/ListAssets/ListAssetsCursor.sql");

    readonly NpgsqlDataSource _dataSource;

    public ListAssetsValidator(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        RuleLevelCascadeMode = CascadeMode.Stop;

        Include(new PageRules<ListAssetsQuery>());
        RuleFor(q => q.Code)
            .NotNull()
            .When(q => q.Scale is not null)
            .WithMessage("'code' and 'scale' find an asset together: give both or neither.")
            .Matches("^[A-Z]{3}$")
            .WithMessage("'code' must be three upper-case letters, like an ISO 4217 code.");
        RuleFor(q => q.Scale)
            .NotNull()
            .When(q => q.Code is not null)
            .WithMessage("'code' and 'scale' find an asset together: give both or neither.")
            .InclusiveBetween(0, 255);
        RuleFor(q => q.Page.After)
            .MustAsync(IsAssetAsync)
            .When(q => q.Page.After is not null)
            .WithMessage("'after' names no asset of this list.")
            .OverridePropertyName("after");
        RuleFor(q => q.Page.Before)
            .MustAsync(IsAssetAsync)
            .When(q => q.Page.Before is not null)
            .WithMessage("'before' names no asset of this list.")
            .OverridePropertyName("before");
    }

    async Task<bool> IsAssetAsync(Guid? cursor, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(
            new CommandDefinition(CursorSql, new { Cursor = cursor },
                cancellationToken: cancellationToken));
    }
}
