using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// A node is what its department publishes on chain, or it does not start: the URL other nodes and QR codes reach and
/// the keys other nodes trust must be this node's. Each case starts a would-be HEALTH node with HEALTH's officer key (so
/// a wrong start could not disturb the running HEALTH node's nonces) and one setting wrong.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class NodeIdentityTests(NodeCluster cluster)
{
    private const string Department = "HEALTH";

    [Fact]
    public async Task Start_WithAPublicBaseUrlTheDepartmentDoesNotPublish_RefusesWithOneLine()
    {
        var settings = HealthNode(publicBaseUrl: "https://health.example.org/", nodeKey: cluster[Department].NodeKey);

        var (exitCode, output) = await ApiProcess.RunRefusedAsync(settings);

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("EthGov:PublicBaseUrl", StringComparison.Ordinal));
        Assert.Contains($"HEALTH publishes {cluster[Department].PublicUrl}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithANodeKeyOtherThanThePublishedOne_RefusesWithOneLine()
    {
        var settings = HealthNode(publicBaseUrl: cluster[Department].PublicUrl, nodeKey: "dev:8");

        var (exitCode, output) = await ApiProcess.RunRefusedAsync(settings);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("EthGov:NodeKey holds other keys than the ones HEALTH publishes", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AsThePublishedNode_Starts()
    {
        var settings = HealthNode(publicBaseUrl: cluster[Department].PublicUrl + "/", nodeKey: cluster[Department].NodeKey);

        await using var node = await ApiProcess.StartAsync(settings);

        Assert.True(node.IsRunning);
    }

    private ApiSettings HealthNode(string publicBaseUrl, string nodeKey)
    {
        var settings = new ApiSettings(cluster.Chain.RpcUrl, cluster.DeploymentFile);
        settings.Signers[Department] = $"dev:{NodeCluster.OfficerAccountOf(Department)}";
        settings.Settings["EthGov:PublicBaseUrl"] = publicBaseUrl;
        settings.Settings["EthGov:NodeKey"] = nodeKey;
        settings.Settings["EthGov:Nodes:AllowPrivateAddresses"] = "true";
        return settings;
    }
}
