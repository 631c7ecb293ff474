using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Nethereum.Signer;
using Nethereum.Util;

namespace EthGov.Cli.Network;

/// <summary>
/// A node's enode URL, <c>enode://&lt;128 hex digits of its public key&gt;@&lt;IP address&gt;:&lt;port&gt;</c>: how Besu's
/// node allowlist names a peer. In QBFT the node key is also the validator key, so the URL gives the validator address.
/// </summary>
public sealed record EnodeUrl
{
    /// <summary>The URL scheme.</summary>
    public const string Scheme = "enode://";

    private EnodeUrl(string publicKey, IPAddress host, int port)
    {
        PublicKey = publicKey;
        Host = host;
        Port = port;
    }

    /// <summary>The node's secp256k1 public key: 128 lowercase hex digits (x and y), no prefix.</summary>
    public string PublicKey { get; }

    /// <summary>The IP address other nodes reach it at (Besu's allowlist compares addresses, not host names).</summary>
    public IPAddress Host { get; }

    /// <summary>Its P2P port.</summary>
    public int Port { get; }

    /// <summary>The validator address: the last 20 bytes of keccak256 of the public key, checksummed.</summary>
    public string ValidatorAddress =>
        AddressUtil.Current.ConvertToChecksumAddress(Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(Convert.FromHexString(PublicKey))[12..]));

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out EnodeUrl? enode, [NotNullWhen(false)] out string? problem)
    {
        enode = null;
        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            problem = $"it does not start with {Scheme}";
            return false;
        }

        var rest = text[Scheme.Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var key = at < 0 ? rest : rest[..at];
        if (key.Length != 128 || !key.All(char.IsAsciiHexDigit))
        {
            problem = "the public key must be 128 hex digits";
            return false;
        }

        try
        {
            // A point not on the curve (such as all zeros) is no one's node key.
            _ = new EthECKey(Convert.FromHexString("04" + key), isPrivate: false).GetPublicAddress();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            problem = "the public key is not a point on secp256k1";
            return false;
        }

        var endpoint = at < 0 ? string.Empty : rest[(at + 1)..].Split('?')[0];
        var colon = endpoint.LastIndexOf(':');
        if (colon < 0
            || !IPAddress.TryParse(endpoint[..colon].Trim('[', ']'), out var host)
            || !int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            problem = "it must end with @<IP address>:<port> (Besu's allowlist compares IP addresses)";
            return false;
        }

        enode = new EnodeUrl(key.ToLowerInvariant(), host, port);
        problem = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var host = Host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Host}]" : Host.ToString();
        return $"{Scheme}{PublicKey}@{host}:{Port.ToString(CultureInfo.InvariantCulture)}";
    }
}
