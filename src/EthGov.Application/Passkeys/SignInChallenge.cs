namespace EthGov.Application.Passkeys;

/// <summary>A sign-in challenge this node issued.</summary>
/// <param name="Id">Its row.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="UsedAt">When a sign-in used it, or null.</param>
public sealed record SignInChallenge(long Id, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);
