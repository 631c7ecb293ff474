namespace EthGov.Application.Nodes;

/// <summary>Why another department's node gave no usable answer (see <see cref="NodeAnswer{T}"/>).</summary>
public enum NodeFailure
{
    /// <summary>The node answered 404: it holds nothing for what was asked.</summary>
    NotFound,

    /// <summary>No connection, or the connection broke: the name does not resolve, the port is closed, TLS failed.</summary>
    Unreachable,

    /// <summary>The whole exchange (connect, headers and body) took longer than <see cref="NodeClientOptions.Timeout"/>.</summary>
    TimedOut,

    /// <summary>
    /// The URL is not an http(s) URL, or its host is (or resolves only to) an address that
    /// <see cref="NodeAddressPolicy"/> refuses; nothing was sent.
    /// </summary>
    AddressRefused,

    /// <summary>The answer (announced or actual) is longer than <see cref="NodeClientOptions.MaxResponseBytes"/>.</summary>
    TooLarge,

    /// <summary>The answer is not what the route promises: not HTTP, not JSON, or not a valid receipt for the digest asked.</summary>
    Malformed,

    /// <summary>The node answered with another status than 2xx or 404, a redirect included (redirects are not followed).</summary>
    Refused,
}
