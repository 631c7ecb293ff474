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
    uint Threshold);

/// <summary>An initial department as deployed.</summary>
public sealed record DeployedDepartment(uint Id, string Code, string Name, string Signer);
