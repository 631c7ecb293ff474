namespace EthGov.Core.Exchange;

/// <summary>The signed node-to-node request as the grantee sent it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Authority">The holder node's authority (host and port) it went to.</param>
/// <param name="Path">The path it went to.</param>
/// <param name="Headers">The header fields the signature covers or carries, names lowercase.</param>
/// <param name="Body">The body (a <see cref="ReleaseRequest"/>: a kind query's person only sealed).</param>
public sealed record EvidenceRequest(string Method, string Authority, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
