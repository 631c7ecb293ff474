using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;

namespace EthGov.Api.Configuration;

/// <summary>
/// Refuses to start with a configuration that cannot work: an unreachable RPC URL, another chain id,
/// or no registry code at the deployment's address. Each case stops the API with one clear line.
/// </summary>
public static class StartupValidation
{
    /// <summary>Loads the deployment and checks it against the node; throws <see cref="InvalidOperationException"/> with the reason.</summary>
    public static async Task<Deployment> ValidateAsync(ChainOptions chain, EthGovOptions options, CancellationToken cancellationToken = default)
    {
        Deployment deployment;
        try
        {
            deployment = await DeploymentFile.LoadAsync(options.DeploymentFile, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }

        if (deployment.ChainId != chain.ChainId)
        {
            throw new InvalidOperationException($"the deployment file is for chain {deployment.ChainId}, Chain:ChainId is {chain.ChainId}");
        }

        string? mismatch;
        try
        {
            mismatch = await ChainGuard.DescribeMismatchAsync(ChainConnection.CreateWeb3(chain), deployment);
        }
        catch (Exception ex) when (ex is HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException or Nethereum.JsonRpc.Client.RpcClientTimeoutException)
        {
            throw new InvalidOperationException($"the JSON-RPC endpoint {chain.RpcUrl} is unreachable: {ex.GetBaseException().Message}", ex);
        }

        return mismatch is null ? deployment : throw new InvalidOperationException(mismatch);
    }

    /// <summary>
    /// For a deployment that took over from a registry 1.x: its department ids mapped to the new registry's (by code),
    /// which a data directory bound to the 1.x registry is migrated with; null without a 1.x registry.
    /// </summary>
    public static async Task<IReadOnlyDictionary<uint, uint>?> LegacyDepartmentIdsAsync(ChainOptions chain, Deployment deployment)
    {
        if (deployment.Legacy is null)
        {
            return null;
        }

        var ids = await new EthGov.Chain.Registry.RegistryClient(chain, deployment.Registry, null, deployment.Legacy).Documents.Legacy!.DepartmentIdsAsync();
        return ids.IsSuccess ? ids.Value : throw new InvalidOperationException($"the departments of registry 1.x {deployment.Legacy.Registry} cannot be read: {ids.Error}");
    }
}
