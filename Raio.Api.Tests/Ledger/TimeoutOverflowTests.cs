using Raio.Api.Tests.Infrastructure;
using Raio.Ledger;
using static Raio.Ledger.CreateTransferStatus;

namespace Raio.Api.Tests.Ledger;

/// <summary>
/// Timestamps are nanoseconds below 2^63, so a timeout can only overflow late in that range. This
/// class moves its own ledger's clock to the year 2200, which no other test class shares.
/// </summary>
public class TimeoutOverflowTests(LedgerFixture fixture) : LedgerContract(fixture), IClassFixture<LedgerFixture>
{
    [Fact]
    public async Task ATimeoutReachingPastTheLastTimestampIsRefused()
    {
        Fixture.Time.SetUtcNow(new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var accounts = await CreateAccountsAsync(NewLedgerNumber(), AccountFlags.DebitsMustNotExceedCredits,
            AccountFlags.None);
        var pending = Move(accounts[0], accounts[1], 1, TransferFlags.Pending);

        await AssertTransferCasesAsync(
            ("overflow beats exceeds credits", pending with { Timeout = uint.MaxValue }, OverflowsTimeout),
            ("a day", pending with { Id = NewId(), Timeout = 86_400 }, ExceedsCredits),
            ("a day for nothing", pending with { Id = NewId(), Timeout = 86_400, Amount = 0 }, Created));
    }
}
