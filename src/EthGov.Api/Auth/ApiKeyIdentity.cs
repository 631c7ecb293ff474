using System.Security.Claims;
using EthGov.Application.ApiKeys;

namespace EthGov.Api.Auth;

/// <summary>
/// The identity of a request made with an API key: the department and key-id claims that the rest of the API reads,
/// and the <see cref="ApiKeyEntry"/> itself, so that scope checks compare flags instead of searching claims.
/// </summary>
public sealed class ApiKeyIdentity : ClaimsIdentity, IScopedCaller
{
    /// <summary>The identity of <paramref name="key"/>.</summary>
    public ApiKeyIdentity(ApiKeyEntry key)
        : base(ApiKeyAuthentication.SchemeName)
    {
        Key = key;
        // Claims made with this identity as subject are added as they are, not cloned.
        AddClaim(new Claim(ApiKeyAuthentication.DepartmentClaim, key.Department, ClaimValueTypes.String, DefaultIssuer, DefaultIssuer, this));
        AddClaim(new Claim(ApiKeyAuthentication.KeyIdClaim, key.KeyId, ClaimValueTypes.String, DefaultIssuer, DefaultIssuer, this));
    }

    /// <summary>The key.</summary>
    public ApiKeyEntry Key { get; }

    /// <inheritdoc />
    public string Department => Key.Department;

    /// <inheritdoc />
    public ApiKeyScopes Scopes => Key.Scopes;

    /// <inheritdoc />
    public string CallerName => "key " + Key.KeyId;
}
