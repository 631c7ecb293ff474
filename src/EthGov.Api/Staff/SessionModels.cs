namespace EthGov.Api.Staff;

/// <summary>A clerk's sign-in.</summary>
/// <param name="Name">The sign-in name.</param>
/// <param name="Password">The password.</param>
public sealed record SignInRequest(string? Name, string? Password);

/// <summary>A clerk's change of their own password.</summary>
/// <param name="CurrentPassword">The password now (a wrong one counts as a failed sign-in).</param>
/// <param name="NewPassword">The new one: at least 12 characters, not holding the sign-in name.</param>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Who is signed in, and what the page needs to act in the session.</summary>
/// <param name="Name">The clerk's sign-in name.</param>
/// <param name="Department">The department the clerk acts for.</param>
/// <param name="Roles">The clerk's roles (the API key scopes they match, and <c>approver</c>).</param>
/// <param name="MustChangePassword">Whether a one-time password must be changed before anything else.</param>
/// <param name="CsrfToken">The antiforgery token to send in <see cref="CsrfHeader"/> with every POST, PUT, PATCH and DELETE.</param>
/// <param name="CsrfHeader">The header's name.</param>
/// <param name="ExpiresAt">When the session ends at the latest (it ends earlier when left unused).</param>
public sealed record SessionResponse(string Name, string Department, string[] Roles, bool MustChangePassword, string CsrfToken, string CsrfHeader, DateTimeOffset ExpiresAt);

/// <summary>How a clerk may sign in on this node.</summary>
/// <param name="Password">Whether name and password sign-in is open (always, today).</param>
/// <param name="Oidc">The department's OpenID Connect provider, when the node has one.</param>
public sealed record SignInOptionsResponse(bool Password, OidcSignInOption? Oidc);

/// <summary>The department's OpenID Connect provider, as the sign-in form offers it.</summary>
/// <param name="Name">The provider's name for the button ("Sign in with ...").</param>
/// <param name="SignInUrl">Where the browser goes to sign in through it.</param>
public sealed record OidcSignInOption(string Name, string SignInUrl);

/// <summary>The answer to signing out of a session begun at the department's provider.</summary>
/// <param name="ProviderSignOutUrl">The provider's end-session address (with the post-logout redirect URI back to the workspace), for the browser to open.</param>
public sealed record SignOutResponse(string ProviderSignOutUrl);
