namespace Raio.Features.Accounts;

/// <summary>
/// How an account request can fail, after a malformed request (<c>invalid_request</c>, 400). See
/// <see cref="AccountErrors"/> for the code, status and title; codes never change.
/// </summary>
public enum AccountError
{
    UnknownAccount = 1,
}
