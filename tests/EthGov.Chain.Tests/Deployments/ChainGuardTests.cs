using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Deployments;

public class ChainGuardTests(DevChain chain) : IClassFixture<DevChain>
{
    [Fact]
    public async Task DescribeMismatchAsync_TheDeployedChain_FindsNothingWrong()
    {
        Assert.Null(await ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(chain.Options), chain.Deployment));
    }

    [Fact]
    public async Task DescribeMismatchAsync_AnotherGenesis_ReportsAReset()
    {
        var other = chain.Deployment with { GenesisHash = "0x" + new string('1', 64) };

        var mismatch = await ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(chain.Options), other);

        Assert.Contains("reset", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeMismatchAsync_NoCodeAtTheAddress_SaysSo()
    {
        var other = chain.Deployment with { Registry = "0x000000000000000000000000000000000000dEaD" };

        var mismatch = await ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(chain.Options), other);

        Assert.Contains("no contract code", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAndLoad_RoundTripsTheDeployment()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ethgov-{Guid.NewGuid():N}", "31337.json");

        await DeploymentFile.SaveAsync(chain.Deployment, path);
        var loaded = await DeploymentFile.LoadAsync(path);

        Assert.Equal(chain.Deployment.Registry, loaded.Registry);
        Assert.Equal(chain.Deployment.Departments, loaded.Departments);
    }
}
