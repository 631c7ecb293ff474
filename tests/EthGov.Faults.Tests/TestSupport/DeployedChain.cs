using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Transactions;
using EthGov.Testing;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>
/// A chain node (Hardhat, or anvil with timed blocks) with the registry deployed for <see cref="DevChain.Departments"/>
/// (threshold 2) and the deployment written to a file, as <c>ethgov deploy</c> leaves it for the API.
/// </summary>
public sealed class DeployedChain : IAsyncDisposable
{
    private DeployedChain(IChainNode node, Deployment deployment, string deploymentFile)
    {
        Node = node;
        Deployment = deployment;
        DeploymentFile = deploymentFile;
    }

    /// <summary>The node.</summary>
    public IChainNode Node { get; }

    /// <summary>The registry's deployment.</summary>
    public Deployment Deployment { get; }

    /// <summary>The deployment file.</summary>
    public string DeploymentFile { get; }

    /// <summary>The node's JSON-RPC URL.</summary>
    public Uri RpcUrl => Node.RpcUrl;

    /// <summary>Starts a node of <paramref name="client"/> (on <paramref name="port"/> when given) and deploys the registry there.</summary>
    public static async Task<DeployedChain> StartAsync(ChainClient client = ChainClient.Hardhat, int? port = null)
        => await OnAsync(await ChainNodes.StartAsync(client, port));

    /// <summary>Deploys the registry on <paramref name="node"/>, which the result disposes.</summary>
    public static async Task<DeployedChain> OnAsync(IChainNode node)
    {
        try
        {
            var options = new ChainOptions { RpcUrl = node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };
            var deployment = (await RegistryDeployer.DeployAsync(options, DevAccounts.Get(0, 31337), DevChain.Departments, 2, DevChain.SignerChangeDelay)).Unwrap();
            var file = Path.Combine(Directory.CreateTempSubdirectory("ethgov-faults-deployment-").FullName, "31337.json");
            await EthGov.Chain.Deployments.DeploymentFile.SaveAsync(deployment, file);
            return new DeployedChain(node, deployment, file);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
