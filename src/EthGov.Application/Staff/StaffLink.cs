namespace EthGov.Application.Staff;

/// <summary>The person at the department's OpenID Connect provider a clerk's account is bound to.</summary>
/// <param name="Issuer">The provider's issuer, exactly as its id tokens name it.</param>
/// <param name="Subject">The person's identifier there (the claim the node is configured to read, <c>sub</c> by default).</param>
public sealed record StaffLink(string Issuer, string Subject);
