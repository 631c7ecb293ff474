using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Chain.Receipts;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Application.Verification;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;
using EthGov.Testing;
using Nethereum.Signer;
using Nethereum.Web3.Accounts;

namespace EthGov.Chain.Tests.Networks;

/// <summary>
/// EthGov on a network configured like the Besu deployment (deploy/besu): another client (anvil), chain
/// id 2026, free gas, timed blocks. The keys hold no ether at all.
/// </summary>
public class ZeroGasNetworkTests : IAsyncLifetime
{
    private const ulong ChainId = 2026;
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await AnvilNode.StartZeroGasAsync(ChainId, blockSeconds: 1);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static Account NewPennilessAccount() => new(EthECKey.GenerateKey().GetPrivateKeyAsBytes(), (long)ChainId);

    [Fact]
    public async Task DeployAnchorAndVerify_WithZeroGasPriceAndTimedBlocks_WorkWithKeysThatHoldNoEther()
    {
        var options = new ChainOptions { RpcUrl = _node.RpcUrl, ChainId = ChainId, GasPriceWei = 0, Confirmations = 2 };
        var department = NewPennilessAccount();
        var deployment = (await RegistryDeployer.DeployAsync(options, NewPennilessAccount(), [new DepartmentSeed("CIVIL", "Civil Registry Office", department.Address)], 1, 60)).Unwrap();
        var client = new RegistryClient(options, deployment.Registry, department);
        var digests = Enumerable.Range(0, 100).Select(_ => new Digest(RandomNumberGenerator.GetBytes(32))).ToList();
        var tree = MerkleTree.Build(digests);

        var outcome = (await client.Documents.AnchorBatchAsync(tree.Root, tree.Count)).Unwrap();
        var latest = (await _node.CallAsync("eth_blockNumber")).GetString()!;
        var tx = await _node.CallAsync("eth_getTransactionByHash", outcome.TransactionHash);
        var report = (await ChainVerifier.VerifyAsync(client.Documents, new VerificationQuery(digests[42])
        {
            Receipt = ReceiptFactory.ForBatchMember(tree, 42, new ReceiptIssuer(1, "CIVIL", "Civil Registry Office"), ChainId, deployment.Registry, outcome, null),
        })).Unwrap();

        Assert.Equal("0x0", tx.GetProperty("gasPrice").GetString());
        Assert.True(Convert.ToUInt64(latest, 16) >= outcome.BlockNumber + 1, "the sender waited for the second confirmation");
        Assert.Equal(VerdictOutcome.Valid, report.Verdict.Outcome);
        Assert.Equal(ChainId, deployment.ChainId);
    }

    [Fact]
    public async Task Deploy_WithTheWrongChainIdConfigured_IsRefusedBeforeSending()
    {
        var options = new ChainOptions { RpcUrl = _node.RpcUrl, ChainId = 31337, GasPriceWei = 0 };

        var result = await RegistryDeployer.DeployAsync(options, NewPennilessAccount(), [new DepartmentSeed("CIVIL", "Civil", NewPennilessAccount().Address)], 1, 60);

        Assert.False(result.IsSuccess);
        Assert.Equal("WrongChain", result.Error.Name);
    }

    [Fact]
    public void BesuConfiguration_AgreesOnChainIdFreeGasAndSizeLimit()
    {
        using var genesis = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("deploy", "besu", "genesis.template.json")));
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("deploy", "besu", "appsettings.Besu.json")));
        var config = genesis.RootElement.GetProperty("config");
        var chain = settings.RootElement.GetProperty("Chain");
        var toml = File.ReadAllText(RepositoryPaths.Combine("deploy", "besu", "node.toml"));

        Assert.Equal(config.GetProperty("chainId").GetUInt64(), chain.GetProperty("ChainId").GetUInt64());
        Assert.Equal(ChainId, chain.GetProperty("ChainId").GetUInt64());
        Assert.True(config.GetProperty("zeroBaseFee").GetBoolean());
        Assert.Equal(0, chain.GetProperty("GasPriceWei").GetInt64());
        Assert.Contains("min-gas-price=0", toml, StringComparison.Ordinal);
        Assert.Equal(24576, config.GetProperty("contractSizeLimit").GetInt32());
        var deployedBytes = (EthGov.Chain.Abi.RegistryArtifact.Embedded.DeployedBytecode.Length - 2) / 2;
        Assert.True(deployedBytes < 24576, $"the registry is {deployedBytes} bytes deployed");
    }
}
