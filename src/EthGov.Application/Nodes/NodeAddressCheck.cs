namespace EthGov.Application.Nodes;

/// <summary>What <see cref="NodeAddressPolicy"/> decided about one IP address, and why.</summary>
/// <param name="IsAllowed">Whether a node may be called at this address.</param>
/// <param name="Kind">What the address is: "public", "loopback", "private network", "link-local", ...</param>
/// <param name="Range">The special-purpose range the address falls in (for example <c>127.0.0.0/8</c>); null for a public address.</param>
public sealed record NodeAddressCheck(bool IsAllowed, string Kind, string? Range)
{
    /// <summary>The kind and range in a few words, for example "loopback (127.0.0.0/8)".</summary>
    public string Reason => Range is null ? Kind : $"{Kind} ({Range})";
}
