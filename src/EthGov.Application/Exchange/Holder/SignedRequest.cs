using EthGov.Chain.Registry;

namespace EthGov.Application.Exchange.Holder;

/// <summary>A node request whose signature checked out: who signed it, and the block its key was read at.</summary>
/// <param name="Grantee">The signer's department.</param>
/// <param name="Block">The block the checks read the chain at.</param>
/// <param name="GranteeNode">The node entry the department publishes (its signing key checked the request).</param>
public sealed record SignedRequest(uint Grantee, ulong Block, DepartmentNode GranteeNode);
