namespace EthGov.Chain.Deployments;

/// <summary>
/// Where EthGov lives on one chain, as written to <c>deployments/&lt;chainId&gt;.json</c>. The genesis hash
/// tells a restarted (wiped) dev chain apart from the one the deployment was made on.
/// </summary>
public sealed record Deployment(
    ulong ChainId,
    string Registry,
    ulong Block,
    string GenesisHash,
    string AbiHash,
    DateTimeOffset DeployedAt,
    IReadOnlyList<DeployedDepartment> Departments,
    uint Threshold)
{
    /// <summary>
    /// Seconds between a signer change's request and its earliest apply, as the registry holds it (immutable).
    /// Absent (0) in the files of registry 1.x.
    /// </summary>
    public ulong SignerChangeDelay { get; init; }

    /// <summary>The registry 1.x whose documents keep verifying through this one, or null for a deployment without one.</summary>
    public LegacyRegistry? Legacy { get; init; }

    /// <summary>
    /// The EthGovPasskeyExtension the registry runs its passkey functions in (registry 2.3.0 and later), or null in the
    /// files of earlier registries.
    /// </summary>
    public string? PasskeyExtension { get; init; }
}

/// <summary>An initial department as deployed.</summary>
public sealed record DeployedDepartment(uint Id, string Code, string Name, string Signer);

/// <summary>
/// The registry 1.x a deployment took over from: its documents anchored before <see cref="CutoverBlock"/> keep
/// verifying (read at <c>CutoverBlock - 1</c>, so nothing done in 1.x afterwards counts) and stay revocable through
/// the new registry's <c>revokeLegacy</c>.
/// </summary>
/// <param name="Registry">The 1.x registry's address.</param>
/// <param name="CutoverBlock">The new registry's deployment block.</param>
public sealed record LegacyRegistry(string Registry, ulong CutoverBlock);
