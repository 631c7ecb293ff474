namespace EthGov.Application.Staff;

/// <summary>What an issuer and a subject of a binding may be.</summary>
public static class StaffLinks
{
    /// <summary>The longest subject kept (OpenID Connect Core allows 255 ASCII characters).</summary>
    public const int MaxSubjectLength = 255;

    /// <summary>The longest issuer kept.</summary>
    public const int MaxIssuerLength = 512;

    /// <summary>Whether <paramref name="issuer"/> is an absolute https URL, or http on a loopback host (a provider on the same machine).</summary>
    public static bool IsIssuer(string? issuer)
        => issuer is { Length: > 0 and <= MaxIssuerLength } && Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);

    /// <summary>Whether <paramref name="subject"/> is 1 to <see cref="MaxSubjectLength"/> characters without control characters.</summary>
    public static bool IsSubject(string? subject) => subject is { Length: > 0 and <= MaxSubjectLength } && !subject.Any(char.IsControl);
}
