using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Signers;

/// <summary>
/// The key each department signs its transactions with, from <c>EthGov:Signers:&lt;CODE&gt;</c>: a keystore
/// path (password in <c>ETHGOV_KEY_PASSWORD</c>) or <c>dev:N</c>, which only chain 31337 accepts. Plain keys are
/// never read from configuration. One client per department, shared by every writer, so its nonces stay in order;
/// all of them confirm through the one <see cref="TransactionConfirmation"/> that the API's reads are bound by.
/// </summary>
public sealed class DepartmentSigners
{
    private readonly Dictionary<string, RegistryClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Loads every configured key; a key that cannot be loaded stops the start with its reason.</summary>
    public DepartmentSigners(IConfiguration configuration, IOptions<ChainOptions> chain, Deployment deployment, TransactionConfirmation confirmation, ILogger<TransactionSender> logger)
    {
        foreach (var entry in configuration.GetSection("EthGov:Signers").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value))
            {
                continue;
            }

            if (entry.Value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"EthGov:Signers:{entry.Key} looks like a plain private key; give a keystore path (or dev:N on chain 31337)");
            }

            var account = KeyLoader.Load(entry.Value, chain.Value.ChainId);
            _clients[entry.Key] = new RegistryClient(chain.Value, deployment.Registry, account, logger: logger, confirmation: confirmation);
        }
    }

    /// <summary>The client that signs for <paramref name="departmentCode"/>, or null when none is configured.</summary>
    public RegistryClient? For(string departmentCode) => _clients.GetValueOrDefault(departmentCode);
}
