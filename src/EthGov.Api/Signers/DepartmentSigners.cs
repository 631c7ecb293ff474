using EthGov.Api.Replicas;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Signers;

/// <summary>
/// The client each department signs its transactions with, one per key of <see cref="SignerKeys"/>, shared by every
/// writer so its nonces stay in order; all of them confirm through the one <see cref="TransactionConfirmation"/> that the
/// API's reads are bound by. Of the replicas of a node, each sends only while it holds the lease, through the fence of
/// <see cref="ReplicaLeadership"/> (none with SQLite).
/// </summary>
public sealed class DepartmentSigners
{
    private readonly Dictionary<string, RegistryClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a client for every key in <paramref name="keys"/>.</summary>
    public DepartmentSigners(SignerKeys keys, IOptions<ChainOptions> chain, Deployment deployment, TransactionConfirmation confirmation, ReplicaLeadership leadership, ILogger<TransactionSender> logger)
    {
        foreach (var (code, account) in keys.Accounts)
        {
            _clients[code] = new RegistryClient(chain.Value, deployment.Registry, account, logger: logger, confirmation: confirmation, fence: leadership.Fence);
        }
    }

    /// <summary>The configured department codes.</summary>
    public IEnumerable<string> Codes => _clients.Keys;

    /// <summary>The client that signs for <paramref name="departmentCode"/>, or null when none is configured.</summary>
    public RegistryClient? For(string departmentCode) => _clients.GetValueOrDefault(departmentCode);
}
