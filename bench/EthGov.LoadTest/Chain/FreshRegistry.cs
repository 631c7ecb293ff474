using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;

namespace EthGov.LoadTest.Chain;

/// <summary>
/// A registry deployed for one scenario by dev:0 with the dev departments (CIVIL = dev:1), so every
/// scenario starts from empty storage and none pays for another's state.
/// </summary>
internal static class FreshRegistry
{
    private static readonly DepartmentSeed[] s_departments =
    [
        new("CIVIL", "Civil Registry Office", DevAccounts.Get(1, ChainOptions.DevAccountsChainId).Address),
        new("HEALTH", "Department of Health", DevAccounts.Get(2, ChainOptions.DevAccountsChainId).Address),
        new("TRANSPORT", "Transport Licensing Authority", DevAccounts.Get(3, ChainOptions.DevAccountsChainId).Address),
    ];

    /// <summary>Deploys and returns a client that signs as the CIVIL department (dev:1).</summary>
    public static async Task<RegistryClient> DeployAsync(ChainOptions options, CancellationToken cancellationToken)
    {
        var deployment = (await RegistryDeployer.DeployAsync(options, DevAccounts.Get(0, options.ChainId), s_departments, 2, 60, null, cancellationToken)).Unwrap();
        return new RegistryClient(options, deployment.Registry, DevAccounts.Get(1, options.ChainId));
    }
}
