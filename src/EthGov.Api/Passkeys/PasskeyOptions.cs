namespace EthGov.Api.Passkeys;

/// <summary>Citizens' passkeys on this node (section <c>EthGov:Passkeys</c>).</summary>
public sealed class PasskeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EthGov:Passkeys";

    /// <summary>
    /// The origin the holder's page is served from, which a passkey is bound to (its host is the relying party id). Null:
    /// <c>EthGov:PublicBaseUrl</c>. An IP address cannot be a relying party: in development use <c>http://localhost:port</c>.
    /// </summary>
    public Uri? Origin { get; set; }

    /// <summary>How long a registration code works (printed on a certificate, it must outlast the post).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a consent link works before consent is given.</summary>
    public TimeSpan ConsentLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The deadline a challenge carries: the chain refuses an assertion submitted after it.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a citizen's sign-in challenge works: one <c>navigator.credentials.get</c>, used once.</summary>
    public TimeSpan SignInChallengeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a citizen's session lasts after signing in with a passkey; then the citizen signs in again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
