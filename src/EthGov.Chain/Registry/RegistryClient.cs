using EthGov.Chain.Abi;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Logging;

namespace EthGov.Chain.Registry;

/// <summary>
/// EthGov's registry on one chain: documents, departments and grants. Give it a signer to write;
/// without one it only reads. Failures come back as decoded <see cref="Abi.ChainResult{T}"/>s.
/// </summary>
public sealed class RegistryClient
{
    /// <summary>
    /// Connects to the registry at <paramref name="registryAddress"/>; with <paramref name="legacy"/>, also to the documents of
    /// the registry 1.x it took over from (<see cref="DocumentOperations.Legacy"/>). The signer's nonce repairs are logged to
    /// <paramref name="logger"/>. Clients that share <paramref name="confirmation"/> read no older block than the last
    /// one any of them confirmed a transaction in; without one the client confirms through its own. With
    /// <paramref name="fence"/>, the signer sends only while the fence lets it (replicas of a node).
    /// </summary>
    public RegistryClient(
        ChainOptions options, string registryAddress, EthGov.Chain.Keys.SignerKey? signer = null, Deployments.LegacyRegistry? legacy = null, ILogger? logger = null,
        TransactionConfirmation? confirmation = null, INonceFence? fence = null)
    {
        Context = new RegistryContext(options, registryAddress, signer, logger, confirmation, fence);
        Documents = new DocumentOperations(Context, legacy is null ? null : new Legacy.LegacyDocuments(Context, legacy));
        Departments = new DepartmentOperations(Context);
        Grants = new GrantOperations(Context);
        SignerChanges = new SignerChangeOperations(Context);
        Keys = new KeyOperations(Context);
        Governance = new GovernanceReads(Context);
    }

    /// <summary>Connection details shared by the operation groups.</summary>
    public RegistryContext Context { get; }

    /// <summary>Anchoring, revocation, supersession and document status.</summary>
    public DocumentOperations Documents { get; }

    /// <summary>Departments, keys and governance.</summary>
    public DepartmentOperations Departments { get; }

    /// <summary>Access grants and the access log.</summary>
    public GrantOperations Grants { get; }

    /// <summary>The departments' time-locked changes to their own keys, as requested.</summary>
    public SignerChangeOperations SignerChanges { get; }

    /// <summary>Every key a department ever held, by key id.</summary>
    public KeyOperations Keys { get; }

    /// <summary>The quorum and where each proposal stands against it.</summary>
    public GovernanceReads Governance { get; }

    /// <summary>
    /// The latest block's time: the chain's "now", against which the registry checks a signature's deadline. It runs
    /// ahead of the wall clock on a development chain that mines several blocks a second (each a second after the last).
    /// </summary>
    public async Task<ChainResult<DateTimeOffset>> HeadTimeAsync()
    {
        var latest = await Context.LatestBlockAsync();
        return latest.IsSuccess ? ChainResult<DateTimeOffset>.Ok(latest.Value.Time) : ChainResult<DateTimeOffset>.Fail(latest.Error);
    }
}
