using System.Net;
using EthGov.Application.Nodes;

namespace EthGov.Application.Tests.Nodes;

public class NodeAddressPolicyTests
{
    private static readonly NodeAddressPolicy s_strict = new(allowPrivateAddresses: false);
    private static readonly NodeAddressPolicy s_development = new(allowPrivateAddresses: true);

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.0/8")]
    [InlineData("127.255.255.254", "127.0.0.0/8")]
    [InlineData("10.0.0.1", "10.0.0.0/8")]
    [InlineData("10.255.255.255", "10.0.0.0/8")]
    [InlineData("172.16.0.1", "172.16.0.0/12")]
    [InlineData("172.31.255.255", "172.16.0.0/12")]
    [InlineData("192.168.0.1", "192.168.0.0/16")]
    [InlineData("192.168.255.255", "192.168.0.0/16")]
    [InlineData("100.64.0.1", "100.64.0.0/10")]
    [InlineData("100.127.255.255", "100.64.0.0/10")]
    [InlineData("198.18.0.1", "198.18.0.0/15")]
    [InlineData("198.19.255.255", "198.18.0.0/15")]
    [InlineData("::1", "::1/128")]
    [InlineData("fc00::1", "fc00::/7")]
    [InlineData("fd12:3456:789a::1", "fc00::/7")]
    [InlineData("fec0::1", "fec0::/10")]
    [InlineData("64:ff9b:1::1", "64:ff9b:1::/48")]
    [InlineData("::ffff:127.0.0.1", "127.0.0.0/8")]
    [InlineData("::ffff:10.1.2.3", "10.0.0.0/8")]
    [InlineData("::ffff:172.20.0.1", "172.16.0.0/12")]
    [InlineData("::ffff:192.168.1.1", "192.168.0.0/16")]
    [InlineData("::ffff:100.64.0.1", "100.64.0.0/10")]
    [InlineData("::127.0.0.1", "127.0.0.0/8")]
    [InlineData("64:ff9b::127.0.0.1", "127.0.0.0/8")]
    [InlineData("64:ff9b::10.0.0.1", "10.0.0.0/8")]
    [InlineData("2002:c0a8:0101::1", "192.168.0.0/16")]
    [InlineData("2002:7f00:0001::", "127.0.0.0/8")]
    public void Check_PrivateAddress_IsRefusedUnlessPrivateAddressesAreAllowed(string address, string range)
    {
        var ip = IPAddress.Parse(address);

        var strict = s_strict.Check(ip);
        var development = s_development.Check(ip);

        Assert.False(strict.IsAllowed, $"{address}: {strict.Reason}");
        Assert.Equal(range, strict.Range);
        Assert.True(development.IsAllowed, $"{address}: {development.Reason}");
        Assert.Equal(range, development.Range);
    }

    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0/32")]
    [InlineData("0.1.2.3", "0.0.0.0/8")]
    [InlineData("169.254.169.254", "169.254.0.0/16")]
    [InlineData("169.254.0.1", "169.254.0.0/16")]
    [InlineData("224.0.0.1", "224.0.0.0/4")]
    [InlineData("239.255.255.250", "224.0.0.0/4")]
    [InlineData("255.255.255.255", "255.255.255.255/32")]
    [InlineData("240.0.0.1", "240.0.0.0/4")]
    [InlineData("255.255.255.254", "240.0.0.0/4")]
    [InlineData("192.0.0.8", "192.0.0.0/24")]
    [InlineData("192.0.2.1", "192.0.2.0/24")]
    [InlineData("198.51.100.1", "198.51.100.0/24")]
    [InlineData("203.0.113.1", "203.0.113.0/24")]
    [InlineData("::", "::/128")]
    [InlineData("fe80::1", "fe80::/10")]
    [InlineData("febf:ffff::1", "fe80::/10")]
    [InlineData("ff02::1", "ff00::/8")]
    [InlineData("ff0e::101", "ff00::/8")]
    [InlineData("100::1", "100::/64")]
    [InlineData("2001:db8::1", "2001:db8::/32")]
    [InlineData("fe00::1", "outside 2000::/3")]
    [InlineData("4000::1", "outside 2000::/3")]
    [InlineData("::ffff:169.254.169.254", "169.254.0.0/16")]
    [InlineData("::ffff:0.0.0.0", "0.0.0.0/32")]
    [InlineData("::ffff:224.0.0.1", "224.0.0.0/4")]
    [InlineData("64:ff9b::169.254.169.254", "169.254.0.0/16")]
    public void Check_AddressThatIsNeverANode_IsRefusedEvenWithPrivateAddressesAllowed(string address, string range)
    {
        var ip = IPAddress.Parse(address);

        var strict = s_strict.Check(ip);
        var development = s_development.Check(ip);

        Assert.False(strict.IsAllowed, $"{address}: {strict.Reason}");
        Assert.False(development.IsAllowed, $"{address}: {development.Reason}");
        Assert.Equal(range, development.Range);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("3fff:ffff::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:0808:0808::1")]
    public void Check_PublicAddress_IsAllowed(string address)
    {
        var ip = IPAddress.Parse(address);

        var strict = s_strict.Check(ip);

        Assert.True(strict.IsAllowed, $"{address}: {strict.Reason}");
        Assert.Null(strict.Range);
        Assert.True(s_development.Check(ip).IsAllowed);
    }

    [Fact]
    public void Check_IPv4MappedLoopback_SaysItIsTheMappedFormOfLoopback()
    {
        var check = s_strict.Check(IPAddress.Parse("::ffff:127.0.0.1"));

        Assert.Equal("IPv4-mapped loopback (127.0.0.0/8)", check.Reason);
    }
}
