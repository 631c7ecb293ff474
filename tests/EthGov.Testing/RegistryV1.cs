using EthGov.Chain.Abi;
using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3.Accounts;

namespace EthGov.Testing;

/// <summary>
/// A real registry 1.1.0, deployed from the build artifact kept in <c>test/fixtures/EthGovRegistry-1.1.0.json</c>, as the
/// last 1.x <c>ethgov deploy</c> did: the deployment record it returns is the file that version wrote (no signer-change
/// delay, no legacy registry). Its anchor and revoke functions have the same signatures as registry 2.0's, so a
/// <see cref="Chain.Registry.RegistryClient"/> pointed at it anchors there as the 1.x API and CLI did.
/// </summary>
public static class RegistryV1
{
    private static readonly Lazy<RegistryArtifact> s_artifact = new(() => RegistryArtifact.Parse(File.ReadAllText(ArtifactPath)));

    /// <summary>The fixture artifact's path.</summary>
    public static string ArtifactPath => RepositoryPaths.Combine("test", "fixtures", "EthGovRegistry-1.1.0.json");

    /// <summary>The 1.1.0 artifact (ABI and bytecode).</summary>
    public static RegistryArtifact Artifact => s_artifact.Value;

    /// <summary>Deploys registry 1.1.0 with <paramref name="departments"/> and <paramref name="threshold"/>.</summary>
    public static async Task<Deployment> DeployAsync(ChainOptions options, Account deployer, IReadOnlyList<DepartmentSeed> departments, uint threshold)
    {
        var web3 = ChainConnection.CreateWeb3(options, deployer);
        var receipt = await web3.Eth.GetContractDeploymentHandler<V1Deployment>().SendRequestAndWaitForReceiptAsync(new V1Deployment
        {
            Codes = [.. departments.Select(d => d.Code)],
            Names = [.. departments.Select(d => d.Name)],
            Signers = [.. departments.Select(d => d.Signer)],
            Threshold = threshold,
        });
        if (receipt.Status?.Value == 0 || string.IsNullOrEmpty(receipt.ContractAddress))
        {
            throw new InvalidOperationException("the registry 1.1.0 deployment reverted");
        }

        var genesis = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(0));
        return new Deployment(
            options.ChainId, receipt.ContractAddress, (ulong)receipt.BlockNumber.Value, genesis.BlockHash, Artifact.AbiHash, DateTimeOffset.UtcNow,
            [.. departments.Select((d, i) => new DeployedDepartment((uint)(i + 1), d.Code, d.Name, d.Signer))], threshold);
    }

    private sealed class V1Deployment() : ContractDeploymentMessage(Artifact.Bytecode)
    {
        [Parameter("string[]", "codes", 1)] public List<string> Codes { get; set; } = [];
        [Parameter("string[]", "names", 2)] public List<string> Names { get; set; } = [];
        [Parameter("address[]", "signers", 3)] public List<string> Signers { get; set; } = [];
        [Parameter("uint32", "initialThreshold", 4)] public uint Threshold { get; set; }
    }
}
