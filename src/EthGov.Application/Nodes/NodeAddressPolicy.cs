using System.Net;
using System.Net.Sockets;

namespace EthGov.Application.Nodes;

/// <summary>
/// Which IP addresses a node may call another department's node at. The URLs come from the chain, where each department
/// writes its own; without this rule a department could make every other node send requests into that node's own
/// networks (server-side request forgery).
/// </summary>
/// <remarks>
/// Two kinds of special-purpose ranges (IANA's IPv4 and IPv6 special-purpose registries) are refused. Private ones
/// (loopback, RFC 1918, carrier-grade NAT, unique-local IPv6, ...) hold real services of one's own network: they are
/// refused unless <see cref="AllowPrivateAddresses"/>, which development needs because every node runs on 127.0.0.1.
/// The others are never a node's address and are refused even then: unspecified (0.0.0.0 connects to the local host on
/// Linux), link-local (169.254.169.254 is the cloud metadata service), multicast, broadcast, reserved and documentation
/// ranges, and IPv6 outside global unicast (2000::/3). An IPv6 address that carries an IPv4 address (IPv4-mapped,
/// IPv4-compatible, NAT64, 6to4) is judged by the IPv4 address it leads to.
/// </remarks>
public sealed class NodeAddressPolicy
{
    private const string PublicKind = "public";

    private static readonly AddressRange[] s_ipv4Ranges =
    [
        new("unspecified", "0.0.0.0", 32, RangeKind.Never),
        new("\"this network\"", "0.0.0.0", 8, RangeKind.Never),
        new("private network", "10.0.0.0", 8, RangeKind.Private),
        new("carrier-grade NAT", "100.64.0.0", 10, RangeKind.Private),
        new("loopback", "127.0.0.0", 8, RangeKind.Private),
        new("link-local", "169.254.0.0", 16, RangeKind.Never),
        new("private network", "172.16.0.0", 12, RangeKind.Private),
        new("IETF protocol assignments", "192.0.0.0", 24, RangeKind.Never),
        new("documentation", "192.0.2.0", 24, RangeKind.Never),
        new("private network", "192.168.0.0", 16, RangeKind.Private),
        new("benchmarking", "198.18.0.0", 15, RangeKind.Private),
        new("documentation", "198.51.100.0", 24, RangeKind.Never),
        new("documentation", "203.0.113.0", 24, RangeKind.Never),
        new("multicast", "224.0.0.0", 4, RangeKind.Never),
        new("broadcast", "255.255.255.255", 32, RangeKind.Never),
        new("reserved", "240.0.0.0", 4, RangeKind.Never),
    ];

    private static readonly AddressRange[] s_ipv6Ranges =
    [
        new("unspecified", "::", 128, RangeKind.Never),
        new("loopback", "::1", 128, RangeKind.Private),
        new("IPv4-mapped", "::ffff:0:0", 96, RangeKind.EmbedsIPv4),
        new("IPv4-compatible", "::", 96, RangeKind.EmbedsIPv4),
        new("NAT64", "64:ff9b::", 96, RangeKind.EmbedsIPv4),
        new("local-use NAT64", "64:ff9b:1::", 48, RangeKind.Private),
        new("discard-only", "100::", 64, RangeKind.Never),
        new("documentation", "2001:db8::", 32, RangeKind.Never),
        new("6to4", "2002::", 16, RangeKind.EmbedsIPv4),
        new("unique-local", "fc00::", 7, RangeKind.Private),
        new("link-local", "fe80::", 10, RangeKind.Never),
        new("site-local", "fec0::", 10, RangeKind.Private),
        new("multicast", "ff00::", 8, RangeKind.Never),
    ];

    /// <summary>Creates the policy.</summary>
    /// <param name="allowPrivateAddresses">Whether loopback and private-network addresses are allowed (development only).</param>
    public NodeAddressPolicy(bool allowPrivateAddresses) => AllowPrivateAddresses = allowPrivateAddresses;

    /// <summary>Whether loopback and private-network addresses are allowed.</summary>
    public bool AllowPrivateAddresses { get; }

    /// <summary>Decides whether a node may be called at <paramref name="address"/>.</summary>
    public NodeAddressCheck Check(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        switch (address.AddressFamily)
        {
            case AddressFamily.InterNetwork:
                return CheckIPv4(address.GetAddressBytes(), via: null);
            case AddressFamily.InterNetworkV6:
                var bytes = address.GetAddressBytes();
                var range = Find(s_ipv6Ranges, bytes);
                if (range is null)
                {
                    // Everything outside global unicast is unassigned or reserved by the IETF: no node lives there yet.
                    return (bytes[0] & 0xE0) == 0x20
                        ? new NodeAddressCheck(true, PublicKind, null)
                        : new NodeAddressCheck(false, "reserved", "outside 2000::/3");
                }

                return range.Kind == RangeKind.EmbedsIPv4
                    ? CheckIPv4(EmbeddedIPv4(bytes, range), via: range.Name)
                    : Decide(range, via: null);
            default:
                return new NodeAddressCheck(false, $"not an IP address ({address.AddressFamily})", null);
        }
    }

    private NodeAddressCheck CheckIPv4(byte[] bytes, string? via)
    {
        var range = Find(s_ipv4Ranges, bytes);
        return range is null ? new NodeAddressCheck(true, via is null ? PublicKind : $"{via} {PublicKind}", null) : Decide(range, via);
    }

    private NodeAddressCheck Decide(AddressRange range, string? via)
    {
        bool allowed = range.Kind == RangeKind.Private && AllowPrivateAddresses;
        return new NodeAddressCheck(allowed, via is null ? range.Name : $"{via} {range.Name}", range.Text);
    }

    private static byte[] EmbeddedIPv4(byte[] ipv6, AddressRange range) =>
        // 6to4 (2002:AABB:CCDD::/48) carries the IPv4 address right after its 16-bit prefix; the others in the last 32 bits.
        range.PrefixLength == 16 ? ipv6[2..6] : ipv6[12..16];

    private static AddressRange? Find(AddressRange[] ranges, byte[] address)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(address))
            {
                return range;
            }
        }

        return null;
    }

    private enum RangeKind
    {
        Private,
        Never,
        EmbedsIPv4,
    }

    private sealed class AddressRange
    {
        private readonly byte[] _network;

        public AddressRange(string name, string network, int prefixLength, RangeKind kind)
        {
            Name = name;
            _network = IPAddress.Parse(network).GetAddressBytes();
            PrefixLength = prefixLength;
            Kind = kind;
            Text = $"{network}/{prefixLength}";
        }

        public string Name { get; }

        public int PrefixLength { get; }

        public RangeKind Kind { get; }

        public string Text { get; }

        public bool Contains(byte[] address)
        {
            int whole = PrefixLength / 8;
            if (!address.AsSpan(0, whole).SequenceEqual(_network.AsSpan(0, whole)))
            {
                return false;
            }

            int rest = PrefixLength % 8;
            if (rest == 0)
            {
                return true;
            }

            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (_network[whole] & mask);
        }
    }
}
