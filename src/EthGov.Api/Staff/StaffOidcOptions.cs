namespace EthGov.Api.Staff;

/// <summary>
/// Sign-in through the department's OpenID Connect provider (section "EthGov:Staff:Oidc"), off while
/// <see cref="Authority"/> is empty. The provider says who the person is; the clerk's account bound to that person
/// (<c>ethgov staff link</c>) says what they may do.
/// </summary>
public sealed class StaffOidcOptions
{
    /// <summary>The provider's issuer URL (its discovery document is read from <c>/.well-known/openid-configuration</c> under it); https, or http on loopback.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id the provider registered for this node.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret the provider gave this node (keep it in the environment, not in a file under version control).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in button ("Sign in with ...").</summary>
    public string DisplayName { get; set; } = "the department's sign-in";

    /// <summary>The id token's claim that identifies the person at the provider, together with the issuer: <c>sub</c> unless the provider's own documentation says otherwise.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>Whether sign-in through the provider is on.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
