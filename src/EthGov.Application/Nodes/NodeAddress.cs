namespace EthGov.Application.Nodes;

/// <summary>Where a department's node answers, as the department published it on chain (untrusted: see <see cref="NodeClient"/>).</summary>
/// <param name="DepartmentId">The department.</param>
/// <param name="Code">The department's code.</param>
/// <param name="Url">The node's public base URL.</param>
public sealed record NodeAddress(uint DepartmentId, string Code, Uri Url);
