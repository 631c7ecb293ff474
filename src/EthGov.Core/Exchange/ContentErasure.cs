namespace EthGov.Core.Exchange;

/// <summary>When and why the content of a release was erased on the grantee's node, as its evidence file states it.</summary>
/// <param name="At">When the content was erased.</param>
/// <param name="Cause">Why: <c>holder</c> (the holder's erasure notice) or <c>grant-terms</c> (the grant's retention terms), or another cause the node names.</param>
public sealed record ContentErasure(DateTimeOffset At, string Cause);
