using EthGov.Application.ApiKeys;

namespace EthGov.Api.Auth;

/// <summary>
/// A caller the API authenticated, whichever way: an API key or a clerk's session. Scope checks read only this, so a
/// route admits a key with scope <c>revoke</c> and a clerk with role <c>revoke</c> by the same rule.
/// </summary>
public interface IScopedCaller
{
    /// <summary>The department code the caller acts for.</summary>
    string Department { get; }

    /// <summary>What the caller may do.</summary>
    ApiKeyScopes Scopes { get; }

    /// <summary>Who the caller is, for answers and logs: <c>key 3</c> or <c>staff alice</c>.</summary>
    string CallerName { get; }
}
