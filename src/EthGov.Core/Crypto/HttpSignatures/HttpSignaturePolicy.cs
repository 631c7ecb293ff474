namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// What a verifier demands of a signature beyond its being valid (RFC 9421 section 1.4 leaves this to the
/// application): which components it must cover, which parameters it must carry, and how far its times may
/// stray from the verifier's clock.
/// </summary>
/// <remarks>
/// Node-to-node requests bind a signature to its holder and chain by covering <c>@authority</c> (and the target
/// URI) and by a <see cref="RequiredTag"/> that names the chain; a <c>nonce</c> with a bounded lifetime makes
/// replays detectable by a cache that keeps each nonce until its signature expires (the caller's, since this
/// code keeps no state). The <c>keyid</c> parameter is always required: keys are found by it.
/// </remarks>
public sealed record HttpSignaturePolicy
{
    /// <summary>Components the signature must cover (in any order).</summary>
    public IReadOnlyList<ComponentIdentifier> RequiredComponents { get; init; } = [];

    /// <summary>Whether <c>created</c> must be present.</summary>
    public bool RequireCreated { get; init; } = true;

    /// <summary>Whether <c>expires</c> must be present.</summary>
    public bool RequireExpires { get; init; } = true;

    /// <summary>Whether <c>nonce</c> must be present.</summary>
    public bool RequireNonce { get; init; } = true;

    /// <summary>The exact <c>tag</c> the signature must carry, or null to accept any (or none).</summary>
    public string? RequiredTag { get; init; }

    /// <summary>How far the signer's clock may be ahead of or behind the verifier's.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest span a signature may be accepted for: <c>expires</c> minus <c>created</c> may not exceed it, and a
    /// signature without <c>expires</c> is taken as expiring this long after <c>created</c>.
    /// </summary>
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Bounds on the fields read.</summary>
    public HttpSignatureLimits Limits { get; init; } = HttpSignatureLimits.Default;
}
