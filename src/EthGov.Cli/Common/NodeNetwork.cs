using EthGov.Application.Nodes;
using EthGov.Application.Verification;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;

namespace EthGov.Cli.Common;

/// <summary>
/// The CLI's view of the departments' nodes: found on chain only, asked for batch proofs the chain then checks, on
/// public addresses unless <c>--allow-private-nodes</c>.
/// </summary>
public static class NodeNetwork
{
    /// <summary>A verifier that asks issuer nodes when the chain alone does not find a digest.</summary>
    public static NetworkVerifier VerifierFor(CliContext context, RegistryClient client, Deployment deployment)
        => new(ProofsFor(context, client, deployment), new ProofCache());

    /// <summary>A verifier that asks issuer nodes, for the registry <paramref name="registry"/> on chain <paramref name="chainId"/>.</summary>
    public static NetworkVerifier VerifierFor(CliContext context, RegistryClient client, ulong chainId, string registry)
        => new(
            new IssuerProofs(
                new NodeDirectory(client.Departments),
                new NodeClient(new NodeClientOptions { AllowPrivateAddresses = context.AllowPrivateNodes }),
                chainId,
                registry),
            new ProofCache());

    /// <summary>Asks the departments' nodes for batch proofs.</summary>
    public static IssuerProofs ProofsFor(CliContext context, RegistryClient client, Deployment deployment)
        => new(
            new NodeDirectory(client.Departments),
            new NodeClient(new NodeClientOptions { AllowPrivateAddresses = context.AllowPrivateNodes }),
            deployment.ChainId,
            deployment.Registry);
}
