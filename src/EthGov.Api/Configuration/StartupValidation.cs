using EthGov.Chain.Deployments;
using EthGov.Chain.Rpc;
using EthGov.Chain.Transactions;

namespace EthGov.Api.Configuration;

/// <summary>
/// Refuses to start with a configuration that cannot work: an unreachable RPC URL, another chain id,
/// or no registry code at the deployment's address. Each case stops the API with one clear line.
/// </summary>
public static class StartupValidation
{
    /// <summary>
    /// Refuses a missing <see cref="EthGovOptions.PublicBaseUrl"/> outside Development, and one that is not an absolute
    /// http(s) URL anywhere: without it the URL printed on a certificate's QR code would come from the request's Host
    /// header, which whoever sends the request chooses.
    /// </summary>
    public static void RequirePublicBaseUrl(EthGovOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (options.PublicBaseUrl is not { } url)
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"EthGov:PublicBaseUrl is not set; outside Development set it to the public URL of the verification page (for example https://verify.example.gov/), which QR codes print ({environment.EnvironmentName} environment)");
            }

            return;
        }

        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"EthGov:PublicBaseUrl must be an absolute http or https URL without user, query or fragment, not \"{url.OriginalString}\"");
        }
    }

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
            mismatch = await ChainGuard.DescribeMismatchAsync(chain, deployment);
        }
        catch (Exception ex) when (RpcFailure.IsUnreachable(ex))
        {
            throw new InvalidOperationException($"the JSON-RPC endpoint {RpcEndpoint.Describe(chain.RpcUrl)} is unreachable: {ex.GetBaseException().Message}", ex);
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
