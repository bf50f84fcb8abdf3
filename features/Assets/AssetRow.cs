using Raio.Features.Shared;

namespace Raio.Features.Assets;

/// <summary>A row of <c>assets</c>, as the slices' statements return it.</summary>
public sealed record AssetRow
{
    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public short Scale { get; init; }
    public long Ledger { get; init; }
    public Guid SettlementAccountId { get; init; }
    public decimal? WithdrawalThreshold { get; init; }
    public decimal? LiquidityThreshold { get; init; }
    public DateTime CreatedAt { get; init; }

    public AssetResponse ToResponse() => new(Id, Code, Scale,
        WithdrawalThreshold is { } withdrawal ? Amount.Format(withdrawal) : null,
        LiquidityThreshold is { } liquidity ? Amount.Format(liquidity) : null,
        DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc));
}
