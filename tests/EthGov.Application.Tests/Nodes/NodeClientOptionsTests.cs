using EthGov.Application.Nodes;
using Microsoft.Extensions.Configuration;

namespace EthGov.Application.Tests.Nodes;

public class NodeClientOptionsTests
{
    [Fact]
    public void Bind_EthGovNodesSection_SetsEveryLimit()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EthGov:Nodes:TimeoutSeconds"] = "1.5",
            ["EthGov:Nodes:MaxResponseBytes"] = "4096",
            ["EthGov:Nodes:AllowPrivateAddresses"] = "true",
        }).Build();

        var options = configuration.GetSection(NodeClientOptions.SectionName).Get<NodeClientOptions>()!;

        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Timeout);
        Assert.Equal(4096, options.MaxResponseBytes);
        Assert.True(options.AllowPrivateAddresses);
        Assert.Null(options.Validate());
    }

    [Fact]
    public void Defaults_AreThreeSeconds64KBAndNoPrivateAddresses()
    {
        var options = new NodeClientOptions();

        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(65_536, options.MaxResponseBytes);
        Assert.False(options.AllowPrivateAddresses);
    }

    [Theory]
    [InlineData("0", "TimeoutSeconds")]
    [InlineData("-1", "TimeoutSeconds")]
    [InlineData("61", "TimeoutSeconds")]
    [InlineData("NaN", "TimeoutSeconds")]
    [InlineData("1e400", "TimeoutSeconds")]
    public void Validate_TimeoutOutOfRange_NamesTheKey(string seconds, string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EthGov:Nodes:TimeoutSeconds"] = seconds,
        }).Build();
        var options = configuration.GetSection(NodeClientOptions.SectionName).Get<NodeClientOptions>()!;

        var problem = options.Validate();

        Assert.StartsWith($"EthGov:Nodes:{key}:", problem, StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentException>(() => new NodeClient(options));
        Assert.StartsWith($"EthGov:Nodes:{key}:", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(NodeClientOptions.MaxResponseBytesLimit + 1)]
    public void Validate_MaxResponseBytesOutOfRange_NamesTheKey(int bytes)
    {
        var options = new NodeClientOptions { MaxResponseBytes = bytes };

        Assert.StartsWith("EthGov:Nodes:MaxResponseBytes:", options.Validate(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new NodeClient(options));
    }
}
