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
    public async Task DescribeMismatchAsync_ARegistry1x_SaysToMigrate()
    {
        var v1 = await RegistryV1.DeployAsync(chain.Options, EthGov.Chain.Keys.DevAccounts.Get(0, 31337), DevChain.Departments, 2);

        var mismatch = await ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(chain.Options), v1);

        Assert.Contains("version 1.1.0", mismatch, StringComparison.Ordinal);
        Assert.Contains("--migrate-from", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeMismatchAsync_AContractThatIsNoRegistry_SaysSo()
    {
        // A contract that answers no version(): the registry's own extension.
        var other = chain.Deployment with { Registry = await ExtensionAddressAsync() };

        var mismatch = await ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(chain.Options), other);

        Assert.Contains("not an EthGov registry", mismatch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("block", "deployed in block")]
    [InlineData("delay", "signer-change delay")]
    [InlineData("legacy", "takes over from registry 1.x")]
    public async Task DescribeMismatchAsync_SettingsThatDifferFromTheRegistrysImmutables_AreNamed(string setting, string expected)
    {
        var other = setting switch
        {
            "block" => chain.Deployment with { Block = chain.Deployment.Block + 1 },
            "delay" => chain.Deployment with { SignerChangeDelay = chain.Deployment.SignerChangeDelay + 1 },
            _ => chain.Deployment with { Legacy = new LegacyRegistry(chain.Deployment.Registry, chain.Deployment.Block) },
        };

        var mismatch = await ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(chain.Options), other);

        Assert.Contains(expected, mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeMismatchAsync_AFileNamingAnotherPasskeyExtension_SaysWhichTheRegistryRuns()
    {
        var other = chain.Deployment with { PasskeyExtension = await ExtensionAddressAsync() };

        var mismatch = await ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(chain.Options), other);

        Assert.Contains($"runs its passkey functions in {chain.Deployment.PasskeyExtension}", mismatch, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DescribeMismatchAsync_AFileWithoutPasskeyExtension_AsksForARedeploy()
    {
        var other = chain.Deployment with { PasskeyExtension = null };

        var mismatch = await ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(chain.Options), other);

        Assert.Contains("names no passkey extension", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeMismatchAsync_OtherCodeAtThePasskeyExtension_IsRefused()
    {
        // A deployment of its own on the same node, so that the class's deployment keeps its code.
        var own = (await RegistryDeployer.DeployAsync(chain.Options, EthGov.Chain.Keys.DevAccounts.Get(0, 31337), DevChain.Departments, 2, DevChain.SignerChangeDelay)).Unwrap();
        var web3 = ChainConnection.CreateWeb3(chain.Options);
        Assert.Null(await ChainGuard.DescribeMismatchAsync(web3, own));

        // Code that would run with the registry's storage on every passkey call: here, one that returns at once.
        await chain.Node.CallAsync("hardhat_setCode", own.PasskeyExtension!, "0x00");
        var mismatch = await ChainGuard.DescribeMismatchAsync(web3, own);

        Assert.Contains("is not the compiled EthGovPasskeyExtension", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAndLoad_RoundTripsTheDeployment()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ethgov-{Guid.NewGuid():N}", "31337.json");

        await DeploymentFile.SaveAsync(chain.Deployment, path);
        var loaded = await DeploymentFile.LoadAsync(path);

        Assert.Equal(chain.Deployment.Registry, loaded.Registry);
        Assert.Equal(chain.Deployment.Departments, loaded.Departments);
        Assert.Equal(DevChain.SignerChangeDelay, loaded.SignerChangeDelay);
        Assert.Null(loaded.Legacy);
        Assert.NotNull(loaded.PasskeyExtension);
        Assert.Equal(chain.Deployment.PasskeyExtension, loaded.PasskeyExtension);
    }

    [Fact]
    public async Task SaveAndLoad_KeepsTheLegacyRegistryAndReadsA1xFileWithoutOne()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ethgov-{Guid.NewGuid():N}");
        var migrated = chain.Deployment with { Legacy = new LegacyRegistry("0x000000000000000000000000000000000000dEaD", 42) };
        await DeploymentFile.SaveAsync(migrated, Path.Combine(folder, "2.json"));
        await File.WriteAllTextAsync(Path.Combine(folder, "1.json"), """
            {"chainId": 31337, "registry": "0x5FbDB2315678afecb367f032d93F642f64180aa3", "block": 1,
             "genesisHash": "0x01", "abiHash": "0x02", "deployedAt": "2026-01-01T00:00:00+00:00", "departments": [], "threshold": 1}
            """);

        var loaded = await DeploymentFile.LoadAsync(Path.Combine(folder, "2.json"));
        var old = await DeploymentFile.LoadAsync(Path.Combine(folder, "1.json"));

        Assert.Equal(migrated.Legacy, loaded.Legacy);
        Assert.Null(old.Legacy);
        Assert.Equal(0UL, old.SignerChangeDelay);
    }

    private async Task<string> ExtensionAddressAsync()
    {
        // The registry's constructor creates its extension, the registry's first CREATE (a contract's nonce starts at 1).
        var nonce = (await chain.Node.CallAsync("eth_getTransactionCount", chain.Deployment.Registry, "latest")).GetString();
        Assert.Equal("0x2", nonce);
        return Nethereum.Util.ContractUtils.CalculateContractAddress(chain.Deployment.Registry, 1);
    }
}
