using System.Security.Cryptography;
using EthGov.Chain.Abi;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Registry;

/// <summary>
/// The node directory through the chain adapter, on a real Hardhat node: entries published at deployment, a change under
/// the signer-change rule, the quorum's clearing, and the registry's refusals decoded.
/// </summary>
public sealed class NodeDirectoryTests : IAsyncLifetime
{
    private const ulong Delay = 60;
    private static readonly byte[] s_civilSigning = PublicKey();
    private static readonly byte[] s_civilEncryption = PublicKey();

    private HardhatNode _node = null!;
    private Deployment _deployment = null!;

    private ChainOptions Options => new() { RpcUrl = _node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };

    public async Task InitializeAsync()
    {
        _node = await HardhatNode.StartAsync();
        // CIVIL publishes its node at deployment; HEALTH and TRANSPORT have none.
        DepartmentSeed[] seeds =
        [
            DevChain.Departments[0] with { Node = new NodeSeed("http://127.0.0.1:5080", s_civilSigning, s_civilEncryption) },
            DevChain.Departments[1],
            DevChain.Departments[2],
        ];
        _deployment = (await RegistryDeployer.DeployAsync(Options, DevAccounts.Get(0, 31337), seeds, 2, Delay)).Unwrap();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task GetNodeAsync_AnEntryPublishedAtDeployment_ReadsItsUrlKeysAndTime()
    {
        var node = (await Client().Departments.GetNodeAsync(1)).Unwrap();

        Assert.NotNull(node);
        Assert.Equal((1u, "http://127.0.0.1:5080"), (node.DepartmentId, node.Url));
        Assert.Equal(s_civilSigning, node.SigningKey);
        Assert.Equal(s_civilEncryption, node.EncryptionKey);
        Assert.Equal(await BlockTimeAsync(_deployment.Block), node.UpdatedAt);
    }

    [Fact]
    public async Task GetNodeAsync_ADepartmentWithoutEntry_IsNull_AndAnUnknownOneFails()
    {
        var none = (await Client().Departments.GetNodeAsync(2)).Unwrap();
        var unknown = await Client().Departments.GetNodeAsync(9);

        Assert.Null(none);
        Assert.False(unknown.IsSuccess);
        Assert.Equal(("UnknownDepartment", ChainErrorKind.Reverted), (unknown.Error.Name, unknown.Error.Kind));
    }

    [Fact]
    public async Task RequestSetNodeAsync_AppliedAfterTheDelay_ChangesTheEntryRead()
    {
        var transport = Client(3);
        var (signing, encryption) = (PublicKey(), PublicKey());

        var (_, changeId) = (await transport.Departments.RequestSetNodeAsync("https://transport.example", signing, encryption)).Unwrap();
        var change = (await transport.SignerChanges.GetAsync(changeId)).Unwrap();
        var early = await transport.Departments.ApplySignerChangeAsync(changeId);
        await _node.CallAsync("evm_increaseTime", Delay);
        await _node.CallAsync("evm_mine");
        var applied = (await transport.Departments.ApplySignerChangeAsync(changeId)).Unwrap();
        var node = (await Client().Departments.GetNodeAsync(3)).Unwrap();

        Assert.Equal((SignerChangeKind.SetNode, "https://transport.example", (string?)null), (change.Kind, change.NodeUrl, change.Signer));
        Assert.False(early.IsSuccess);
        Assert.Equal("SignerChangeTooEarly", early.Error.Name);
        Assert.NotNull(node);
        Assert.Equal(("https://transport.example", await BlockTimeAsync(applied.BlockNumber)), (node.Url, node.UpdatedAt));
        Assert.Equal(signing, node.SigningKey);
        Assert.Equal(encryption, node.EncryptionKey);
    }

    [Fact]
    public async Task RequestSetNodeAsync_ABadUrlOrKey_FailsWithTheRegistrysDecodedError()
    {
        var health = Client(2);

        var url = await health.Departments.RequestSetNodeAsync("ftp://health.example", PublicKey(), PublicKey());
        var key = await health.Departments.RequestSetNodeAsync("https://health.example", [0x04, .. PublicKey()], PublicKey());

        Assert.False(url.IsSuccess);
        Assert.False(key.IsSuccess);
        Assert.Equal(("InvalidNodeUrl", "ftp://health.example"), (url.Error.Name, url.Error.Arguments["url"]?.ToString()));
        Assert.Equal(("InvalidNodeKey", "65"), (key.Error.Name, key.Error.Arguments["length"]?.ToString()));
    }

    [Fact]
    public async Task ProposeClearNodeAsync_ApprovedByAQuorum_LeavesNoEntry()
    {
        var proposalId = (await Client(2).Departments.ProposeClearNodeAsync(1)).Unwrap();
        var proposal = (await Client().Departments.ProposalAsync(proposalId)).Unwrap();
        (await Client(3).Departments.ApproveAsync(proposalId)).Unwrap();

        Assert.Equal((ProposalKind.ClearNode, 1u), (proposal.Kind, proposal.TargetDepartment));
        Assert.Null((await Client().Departments.GetNodeAsync(1)).Unwrap());
    }

    private RegistryClient Client(int? devAccount = null)
        => new(Options, _deployment.Registry, devAccount is { } n ? DevAccounts.Get(n, 31337) : null);

    private async Task<ulong> BlockTimeAsync(ulong block)
    {
        var header = await _node.CallAsync("eth_getBlockByNumber", "0x" + block.ToString("x", System.Globalization.CultureInfo.InvariantCulture), false);
        return Convert.ToUInt64(header.GetProperty("timestamp").GetString(), 16);
    }

    // A P-256 public key as a node publishes it: x || y.
    private static byte[] PublicKey()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return [.. point.X!, .. point.Y!];
    }
}
