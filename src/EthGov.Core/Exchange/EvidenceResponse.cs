using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// The holder's signed answer as the grantee received it: its status and the header fields its signature covers or
/// carries, and the SHA-256 of its body (the body itself holds the sealed content and is not kept).
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">content-digest, signature-input and signature.</param>
/// <param name="BodyDigest">SHA-256 of the body.</param>
public sealed record EvidenceResponse(int Status, IReadOnlyDictionary<string, string> Headers, Digest BodyDigest);
