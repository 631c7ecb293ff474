using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>One record in the sealed answer to a kind query (the answer is a JSON array of these).</summary>
/// <param name="Digest">The record's digest: SHA-256 of <paramref name="ContentBase64"/>'s bytes, checked by the grantee like a single release.</param>
/// <param name="MediaType">The record's media type.</param>
/// <param name="ContentBase64">The record's content, base64.</param>
public sealed record KindQueryItem(Digest Digest, string MediaType, string ContentBase64);
