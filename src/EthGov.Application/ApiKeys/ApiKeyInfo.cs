namespace EthGov.Application.ApiKeys;

/// <summary>One API key as <c>ethgov apikey list</c> shows it: everything but the secret, which is never stored.</summary>
/// <param name="Id">The key's number; it stays the same when the key is rotated.</param>
/// <param name="Department">The department code the key acts for.</param>
/// <param name="Scopes">What the key may do.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="RotatedAt">When its secret was last replaced, if ever.</param>
/// <param name="LastUsedAt">When the API last admitted it, to the minute (the API writes it at most once a minute), if ever.</param>
/// <param name="Revoked">Whether it was revoked (for good).</param>
/// <param name="RevokedAt">When it was revoked, when known.</param>
public sealed record ApiKeyInfo(
    long Id,
    string Department,
    ApiKeyScopes Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotatedAt,
    DateTimeOffset? LastUsedAt,
    bool Revoked,
    DateTimeOffset? RevokedAt);
