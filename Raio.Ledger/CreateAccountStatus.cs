namespace Raio.Ledger;

/// <summary>
/// The outcome of one create-account event. Members are declared in descending precedence: when
/// several apply, the first is returned. Values are TigerBeetle's and never change.
/// </summary>
public enum CreateAccountStatus : uint
{
    Created = uint.MaxValue,
    LinkedEventFailed = 1,
    LinkedEventChainOpen = 2,
    ImportedEventExpected = 22,
    ImportedEventNotExpected = 23,
    TimestampMustBeZero = 3,
    ImportedEventTimestampOutOfRange = 24,
    ImportedEventTimestampMustNotAdvance = 25,
    ReservedField = 4,
    ReservedFlag = 5,
    IdMustNotBeZero = 6,
    IdMustNotBeIntMax = 7,
    ExistsWithDifferentFlags = 15,
    ExistsWithDifferentUserData128 = 16,
    ExistsWithDifferentUserData64 = 17,
    ExistsWithDifferentUserData32 = 18,
    ExistsWithDifferentLedger = 19,
    ExistsWithDifferentCode = 20,
    Exists = 21,
    FlagsAreMutuallyExclusive = 8,
    DebitsPendingMustBeZero = 9,
    DebitsPostedMustBeZero = 10,
    CreditsPendingMustBeZero = 11,
    CreditsPostedMustBeZero = 12,
    LedgerMustNotBeZero = 13,
    CodeMustNotBeZero = 14,
    ImportedEventTimestampMustNotRegress = 26,
}
